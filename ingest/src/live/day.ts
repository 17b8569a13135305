/** Calendar arithmetic in the center's time zone (AGNER_TIMEZONE). */
import { TZDate } from '@date-fns/tz'
import { addDays, startOfDay } from 'date-fns'

export const INTERVAL_MS = 15 * 60_000
export const MINUTE_MS = 60_000

/** Midnight of the day containing `ms`, in `timeZone`, as epoch ms. */
export function startOfDayIn(ms: number, timeZone: string): number {
  return startOfDay(new TZDate(ms, timeZone)).getTime()
}

/** Midnight after the day containing `ms` (23, 24 or 25 hours later around DST changes). */
export function startOfNextDayIn(ms: number, timeZone: string): number {
  return addDays(startOfDay(new TZDate(ms, timeZone)), 1).getTime()
}

/**
 * Start of the 15-minute interval containing `ms`. Every zone in use today is offset from UTC by
 * a multiple of 15 minutes, so UTC-aligned quarters are local quarters too.
 */
export const intervalStart = (ms: number): number => Math.floor(ms / INTERVAL_MS) * INTERVAL_MS
export const minuteStart = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS

export function isValidTimeZone(tz: string): boolean {
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true } catch { return false }
}

/** The zone's offset from UTC in hours at `at` (Asia/Shanghai: 8). */
export function utcOffsetHours(timeZone: string, at = Date.now()): number {
  return -new TZDate(at, timeZone).getTimezoneOffset() / 60
}
