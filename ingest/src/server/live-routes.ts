/** GET /api/live (snapshot) and WS /ws/live (snapshot on connect, then deltas). */
import { NO_INPUT } from './schemas.ts'
import type { FastifyPluginAsync } from 'fastify'
import type { LiveEngine } from '../live/engine.ts'
import type { LiveFeed } from '../live/feed.ts'

export interface LiveRoutesOptions { engine: LiveEngine; feed: LiveFeed }

export const liveRoutes: FastifyPluginAsync<LiveRoutesOptions> = async (app, { engine, feed }) => {
  app.get('/api/live', { schema: NO_INPUT }, async () => engine.snapshot(Date.now()))

  app.get('/ws/live', { websocket: true, schema: NO_INPUT }, (socket) => {
    socket.send(JSON.stringify({ type: 'snapshot', ...engine.snapshot(Date.now()) }))
    const unsubscribe = feed.subscribe((delta) => {
      // A client that cannot keep up is dropped rather than buffered without bound; it reconnects
      // and resumes from a fresh snapshot.
      if (socket.bufferedAmount > 8 * 1_048_576) { socket.close(1013, 'too slow; reconnect for a fresh snapshot'); return }
      socket.send(frameText(delta))
    })
    socket.on('close', unsubscribe)
    socket.on('error', unsubscribe)
  })
}

// Every client gets the same delta object: serialize it once.
let lastDelta: object | undefined
let lastText = ''
function frameText(delta: object): string {
  if (delta !== lastDelta) { lastDelta = delta; lastText = JSON.stringify({ type: 'update', ...delta }) }
  return lastText
}
