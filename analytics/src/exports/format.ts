/**
 * How a cell reads in text exports (PDF, CSV) and on screen: one place for units and rounding.
 * `display` is for people (PDF): "83.3 %", "1:05". `plain` is for machines (CSV): percent and
 * seconds as plain numbers, the unit in the header.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import type { Cell, Column } from '../reports/types.ts'

export function durationText(ms: number): string {
  const s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`
}

export function dateTimeText(t: number, timeZone: string): string {
  return format(new TZDate(t, timeZone), 'yyyy-MM-dd HH:mm:ss')
}

export function display(v: Cell | undefined, c: Column, timeZone: string): string {
  if (v === null || v === undefined || v === '') return c.kind === 'text' ? '' : '—'
  if (typeof v === 'string') return v
  switch (c.kind) {
    case 'int': return Math.round(v).toLocaleString('en-US')
    case 'number': return v.toFixed(2)
    case 'pct': return `${(v * 100).toFixed(1)} %`
    case 'duration': return durationText(v)
    case 'datetime': return dateTimeText(v, timeZone)
    case 'text': return String(v)
  }
}

export function plain(v: Cell | undefined, c: Column, timeZone: string): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  switch (c.kind) {
    case 'int': return String(Math.round(v))
    case 'number': return String(Math.round(v * 100) / 100)
    case 'pct': return String(Math.round(v * 10000) / 100)
    case 'duration': return String(Math.round(v / 100) / 10)
    case 'datetime': return dateTimeText(v, timeZone)
    case 'text': return v === undefined ? '' : String(v)
  }
}

/** The header of a column in machine-readable exports: its unit added. */
export function plainHeader(c: Column): string {
  return c.kind === 'pct' ? `${c.label} (%)` : c.kind === 'duration' ? `${c.label} (s)` : c.label
}
