/** A report cell as the reports page shows it (the PDF export follows the same rules). */
import { duration, percent } from '../format'
import type { Cell, Column } from './report-types'

export function cellText(v: Cell | undefined, c: Column, timeZone: string, locale: string): string {
  if (v === null || v === undefined || v === '') return c.kind === 'text' ? '' : '—'
  if (typeof v === 'string') return v
  switch (c.kind) {
    case 'int': return Math.round(v).toLocaleString(locale)
    case 'number': return v.toFixed(2)
    case 'pct': return percent(v)
    case 'duration': return duration(v)
    case 'datetime': return new Date(v).toLocaleString(locale, { timeZone, hour12: false })
    case 'text': return String(v)
  }
}

/** "2026-11-01" → the next day, for an inclusive "to" date picked in the UI. */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}
