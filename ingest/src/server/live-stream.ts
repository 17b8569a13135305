/**
 * One live WebSocket: the scoped snapshot on connect, then scoped deltas. Every socket with the
 * same scope gets the same text for a delta, so each (delta, scope) is serialized once.
 */
import type { CenterCodes } from '@agner/events'
import type { WebSocket } from 'ws'
import { scopeKey, type Principal, type QueueScope } from '../access/principal.ts'
import type { LiveDelta, LiveEngine } from '../live/engine.ts'
import type { LiveFeed } from '../live/feed.ts'
import { isEmptyView, scopedView } from '../live/scope.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'

const MAX_BUFFERED = 8 * 1_048_576

let cachedDelta: LiveDelta | undefined
const cachedTexts = new Map<string, string | null>()

function deltaText(delta: LiveDelta, scope: QueueScope): string | null {
  if (delta !== cachedDelta) { cachedDelta = delta; cachedTexts.clear() }
  const key = scopeKey(scope)
  let text = cachedTexts.get(key)
  if (text === undefined) {
    const view = scopedView(delta, scope)
    text = isEmptyView(view) ? null : JSON.stringify({ type: 'update', ...view })
    cachedTexts.set(key, text)
  }
  return text
}

export function streamLive(
  socket: WebSocket, principal: Principal, scope: QueueScope,
  deps: { engine: LiveEngine; feed: LiveFeed; sockets: SocketRegistry; codes?: CenterCodes }, extra: Record<string, unknown> = {},
): void {
  deps.sockets.track(socket, principal)
  // The center's code names ride on the snapshot: a wallboard says "Lunch"/"午餐", not "lunch".
  socket.send(JSON.stringify({ type: 'snapshot', ...extra, codes: deps.codes ?? {}, ...scopedView(deps.engine.snapshot(Date.now()), scope) }))
  const unsubscribe = deps.feed.subscribe((delta) => {
    // A client that cannot keep up is dropped rather than buffered without bound; it reconnects
    // and resumes from a fresh snapshot.
    if (socket.bufferedAmount > MAX_BUFFERED) { socket.close(1013, 'too slow; reconnect for a fresh snapshot'); return }
    const text = deltaText(delta, scope)
    if (text !== null) socket.send(text)
  })
  socket.on('close', unsubscribe)
  socket.on('error', unsubscribe)
}
