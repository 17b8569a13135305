/**
 * Dated leave turned into a week's time off: the part of each leave inside the week, in minutes
 * of the week (weeks are taken as 7 × 24 hours, as everywhere in scheduling).
 */
import { parseInstant, ReportInputError } from '@agner/analytics'
import { WEEK_MIN, type TimeOff } from '@agner/wfm'
import type { Leave } from './schedule-types.ts'
import { sayWfm } from './wfm-sentences.ts'

const MINUTE = 60_000
const MAX_LEAVE_DAYS = 366

/** The leave as instants, checked: a real date or date-time each, `from` before `to`, at most a year. */
export function leaveSpan(l: Leave, timeZone: string, where: string): { from: number; to: number } {
  const from = parseInstant(String(l.from ?? ''), timeZone, `${where}.from`)
  const to = parseInstant(String(l.to ?? ''), timeZone, `${where}.to`)
  if (!(from < to)) throw new ReportInputError(sayWfm('leaveOrder', { where }))
  if (to - from > MAX_LEAVE_DAYS * 1440 * MINUTE) throw new ReportInputError(sayWfm('leaveTooLong', { where, days: MAX_LEAVE_DAYS }))
  return { from, to }
}

/** The parts of `leave` inside the week starting at `weekStart`, as time off in week minutes. */
export function leaveInWeek(leave: readonly Leave[], weekStart: number, timeZone: string): TimeOff[] {
  const out: TimeOff[] = []
  const weekEnd = weekStart + WEEK_MIN * MINUTE
  for (const l of leave) {
    const { from, to } = leaveSpan(l, timeZone, 'leave')
    if (to <= weekStart || from >= weekEnd) continue
    out.push({
      startMin: Math.floor((Math.max(from, weekStart) - weekStart) / MINUTE),
      endMin: Math.ceil((Math.min(to, weekEnd) - weekStart) / MINUTE),
      reason: l.reason ?? 'leave',
    })
  }
  return out
}
