/**
 * The labour rules as predicates, written once: which of an agent's own rules a shift breaks
 * (used to offer the optimizer only shifts an agent may work, and to name what a finished or
 * edited shift breaks), runs of working days, and the rest between two shifts.
 */
import { DAY_MIN, type AgentRules, type Contract } from './rules.ts'

export interface ShiftSpan { day: number; templateId: string; startMin: number; endMin: number; paidMin: number }

export type ShiftRule = 'contract-template' | 'hours-per-day' | 'earliest-start' | 'latest-end' | 'availability' | 'time-off'

/** Every rule of the agent's contract, availability and time off that the shift breaks. */
export function shiftRulesBroken(a: AgentRules, c: Contract, s: ShiftSpan): ShiftRule[] {
  const out: ShiftRule[] = []
  const dayStart = s.day * DAY_MIN
  const paidH = s.paidMin / 60
  if (c.templates && !c.templates.includes(s.templateId)) out.push('contract-template')
  if (paidH < c.minHoursPerDay - 1e-9 || paidH > c.maxHoursPerDay + 1e-9) out.push('hours-per-day')
  if (s.startMin - dayStart < c.earliestStartMin) out.push('earliest-start')
  if (s.endMin - dayStart > c.latestEndMin) out.push('latest-end')
  if (a.availability && !a.availability.some((w) => w.day === s.day && dayStart + w.fromMin <= s.startMin && s.endMin <= dayStart + w.toMin)) out.push('availability')
  if (a.timeOff?.some((o) => o.startMin < s.endMin && s.startMin < o.endMin)) out.push('time-off')
  return out
}

/** The first day on which a run of consecutive working days passes `max`, or null. */
export function dayPastRun(days: ReadonlySet<number>, max: number, before = 0): number | null {
  // `before`: days worked in a row just before Monday (the week before's last days).
  let run = before
  for (let d = 0; d < 7; d++) { run = days.has(d) ? run + 1 : 0; if (run > max) return d }
  return null
}

/** Rest in hours between a shift and a later one on another day, when it is below the contract's. */
export function restShortfall(c: Contract, earlier: { day: number; endMin: number }, later: { day: number; startMin: number }): number | null {
  if (earlier.day === later.day) return null
  const gapH = (later.startMin - earlier.endMin) / 60
  return gapH < c.minRestHours - 1e-9 ? gapH : null
}
