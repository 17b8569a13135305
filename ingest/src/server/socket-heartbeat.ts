/**
 * Pings a WebSocket every `everyMs`; a peer that has not answered the previous ping is cut off, so
 * a browser that vanished without closing (a dropped network) is noticed within two periods.
 */
import type { WebSocket } from 'ws'

export function heartbeat(socket: WebSocket, everyMs: number): () => void {
  let alive = true
  socket.on('pong', () => { alive = true })
  const timer = setInterval(() => {
    if (!alive) { socket.terminate(); return }
    alive = false
    try { socket.ping() } catch { /* closing already */ }
  }, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
