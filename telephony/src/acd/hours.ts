/**
 * Business hours per weekday in the center's time zone, plus holidays: is the center open at t?
 * Pure; time zones through Intl.
 */
import type { Sentence } from '@agner/events/sentences'
import { sayConfig } from './config-sentences.ts'

export interface BusinessHours {
  timeZone: string
  /** Weekday 1 (Monday) … 7 (Sunday) → opening spans as "HH:MM"–"HH:MM" (end exclusive; "24:00" allowed). */
  weekly: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Array<[string, string]>>>
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays?: string[]
}

const parts = new Map<string, Intl.DateTimeFormat>()
function local(t: number, timeZone: string): { date: string; weekday: number; minutes: number } {
  let f = parts.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    parts.set(timeZone, f)
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]))
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!) + 1
  return { date: `${p.year}-${p.month}-${p.day}`, weekday, minutes: Number(p.hour) * 60 + Number(p.minute) }
}

const toMinutes = (hhmm: string): number => { const [h, m] = hhmm.split(':').map(Number); return h! * 60 + m! }

export function isOpen(h: BusinessHours, t: number): boolean {
  const l = local(t, h.timeZone)
  if (h.holidays?.includes(l.date)) return false
  const spans = h.weekly[String(l.weekday) as '1'] ?? []
  return spans.some(([from, to]) => l.minutes >= toMinutes(from) && l.minutes < toMinutes(to))
}

/** One sentence about what is wrong with a definition, or undefined. */
export function hoursProblem(h: unknown): Sentence | undefined {
  if (typeof h !== 'object' || h === null) return sayConfig('hoursShape')
  const x = h as Record<string, unknown>
  try { new Intl.DateTimeFormat('en', { timeZone: String(x.timeZone) }) } catch { return sayConfig('hoursZone', { zone: String(x.timeZone) }) }
  if (typeof x.weekly !== 'object' || x.weekly === null) return sayConfig('hoursWeekly')
  for (const [day, spans] of Object.entries(x.weekly)) {
    if (!/^[1-7]$/.test(day)) return sayConfig('hoursWeekday', { day })
    if (!Array.isArray(spans) || !spans.every((s) => Array.isArray(s) && s.length === 2 && s.every((v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(v)) && toMinutes(s[0]) < toMinutes(s[1]))) {
      return sayConfig('hoursSpan', { day })
    }
  }
  if (x.holidays !== undefined && !(Array.isArray(x.holidays) && x.holidays.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)))) return sayConfig('hoursHolidays')
  return undefined
}
