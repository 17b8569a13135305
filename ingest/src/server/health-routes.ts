/** GET /healthz (the process is up) and GET /readyz (bus and store reachable; PBX sources listed with their state). */
import { NO_INPUT } from './schemas.ts'
import type { FastifyPluginAsync } from 'fastify'
import type { Bus } from '@agner/events'
import type { Store } from '@agner/analytics'
import type { StoreHealth } from '../store-health.ts'
import type { SourcesService } from '../sources/sources-service.ts'

export interface HealthOptions { bus: Bus; store: Store; storeHealth?: StoreHealth; sources?: Pick<SourcesService, 'readiness'> }

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { bus, store, storeHealth, sources }) => {
  app.get('/healthz', { schema: NO_INPUT, config: { access: 'public' } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: NO_INPUT, config: { access: 'public' } }, async (_req, reply) => {
    const [busOk, reachable] = await Promise.all([bus.ping(), store.ping()])
    // Reachable but refusing writes (a full disk) is not ready either, and says why.
    const refusal = storeHealth?.refusal()
    const storeOk = reachable && !refusal
    const body = {
      status: busOk && storeOk ? 'ready' : 'not ready', bus: { kind: bus.kind, ok: busOk },
      store: { kind: store.kind, ok: storeOk, ...(refusal ? { error: refusal.error } : {}) },
      // PBX sources are listed with their state; one that is down does not make Agner unready.
      ...(sources ? { sources: sources.readiness() } : {}),
    }
    return reply.status(busOk && storeOk ? 200 : 503).send(body)
  })
}
