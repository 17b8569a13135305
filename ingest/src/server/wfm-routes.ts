/**
 * GET /api/wfm/plan: a queue's forecast (method chosen by backtest, or the one asked for) and the
 * agents needed per interval for the goals, with what-ifs; `format=xlsx` exports forecast and
 * requirements to Excel. GET /api/wfm/intraday: today so far and the rest of today re-forecast,
 * against the published schedule (agents short, projected service level). Planners see every queue; supervisors and managers their teams' queues.
 */
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsync } from 'fastify'
import { CONTENT_TYPES, parseInstant, ReportInputError, writeExport, type Locale, type QueueReportSettings, type ReportResult } from '@agner/analytics'
import { METHODS, WfmInputError, type StaffingGoals } from '@agner/wfm'
import { seesQueue, type Principal } from '../access/principal.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import type { Store } from '@agner/analytics'
import { startOfDayIn } from '../live/day.ts'
import type { CenterCatalog } from '../reports/catalog.ts'
import { queueHistory, type QueueHistory } from '../wfm/history.ts'
import { getForecast, listForecasts, saveForecast } from '../wfm/forecast-store.ts'
import { plan, type Plan } from '../wfm/plan.ts'
import { planReport } from '../wfm/plan-export.ts'
import { intraday } from '../wfm/intraday.ts'
import { PublishedSchedules } from '../wfm/schedule-store.ts'
import { weekStartIn } from '../wfm/week.ts'
import { inputRefusal, sayWfm } from '../wfm/wfm-sentences.ts'

export interface WfmRoutesOptions { store: Store; tenant: string; timeZone: string; catalog: CenterCatalog; audit: AuditLog; now?: () => number }

const num = { type: 'number' }
const QUERY = {
  type: 'object', additionalProperties: false, required: ['queue'],
  properties: {
    queue: { type: 'string', maxLength: 128 }, weeks: { type: 'integer', minimum: 3, maximum: 26, default: 8 },
    horizonDays: { type: 'integer', minimum: 1, maximum: 42, default: 7 }, interval: { type: 'integer', enum: [15, 30], default: 30 },
    method: { type: 'string', enum: ['auto', ...METHODS], default: 'auto' },
    holidays: { type: 'string', maxLength: 2000 }, special: { type: 'string', maxLength: 2000 }, adjust: { type: 'string', maxLength: 2000 },
    volumePct: { type: 'number', minimum: -100, maximum: 1000, default: 0 }, aht: num,
    sl: num, threshold: num, asa: num, maxOccupancy: num, abandonRate: num, shrinkage: { type: 'number', default: 0 }, patience: num,
    lang: { type: 'string', enum: ['en', 'zh-CN'], default: 'en' }, format: { type: 'string', enum: ['json', 'xlsx'], default: 'json' },
  },
}

/** Intraday takes the plan's queue, history, interval and goals; the horizon is today. */
const INTRADAY_QUERY = {
  type: 'object', additionalProperties: false, required: ['queue'],
  properties: Object.fromEntries(Object.entries(QUERY.properties).filter(([k]) => ['queue', 'weeks', 'interval', 'sl', 'threshold', 'asa', 'maxOccupancy', 'abandonRate', 'shrinkage', 'patience'].includes(k))),
}

interface Query {
  queue: string; weeks: number; horizonDays: number; interval: 15 | 30; method: 'auto' | (typeof METHODS)[number]; holidays?: string; special?: string; adjust?: string
  volumePct: number; aht?: number; sl?: number; threshold?: number; asa?: number; maxOccupancy?: number; abandonRate?: number; shrinkage: number; patience?: number
  lang: Locale; format: 'json' | 'xlsx'
}

function goalsOf(q: Query): StaffingGoals {
  return {
    ...(q.sl !== undefined || (q.asa === undefined && q.abandonRate === undefined && q.maxOccupancy === undefined) ? { serviceLevel: q.sl ?? 0.8, slThresholdSec: q.threshold ?? 20 } : {}),
    ...(q.asa !== undefined ? { asaSec: q.asa } : {}), ...(q.maxOccupancy !== undefined ? { maxOccupancy: q.maxOccupancy } : {}),
    ...(q.abandonRate !== undefined ? { abandonRate: q.abandonRate } : {}),
  }
}

const DAY = 86_400_000
const DATE = /^\d{4}-\d{2}-\d{2}$/

export const wfmRoutes: FastifyPluginAsync<WfmRoutesOptions> = async (app, { store, tenant, timeZone, catalog, audit, now = Date.now }) => {
  /** The plan for a request's parameters, after the caller's scope and every input is checked. */
  async function planFor(q: Query, p: Principal): Promise<{ plan: Plan; history: QueueHistory }> {
    if (!catalog.hasQueue(q.queue)) throw new ReportInputError(sayWfm('unknownQueue', { queue: q.queue }))
    if (!seesQueue(p.queues, q.queue)) throw new ReportInputError(sayWfm('queueOutside'), 403)
    const today = startOfDayIn(now(), timeZone)
    const from = today - q.weeks * 7 * DAY
    const dayOf = (text: string, field: string): number => {
      if (!DATE.test(text)) throw new ReportInputError(sayWfm('notDate', { field, text: text.slice(0, 20) }))
      return Math.round((startOfDayIn(Date.parse(`${text}T12:00:00Z`), timeZone) - from) / DAY)
    }
    const excludedDays = (q.holidays ?? '').split(',').filter(Boolean).map((d) => dayOf(d.trim(), 'holidays')).filter((d) => d >= 0 && d < q.weeks * 7)
    const specialDays = (q.special ?? '').split(',').filter(Boolean).map((item) => {
      const [d, f] = item.split(':')
      const factor = Number(f)
      if (!(factor >= 0 && factor <= 10)) throw new ReportInputError(sayWfm('specialFactor', { text: item.slice(0, 30) }))
      return { day: dayOf(String(d).trim(), 'special') - q.weeks * 7, factor }
    })
    // Manual adjustments: "2026-11-23T09:00~2026-11-23T12:00:+15" scales that range's forecast by +15 %.
    const step = q.interval * 60_000
    const adjustments = (q.adjust ?? '').split(',').filter(Boolean).map((item) => {
      const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})~(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):([+-]?\d+(?:\.\d+)?)$/.exec(item.trim())
      if (!m) throw new ReportInputError(sayWfm('adjustFormat', { text: item.slice(0, 40) }))
      const at = (text: string): number => Math.round((parseInstant(text, timeZone, 'adjust') - today) / step)
      return { from: at(m[1]!), to: at(m[2]!), percent: Number(m[3]) }
    })
    const goals = goalsOf(q)
    const history = await queueHistory(store.client, { tenant, timeZone, queue: q.queue, from, days: q.weeks * 7, intervalMinutes: q.interval })
    try {
      return {
        history,
        plan: plan(history, {
          horizonDays: q.horizonDays, method: q.method, excludedDays, specialDays, adjustments, volumePct: q.volumePct, ...(q.aht !== undefined ? { ahtSec: q.aht } : {}),
          goals, shrinkage: q.shrinkage, ...(q.patience !== undefined ? { patienceSec: q.patience } : {}),
        }),
      }
    } catch (err) {
      if (err instanceof WfmInputError) throw inputRefusal(err)
      throw err
    }
  }

  app.get('/api/wfm/plan', { schema: { querystring: QUERY }, config: { access: { permission: 'wfm:read' } } }, async (req, reply) => {
    const q = req.query as Query
    const p = req.principal!
    const { plan: result, history } = await planFor(q, p)
    const goals = goalsOf(q)
    const queue: QueueReportSettings = catalog.queue(q.queue)
    if (q.format === 'xlsx') {
      const r: ReportResult = planReport(result, { queueName: queue.name, locale: q.lang, timeZone, requestedBy: p.name, goals: { ...goals, shrinkage: q.shrinkage, patience: q.patience } })
      await audit.record({ actorId: p.id, actorName: p.name, actorKind: p.kind, action: 'export', target: `wfm-plan:${q.queue}`, ok: true, ip: req.ip, detail: { format: 'xlsx', horizonDays: q.horizonDays } })
      const body = new PassThrough()
      writeExport(r, 'xlsx', body).catch((err: Error) => { req.log.error({ err }, 'export failed'); body.destroy(err) })
      return reply.type(CONTENT_TYPES.xlsx).header('content-disposition', `attachment; filename="agner-plan-${q.queue}-${new Date(result.forecastFrom).toISOString().slice(0, 10)}.xlsx"`).send(body)
    }
    // The last two weeks of history, for the chart.
    const shown = 14 * history.perDay
    return {
      queue: { id: q.queue, name: queue.name }, timeZone, interval: q.interval, ...result,
      history: { from: history.to - shown * result.intervalMs, volume: history.volume.slice(-shown) },
    }
  })

  // Intraday: today so far, the rest of today re-forecast, against the published schedule.
  const published = new PublishedSchedules(store.client, tenant)
  app.get('/api/wfm/intraday', { schema: { querystring: INTRADAY_QUERY }, config: { access: { permission: 'wfm:read' } } }, async (req) => {
    const q = { ...(req.query as Query), horizonDays: 1, method: 'auto' as const, volumePct: 0, lang: 'en' as const, format: 'json' as const }
    const { plan: today } = await planFor(q, req.principal!)
    const t = now()
    const actual = await queueHistory(store.client, { tenant, timeZone, queue: q.queue, from: today.forecastFrom, days: 1, intervalMinutes: q.interval })
    const week = await published.of(weekStartIn(t, timeZone))
    const staffed = week?.coverage.skills.find((k) => k.skill === q.queue)?.staffed
    const view = intraday({
      plan: today, today: actual, now: t, goals: goalsOf(q), shrinkage: q.shrinkage, ...(q.patience !== undefined ? { patienceSec: q.patience } : {}),
      ...(week && staffed ? { staffed: (start: number) => staffed[Math.floor((start - week.weekStart) / (week.intervalMin * 60_000))] ?? 0 } : {}),
    })
    return { queue: { id: q.queue, name: catalog.queue(q.queue).name }, timeZone, interval: q.interval, serverTime: t, method: today.method, schedule: week ? { id: week.id, version: week.version } : null, ...view }
  })

  // Saved forecast versions.
  app.post('/api/wfm/forecasts', {
    schema: { querystring: QUERY, body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 120 } } } },
    config: { access: { permission: 'wfm:write' } },
  }, async (req, reply) => {
    const q = req.query as Query
    const p = req.principal!
    const { plan: result } = await planFor(q, p)
    const { format: _f, lang: _l, ...params } = q
    const v = await saveForecast(store.client, tenant, { queueId: q.queue, name: (req.body as { name: string }).name, params, createdBy: p.name, plan: result })
    return reply.status(201).send(summary(v))
  })

  app.get('/api/wfm/forecasts', {
    schema: { querystring: { type: 'object', additionalProperties: false, required: ['queue'], properties: { queue: { type: 'string', maxLength: 128 } } } },
    config: { access: { permission: 'wfm:read' } },
  }, async (req) => {
    const { queue } = req.query as { queue: string }
    if (!seesQueue(req.principal!.queues, queue)) throw new ReportInputError(sayWfm('queueOutside'), 403)
    return { versions: (await listForecasts(store.client, tenant, queue)).map(summary) }
  })

  app.get('/api/wfm/forecasts/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } } }, config: { access: { permission: 'wfm:read' } } }, async (req) => {
    const v = await getForecast(store.client, tenant, (req.params as { id: string }).id)
    if (!v || !seesQueue(req.principal!.queues, v.queueId)) throw new ReportInputError(sayWfm('noForecastVersion'), 404)
    return v
  })
}

function summary(v: { id: string; queueId: string; name: string; method: string; params: Record<string, unknown>; intervalMinutes: number; forecastFrom: number; volume: number[]; agents: number[]; createdBy: string; createdMs: number }) {
  const hours = v.intervalMinutes / 60
  return {
    id: v.id, queueId: v.queueId, name: v.name, method: v.method, params: v.params, intervalMinutes: v.intervalMinutes, forecastFrom: v.forecastFrom,
    days: v.volume.length / ((24 * 60) / v.intervalMinutes), volume: v.volume.reduce((a, b) => a + b, 0), agentHours: v.agents.reduce((a, b) => a + b, 0) * hours,
    createdBy: v.createdBy, createdMs: v.createdMs,
  }
}
