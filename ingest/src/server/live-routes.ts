/** GET /api/live (snapshot) and WS /ws/live (snapshot on connect, then deltas), each scoped to the caller's queues. */
import type { CenterCodes } from '@agner/events'
import { NO_INPUT } from './schemas.ts'
import type { FastifyPluginAsync } from 'fastify'
import type { LiveEngine } from '../live/engine.ts'
import type { LiveFeed } from '../live/feed.ts'
import { scopedView } from '../live/scope.ts'
import { streamLive } from './live-stream.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'

export interface LiveRoutesOptions { engine: LiveEngine; feed: LiveFeed; sockets: SocketRegistry; codes?: CenterCodes }

export const liveRoutes: FastifyPluginAsync<LiveRoutesOptions> = async (app, { engine, feed, sockets, codes }) => {
  const access = { permission: 'live:read' } as const
  app.get('/api/live', { schema: NO_INPUT, config: { access } }, async (req) => scopedView(engine.snapshot(Date.now()), req.principal!.queues))

  app.get('/ws/live', { websocket: true, schema: NO_INPUT, config: { access } }, (socket, req) => {
    streamLive(socket, req.principal!, req.principal!.queues, { engine, feed, sockets, codes })
  })
}

