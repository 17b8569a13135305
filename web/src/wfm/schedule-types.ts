/** The schedule as the server sends it (ingest/src/wfm/schedule-types.ts). */
export type Kind = 'work' | 'break' | 'lunch'
export interface Span { kind: Kind; startMin: number; endMin: number }
export interface Shift { agentId: string; day: number; templateId: string; startMin: number; endMin: number; paidMin: number; breaks: Span[] }
export interface IntervalCoverage { required: number; scheduled: number; under: number; over: number; serviceLevel: number | null }
export interface Totals { paidHours: number; requiredHours: number; coveragePct: number; underHours: number; overHours: number; meanServiceLevel: number | null }
export interface Schedule {
  id: string; weekStart: number; status: 'draft' | 'published'; version: number; timeZone: string; intervalMin: number
  agents: Array<{ id: string; name: string; skills: string[]; contractId: string }>
  shifts: Shift[]
  coverage: { intervals: IntervalCoverage[]; totals: Totals }
  solver: { status: string; objective: number; bound: number; gap: number; lpBound?: { objective: number; paidHours: number }; seconds: number }
  problems: string[]
  violations: Array<{ agentId: string; rule: string; message: string }>
  simulation?: { serviceLevel: Array<number | null>; offered: number[] }
  input: { requirements: Array<{ skill: string; volume?: number[] }> }
}
export interface Summary { id: string; weekStart: number; status: 'draft' | 'published'; version: number; createdBy: string; createdMs: number; updatedMs: number }

/** Work around the breaks, in time order: the same function the server uses (pure, no I/O). */
export { activitiesOf, hhmm } from '@agner/wfm/activities'


/** Contact-weighted mean of a per-interval service level. */
export function weightedSl(sl: Array<number | null>, weight: number[]): number | null {
  let w = 0, s = 0
  sl.forEach((x, i) => { if (x !== null && weight[i]! > 0) { s += x * weight[i]!; w += weight[i]! } })
  return w > 0 ? s / w : null
}
