/**
 * Phase 2, named assignment: the shifts selected for a group go to its agents, one MILP per group,
 * with every labour rule a hard constraint: one shift a day, weekly hours at most the contract's,
 * working days within the days off, consecutive days, rest between shifts, availability and time
 * off (an agent is only offered shifts they may work). Contract minimum hours are met whenever the
 * agent can reach them (a shortfall is heavily penalised and reported); a selected shift nobody may
 * take is reported as unassigned, and extra shifts may be added where an agent needs hours.
 */
import type { Candidate } from './candidates.ts'
import { MilpBuilder, solveMilp } from './milp.ts'
import type { Profile } from './profiles.ts'

export interface Assigned { agentId: string; candidate: Candidate }
export interface GroupAssignment { assigned: Assigned[]; /** Selected shifts nobody could take. */ unassigned: Candidate[]; gap: number }

const MISS_PENALTY = 50
const SHORT_PENALTY = 1000

export async function assignGroup(p: Profile, counts: Map<number, number>, candidates: Candidate[], timeLimitSec: number): Promise<GroupAssignment> {
  const c = p.contract
  const b = new MilpBuilder()
  const groups = [...counts.keys()].map((i) => candidates[i]!)
  const demandRow = new Map(groups.map((g) => [g.index, b.addRow(counts.get(g.index)!, counts.get(g.index)!)]))
  for (const g of groups) {
    const row = demandRow.get(g.index)!
    b.addColumn({ cost: MISS_PENALTY * g.paidMin / 60, upper: counts.get(g.index)!, rows: [row], values: [1] }) // missed
    b.addColumn({ cost: g.paidMin / 60, rows: [row], values: [-1] }) // extra, for contract hours
  }
  const vars: Array<{ agentId: string; candidate: Candidate; col: number }> = []
  const restMin = c.minRestHours * 60
  for (const a of p.agents) {
    const mine = groups.filter((g) => p.eligible.get(g.index)?.includes(a))
    const dayRows = Array.from({ length: 7 }, () => b.addRow(-Infinity, 1))
    const hoursRow = b.addRow(-Infinity, c.maxHoursPerWeek)
    const reachable = Math.min(c.minHoursPerWeek, mine.length ? Math.max(...mine.map((g) => g.paidMin / 60)) * 7 : 0)
    const minRow = b.addRow(reachable, Infinity)
    b.addColumn({ cost: SHORT_PENALTY, upper: reachable, rows: [minRow], values: [1] })
    const daysRow = b.addRow(-Infinity, 7 - c.daysOffPerWeek)
    const windows = Array.from({ length: Math.max(0, 7 - c.maxConsecutiveDays) }, () => b.addRow(-Infinity, c.maxConsecutiveDays))
    // Days worked just before Monday: of Monday and the `lead` days after it, at most `lead` are worked.
    const before = a.daysWorkedBefore ?? 0
    const lead = Math.max(0, c.maxConsecutiveDays - before)
    const leadRow = before > 0 && lead < 7 ? b.addRow(-Infinity, lead) : undefined
    // Rest: a shift and any next-day shift starting too soon after it exclude each other.
    const restRows = new Map<number, number>()
    for (const g of mine) {
      if (mine.some((h) => h.day === g.day + 1 && h.startMin - g.endMin < restMin)) restRows.set(g.index, b.addRow(-Infinity, 1))
    }
    for (const g of mine) {
      const rows = [demandRow.get(g.index)!, dayRows[g.day]!, hoursRow, minRow, daysRow]
      const values = [1, 1, g.paidMin / 60, g.paidMin / 60, 1]
      windows.forEach((row, w) => { if (g.day >= w && g.day <= w + c.maxConsecutiveDays) { rows.push(row); values.push(1) } })
      if (leadRow !== undefined && g.day <= lead) { rows.push(leadRow); values.push(1) }
      const own = restRows.get(g.index)
      if (own !== undefined) { rows.push(own); values.push(1) }
      for (const h of mine) {
        const r = restRows.get(h.index)
        if (r !== undefined && g.day === h.day + 1 && g.startMin - h.endMin < restMin) { rows.push(r); values.push(1) }
      }
      vars.push({ agentId: a.id, candidate: g, col: b.addColumn({ cost: 0, upper: 1, integer: true, rows, values }) })
    }
  }
  const r = await solveMilp(b, { timeLimitSec, relGap: 0.001 })
  const assigned = vars.filter((v) => r.x[v.col]! > 0.5).map((v) => ({ agentId: v.agentId, candidate: v.candidate }))
  const done = new Map<number, number>()
  for (const x of assigned) done.set(x.candidate.index, (done.get(x.candidate.index) ?? 0) + 1)
  const unassigned = groups.flatMap((g) => Array.from({ length: Math.max(0, counts.get(g.index)! - (done.get(g.index) ?? 0)) }, () => g))
  return { assigned, unassigned, gap: r.gap }
}
