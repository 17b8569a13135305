/**
 * buildApp(): the Fastify application with every route, given its collaborators. No listening,
 * no process concerns (those live in server.ts), so tests build it and inject requests.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import websocket from '@fastify/websocket'
import type { Bus } from '@agner/events'
import type { Store } from '@agner/analytics'
import type { LiveEngine } from '../live/engine.ts'
import type { LiveFeed } from '../live/feed.ts'
import { installErrorHandler } from './errors.ts'
import { eventsRoute } from './events-route.ts'
import { healthRoutes } from './health-routes.ts'
import { liveRoutes } from './live-routes.ts'
import { webStatic } from './web-static.ts'

export interface AppDeps {
  bus: Bus
  store: Store
  engine: LiveEngine
  feed: LiveFeed
  tenant: string
  maxBodyBytes: number
  webRoot?: string
  logLevel?: string
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logLevel === 'silent' || !deps.logLevel ? false : { level: deps.logLevel },
    bodyLimit: deps.maxBodyBytes,
    // One log line per request would drown the log at event rates; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  })
  installErrorHandler(app, deps.maxBodyBytes)
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } })
  await app.register(healthRoutes, { bus: deps.bus, store: deps.store })
  await app.register(eventsRoute, { bus: deps.bus, tenant: deps.tenant, maxBodyBytes: deps.maxBodyBytes })
  await app.register(liveRoutes, { engine: deps.engine, feed: deps.feed })
  if (deps.webRoot) await app.register(webStatic, { root: deps.webRoot })
  return app
}
