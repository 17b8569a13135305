/**
 * Local search after the shift selection and the named assignment: the schedule is made better on
 * the scheduler's own objective (paid hours + penalty × shortage cost, shortage.ts) one agent's
 * shift at a time, keeping every labour rule. It is what makes the result dependable when the
 * selection MILP stops at its time limit far from its bound:
 *
 * - **add**: while an agent has room in their contract (days, weekly hours, rest, consecutive days)
 *   and a shift they may work takes away more shortage than its paid hours cost, the best such shift
 *   of all agents is added;
 * - **move**: each shift is taken out and the agent's best shift put back (the same one when nothing
 *   is better, none when it costs more than it covers and the contract's minimum hours allow).
 *
 * Each step strictly lowers the objective, so it ends; a deadline bounds it. Pure (no I/O).
 */
import { allocate } from './allocate.ts'
import type { Assigned } from './assignment.ts'
import type { Candidate } from './candidates.ts'
import { canAdd } from './fill.ts'
import type { Profile } from './profiles.ts'
import { MIN_HOURS_PENALTY } from './selection.ts'
import { RemainingNeed, type Allocation } from './remaining-need.ts'
import { horizonLength, requirementHorizon, type ScheduleInput } from './rules.ts'
import { shortageCost } from './shortage.ts'

export interface Improvement {
  assigned: Assigned[]
  /** Shifts added, moved and dropped; the objective before and after (paid hours + penalty × shortage, in hours). */
  added: number
  moved: number
  dropped: number
  before: number
  after: number
}

interface Held { candidate: Candidate; alloc: Allocation }
interface Worker { profile: Profile; skills: number[]; options: Candidate[]; held: Held[]; before: number }

const EPS = 1e-6
/** Move sweeps at most (each one pass over every shift); the deadline usually ends it first. */
const MAX_SWEEPS = 30

export function improveSchedule(i: ScheduleInput, profiles: Profile[], candidates: Candidate[], assigned: Assigned[], o: { deadlineMs: number }): Improvement {
  const stepH = i.intervalMin / 60
  const perUnit = (i.underPenalty ?? 20) * stepH
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  const need = new RemainingNeed(i)
  const workers = new Map<string, Worker>()
  for (const p of profiles) {
    const skills = p.skills.map((s) => skillIndex.get(s)!)
    for (const a of p.agents) {
      const options = [...p.eligible].filter(([, list]) => list.includes(a)).map(([idx]) => candidates[idx]!)
      workers.set(a.id, { profile: p, skills, options, held: [], before: a.daysWorkedBefore ?? 0 })
    }
  }
  for (const x of assigned) {
    const w = workers.get(x.agentId)
    if (w) w.held.push({ candidate: x.candidate, alloc: need.add(w.skills, x.candidate) })
  }
  const objective = (): number => [...workers.values()].reduce((s, w) => s + w.held.reduce((h, x) => h + x.candidate.paidMin / 60, 0), 0) + perUnit * need.cost()
  const before = objective()
  /** What a shift is worth to the objective: the shortage it takes away less its paid hours. */
  const value = (w: Worker, c: Candidate): number => perUnit * need.gain(w.skills, c) - c.paidMin / 60
  const mine = (w: Worker): Candidate[] => w.held.map((h) => h.candidate)
  /** The agent's most valuable shift worth more than `floor`, of at least `minPaidMin` paid minutes. */
  const best = (w: Worker, floor: number, minPaidMin = 0): { c: Candidate; v: number } | undefined => {
    let out: { c: Candidate; v: number } | undefined
    const have = mine(w)
    for (const c of w.options) {
      if (c.paidMin < minPaidMin || !canAdd(w.profile.contract, have, c, w.before)) continue
      const v = value(w, c)
      if (v > (out?.v ?? floor) + EPS) out = { c, v }
    }
    return out
  }
  const late = (): boolean => performance.now() > o.deadlineMs

  // Add: the best shift of all agents while one pays. An agent's best only falls as need is met,
  // so it is recomputed only where the last shift added touched its intervals.
  let added = 0
  const cached = new Map<Worker, { c: Candidate; v: number } | undefined>()
  for (const w of workers.values()) cached.set(w, best(w, 0))
  while (!late()) {
    let pick: { w: Worker; c: Candidate; v: number } | undefined
    for (const [w, b] of cached) if (b && b.v > (pick?.v ?? 0)) pick = { w, ...b }
    if (!pick) break
    pick.w.held.push({ candidate: pick.c, alloc: need.add(pick.w.skills, pick.c) })
    added++
    const from = pick.c.firstInterval, to = from + pick.c.cover.length
    for (const [w, b] of cached) {
      if (w === pick.w || (b && b.c.firstInterval < to && b.c.firstInterval + b.c.cover.length > from)) cached.set(w, best(w, 0))
    }
  }

  // Move (or drop): each shift out, the agent's best back in.
  let moved = 0, dropped = 0
  for (let sweep = 0, changed = true; changed && sweep < MAX_SWEEPS && !late(); sweep++) {
    changed = false
    for (const w of workers.values()) {
      for (const h of [...w.held]) {
        if (late()) break
        need.remove(h.alloc)
        w.held.splice(w.held.indexOf(h), 1)
        const keep = value(w, h.candidate)
        // The contract's minimum hours: a move may not take the agent under it (or further under).
        const rest = w.held.reduce((s, x) => s + x.candidate.paidMin, 0)
        const floorMin = w.profile.contract.minHoursPerWeek * 60 - rest
        const mayDrop = floorMin <= EPS
        const other = best(w, Math.max(keep, mayDrop ? 0 : -Infinity), Math.min(h.candidate.paidMin, floorMin))
        const next = other ? other.c : keep > EPS || !mayDrop ? h.candidate : undefined
        if (next) w.held.push({ candidate: next, alloc: need.add(w.skills, next) })
        if (next !== h.candidate) { changed = true; if (next) moved++; else dropped++ }
      }
    }
  }
  const out: Assigned[] = []
  for (const [agentId, w] of workers) for (const h of w.held) out.push({ agentId, candidate: h.candidate })
  return { assigned: out, added, moved, dropped, before, after: objective() }
}

/**
 * The scheduler's objective for assigned shifts, exactly: paid hours + penalty × the shortage cost
 * per skill and interval (+ the selection's penalty for contract minimum hours left unworked), with the agents on duty (expected cover, breaks spread over their windows)
 * split between skills by maximum flow (multi-skill agents counted once). The local search's own
 * measure gives each shift's cover to its skills greedily; this is the judge of whether it helped.
 */
export function expectedObjective(i: ScheduleInput, profiles: Profile[], assigned: readonly Assigned[]): number {
  const n = horizonLength(i)
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  const need = i.requirements.map((r) => requirementHorizon(r))
  const profileOf = new Map(profiles.flatMap((p, k) => p.agents.map((a) => [a.id, k] as const)))
  const on = profiles.map(() => new Float64Array(n))
  // Paid hours per group: their sum is paid, and each group's short of its contract minimum is penalised.
  const worked = profiles.map(() => 0)
  for (const x of assigned) {
    const k = profileOf.get(x.agentId)
    if (k === undefined) continue
    worked[k] = worked[k]! + x.candidate.paidMin / 60
    x.candidate.cover.forEach((w, off) => { const t = x.candidate.firstInterval + off; if (t < n) on[k]![t]! += w })
  }
  const skills = profiles.map((p) => p.skills.map((s) => skillIndex.get(s)!))
  let cost = 0
  for (let t = 0; t < n; t++) {
    const needT = need.map((r) => r[t] ?? 0)
    if (needT.every((x) => x <= 0)) continue
    const { met } = allocate(profiles.map((_, k) => ({ agents: on[k]![t]!, skills: skills[k]! })), needT)
    needT.forEach((r, s) => { cost += shortageCost(r - met[s]!, r) })
  }
  // As in the selection MILP: each group's contract minimum hours left unworked, at their penalty.
  const paid = worked.reduce((a, b) => a + b, 0)
  const minShort = profiles.reduce((s, p, k) => s + Math.max(0, p.minHours - worked[k]!), 0)
  return paid + (i.underPenalty ?? 20) * (i.intervalMin / 60) * cost + MIN_HOURS_PENALTY * minShort
}

/** What the local search did, judged by the exact objective; its shifts are used only when `kept`. */
export interface SearchReport { added: number; moved: number; dropped: number; before: number; after: number; kept: boolean }

/**
 * The local search, judged: its result replaces `assigned` only when the exact objective
 * (`expectedObjective`) is lower. The search's own measure splits cover greedily and can be wrong
 * about a change that the exact split prices otherwise.
 */
export function improveIfBetter(i: ScheduleInput, profiles: Profile[], candidates: Candidate[], assigned: Assigned[], o: { deadlineMs: number }): { assigned: Assigned[]; report: SearchReport } {
  const search = improveSchedule(i, profiles, candidates, assigned, o)
  const before = expectedObjective(i, profiles, assigned)
  const after = expectedObjective(i, profiles, search.assigned)
  const kept = after < before - EPS
  return { assigned: kept ? search.assigned : assigned, report: { added: search.added, moved: search.moved, dropped: search.dropped, before, after, kept } }
}
