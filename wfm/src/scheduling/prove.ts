/**
 * Proof by simulation: the schedule run through the ACD engine in virtual time against the forecast
 * — arrivals per interval as forecast, handle times with the forecast mean, every agent following
 * their shifts, breaks and lunches, multi-skill agents routed by the ACD — and the service level per
 * interval that came out, next to what Erlang predicted. Several seeds pooled, so a quiet interval's
 * figure is not one caller's luck. Where the simulation falls short of Erlang, per-interval Erlang
 * was too optimistic (breaks starting late, skills competing for the same agents, queues carried over).
 */
import { simulate, type Scenario, type ScenarioAgent, type ScenarioQueue } from '@agner/telephony'
import { activitiesOf, type ScheduledShift } from './activities.ts'
import type { ScheduleInput } from './rules.ts'

export interface SimulatedCoverage {
  /** Per interval: share of offered contacts answered within their queue's threshold (null: none offered). */
  serviceLevel: Array<number | null>
  offered: number[]
  answeredWithinT: number[]
  abandoned: number[]
  /** The week's totals, contact-weighted. */
  totals: { offered: number; serviceLevel: number | null; abandonRate: number | null }
  /** The week per queue: contacts offered (per run) and the share answered within the queue's threshold. */
  byQueue?: Record<string, { offered: number; serviceLevel: number | null }>
  runs: number
  seed: number
}

export function simulateSchedule(i: ScheduleInput, shifts: ScheduledShift[], skillsOf: (agentId: string) => string[], o: { runs?: number; seed?: number } = {}): SimulatedCoverage {
  const step = i.intervalMin
  const n = i.requirements[0]!.agents.length
  const stepMs = step * 60_000
  const queues: ScenarioQueue[] = i.requirements.filter((r) => r.volume && r.ahtSec).map((r) => {
    const volume = r.volume!
    const total = volume.reduce((a, b) => a + b, 0)
    const aht = total > 0 ? volume.reduce((s, v, t) => s + v * r.ahtSec![t]!, 0) / total : 300
    return {
      id: r.skill, serviceLevelSeconds: r.slThresholdSec ?? 20, arrivalsPerHour: 0, arrivalsPerInterval: { intervalMinutes: step, values: volume },
      handleTime: { distribution: 'exponential', meanSeconds: aht },
      patience: r.patienceSec ? { distribution: 'exponential', meanSeconds: r.patienceSec } : { distribution: 'none' },
      requiredSkills: { [r.skill]: 1 },
    }
  })
  const offered = new Array<number>(n).fill(0), within = new Array<number>(n).fill(0), abandoned = new Array<number>(n).fill(0)
  const perQueue = new Map<string, { offered: number; within: number }>()
  const tally = (queue: string, inTime: boolean): void => {
    let q = perQueue.get(queue)
    if (!q) perQueue.set(queue, (q = { offered: 0, within: 0 }))
    q.offered++
    if (inTime) q.within++
  }
  const runs = o.runs ?? 3
  const seed = o.seed ?? 17
  if (queues.length === 0) return { serviceLevel: offered.map(() => null), offered, answeredWithinT: within, abandoned, totals: { offered: 0, serviceLevel: null, abandonRate: null }, runs, seed }
  const thresholdMs = new Map(queues.map((q) => [q.id, (q.serviceLevelSeconds ?? 20) * 1000]))
  const agentIds = [...new Set(shifts.map((s) => s.agentId))]
  const agents: ScenarioAgent[] = agentIds.map((id) => ({
    id, skills: Object.fromEntries(skillsOf(id).filter((k) => thresholdMs.has(k)).map((k) => [k, 5])),
    presence: shifts.filter((s) => s.agentId === id).flatMap(activitiesOf).map((a) => ({
      startMs: i.weekStart + a.startMin * 60_000, endMs: i.weekStart + a.endMin * 60_000,
      status: a.kind === 'work' ? 'available' as const : 'aux' as const, ...(a.kind === 'work' ? {} : { code: a.kind }),
    })),
  })).filter((a) => Object.keys(a.skills!).length > 0)
  if (agents.length === 0) agents.push({ id: 'nobody', skills: {} })
  for (let run = 0; run < runs; run++) {
    const entered = new Map<string, { t: number; queue: string }>()
    const scenario: Scenario = { start: new Date(i.weekStart).toISOString(), hours: (n * step) / 60, seed: seed + run, queues, agents }
    simulate(scenario, {
      onEvent: (e) => {
        if (e.type === 'contact.queued') entered.set(e.contactId!, { t: Math.floor((e.time - i.weekStart) / stepMs), queue: e.queueId ?? '' })
        else if (e.type === 'contact.dequeued') {
          const at = entered.get(e.contactId!)
          if (at === undefined || at.t < 0 || at.t >= n) return
          const t = at.t
          entered.delete(e.contactId!)
          const { outcome, waitMs } = e.data as { outcome: string; waitMs: number }
          offered[t]!++
          const inTime = outcome === 'answered' && waitMs <= (thresholdMs.get(at.queue) ?? 20_000)
          tally(at.queue, inTime)
          if (inTime) within[t]!++
          else if (outcome === 'abandoned' || outcome === 'caller_exit') abandoned[t]!++
        }
      },
    })
    // Contacts still waiting at the week's end count as offered and not answered in time.
    for (const { t, queue } of entered.values()) if (t >= 0 && t < n) { offered[t]!++; tally(queue, false) }
  }
  const totalOffered = offered.reduce((a, b) => a + b, 0)
  return {
    serviceLevel: offered.map((o, t) => (o > 0 ? within[t]! / o : null)),
    offered: offered.map((x) => x / runs), answeredWithinT: within.map((x) => x / runs), abandoned: abandoned.map((x) => x / runs),
    totals: {
      offered: totalOffered / runs,
      serviceLevel: totalOffered > 0 ? within.reduce((a, b) => a + b, 0) / totalOffered : null,
      abandonRate: totalOffered > 0 ? abandoned.reduce((a, b) => a + b, 0) / totalOffered : null,
    },
    byQueue: Object.fromEntries([...perQueue].map(([q, x]) => [q, { offered: x.offered / runs, serviceLevel: x.offered > 0 ? x.within / x.offered : null }])),
    runs, seed,
  }
}
