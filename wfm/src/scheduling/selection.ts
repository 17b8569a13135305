/**
 * Phase 1, shift selection: how many agents of each group work each candidate shift, at the
 * fewest paid hours, so that the expected agents on the phones cover every skill's requirement
 * per interval. Multi-skill agents count once per interval, through Hall's condition: for every
 * set S of skills, the agents on duty who have a skill in S cover at least S's total requirement.
 * That holds for all S exactly when the agents can be split between the skills to cover each (max
 * flow, min cut), so no allocation variables are needed; one under-staffing variable per interval
 * takes the largest deficit over the sets, which is the max-flow deficit. Only sets connected by
 * shared agents matter. Under-staffing is allowed at a penalty per agent-hour that grows as the
 * interval empties (shortage.ts), so an impossible week still gets the best cover, spread where it
 * costs callers least; the groups' limits (agents free per day, weekly hours, working
 * days) keep the selection assignable to names.
 */
import type { Candidate } from './candidates.ts'
import { MilpBuilder, solveMilp, type MilpResult } from './milp.ts'
import type { Profile } from './profiles.ts'
import { horizonLength, requirementHorizon, type ScheduleInput } from './rules.ts'
import { SHORTAGE_STEPS } from './shortage.ts'

export interface Selection {
  /** counts per group: candidate index → agents */
  counts: Map<string, Map<number, number>>
  result: MilpResult
  /** The LP relaxation's objective and paid hours: the lower bound the schedule is measured against. */
  lpBound?: { objective: number; paidHours: number }
  /** The MILP found nothing in its time: the selection is the LP solution rounded. */
  roundedLp: boolean
}

/** Penalty per hour of a group's contract minimum left unworked (any value above 1 makes it worth a shift). */
export const MIN_HOURS_PENALTY = 5

/** Sets of skills (bit masks) in which every skill is linked to the others through agents' skill sets. */
export function connectedSkillSets(skillCount: number, groups: number[][]): number[] {
  const masks: number[] = []
  const linked = groups.map((g) => g.reduce((m, s) => m | (1 << s), 0))
  for (let m = 1; m < 1 << skillCount; m++) {
    // Grow from the lowest skill through groups that touch the set and stay inside it.
    let reach = m & -m
    for (let grew = true; grew;) {
      grew = false
      for (const g of linked) if ((g & reach) && (g & m & ~reach)) { reach |= g & m; grew = true }
    }
    if (reach === m) masks.push(m)
  }
  return masks
}

/**
 * The deficit of an interval (a row, or with Hall the interval's rows together) as one column per
 * step of SHORTAGE_STEPS, each step dearer than the one before: the solver fills the cheap steps
 * first, so the cost it minimises is the convex `shortageCost`.
 */
function addShortage(b: MilpBuilder, base: number, need: number, rows: number[]): void {
  for (const s of SHORTAGE_STEPS) b.addColumn({ cost: base * s.weight, upper: s.share * need, rows, values: rows.map(() => 1) })
}

/** Up to this many skills, Hall's condition (exact); beyond, a proportional split (fast, approximate). */
export const HALL_MAX_SKILLS = 3

export async function selectShifts(i: ScheduleInput, candidates: Candidate[], profiles: Profile[], opts: { timeLimitSec: number }): Promise<Selection> {
  const stepH = i.intervalMin / 60
  const under = i.underPenalty ?? 20
  // The week and the hours after it that its last shifts reach (a Sunday night shift ending Monday).
  const n = horizonLength(i)
  const req = i.requirements.map((r) => requirementHorizon(r))
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  const profileMask = profiles.map((p) => p.skills.reduce((m, s) => m | (1 << skillIndex.get(s)!), 0))
  const hall = i.requirements.length <= HALL_MAX_SKILLS
  const sets = hall ? connectedSkillSets(i.requirements.length, profiles.map((p) => p.skills.map((s) => skillIndex.get(s)!))) : i.requirements.map((_, k) => 1 << k)
  const b = new MilpBuilder()
  // A cover row per skill set and interval with a requirement. With Hall, one deficit variable per
  // interval shared by its rows (it takes the largest deficit); without, the sets are the single
  // skills, each row with a deficit variable of its own.
  const setRows = sets.map(() => new Int32Array(n).fill(-1))
  for (let t = 0; t < n; t++) {
    const rows: number[] = []
    let most = 0
    sets.forEach((m, k) => {
      let need = 0
      req.forEach((r, s) => { if (m & (1 << s)) need += r[t] ?? 0 })
      if (need <= 0) return
      const row = (setRows[k]![t] = b.addRow(need, Infinity))
      if (!hall) addShortage(b, under * stepH, need, [row])
      rows.push(row)
      most = Math.max(most, need)
    })
    if (hall && rows.length) addShortage(b, under * stepH, most, rows)
  }
  const xCols: Array<{ profile: Profile; candidate: Candidate; col: number }> = []
  profiles.forEach((p, pi) => {
    const touching = sets.map((m, k) => ((m & profileMask[pi]!) ? k : -1)).filter((k) => k >= 0)
    // Beyond Hall: a group's agents on duty count toward each of its skills in proportion to that
    // skill's requirement at the time (a fixed split: no allocation variables, whose degeneracy makes
    // the LP slow with many skills; the real cover is measured exactly afterwards). Per skill set
    // and interval, the weight of one agent on duty: 1 with Hall or a single skill.
    const split = !hall && touching.length > 1
    const weight = touching.map((k) => Float64Array.from({ length: n }, (_, t) => {
      if (!split) return 1
      const total = touching.reduce((x, j) => x + (req[j]![t] ?? 0), 0)
      return total > 0 ? (req[k]![t] ?? 0) / total : 0
    }))
    const dayRows = p.freeOnDay.map((count) => b.addRow(-Infinity, count))
    const hoursRow = b.addRow(-Infinity, p.maxHours)
    const minRow = b.addRow(p.minHours, Infinity)
    b.addColumn({ cost: MIN_HOURS_PENALTY, upper: p.minHours, rows: [minRow], values: [1] })
    const daysRow = b.addRow(-Infinity, p.maxDays)
    // Consecutive days, where they bind more than days off: in any run of (max + 1) days the group
    // works at most max shifts per agent.
    const m = p.contract.maxConsecutiveDays
    const binds = m < 7 - p.contract.daysOffPerWeek
    const windows = binds ? Array.from({ length: Math.max(0, 7 - m) }, () => b.addRow(-Infinity, m * p.agents.length)) : []
    for (const [c, agents] of p.eligible) {
      const cand = candidates[c]!
      const paidH = cand.paidMin / 60
      const rows = [dayRows[cand.day]!, hoursRow, minRow, daysRow]
      const values = [1, paidH, paidH, 1]
      windows.forEach((row, w) => { if (cand.day >= w && cand.day <= w + m) { rows.push(row); values.push(1) } })
      cand.cover.forEach((w, offset) => {
        if (w <= 0) return
        const t = cand.firstInterval + offset
        touching.forEach((set, j) => {
          const r = setRows[set]![t]!
          const v = w * weight[j]![t]!
          if (r >= 0 && v > 1e-9) { rows.push(r); values.push(v) }
        })
      })
      xCols.push({ profile: p, candidate: cand, col: b.addColumn({ cost: paidH, upper: agents.length, integer: true, rows, values }) })
    }
  })
  // The LP relaxation first: the lower bound the schedule is measured against, and its rounding is
  // the selection when the MILP finds no solution in its time.
  const started = performance.now()
  const lp = await solveMilp(b, { relaxation: true, timeLimitSec: opts.timeLimitSec / 2 })
  const lpBound = lp.status === 'optimal' ? { objective: lp.objective, paidHours: xCols.reduce((s, x) => s + lp.x[x.col]! * x.candidate.paidMin / 60, 0) } : undefined
  const left = Math.max(0.1, opts.timeLimitSec - (performance.now() - started) / 1000)
  const result = await solveMilp(b, { timeLimitSec: left, relGap: 0.005 })
  const solved = Number.isFinite(result.objective)
  const values = solved ? result.x : lp.x
  const counts = new Map<string, Map<number, number>>(profiles.map((p) => [p.key, new Map()]))
  for (const x of xCols) {
    const count = Math.min(x.profile.eligible.get(x.candidate.index)!.length, Math.round(values[x.col]!))
    if (count > 0) counts.get(x.profile.key)!.set(x.candidate.index, count)
  }
  const fallback = !solved && lp.status === 'optimal'
  return {
    counts, result: fallback ? { ...result, objective: lp.objective, bound: lp.objective, gap: NaN } : result,
    ...(lpBound ? { lpBound } : {}), roundedLp: fallback,
  }
}
