/**
 * GET /api/contacts: recent contacts in the caller's queues, callers' numbers masked unless the
 * caller holds `pii`. GET /api/queues: the queues the caller may see, for pickers.
 */
import type { FastifyPluginAsync } from 'fastify'
import { phoneFor, recentContacts, type Store } from '@agner/analytics'
import { can, seesQueue } from '../access/principal.ts'
import type { LiveEngine } from '../live/engine.ts'

export interface ContactsRoutesOptions { store: Store; tenant: string; engine: LiveEngine }

const DAY = 86_400_000

export const contactsRoutes: FastifyPluginAsync<ContactsRoutesOptions> = async (app, { store, tenant, engine }) => {
  app.get('/api/contacts', {
    schema: { querystring: { type: 'object', additionalProperties: false, properties: {
      from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 }, queueId: { type: 'string', maxLength: 128 },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    } } },
    config: { access: { permission: 'contacts:read' } },
  }, async (req, reply) => {
    const p = req.principal!
    const q = req.query as { from?: number; to?: number; queueId?: string; limit: number }
    const to = q.to ?? Date.now() + 60_000
    const from = q.from ?? to - DAY
    if (from >= to) return reply.status(400).send({ error: '"from" must be before "to"; both are Unix times in milliseconds.' })
    if (to - from > 31 * DAY) return reply.status(400).send({ error: 'Ask for at most 31 days of contacts at once; use reports for longer periods.' })
    if (q.queueId && !seesQueue(p.queues, q.queueId)) return reply.status(403).send({ error: 'That queue is outside your teams; ask an admin.' })
    const queues = q.queueId ? [q.queueId] : p.queues === 'all' ? undefined : [...p.queues]
    const rows = await recentContacts(store.client, { tenant, from, to, queues, limit: q.limit })
    const pii = can(p, 'pii')
    return { contacts: rows.map((r) => ({ ...r, ani: phoneFor(r.ani, pii), dnis: r.dnis })), masked: !pii }
  })

  app.get('/api/queues', { config: { access: { permission: 'live:read' } } }, async (req) => ({
    queues: engine.queueList().filter((q) => seesQueue(req.principal!.queues, q.id)),
  }))
}
