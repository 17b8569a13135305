/**
 * The planner's intraday view of one queue (Workforce → Intraday): today's forecast, what has
 * come so far, the rest of the day re-forecast from it (wfm's `reforecast`), and per remaining
 * interval the agents the published schedule puts on this queue, the agents the goals need, how
 * many are short, and the service level Erlang projects with the scheduled agents. Pure.
 */
import { evaluate, reforecast, size, type StaffingGoals } from '@agner/wfm'
import type { QueueHistory } from './history.ts'
import type { Plan } from './plan.ts'

export interface IntradayRow {
  start: number
  /** The morning's forecast. */
  forecast: number
  /** Seen (elapsed intervals) or re-forecast (the rest). */
  volume: number
  seen: boolean
  ahtSec: number
  /** Agents the published schedule has on this queue then (null without a published schedule). */
  scheduled: number | null
  /** Agents to schedule to meet the goals (after shrinkage). */
  required: number
  short: number | null
  /** Erlang's service level with the scheduled agents (null when nothing is expected or no schedule). */
  serviceLevel: number | null
}

export interface Intraday {
  volumeFactor: number
  ahtFactor: number
  seen: { actual: number; forecast: number; ahtSec: number | null }
  rows: IntradayRow[]
  rest: { volume: number; serviceLevel: number | null; shortAgentHours: number | null; worst: { start: number; short: number } | null }
}

export function intraday(o: {
  plan: Plan; today: QueueHistory; now: number; goals: StaffingGoals; shrinkage: number; patienceSec?: number
  /** Agents scheduled on this queue at a time, from the published schedule; undefined without one. */
  staffed?: (start: number) => number
}): Intraday {
  const step = o.plan.intervalMs
  const req = o.plan.requirements
  const elapsed = Math.max(0, Math.min(req.length, Math.floor((o.now - o.plan.forecastFrom) / step)))
  const r = reforecast({
    forecast: req.map((x) => x.volume), forecastAhtSec: req.map((x) => x.ahtSec), actual: o.today.volume,
    actualHandleSec: o.today.handleSec, actualHandled: o.today.handled, elapsed,
  })
  const threshold = o.goals.slThresholdSec ?? 20
  const rows = req.map((x, t): IntradayRow => {
    const seen = t < elapsed
    const volume = r.volume[t]!
    const ahtSec = r.ahtSec[t]! > 0 ? r.ahtSec[t]! : x.ahtSec
    const scheduled = o.staffed ? o.staffed(x.start) : null
    if (seen || volume <= 0 || !(ahtSec > 0)) return { start: x.start, forecast: x.volume, volume, seen, ahtSec, scheduled, required: 0, short: seen || scheduled === null ? null : 0, serviceLevel: null }
    const load = { volume, intervalSec: step / 1000, ahtSec, ...(o.patienceSec ? { patienceSec: o.patienceSec } : {}) }
    const required = size(load, o.goals, o.shrinkage).scheduledAgents
    const serviceLevel = scheduled === null ? null : evaluate(load, Math.floor(scheduled * (1 - o.shrinkage) + 1e-9), threshold).serviceLevel
    return { start: x.start, forecast: x.volume, volume, seen, ahtSec, scheduled, required, short: scheduled === null ? null : Math.max(0, required - scheduled), serviceLevel }
  })
  const rest = rows.filter((x) => !x.seen)
  const judged = rest.filter((x) => x.serviceLevel !== null && x.volume > 0)
  const weight = judged.reduce((s, x) => s + x.volume, 0)
  const shortRows = rest.filter((x) => (x.short ?? 0) > 0)
  const worst = shortRows.reduce<{ start: number; short: number } | null>((w, x) => (!w || x.short! > w.short ? { start: x.start, short: x.short! } : w), null)
  return {
    volumeFactor: r.volumeFactor, ahtFactor: r.ahtFactor, seen: { actual: r.seen.actual, forecast: r.seen.forecast, ahtSec: r.seen.ahtSec }, rows,
    rest: {
      volume: rest.reduce((s, x) => s + x.volume, 0),
      serviceLevel: weight > 0 ? judged.reduce((s, x) => s + x.serviceLevel! * x.volume, 0) / weight : null,
      shortAgentHours: o.staffed ? rest.reduce((s, x) => s + (x.short ?? 0), 0) * step / 3_600_000 : null,
      worst,
    },
  }
}
