/**
 * Staffing for one interval: evaluate a number of agents, or find the fewest that meet every goal.
 * Erlang C without patience, Erlang A (M/M/n+M) with it. Every goal is monotone in the number of
 * agents, so the search gallops up from its start (1 for Erlang A, which is stable below the
 * traffic too; just above the traffic for Erlang C) and then bisects: O(log N) evaluations.
 */
import { erlangA } from '../erlang/erlang-a.ts'
import { erlangC } from '../erlang/erlang-c.ts'
import { checkGoals, checkLoad, checkShrinkage, WfmInputError, type IntervalLoad, type StaffingGoals } from './input.ts'

export interface Staffing {
  model: 'erlang-c' | 'erlang-a'
  trafficErlangs: number
  agents: number
  /** Agents to schedule so that `agents` are available after shrinkage. */
  scheduledAgents: number
  /** Share answered within the threshold, of all offered (null when no threshold was given). */
  serviceLevel: number | null
  probWait: number
  /** ASA: mean queue wait of answered contacts, seconds (DESIGN §4). */
  asaSec: number
  /** Erlang A only: the mean wait of every caller, abandoners included (until they hung up). */
  meanWaitAllSec?: number
  occupancy: number
  /** Erlang A only. */
  abandonRate?: number
}

/** More than this many agents is not a staffing problem but an input mistake. */
const MAX_AGENTS = 2_000_000

export function evaluate(load: IntervalLoad, agents: number, slThresholdSec = 20, shrinkage = 0): Staffing {
  checkLoad(load)
  checkShrinkage(shrinkage)
  if (!Number.isInteger(agents) || agents < 0) throw new WfmInputError('agents', `must be a whole number ≥ 0, got ${agents}`)
  if (slThresholdSec > load.intervalSec) throw new WfmInputError('threshold', `${slThresholdSec} s is longer than the ${load.intervalSec} s interval`)
  const arrivalRate = load.volume / load.intervalSec
  const a = arrivalRate * load.ahtSec
  const scheduledAgents = Math.ceil(agents / (1 - shrinkage) - 1e-9)
  if (load.volume === 0) {
    return { model: load.patienceSec ? 'erlang-a' : 'erlang-c', trafficErlangs: 0, agents, scheduledAgents, serviceLevel: 1, probWait: 0, asaSec: 0, occupancy: 0, ...(load.patienceSec ? { abandonRate: 0, meanWaitAllSec: 0 } : {}) }
  }
  if (load.patienceSec !== undefined) {
    if (agents === 0) return { model: 'erlang-a', trafficErlangs: a, agents, scheduledAgents, serviceLevel: 0, probWait: 1, asaSec: 0, meanWaitAllSec: load.patienceSec, occupancy: 0, abandonRate: 1 }
    const r = erlangA({ arrivalRate, ahtSec: load.ahtSec, patienceSec: load.patienceSec, agents, slThresholdSec: slThresholdSec })
    return {
      model: 'erlang-a', trafficErlangs: a, agents, scheduledAgents, serviceLevel: r.serviceLevelOffered, probWait: r.probWait,
      asaSec: r.asaSec, meanWaitAllSec: r.meanWaitAllSec, occupancy: r.occupancy, abandonRate: r.probAbandon,
    }
  }
  const r = erlangC({ arrivalRate, ahtSec: load.ahtSec, agents, slThresholdSec: slThresholdSec })
  return {
    model: 'erlang-c', trafficErlangs: a, agents, scheduledAgents, serviceLevel: r.serviceLevel, probWait: r.probWait,
    asaSec: r.asaSec, occupancy: r.occupancy,
  }
}

function meets(s: Staffing, g: StaffingGoals): boolean {
  if (s.model === 'erlang-c' && s.trafficErlangs > 0 && s.agents <= s.trafficErlangs) return false
  if (g.serviceLevel !== undefined && (s.serviceLevel ?? 0) < g.serviceLevel - 1e-12) return false
  if (g.asaSec !== undefined && s.asaSec > g.asaSec + 1e-12) return false
  if (g.abandonRate !== undefined && (s.abandonRate ?? 0) > g.abandonRate + 1e-12) return false
  if (g.maxOccupancy !== undefined && s.occupancy > g.maxOccupancy + 1e-12) return false
  return true
}

/** The fewest agents meeting every goal, and what they achieve; then scheduled agents after shrinkage. */
export function size(load: IntervalLoad, goals: StaffingGoals, shrinkage = 0): Staffing {
  checkLoad(load)
  checkGoals(goals, load)
  checkShrinkage(shrinkage)
  const t = goals.slThresholdSec ?? 20
  const at = (n: number): Staffing => evaluate(load, n, t, shrinkage)
  if (load.volume === 0) return at(0)
  const a = (load.volume / load.intervalSec) * load.ahtSec
  let lo = load.patienceSec !== undefined ? 0 : Math.floor(a) // known not to meet (or the traffic's floor)
  let hi = Math.max(1, lo + 1)
  let step = 1
  while (!meets(at(hi), goals)) {
    lo = hi
    step *= 2
    hi = lo + step
    if (hi > MAX_AGENTS) throw new WfmInputError('goals', `no staffing up to ${MAX_AGENTS.toLocaleString('en')} agents meets these goals; relax a goal (an abandon rate of 0 cannot be met)`)
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (meets(at(mid), goals)) hi = mid
    else lo = mid
  }
  return at(hi)
}
