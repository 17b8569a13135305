/** GET /healthz (the process is up) and GET /readyz (bus and store reachable). */
import { NO_INPUT } from './schemas.ts'
import type { FastifyPluginAsync } from 'fastify'
import type { Bus } from '@agner/events'
import type { Store } from '@agner/analytics'

export interface HealthOptions { bus: Bus; store: Store }

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { bus, store }) => {
  app.get('/healthz', { schema: NO_INPUT, config: { access: 'public' } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: NO_INPUT, config: { access: 'public' } }, async (_req, reply) => {
    const [busOk, storeOk] = await Promise.all([bus.ping(), store.ping()])
    const body = { status: busOk && storeOk ? 'ready' : 'not ready', bus: { kind: bus.kind, ok: busOk }, store: { kind: store.kind, ok: storeOk } }
    return reply.status(busOk && storeOk ? 200 : 503).send(body)
  })
}
