/**
 * Time-off requests:
 *   POST /api/wfm/time-off {from, to, reason?}       (agent:desktop) ask for time off: dates or date-times in the center's zone, `to` exclusive; partial days too
 *   GET  /api/wfm/time-off/mine                       (agent:desktop) my requests and what became of them
 *   POST /api/wfm/time-off/:id/cancel                 (agent:desktop) withdraw my pending request
 *   GET  /api/wfm/time-off?status                     (wfm:read) requests of the caller's teams' agents, each pending one with what it would cost the published week
 *   POST /api/wfm/time-off/:id/decision {approve, reason?}   (wfm:write) approve (it becomes the agent's leave) or decline (a reason is required)
 * Every request and decision is in the audit trail (`wfm.time-off`).
 */
import type { FastifyPluginAsync } from 'fastify'
import { ReportInputError, type Store } from '@agner/analytics'
import type { AuditLog } from '../access/store/audit-log.ts'
import { seesQueue } from '../access/principal.ts'
import { actorOf } from './auth/audit-actor.ts'
import { leaveSpan } from '../wfm/leave.ts'
import { getRules, PublishedSchedules, saveRules } from '../wfm/schedule-store.ts'
import { defaultRules } from '../wfm/schedule-input.ts'
import type { WfmRules } from '../wfm/schedule-types.ts'
import { listRequests, newRequest, saveRequest, timeOffImpact, withLeave, type RequestStatus } from '../wfm/time-off-requests.ts'
import { weekStartIn } from '../wfm/week.ts'
import { linkedAgentId } from './auth/linked-agent.ts'
import { sayWfm, statusParams } from '../wfm/wfm-sentences.ts'

export interface TimeOffRoutesOptions {
  store: Store; tenant: string; timeZone: string; audit: AuditLog
  agentName: (agentId: string) => string
  /** The queues an agent serves (a supervisor sees their teams' agents' requests). */
  agentQueues: (agentId: string) => string[]
  defaults?: Partial<WfmRules>
  now?: () => number
}

const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const
const MAX_DAYS_AHEAD = 400

export const timeOffRoutes: FastifyPluginAsync<TimeOffRoutesOptions> = async (app, o) => {
  const { client } = o.store
  const now = o.now ?? Date.now
  const published = new PublishedSchedules(client, o.tenant)
  const desk = { access: { permission: 'agent:desktop' } } as const

  app.post('/api/wfm/time-off', {
    schema: { body: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'string', maxLength: 20 }, to: { type: 'string', maxLength: 20 }, reason: { type: 'string', maxLength: 500 } } } },
    config: desk,
  }, async (req, reply) => {
    const agentId = linkedAgentId(req)
    const b = req.body as { from: string; to: string; reason?: string }
    const span = leaveSpan({ from: b.from, to: b.to }, o.timeZone, 'time off')
    if (span.to <= now()) throw new ReportInputError(sayWfm('timeOffOver'))
    if (span.from > now() + MAX_DAYS_AHEAD * 86_400_000) throw new ReportInputError(sayWfm('timeOffTooFar', { days: MAX_DAYS_AHEAD }))
    const r = newRequest({ agentId, agentName: o.agentName(agentId), fromText: b.from, toText: b.to, fromMs: span.from, toMs: span.to, reason: (b.reason ?? '').trim(), now: now() })
    await saveRequest(client, o.tenant, r)
    await o.audit.record({ ...actorOf(req), action: 'wfm.time-off', target: `request ${r.id}`, ok: true, detail: { op: 'ask', from: b.from, to: b.to } })
    return reply.status(201).send(r)
  })

  app.get('/api/wfm/time-off/mine', { config: desk }, async (req) => {
    const agentId = req.principal!.agentId
    return { requests: agentId ? await listRequests(client, o.tenant, { agentId }) : [] }
  })

  app.post('/api/wfm/time-off/:id/cancel', { schema: { params: ID }, config: desk }, async (req) => {
    const [r] = await listRequests(client, o.tenant, { id: (req.params as { id: string }).id, ...(req.principal!.agentId ? { agentId: req.principal!.agentId } : { agentId: '\u0000' }) })
    if (!r) throw new ReportInputError(sayWfm('noRequestOfYours'), 404)
    if (r.status !== 'pending') throw new ReportInputError(sayWfm('requestNotPending', statusParams(r.status)), 409)
    const next = { ...r, status: 'canceled' as const, decidedBy: req.principal!.name, decidedMs: now() }
    await saveRequest(client, o.tenant, next)
    await o.audit.record({ ...actorOf(req), action: 'wfm.time-off', target: `request ${r.id}`, ok: true, detail: { op: 'cancel' } })
    return next
  })

  app.get('/api/wfm/time-off', {
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['pending', 'approved', 'declined', 'canceled'] } } } },
    config: { access: { permission: 'wfm:read' } },
  }, async (req) => {
    const p = req.principal!
    const status = (req.query as { status?: RequestStatus }).status
    const mine = (await listRequests(client, o.tenant, status ? { status } : {})).filter((r) => p.queues === 'all' || o.agentQueues(r.agentId).some((q) => seesQueue(p.queues, q)))
    const requests = await Promise.all(mine.map(async (r) => {
      if (r.status !== 'pending') return { ...r, impact: null }
      const week = await published.of(weekStartIn(r.fromMs, o.timeZone))
      return { ...r, impact: week ? timeOffImpact(week, r.agentId, r.fromMs, r.toMs) : null }
    }))
    return { requests }
  })

  app.post('/api/wfm/time-off/:id/decision', {
    schema: { params: ID, body: { type: 'object', required: ['approve'], additionalProperties: false, properties: { approve: { type: 'boolean' }, reason: { type: 'string', maxLength: 500 } } } },
    config: { access: { permission: 'wfm:write' } },
  }, async (req) => {
    const b = req.body as { approve: boolean; reason?: string }
    const [r] = await listRequests(client, o.tenant, { id: (req.params as { id: string }).id })
    if (!r) throw new ReportInputError(sayWfm('noRequest'), 404)
    if (r.status !== 'pending') throw new ReportInputError(sayWfm('requestDecided', statusParams(r.status)), 409)
    if (!b.approve && !(b.reason ?? '').trim()) throw new ReportInputError(sayWfm('declineReason'))
    if (b.approve) {
      const rules = (await getRules(client, o.tenant)) ?? { ...defaultRules(), ...o.defaults }
      await saveRules(client, o.tenant, withLeave(rules, r, rules.defaultContractId), req.principal!.name)
    }
    const next = { ...r, status: (b.approve ? 'approved' : 'declined') as RequestStatus, decidedBy: req.principal!.name, decidedMs: now(), decisionReason: (b.reason ?? '').trim() }
    await saveRequest(client, o.tenant, next)
    await o.audit.record({ ...actorOf(req), action: 'wfm.time-off', target: `request ${r.id}`, ok: true, detail: { op: b.approve ? 'approve' : 'decline', agent: r.agentId, from: r.fromText, to: r.toText, reason: next.decisionReason } })
    return next
  })
}
