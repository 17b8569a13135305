/** Weeks in the center's time zone: a week starts on Monday at 00:00 local time. */
import { startOfDayIn } from '../live/day.ts'

const DAY = 86_400_000
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export function weekdayIn(ms: number, timeZone: string): number {
  return WEEKDAYS.indexOf(new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(ms))
}

/** Monday 00:00 (local) of the week holding `ms`. */
export function weekStartIn(ms: number, timeZone: string): number {
  const day = startOfDayIn(ms, timeZone)
  return startOfDayIn(day - weekdayIn(day + DAY / 2, timeZone) * DAY + DAY / 2, timeZone)
}

/** "2026-11-30" (a Monday, local) → that Monday's start; null when it is not a Monday. */
export function parseWeek(text: string, timeZone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const noon = Date.parse(`${text}T12:00:00Z`)
  if (Number.isNaN(noon) || weekdayIn(noon, 'UTC') !== 0) return null
  return startOfDayIn(noon, timeZone)
}

export function weekLabel(weekStart: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(weekStart)
}
