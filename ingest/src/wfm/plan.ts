/**
 * The planner's view of one queue: its history, the forecast with every method's backtest, and
 * the agents needed per interval for the goals, with what-ifs (volume %, AHT, goals, shrinkage,
 * patience) applied. Pure composition of wfm's math over a QueueHistory.
 */
import { forecast, size, WfmInputError, type ForecastResult, type Method, type StaffingGoals } from '@agner/wfm'
import type { QueueHistory } from './history.ts'

export interface PlanOptions {
  horizonDays: number
  method: Method | 'auto'
  /** History days to leave out (0 = first day of the history). */
  excludedDays: number[]
  /** Forecast days scaled by a factor. */
  specialDays: Array<{ day: number; factor: number }>
  /** Future intervals [from, to) (0 = first forecast interval) scaled by a percentage. */
  adjustments?: Array<{ from: number; to: number; percent: number }>
  volumePct: number
  /** Replaces the forecast AHT when given. */
  ahtSec?: number
  goals: StaffingGoals
  shrinkage: number
  patienceSec?: number
}

export interface IntervalRequirement {
  start: number
  volume: number
  ahtSec: number
  agents: number
  scheduledAgents: number
  serviceLevel: number | null
  asaSec: number
  occupancy: number
  abandonRate: number | null
}

export interface Plan {
  forecastFrom: number
  intervalMs: number
  perDay: number
  method: Method
  backtest: ForecastResult['backtest']
  requirements: IntervalRequirement[]
  totals: { volume: number; agentHours: number; scheduledHours: number }
}

export function plan(h: QueueHistory, o: PlanOptions): Plan {
  const f = forecast({
    volume: h.volume, handleSec: h.handleSec, handled: h.handled, perDay: h.perDay, horizonDays: o.horizonDays, method: o.method,
    excludedDays: o.excludedDays, specialDays: o.specialDays,
    adjustments: [...(o.adjustments ?? []), ...(o.volumePct ? [{ from: 0, to: o.horizonDays * h.perDay, percent: o.volumePct }] : [])],
  })
  const intervalMs = (h.to - h.from) / h.volume.length
  const intervalSec = intervalMs / 1000
  const requirements = f.volume.map((volume, i): IntervalRequirement => {
    const ahtSec = o.ahtSec ?? f.ahtSec[i]!
    const start = h.to + i * intervalMs
    if (volume <= 0 || !(ahtSec > 0)) {
      return { start, volume: Math.max(0, volume), ahtSec, agents: 0, scheduledAgents: 0, serviceLevel: null, asaSec: 0, occupancy: 0, abandonRate: null }
    }
    const s = size({ volume, intervalSec, ahtSec, ...(o.patienceSec ? { patienceSec: o.patienceSec } : {}) }, o.goals, o.shrinkage)
    return {
      start, volume, ahtSec, agents: s.agents, scheduledAgents: s.scheduledAgents, serviceLevel: s.serviceLevel, asaSec: s.asaSec,
      occupancy: s.occupancy, abandonRate: s.abandonRate ?? null,
    }
  })
  const hours = intervalSec / 3600
  return {
    forecastFrom: h.to, intervalMs, perDay: h.perDay, method: f.method, backtest: f.backtest, requirements,
    totals: {
      volume: requirements.reduce((s, r) => s + r.volume, 0),
      agentHours: requirements.reduce((s, r) => s + r.agents * hours, 0),
      scheduledHours: requirements.reduce((s, r) => s + r.scheduledAgents * hours, 0),
    },
  }
}

export { WfmInputError }
