/**
 * The requirement corrected for how the center routes. Erlang (A or C) sizes each queue as if its
 * agents served it alone; agents with several skills pool, so the sum over queues asks for more
 * agents than the multi-skill center needs for the same service. The correction is found by
 * simulation: the requirement itself is staffed as a roster of stand-in agents, each with the
 * skills of one of the center's real agents who serves the queue (so the center's real mix of
 * skills pools), and run through the ACD engine against the forecast, callers abandoning with their
 * measured patience. Each queue's requirement is then scaled by a factor (never above 1), found by
 * bisection, so that the queue's simulated service level for the week stays at what Erlang promised
 * for the uncorrected requirement (its contact-weighted service level over the week, each interval
 * sized for the goal and so a little above it) or the goal, whichever is higher: pooling takes away
 * only the agents it gives back. A queue that pools with nobody keeps its factor 1. Pure (no I/O).
 */
import type { ScheduledShift } from '../scheduling/activities.ts'
import { simulateSchedule } from '../scheduling/prove.ts'
import { evaluate } from './size.ts'
import { WEEK_MIN, type SkillRequirement } from '../scheduling/rules.ts'

export interface PoolingInput {
  weekStart: number
  intervalMin: number
  /** Each queue's requirement per interval, agents scheduled (after shrinkage), with its forecast. */
  requirements: SkillRequirement[]
  /** The center's agents and the queues they serve. */
  agents: ReadonlyArray<{ id: string; skills: readonly string[] }>
  /** Service level goal (0–1) each queue is held to over the week. */
  goal: number
  shrinkage: number
  /** Bisection steps (each one simulated week); 5 resolves the factor to about 1.5 %. */
  steps?: number
  seed?: number
}

export interface QueuePooling {
  /** The requirement is multiplied by this (1: Erlang's per-queue figure stands). */
  factor: number
  /** Simulated service level of the week with the corrected requirement staffed (null: no contacts). */
  serviceLevel: number | null
  /** The same with the uncorrected (per-queue Erlang) requirement. */
  uncorrected: number | null
}

export interface PoolingResult { requirements: SkillRequirement[]; queues: Record<string, QueuePooling> }

/** The lowest factor tried: pooling never halves a queue's requirement in practice. */
const FLOOR = 0.5

/** Agents required after scaling: an interval that needs someone keeps at least one. */
export const scaled = (agents: number, factor: number): number => (agents > 0 ? Math.max(1, Math.round(agents * factor)) : 0)

export function pooledRequirements(p: PoolingInput): PoolingResult {
  const queues = p.requirements.filter((r) => r.volume && r.ahtSec)
  if (queues.length === 0) return { requirements: p.requirements, queues: {} }
  const skills = new Set(queues.map((r) => r.skill))
  // Who pools: a queue some agent serves together with another queue.
  const pools = new Set(p.agents.flatMap((a) => { const own = a.skills.filter((s) => skills.has(s)); return own.length > 1 ? own : [] }))
  const factors = new Map(queues.map((r) => [r.skill, 1]))
  const lo = new Map(queues.map((r) => [r.skill, FLOOR]))
  const hi = new Map(queues.map((r) => [r.skill, 1]))
  const run = (): Record<string, number | null> => {
    const sim = simulateSchedule({ weekStart: p.weekStart, intervalMin: p.intervalMin, requirements: queues, templates: [], contracts: [], agents: [] },
      ...standIns(p, queues, factors), { runs: 1, seed: p.seed ?? 29 })
    return Object.fromEntries(queues.map((r) => [r.skill, sim.byQueue?.[r.skill]?.serviceLevel ?? null]))
  }
  const uncorrected = run()
  let last = uncorrected
  if (pools.size > 0) {
    // The factor 1 meets the goal (or nothing can be taken away): bisect between FLOOR and 1.
    const target = new Map(queues.map((r) => [r.skill, Math.max(p.goal, erlangWeek(r, p.intervalMin, p.shrinkage) ?? 0)]))
    const open = queues.filter((r) => pools.has(r.skill) && (uncorrected[r.skill] ?? 0) >= target.get(r.skill)!).map((r) => r.skill)
    const best = new Map(open.map((q) => [q, { factor: 1, sl: uncorrected[q] ?? null }]))
    for (let step = 0; step < (p.steps ?? 5) && open.length > 0; step++) {
      for (const q of open) factors.set(q, (lo.get(q)! + hi.get(q)!) / 2)
      last = run()
      for (const q of open) {
        const sl = last[q] ?? 0
        if (sl >= target.get(q)!) { hi.set(q, factors.get(q)!); best.set(q, { factor: factors.get(q)!, sl }) } else lo.set(q, factors.get(q)!)
      }
    }
    for (const q of open) factors.set(q, best.get(q)!.factor)
    last = Object.fromEntries(queues.map((r) => [r.skill, best.get(r.skill)?.sl ?? uncorrected[r.skill] ?? null]))
  }
  const pooled = new Map(queues.map((r): [string, QueuePooling] => [r.skill, { factor: factors.get(r.skill)!, serviceLevel: last[r.skill] ?? null, uncorrected: uncorrected[r.skill] ?? null }]))
  const requirements = p.requirements.map((r) => {
    const pooling = pooled.get(r.skill)
    if (!pooling) return r
    const f = pooling.factor
    return f === 1 ? { ...r, pooling } : { ...r, agents: r.agents.map((a) => scaled(a, f)), ...(r.after ? { after: r.after.map((a) => scaled(a, f)) } : {}), pooling }
  })
  return { requirements, queues: Object.fromEntries(pooled) }
}

/** The week's service level Erlang predicts for a queue staffed exactly to its requirement (contact-weighted; null without contacts). */
function erlangWeek(r: SkillRequirement, intervalMin: number, shrinkage: number): number | null {
  const intervalSec = intervalMin * 60
  let within = 0, volume = 0
  r.agents.forEach((a, t) => {
    const v = r.volume?.[t] ?? 0
    const aht = r.ahtSec?.[t] ?? 0
    if (!(v > 0 && aht > 0)) return
    const onPhones = Math.round(a * (1 - shrinkage))
    const sl = evaluate({ volume: v, intervalSec, ahtSec: aht, ...(r.patienceSec ? { patienceSec: r.patienceSec } : {}) }, onPhones, Math.min(r.slThresholdSec ?? 20, intervalSec)).serviceLevel ?? 0
    within += sl * v
    volume += v
  })
  return volume > 0 ? within / volume : null
}

/**
 * The requirement as stand-in agents: for each queue and interval, as many on the phones as the
 * scaled requirement less shrinkage, the k-th with the skills of the k-th real agent serving the
 * queue (in turn), present for the intervals they are needed in.
 */
function standIns(p: PoolingInput, queues: SkillRequirement[], factors: ReadonlyMap<string, number>): [ScheduledShift[], (id: string) => string[]] {
  const step = p.intervalMin
  const n = WEEK_MIN / step
  const known = new Set(queues.map((r) => r.skill))
  const shifts: ScheduledShift[] = []
  const skillsOf = new Map<string, string[]>()
  for (const r of queues) {
    const servers = p.agents.filter((a) => a.skills.includes(r.skill)).map((a) => a.skills.filter((s) => known.has(s)))
    const mix = servers.length ? servers : [[r.skill]]
    const need = r.agents.map((a) => Math.round(scaled(a, factors.get(r.skill) ?? 1) * (1 - p.shrinkage)))
    const most = Math.max(0, ...need)
    for (let k = 0; k < most; k++) {
      const id = `${r.skill}#${k}`
      skillsOf.set(id, mix[k % mix.length]!)
      // One shift per run of intervals the k-th stand-in is needed in.
      for (let t = 0; t < n; t++) {
        if (need[t]! <= k) continue
        let end = t
        while (end + 1 < n && need[end + 1]! > k) end++
        shifts.push({ agentId: id, day: Math.floor((t * step) / 1440), templateId: 'stand-in', startMin: t * step, endMin: (end + 1) * step, paidMin: (end + 1 - t) * step, breaks: [] })
        t = end
      }
    }
  }
  return [shifts, (id) => skillsOf.get(id) ?? []]
}
