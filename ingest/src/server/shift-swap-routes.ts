/**
 * Shift swaps:
 *   GET  /api/wfm/swaps/colleagues?date          (agent:desktop) my shift that day and the colleagues I may trade with (their shift that day, or off)
 *   POST /api/wfm/swaps {date, colleagueId, reason?}   (agent:desktop) propose trading my shift of that day with a colleague
 *   GET  /api/wfm/swaps/mine                     (agent:desktop) swaps I proposed and swaps asked of me
 *   POST /api/wfm/swaps/:id/answer {accept}      (agent:desktop, the colleague) accept (it goes to the planner) or decline
 *   POST /api/wfm/swaps/:id/cancel               (agent:desktop, who proposed it) withdraw it before the planner decides
 *   GET  /api/wfm/swaps?status                   (wfm:read) swaps of the caller's teams' agents; each pending one with what it does to the published week
 *   POST /api/wfm/swaps/:id/decision {approve, reason?}   (wfm:write) approve: the week is published again with the shifts traded; decline: with a reason
 * Every step is an audit row `wfm.swap`.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { parseInstant, ReportInputError, type Store } from '@agner/analytics'
import type { AuditLog } from '../access/store/audit-log.ts'
import { seesQueue } from '../access/principal.ts'
import { sayWfm, statusParams } from '../wfm/wfm-sentences.ts'
import { actorOf } from './auth/audit-actor.ts'
import { linkedAgentId } from './auth/linked-agent.ts'
import { PublishedSchedules, publish } from '../wfm/schedule-store.ts'
import { listSwaps, newSwap, saveSwap, tradeShifts, type ShiftSwap, type SwapStatus } from '../wfm/shift-swaps.ts'
import { weekStartIn } from '../wfm/week.ts'

export interface ShiftSwapRoutesOptions {
  store: Store; tenant: string; timeZone: string; audit: AuditLog
  agentName: (agentId: string) => string
  agentQueues: (agentId: string) => string[]
  now?: () => number
}

const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const

export const shiftSwapRoutes: FastifyPluginAsync<ShiftSwapRoutesOptions> = async (app, o) => {
  const { client } = o.store
  const now = o.now ?? Date.now
  const published = new PublishedSchedules(client, o.tenant)
  const desk = { access: { permission: 'agent:desktop' } } as const
  /** The published week and day of a date in the center's zone. */
  const weekOf = async (date: string) => {
    const at = parseInstant(`${date}T12:00`, o.timeZone, 'date')
    const week = await published.of(weekStartIn(at, o.timeZone))
    if (!week) throw new ReportInputError(sayWfm('swapWeekUnpublished', { date }))
    return { week, day: Math.floor((at - week.weekStart) / 86_400_000) }
  }
  const record = (req: FastifyRequest, s: ShiftSwap, op: string) => o.audit.record({ ...actorOf(req), action: 'wfm.swap', target: `swap ${s.id}`, ok: true, detail: { op, agent: s.agentId, colleague: s.colleagueId, date: s.dateText } })

  app.get('/api/wfm/swaps/colleagues', { schema: { querystring: { type: 'object', required: ['date'], additionalProperties: false, properties: { date: DATE } } }, config: desk }, async (req) => {
    const agentId = linkedAgentId(req)
    const { week, day } = await weekOf((req.query as { date: string }).date)
    const shiftOf = (id: string) => week.shifts.find((x) => x.agentId === id && x.day === day) ?? null
    return {
      mine: shiftOf(agentId),
      colleagues: week.agents.filter((a) => a.id !== agentId).map((a) => ({ id: a.id, name: a.name, shift: shiftOf(a.id) })),
    }
  })

  app.post('/api/wfm/swaps', {
    schema: { body: { type: 'object', required: ['date', 'colleagueId'], additionalProperties: false, properties: { date: DATE, colleagueId: { type: 'string', maxLength: 128 }, reason: { type: 'string', maxLength: 500 } } } },
    config: desk,
  }, async (req, reply) => {
    const agentId = linkedAgentId(req)
    const b = req.body as { date: string; colleagueId: string; reason?: string }
    const { week, day } = await weekOf(b.date)
    if (week.weekStart + day * 86_400_000 < now() - 86_400_000) throw new ReportInputError(sayWfm('swapDayOver'))
    if (!week.shifts.some((x) => x.agentId === agentId && x.day === day)) throw new ReportInputError(sayWfm('swapNoShift', { date: b.date }))
    const colleague = week.agents.find((a) => a.id === b.colleagueId)
    if (!colleague || colleague.id === agentId) throw new ReportInputError(sayWfm('swapColleague'))
    const s = newSwap({
      agentId, agentName: o.agentName(agentId), colleagueId: colleague.id, colleagueName: colleague.name, weekStart: week.weekStart, day, dateText: b.date,
      reason: (b.reason ?? '').trim(), createdMs: now(), publishedVersion: week.version,
    })
    await saveSwap(client, o.tenant, s)
    await record(req, s, 'propose')
    return reply.status(201).send(s)
  })

  app.get('/api/wfm/swaps/mine', { config: desk }, async (req) => ({ swaps: await listSwaps(client, o.tenant, { agentId: linkedAgentId(req) }) }))

  const one = async (id: string): Promise<ShiftSwap | undefined> => (await listSwaps(client, o.tenant, { id }))[0]

  app.post('/api/wfm/swaps/:id/answer', { schema: { params: ID, body: { type: 'object', required: ['accept'], additionalProperties: false, properties: { accept: { type: 'boolean' } } } }, config: desk }, async (req) => {
    const agentId = linkedAgentId(req)
    const s = await one((req.params as { id: string }).id)
    if (!s || s.colleagueId !== agentId) throw new ReportInputError(sayWfm('noSwapAskedOfYou'), 404)
    if (s.status !== 'awaiting_colleague') throw new ReportInputError(sayWfm('swapAnswered'), 409)
    const next: ShiftSwap = { ...s, status: (req.body as { accept: boolean }).accept ? 'pending' : 'colleague_declined', answeredMs: now() }
    await saveSwap(client, o.tenant, next)
    await record(req, next, next.status === 'pending' ? 'accept' : 'refuse')
    return next
  })

  app.post('/api/wfm/swaps/:id/cancel', { schema: { params: ID }, config: desk }, async (req) => {
    const agentId = linkedAgentId(req)
    const s = await one((req.params as { id: string }).id)
    if (!s || s.agentId !== agentId) throw new ReportInputError(sayWfm('noSwapOfYours'), 404)
    if (s.status !== 'awaiting_colleague' && s.status !== 'pending') throw new ReportInputError(sayWfm('swapNotWithdrawable', statusParams(s.status)), 409)
    const next: ShiftSwap = { ...s, status: 'canceled', decidedBy: req.principal!.name, decidedMs: now() }
    await saveSwap(client, o.tenant, next)
    await record(req, next, 'cancel')
    return next
  })

  app.get('/api/wfm/swaps', {
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['awaiting_colleague', 'colleague_declined', 'pending', 'approved', 'declined', 'canceled'] } } } },
    config: { access: { permission: 'wfm:read' } },
  }, async (req) => {
    const p = req.principal!
    const status = (req.query as { status?: SwapStatus }).status
    const visible = (await listSwaps(client, o.tenant, status ? { status } : {}))
      .filter((s) => p.queues === 'all' || [...o.agentQueues(s.agentId), ...o.agentQueues(s.colleagueId)].some((q) => seesQueue(p.queues, q)))
    const swaps = await Promise.all(visible.map(async (s) => {
      if (s.status !== 'pending') return { ...s, impact: null }
      const week = await published.of(s.weekStart)
      if (!week) return { ...s, impact: null }
      const t = tradeShifts(week, s.agentId, s.colleagueId, s.day)
      return { ...s, impact: { agentShift: t.agentShift, colleagueShift: t.colleagueShift, underHoursBefore: t.underHoursBefore, underHoursAfter: t.underHoursAfter, violations: t.violations } }
    }))
    return { swaps }
  })

  app.post('/api/wfm/swaps/:id/decision', {
    schema: { params: ID, body: { type: 'object', required: ['approve'], additionalProperties: false, properties: { approve: { type: 'boolean' }, reason: { type: 'string', maxLength: 500 } } } },
    config: { access: { permission: 'wfm:write' } },
  }, async (req) => {
    const b = req.body as { approve: boolean; reason?: string }
    const s = await one((req.params as { id: string }).id)
    if (!s) throw new ReportInputError(sayWfm('noSwap'), 404)
    if (s.status !== 'pending') throw new ReportInputError(s.status === 'awaiting_colleague' ? sayWfm('swapAwaitingColleague') : sayWfm('swapDecided', statusParams(s.status)), 409)
    if (!b.approve && !(b.reason ?? '').trim()) throw new ReportInputError(sayWfm('swapDeclineReason'))
    let version = s.publishedVersion
    if (b.approve) {
      const week = await published.of(s.weekStart)
      if (!week) throw new ReportInputError(sayWfm('swapWeekGone'))
      const t = tradeShifts(week, s.agentId, s.colleagueId, s.day)
      // The others' rule breaks as they were, the two agents' as they now are.
      const violations = [...week.violations.filter((v) => v.agentId !== s.agentId && v.agentId !== s.colleagueId), ...t.ruleBreaks]
      const next = await publish(client, o.tenant, { ...week, shifts: t.shifts, coverage: t.coverage, violations }, req.principal!.name)
      version = next.version
    }
    const next: ShiftSwap = { ...s, status: b.approve ? 'approved' : 'declined', decidedBy: req.principal!.name, decidedMs: now(), decisionReason: (b.reason ?? '').trim(), publishedVersion: version }
    await saveSwap(client, o.tenant, next)
    await record(req, next, b.approve ? 'approve' : 'decline')
    return next
  })
}

