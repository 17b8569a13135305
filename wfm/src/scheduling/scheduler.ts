/**
 * The week's schedule in three phases: shift selection (MILP over groups of like agents), named
 * assignment (a MILP per group with every labour rule), break and lunch placement (smoothing the
 * cover). Then the cover it really achieves, the rules checked once more on the result, and what
 * could not be met, each in one sentence. The time limit bounds the two solves; the best schedule
 * found is returned with its gap, also when the rules make the requirement impossible.
 */
import type { ScheduledShift } from './activities.ts'
import { assignGroup, type Assigned } from './assignment.ts'
import { fillGaps } from './fill.ts'
import { improveIfBetter, type SearchReport } from './improve.ts'
import { placeBreaks, type ToPlace } from './breaks.ts'
import { buildCandidates, type Candidate } from './candidates.ts'
import { coverage, type Coverage } from './coverage.ts'
import type { SolveStatus } from './milp.ts'
import { buildProfiles } from './profiles.ts'
import { checkScheduleInput, type AgentRules, type ScheduleInput } from './rules.ts'
import { HALL_MAX_SKILLS, selectShifts } from './selection.ts'
import { ruleViolations, type Violation } from './validate.ts'
import { said, type Problem } from './sayings.ts'

export interface SolverReport {
  status: SolveStatus
  /** Shift selection: objective of the schedule chosen (after the local search when it was kept), the proven bound and their relative gap. */
  objective: number
  bound: number
  gap: number
  /** The selection MILP's own gap when it stopped (before any local search). */
  selectionGap?: number
  /** The LP relaxation of the shift selection (when it solved in half the time): objective and paid hours. */
  lpBound?: { objective: number; paidHours: number }
  seconds: number
  /** The local search after the solves (improve.ts), run when the selection stopped more than FAR_GAP from its bound. */
  improved?: SearchReport
}

export interface Schedule {
  weekStart: number
  intervalMin: number
  shifts: ScheduledShift[]
  coverage: Coverage
  solver: SolverReport
  /** What could not be met: a code with its values and the English sentence each (sayings.ts). */
  problems: Problem[]
  violations: Violation[]
}


export async function buildSchedule(raw: ScheduleInput): Promise<Schedule> {
  checkScheduleInput(raw)
  const started = performance.now()
  const problems: Problem[] = []
  const input: ScheduleInput = { ...raw, agents: raw.agents.map((a) => tidyAgent(a, problems)) }
  const limit = input.timeLimitSec ?? 30
  const stepH = input.intervalMin / 60
  for (const r of input.requirements) {
    if (!input.agents.some((a) => a.skills.includes(r.skill))) {
      const hours = r.agents.reduce((s, x) => s + x, 0) * stepH
      if (hours > 0) problems.push(said('problem.no-skill', { skill: r.skill, hours: round(hours) }))
    }
  }
  const candidates = buildCandidates(input)
  const profiles = buildProfiles(input, candidates)
  for (const p of profiles) for (const a of p.agents) {
    if (a.availability?.length === 0) problems.push(said('problem.no-availability', { name: a.name }))
    else if (![...p.eligible.values()].some((l) => l.includes(a))) problems.push(said('problem.no-template', { name: a.name }))
  }
  const requiredHours = input.requirements.reduce((s, r) => s + r.agents.reduce((x, y) => x + y, 0), 0) * stepH
  const maxHours = profiles.reduce((s, p) => s + p.maxHours, 0)
  if (requiredHours > maxHours + 1e-6) {
    problems.push(said('problem.short-of-hours', { required: round(requiredHours), possible: round(maxHours) }))
  }

  const sel = await selectShifts(input, candidates, profiles, { timeLimitSec: limit * 0.75 })
  const left = Math.max(0.5, limit - (performance.now() - started) / 1000)
  const assigned: Assigned[] = []
  const lost = new Map<string, Candidate[]>()
  for (const p of profiles) {
    const counts = sel.counts.get(p.key)!
    if (counts.size === 0 && p.minHours === 0) continue
    const g = await assignGroup(p, counts, candidates, Math.max(0.2, (left * 0.8 * p.agents.length) / input.agents.length))
    lost.set(p.key, g.unassigned)
    assigned.push(...g.assigned)
  }
  const repaired = fillGaps(input, profiles, lost, candidates, assigned)
  // When the selection stopped far from its bound, whatever time is left (at least a second) goes to
  // local search on the same objective, kept only when the exact measure says it helped.
  const far = sel.roundedLp || !(sel.result.gap <= FAR_GAP)
  const search = far ? improveIfBetter(input, profiles, candidates, repaired, { deadlineMs: started + Math.max(limit * 1000, performance.now() - started + 1000) }) : undefined
  const filled = search?.assigned ?? repaired
  const kept = search?.report.kept ? search.report : undefined
  // The gap of the schedule kept: after a local search that helped, its objective against the MILP's
  // proven bound, where the MILP prices cover exactly (Hall's condition); beyond, the MILP's split
  // between skills is an approximation whose bound does not hold for the exact cost, so its own gap.
  const exactModel = input.requirements.length <= HALL_MAX_SKILLS
  const gap = kept && exactModel && Number.isFinite(sel.result.bound) ? Math.max(0, (kept.after - sel.result.bound) / kept.after) : sel.result.gap
  if (sel.roundedLp) problems.push(said('problem.rounded-lp', { limit }))
  else if (sel.result.status === 'time_limit' && kept) problems.push(said('problem.time-limit-improved', { limit, before: pct1(sel.result.gap), better: pct1(1 - kept.after / kept.before) }))
  else if (sel.result.status === 'time_limit') problems.push(said('problem.time-limit', { limit, gap: pct1(sel.result.gap) }))
  const profileOf = new Map(profiles.flatMap((p) => p.agents.map((a) => [a.id, p] as const)))
  const toPlace: ToPlace[] = filled.map((x) => ({ agentId: x.agentId, skills: profileOf.get(x.agentId)!.skills, candidate: x.candidate }))
  const paidHours = new Map<string, number>()
  for (const x of filled) paidHours.set(x.agentId, (paidHours.get(x.agentId) ?? 0) + x.candidate.paidMin / 60)
  // Agents short of their contract's hours for reasons of their own are said once, not as violations.
  const shortExplained = new Set<string>()
  for (const p of profiles) for (const a of p.agents) {
    const hours = paidHours.get(a.id) ?? 0
    if (hours < p.contract.minHoursPerWeek - 1e-9 && a.availability?.length !== 0) {
      shortExplained.add(a.id)
      problems.push(said('problem.min-hours', { name: a.name, short: round(p.contract.minHoursPerWeek - hours), min: p.contract.minHoursPerWeek }))
    }
  }
  const shifts = placeBreaks(input, toPlace).sort((a, b) => a.agentId.localeCompare(b.agentId) || a.startMin - b.startMin)
  const skills = new Map(input.agents.map((a) => [a.id, a.skills]))
  const cov = coverage(input, shifts, (id) => skills.get(id) ?? [])
  const violations = ruleViolations(input, shifts).filter((v) => v.rule !== 'min-hours-per-week' || !shortExplained.has(v.agentId))
  return {
    weekStart: input.weekStart, intervalMin: input.intervalMin, shifts, coverage: cov,
    solver: {
      status: sel.result.status, objective: kept ? kept.after : sel.result.objective, bound: sel.result.bound, gap, selectionGap: sel.result.gap,
      ...(sel.lpBound ? { lpBound: sel.lpBound } : {}), seconds: (performance.now() - started) / 1000,
      ...(search ? { improved: { ...search.report, before: round(search.report.before), after: round(search.report.after) } } : {}),
    },
    problems, violations,
  }
}

/** Overlapping time off is merged (and said); the schedule is the same either way. */
function tidyAgent(a: AgentRules, problems: Problem[]): AgentRules {
  if (!a.timeOff || a.timeOff.length < 2) return a
  const sorted = [...a.timeOff].sort((x, y) => x.startMin - y.startMin)
  const merged = [sorted[0]!]
  for (const t of sorted.slice(1)) {
    const last = merged[merged.length - 1]!
    if (t.startMin < last.endMin) merged[merged.length - 1] = { ...last, endMin: Math.max(last.endMin, t.endMin) }
    else merged.push(t)
  }
  if (merged.length < sorted.length) problems.push(said('problem.time-off-merged', { name: a.name, count: merged.length }))
  return { ...a, timeOff: merged }
}

/** A selection this far (relative gap) from its bound is handed to the local search. */
const FAR_GAP = 0.02

const pct1 = (x: number): string => (x * 100).toFixed(1)
const round = (x: number): number => Math.round(x * 10) / 10
