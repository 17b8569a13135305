/**
 * Shift counts per day (set covering, Dantzig): how many of each shift to run each day so that
 * the agents on duty cover the requirement per period. Two objectives: the cheapest counts with
 * every period covered (`min-cost`), or the counts closest to the requirement (`min-deviation`,
 * Σ |on duty − required|). A shift's pattern says which periods of its day it covers.
 * The deviation variables are bounded by the data (max requirement + cap), never by the cap alone,
 * so a feasible instance is never reported infeasible.
 */
import { WfmInputError } from '../staffing/input.ts'
import { MilpBuilder, solveMilp, type SolveStatus } from './milp.ts'

export interface ShiftCountsInput {
  /** Required agents, per day and period. */
  requirement: number[][]
  /** Per shift: 1 for each period of the day it covers. */
  shifts: Record<string, number[]>
  /** Cost of one shift (default 1 each). */
  cost?: Record<string, number>
  /** Most agents on one shift on one day. */
  maxPerShift?: number
  /** Most agents on duty in one period. */
  maxPerPeriod?: number
  objective: 'min-cost' | 'min-deviation'
  timeLimitSec?: number
}

export interface ShiftCountsResult {
  status: SolveStatus
  objective: number
  /** counts[day][shift] */
  counts: Array<Record<string, number>>
}

export async function solveShiftCounts(i: ShiftCountsInput): Promise<ShiftCountsResult> {
  const names = Object.keys(i.shifts)
  const periods = i.requirement[0]?.length ?? 0
  if (names.length === 0) throw new WfmInputError('shifts', 'name at least one shift')
  for (const n of names) if (i.shifts[n]!.length !== periods) throw new WfmInputError('shifts', `shift "${n}" covers ${i.shifts[n]!.length} periods but a day has ${periods}`)
  if (i.cost && names.some((n) => !(i.cost![n]! >= 0))) throw new WfmInputError('cost', 'give a cost ≥ 0 for every shift')
  const b = new MilpBuilder()
  const maxReq = Math.max(0, ...i.requirement.flat())
  const cover: number[][] = i.requirement.map((day) => day.map((r) =>
    i.objective === 'min-cost' ? b.addRow(r, i.maxPerPeriod ?? Infinity) : b.addRow(r, r)))
  // With deviations the cover row is an equation, so the cap on agents on duty is a row of its own.
  const capRows: number[][] | undefined = i.objective === 'min-deviation' && i.maxPerPeriod !== undefined
    ? i.requirement.map((day) => day.map(() => b.addRow(-Infinity, i.maxPerPeriod!))) : undefined
  const xs: Array<Record<string, number>> = i.requirement.map((_, d) => Object.fromEntries(names.map((n) => {
    const rows: number[] = []
    i.shifts[n]!.forEach((on, p) => { if (on) rows.push(cover[d]![p]!, ...(capRows ? [capRows[d]![p]!] : [])) })
    const col = b.addColumn({ cost: i.objective === 'min-cost' ? (i.cost?.[n] ?? 1) : 0, upper: i.maxPerShift ?? Infinity, integer: true, rows, values: rows.map(() => 1) })
    return [n, col]
  })))
  if (i.objective === 'min-deviation') {
    // on duty + under − over = required, with |deviation| = under + over.
    const bound = maxReq + (i.maxPerShift ?? maxReq) * names.length
    for (const day of cover) for (const row of day) {
      b.addColumn({ cost: 1, upper: bound, rows: [row], values: [1] })
      b.addColumn({ cost: 1, upper: bound, rows: [row], values: [-1] })
    }
  }
  const r = await solveMilp(b, { timeLimitSec: i.timeLimitSec ?? 30, relGap: 0 })
  return {
    status: r.status, objective: Math.round(r.objective * 1e6) / 1e6,
    counts: xs.map((day) => Object.fromEntries(names.map((n) => [n, Math.round(r.x[day[n]!]!)]))),
  }
}
