/**
 * WFM schedules over HTTP. Planners: the rules (templates, contracts, agents' rules, adherence
 * matrix), generating a week, editing a draft with rule checks, publishing versions, proving a
 * schedule by simulation. Supervisors: the live adherence view and historical adherence. Agents:
 * their own published schedule.
 */
import type { FastifyPluginAsync } from 'fastify'
import { ReportInputError, type Store } from '@agner/analytics'
import { checkScheduleInput, say, WfmInputError } from '@agner/wfm'
import { sentenceBody } from './errors.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import { actorOf } from './auth/audit-actor.ts'
import type { LiveEngine } from '../live/engine.ts'
import type { CenterCatalog } from '../reports/catalog.ts'
import { adherenceReport } from '../wfm/adherence-report.ts'
import { rtaRows } from '../wfm/rta.ts'
import { withAuxReasons } from '@agner/wfm'
import { applyEdit, type ShiftEdit } from '../wfm/schedule-edit.ts'
import { defaultRules } from '../wfm/schedule-input.ts'
import { leaveSpan } from '../wfm/leave.ts'
import { getRules, getSchedule, listSchedules, publish, PublishedSchedules, saveRules, saveSchedule } from '../wfm/schedule-store.ts'
import type { StoredSchedule, WfmRules } from '../wfm/schedule-types.ts'
import { parseWeek, weekStartIn } from '../wfm/week.ts'
import { generateSchedule, simulate } from '../wfm/generate.ts'
import { scheduleExportRoutes } from './schedule-export-routes.ts'
import { linkedAgentId } from './auth/linked-agent.ts'
import { inputRefusal, sayWfm } from '../wfm/wfm-sentences.ts'

export interface ScheduleRoutesOptions {
  store: Store; tenant: string; timeZone: string; catalog: CenterCatalog; audit: AuditLog; engine: LiveEngine
  /** The center's not-ready reasons as configured now (productive ones are neutral during work). */
  auxReasons?: () => ReadonlyArray<{ code: string; productive?: boolean }>
  /** Rules for a center that has saved none (the demo center's concurrency). */
  defaults?: Partial<WfmRules>
  now?: () => number
}

/** Contacts an agent takes at once per queue, from the ACD's queues and agents (the largest capacity for the queue's channel). */
export function acdConcurrency(acd: { engine: { queueOf(id: string): { cfg: { channel: string }; agents: Array<{ capacity: Record<string, number> }> } } }, queues: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const id of queues) {
    try {
      const q = acd.engine.queueOf(id)
      const most = Math.max(1, ...q.agents.map((a) => a.capacity[q.cfg.channel] ?? 1))
      if (most > 1) out[id] = most
    } catch { /* a queue only seen in events: one at a time */ }
  }
  return out
}

const ID = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } }
const WEEK_QUERY = { type: 'object', additionalProperties: false, properties: { week: { type: 'string', maxLength: 10 } } }
const SPAN = { type: 'object', additionalProperties: false, required: ['kind', 'startMin', 'endMin'], properties: { kind: { type: 'string', enum: ['break', 'lunch'] }, startMin: { type: 'integer' }, endMin: { type: 'integer' } } }

export const scheduleRoutes: FastifyPluginAsync<ScheduleRoutesOptions> = async (app, o) => {
  const { store, tenant, timeZone, catalog, audit, engine } = o
  const now = o.now ?? Date.now
  const client = store.client
  const rulesNow = async (): Promise<WfmRules> => (await getRules(client, tenant)) ?? { ...defaultRules(), ...o.defaults }
  /** The adherence rules with the center's productive not-ready reasons (Center → Codes). */
  const adherenceRules = async () => withAuxReasons((await rulesNow()).adherence, o.auxReasons?.() ?? [])
  const weekOf = (text: string | undefined): number => {
    if (!text) return weekStartIn(now(), timeZone)
    const w = parseWeek(text, timeZone)
    if (w === null) throw new ReportInputError(sayWfm('notMonday', { text: text.slice(0, 12) }))
    return w
  }
  const load = async (id: string): Promise<StoredSchedule> => {
    const s = await getSchedule(client, tenant, id)
    if (!s) throw new ReportInputError(sayWfm('noSchedule'), 404)
    return s
  }
  const published = new PublishedSchedules(client, tenant)
  const read = { access: { permission: 'wfm:read' as const } }
  const write = { access: { permission: 'wfm:write' as const } }

  app.get('/api/wfm/rules', { config: read }, async () => rulesNow())

  app.put('/api/wfm/rules', { schema: { body: { type: 'object', required: ['templates', 'contracts', 'defaultContractId', 'agents', 'adherence'] } }, config: write }, async (req) => {
    const rules = { ...defaultRules(), ...(req.body as WfmRules) }
    if (!rules.contracts.some((c) => c.id === rules.defaultContractId)) throw new ReportInputError(`defaultContractId "${rules.defaultContractId}" names no contract.`)
    if (!Array.isArray(rules.agents)) throw new ReportInputError('"agents" must be a list of agents\' rules.')
    rules.agents.forEach((a, i) => {
      if (a.leave !== undefined && !Array.isArray(a.leave)) throw new ReportInputError(`agents[${i}].leave must be a list of { "from", "to" } dates.`)
      a.leave?.forEach((l, k) => leaveSpan(l, timeZone, `agents[${i}].leave[${k}]`))
    })
    try {
      // The same checks a schedule gets, on an empty week.
      checkScheduleInput({
        weekStart: 0, intervalMin: 15, requirements: [{ skill: 'x', agents: new Array(672).fill(0) }], templates: rules.templates, contracts: rules.contracts,
        agents: rules.agents.map((a) => ({ id: a.agentId, name: a.agentId, skills: [], contractId: a.contractId, ...(a.availability ? { availability: a.availability } : {}), ...(a.timeOff ? { timeOff: a.timeOff } : {}) })),
      })
    } catch (err) {
      // Said in the planner's language too (code and values beside the English).
      if (err instanceof WfmInputError) throw inputRefusal(err)
      throw err
    }
    await saveRules(client, tenant, rules, req.principal!.name)
    await audit.record({ ...actorOf(req), action: 'wfm.rules.change', target: 'wfm-rules', ok: true, detail: { agents: rules.agents.length } })
    return rules
  })

  let generating = false
  app.post('/api/wfm/schedules', {
    schema: { body: { type: 'object', additionalProperties: false, required: ['week'], properties: { week: { type: 'string', maxLength: 10 }, timeLimitSec: { type: 'number', minimum: 1, maximum: 300, default: 20 } } } },
    config: write,
  }, async (req, reply) => {
    const body = req.body as { week: string; timeLimitSec: number }
    const weekStart = weekOf(body.week)
    if (generating) throw new ReportInputError(sayWfm('generating'), 409)
    generating = true
    try {
      const stored = await generateSchedule({ store, tenant, timeZone, catalog, rules: await rulesNow(), weekStart, now: now(), timeLimitSec: body.timeLimitSec, by: req.principal!.name })
      await saveSchedule(client, tenant, stored)
      await audit.record({ ...actorOf(req), action: 'wfm.schedule.generate', target: stored.id, ok: true, detail: { week: body.week, shifts: stored.shifts.length } })
      return reply.status(201).send(stored)
    } catch (err) {
      if (err instanceof WfmInputError) throw inputRefusal(err)
      throw err
    } finally {
      generating = false
    }
  })

  app.get('/api/wfm/schedules', { schema: { querystring: WEEK_QUERY }, config: read }, async (req) => {
    const { week } = req.query as { week?: string }
    return { schedules: await listSchedules(client, tenant, week ? weekOf(week) : undefined) }
  })

  app.get('/api/wfm/schedules/:id', { schema: { params: ID }, config: read }, async (req) => load((req.params as { id: string }).id))

  app.put('/api/wfm/schedules/:id/agents/:agentId/days/:day', {
    schema: {
      params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 }, agentId: { type: 'string', maxLength: 128 }, day: { type: 'integer', minimum: 0, maximum: 6 } } },
      body: {
        type: 'object', additionalProperties: false, required: ['shift'],
        properties: {
          shift: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: false, required: ['startMin', 'endMin', 'breaks'], properties: { startMin: { type: 'integer' }, endMin: { type: 'integer' }, templateId: { type: 'string', maxLength: 64 }, breaks: { type: 'array', maxItems: 8, items: SPAN } } }] },
          force: { type: 'boolean', default: false }, dryRun: { type: 'boolean', default: false },
        },
      },
    },
    config: write,
  }, async (req, reply) => {
    const { id, agentId, day } = req.params as { id: string; agentId: string; day: number }
    const { shift, force, dryRun } = req.body as { shift: ShiftEdit | null; force: boolean; dryRun: boolean }
    const s = await load(id)
    if (s.status !== 'draft') throw new ReportInputError(sayWfm('publishedFrozen'), 409)
    const result = applyEdit(s, agentId, day, shift)
    const blocking = result.violations.filter((v) => v.rule !== 'min-hours-per-week')
    if (dryRun) return { ...result.coverage.totals, intervals: result.coverage.intervals, violations: result.violations, saved: false }
    if (blocking.length && !force) {
      const rule = sayWfm('editBreaksRule', { rule: blocking[0]!.message, ruleZh: say(blocking[0]!, 'zh-CN') })
      return reply.status(422).send({ ...sentenceBody(req, rule), violations: result.violations })
    }
    const next: StoredSchedule = {
      ...s, shifts: result.shifts, coverage: result.coverage, updatedMs: now(),
      violations: result.violations.length ? [...s.violations.filter((v) => v.agentId !== agentId), ...result.violations] : s.violations.filter((v) => v.agentId !== agentId),
      simulation: simulate(s.input, result.shifts, s.agents, s.simulation?.seed, s.carriedIn),
    }
    await saveSchedule(client, tenant, next)
    return { ...result.coverage.totals, intervals: result.coverage.intervals, simulation: next.simulation, violations: result.violations, saved: true }
  })

  app.post('/api/wfm/schedules/:id/publish', { schema: { params: ID }, config: write }, async (req, reply) => {
    const s = await load((req.params as { id: string }).id)
    if (s.status !== 'draft') throw new ReportInputError(sayWfm('alreadyPublished'), 409)
    const p = await publish(client, tenant, s, req.principal!.name)
    await audit.record({ ...actorOf(req), action: 'wfm.schedule.publish', target: p.id, ok: true, detail: { draft: s.id, version: p.version } })
    return reply.status(201).send({ id: p.id, version: p.version, weekStart: p.weekStart })
  })

  // An agent's own adherence now (the desk's "today"): in or out of the scheduled activity.
  app.get('/api/wfm/my-adherence', { config: { access: { permission: 'agent:desktop' as const } } }, async (req) => {
    const agentId = linkedAgentId(req)
    const t = now()
    const s = await published.of(weekStartIn(t, timeZone))
    if (!s) return { serverTime: t, published: false, row: null }
    const row = rtaRows(s, engine.snapshot(t).agents, await adherenceRules(), t).find((r) => r.agentId === agentId) ?? null
    return { serverTime: t, published: true, row }
  })

  // An agent's own published schedule.
  app.get('/api/wfm/my-schedule', { schema: { querystring: WEEK_QUERY }, config: { access: { permission: 'agent:desktop' as const } } }, async (req) => {
    const agentId = linkedAgentId(req)
    const weekStart = weekOf((req.query as { week?: string }).week)
    const s = await published.of(weekStart)
    if (!s) return { weekStart, timeZone, published: false, shifts: [] }
    return { weekStart, timeZone, published: true, version: s.version, publishedMs: s.createdMs, shifts: s.shifts.filter((x) => x.agentId === agentId) }
  })

  // Live adherence: the published week holding now against the live agent states.
  /** Supervisors and managers see the agents of their teams' queues. */
  const inScope = (scope: 'all' | ReadonlySet<string>, agentId: string, s: StoredSchedule): boolean =>
    scope === 'all' || (s.agents.find((a) => a.id === agentId)?.skills ?? []).some((q) => scope.has(q))

  app.get('/api/wfm/rta', { config: read }, async (req) => {
    const t = now()
    const s = await published.of(weekStartIn(t, timeZone))
    if (!s) return { serverTime: t, published: false, agents: [] }
    const rows = rtaRows(s, engine.snapshot(t).agents, await adherenceRules(), t).filter((r) => inScope(req.principal!.queues, r.agentId, s))
    return { serverTime: t, published: true, version: s.version, agents: rows }
  })

  app.get('/api/wfm/adherence', { schema: { querystring: WEEK_QUERY }, config: read }, async (req) => {
    const weekStart = weekOf((req.query as { week?: string }).week)
    const s = await published.of(weekStart)
    // No published week is an empty state, not an error: the page says what to do.
    if (!s) return { weekStart, published: false, rows: [] }
    const rows = await adherenceReport(client, tenant, s, await adherenceRules(), now())
    return { weekStart, published: true, version: s.version, rows: rows.filter((r) => inScope(req.principal!.queues, r.agentId, s)) }
  })

  await app.register(scheduleExportRoutes, { load, timeZone, audit })
}
