/**
 * What the agent desk reads besides its socket:
 *   GET /api/agent/desk                      who I am, the center's aux and disposition codes (both
 *                                            languages), my queues with their wrap-up limits and who
 *                                            is waiting, the agents I can transfer to, ICE servers
 *   GET /api/agent/today                     handled, AHT and ready time today; my queues' waiting
 *   GET /api/agent/contacts/:contactId/pop   screen pop: the caller's number (masked without `pii`),
 *                                            the form, IVR path and keys, queue and wait, previous contacts
 */
import type { FastifyPluginAsync } from 'fastify'
import { agentPerformance, customerHistory, phoneFor, type Store } from '@agner/analytics'
import type { CenterCodes } from '@agner/events'
import type { IceServer, RealtimeAcd } from '@agner/telephony'
import { can } from '../access/principal.ts'
import type { LiveEngine } from '../live/engine.ts'
import type { CenterCatalog } from '../reports/catalog.ts'
import type { CallDirector } from '../desk/call-director.ts'

export interface DeskRoutesOptions {
  acd: RealtimeAcd
  engine: LiveEngine
  store: Store
  tenant: string
  timeZone: string
  catalog: CenterCatalog
  codes?: CenterCodes
  iceServers: IceServer[]
  director?: CallDirector
  /** Agents who live on a PBX: their voice stays on their phones. */
  onPbx?: (agentId: string) => boolean
}

const DAY = 86_400_000

/** A call a PBX reported to this agent (now or in the last hour), as the screen pop needs it. */
async function pbxContact(o: DeskRoutesOptions, agentId: string, contactId: string) {
  const rs = await o.store.client.query({
    query: `SELECT any(interaction_id) AS interactionId, anyIf(queue_id, queue_id != '') AS queueId, anyIf(JSONExtractString(data, 'ani'), type = 'contact.created') AS ani,
              minIf(time_ms, type = 'contact.queued') AS queuedAt, minIf(time_ms, type = 'contact.connected') AS connectedAt, countIf(agent_id = {agentId:String}) AS mine
            FROM events WHERE tenant = {tenant:String} AND contact_id = {contactId:String} AND time_ms >= {since:Int64}`,
    format: 'JSONEachRow', query_params: { tenant: o.tenant, agentId, contactId, since: Date.now() - DAY },
  })
  const r = (await rs.json<{ interactionId: string; queueId: string; ani: string; queuedAt: string | number; connectedAt: string | number; mine: string | number }>())[0]
  if (!r || Number(r.mine) === 0) return undefined
  return { id: contactId, interactionId: r.interactionId || contactId, channel: 'voice' as const, queueId: r.queueId || undefined, ani: r.ani || undefined, queuedAt: Number(r.queuedAt) || 0, connectedAt: Number(r.connectedAt) || 0 }
}
const desk = { access: { permission: 'agent:desktop' as const } }

export const deskRoutes: FastifyPluginAsync<DeskRoutesOptions> = async (app, o) => {
  const me = (agentId: string | undefined): string => {
    if (!agentId) throw Object.assign(new Error('Your account is not linked to an agent; ask an admin to set your agent ID.'), { statusCode: 409 })
    return agentId
  }
  const list = (kind: 'aux' | 'disposition') => Object.entries(o.codes?.[kind] ?? {}).map(([code, name]) => ({ code, name }))

  app.get('/api/agent/desk', { config: desk }, async (req) => {
    const agentId = me(req.principal!.agentId)
    const onPbx = o.onPbx?.(agentId) ?? false
    return o.acd.run((engine) => {
      const mine = engine.findAgent(agentId)
      const queues = mine ? mine.queues.map((q) => ({ id: q.cfg.id, name: q.cfg.name ?? q.cfg.id, channel: q.cfg.channel, wrapUpLimitMs: q.cfg.wrapUpLimitMs ?? null })) : o.engine.agentQueuesOf(agentId).map((id) => ({ id, name: id, channel: 'voice', wrapUpLimitMs: null }))
      const directory = engine.agentList().filter((a) => a.id !== agentId && a.status !== 'offline')
        .map((a) => ({ agentId: a.id, name: a.name, status: a.status, activity: a.activity, ready: a.status === 'available' && !a.offer && a.activity === 'idle' }))
      return {
        agentId, name: mine?.name ?? o.engine.agentName(agentId), onPbx, embedded: !!mine,
        auxReasons: list('aux'), dispositions: list('disposition'), queues,
        transferQueues: engine.queueIds().map((id) => ({ id, name: engine.queueOf(id).cfg.name ?? id, channel: engine.queueOf(id).cfg.channel })),
        directory, iceServers: o.iceServers,
      }
    })
  })

  app.get('/api/agent/today', { config: desk }, async (req) => {
    const agentId = me(req.principal!.agentId)
    const now = Date.now()
    const from = o.engine.currentDayStart
    const r = await agentPerformance({
      client: o.store.client, tenant: o.tenant, timeZone: o.timeZone, locale: 'en', pii: false, now,
      queue: (id) => o.catalog.queue(id), agentName: (id) => o.catalog.agentName(id),
    }, { from, to: now + 60_000, interval: 'day', queues: [], teams: [], agents: [agentId], channels: [] })
    const row = r.sections[0]!.rows.find((x) => x.agentId === agentId)
    const snapshot = o.engine.snapshot(now)
    const queues = new Set(o.engine.agentQueuesOf(agentId))
    return {
      dayStart: from, handled: Number(row?.handled ?? 0), ahtMs: (row?.aht as number | null) ?? null, readyMs: Number(row?.ready ?? 0),
      queues: snapshot.queues.filter((q) => queues.has(q.queueId)).map((q) => ({ queueId: q.queueId, name: q.name, waiting: q.waiting, oldestWaitingSince: q.oldestWaitingSince })),
      serverTime: now,
    }
  })

  app.get('/api/agent/contacts/:contactId/pop', {
    schema: { params: { type: 'object', required: ['contactId'], properties: { contactId: { type: 'string', pattern: '^[0-9A-Za-z_.:@-]{1,128}$' } } } },
    config: desk,
  }, async (req, reply) => {
    const agentId = me(req.principal!.agentId)
    const { contactId } = req.params as { contactId: string }
    const acdContact = await o.acd.run((engine) => engine.peekContact(contactId))
    const c = acdContact && (acdContact.agentId === agentId || acdContact.offer?.agentId === agentId || acdContact.consultOf?.agentId === agentId) ? acdContact
      : o.onPbx?.(agentId) ? await pbxContact(o, agentId, contactId) : undefined
    if (!c) return reply.status(404).send({ error: `Contact ${contactId} is not yours now; it may have ended.` })
    const pii = can(req.principal!, 'pii')
    const session = o.director?.sessionOf(contactId)
    // The journey so far, from the store: IVR steps, the queue visit, earlier segments.
    const rs = await o.store.client.query({
      query: `SELECT type, time_ms AS time, queue_id AS queueId, data FROM events WHERE tenant = {tenant:String} AND interaction_id = {interactionId:String} AND time_ms >= {since:Int64} ORDER BY time_ms, id LIMIT 500`,
      format: 'JSONEachRow', query_params: { tenant: o.tenant, interactionId: c.interactionId, since: Date.now() - DAY },
    })
    const journey = await rs.json<{ type: string; time: string | number; queueId: string; data: string }>()
    const ivr = journey.filter((e) => e.type === 'contact.ivr_step').map((e) => { const d = JSON.parse(e.data) as { node: string; input?: string }; return { node: d.node, input: d.input ?? null, time: Number(e.time) } })
    const queued = journey.find((e) => e.type === 'contact.queued')
    const ani = c.ani ?? ''
    const previous = ani ? await customerHistory(o.store.client, { tenant: o.tenant, ani, since: Date.now() - 365 * DAY, exceptInteraction: c.interactionId, limit: 10 }) : []
    return {
      contactId, interactionId: c.interactionId, channel: c.channel, queueId: c.queueId ?? null, queueName: c.queueId ? o.catalog.queue(c.queueId).name : null,
      ani: ani ? phoneFor(ani, pii) : null, masked: !pii, form: session ? { name: session.form.name ?? null, topic: session.form.topic ?? null } : null,
      ivr, queuedAt: queued ? Number(queued.time) : null, waitMs: c.connectedAt && c.queuedAt ? Math.max(0, c.connectedAt - c.queuedAt) : Math.max(0, Date.now() - c.queuedAt),
      previous: previous.map((p) => ({ ...p, agentName: p.agentId ? o.catalog.agentName(p.agentId) : '' })),
    }
  })
}
