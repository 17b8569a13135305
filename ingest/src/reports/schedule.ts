/**
 * When a scheduled report runs and which period it covers, in the center's zone. Pure.
 * daily: every day at `atTime`, covering the day before; weekly: on `weekday` (1 = Monday),
 * covering the previous Monday-to-Monday week; monthly: on `monthDay`, covering the previous month.
 */
import { TZDate } from '@date-fns/tz'

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export interface ScheduleTiming {
  frequency: Frequency
  /** "HH:mm" in the center's zone. */
  atTime: string
  /** 1 = Monday … 7 = Sunday (weekly). */
  weekday: number
  /** 1 … 28 (monthly). */
  monthDay: number
}

const parseTime = (s: string): [number, number] => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s)
  if (!m) throw new Error(`time "${s}" is not HH:mm`)
  return [Number(m[1]), Number(m[2])]
}

/** The first due time strictly after `after`. */
export function nextDue(s: ScheduleTiming, after: number, timeZone: string): number {
  const [h, mi] = parseTime(s.atTime)
  const d = new TZDate(after, timeZone)
  for (let i = 0; i < 400; i++) {
    const day = new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + i, h, mi, 0, timeZone)
    const t = day.getTime()
    if (t <= after) continue
    const isoWeekday = ((day.getDay() + 6) % 7) + 1
    if (s.frequency === 'daily') return t
    if (s.frequency === 'weekly' && isoWeekday === s.weekday) return t
    if (s.frequency === 'monthly' && day.getDate() === s.monthDay) return t
  }
  throw new Error('no due time within a year')
}

/** The period a run due at `due` reports on: [from, to). */
export function periodOf(s: ScheduleTiming, due: number, timeZone: string): { from: number; to: number; interval: '60m' | 'day' } {
  const d = new TZDate(due, timeZone)
  const midnight = (y: number, m: number, day: number): number => new TZDate(y, m, day, timeZone).getTime()
  if (s.frequency === 'daily') return { from: midnight(d.getFullYear(), d.getMonth(), d.getDate() - 1), to: midnight(d.getFullYear(), d.getMonth(), d.getDate()), interval: '60m' }
  if (s.frequency === 'weekly') {
    const sinceMonday = (d.getDay() + 6) % 7
    const thisMonday = midnight(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday)
    const m = new TZDate(thisMonday, timeZone)
    return { from: midnight(m.getFullYear(), m.getMonth(), m.getDate() - 7), to: thisMonday, interval: 'day' }
  }
  return { from: midnight(d.getFullYear(), d.getMonth() - 1, 1), to: midnight(d.getFullYear(), d.getMonth(), 1), interval: 'day' }
}

export function checkTiming(s: ScheduleTiming): string | undefined {
  if (!(FREQUENCIES as readonly string[]).includes(s.frequency)) return `frequency must be one of ${FREQUENCIES.join(', ')}`
  if (!/^([01]\d|2[0-3]):([0-5]\d)$/.test(s.atTime)) return 'time must be HH:mm, from 00:00 to 23:59'
  if (s.frequency === 'weekly' && !(s.weekday >= 1 && s.weekday <= 7)) return 'weekday must be 1 (Monday) to 7 (Sunday)'
  if (s.frequency === 'monthly' && !(s.monthDay >= 1 && s.monthDay <= 28)) return 'day of the month must be 1 to 28'
  return undefined
}
