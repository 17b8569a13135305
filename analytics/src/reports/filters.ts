/**
 * Report filters: parsed and checked once, before any query, so bad input gets one sentence and
 * a 400 (never a 500, never a query). Dates are ISO; without an offset they are wall time in the
 * center's zone ("2026-11-01" is that day's midnight there).
 */
import { TZDate } from '@date-fns/tz'

export const REPORT_INTERVALS = ['15m', '30m', '60m', 'day', 'week', 'month'] as const
export type ReportInterval = (typeof REPORT_INTERVALS)[number]
export const CHANNELS = ['voice', 'chat', 'email', 'sms', 'video', 'callback'] as const

export interface ReportFilters {
  from: number
  to: number
  interval: ReportInterval
  queues: string[]
  teams: string[]
  agents: string[]
  channels: string[]
}

export class ReportInputError extends Error {
  constructor(message: string, readonly status: 400 | 403 | 404 | 409 | 422 = 400) { super(message) }
}

export const MAX_RANGE_DAYS = 400
/** Rows a by-interval report may produce per queue. */
export const MAX_BUCKETS = 3000
const DAY = 86_400_000
const QUARTER = 900_000
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

export interface RawFilters {
  from?: unknown
  to?: unknown
  interval?: unknown
  queue?: unknown
  team?: unknown
  agent?: unknown
  channel?: unknown
}

/** An ISO date or date-time; wall time in `timeZone` unless it carries Z or an offset. */
export function parseInstant(text: string, timeZone: string, name: string): number {
  const m = ISO.exec(text.trim())
  if (!m) throw new ReportInputError(`"${name}" must be an ISO date or date-time such as 2026-11-01 or 2026-11-01T08:00, not "${text.slice(0, 40)}".`)
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 24 || parts[4] > 59 || parts[5] > 59) {
    throw new ReportInputError(`"${name}" is not a real date or time: "${text}".`)
  }
  if (zone) {
    const t = Date.parse(text.trim().replace(' ', 'T'))
    if (Number.isNaN(t)) throw new ReportInputError(`"${name}" is not a real date or time: "${text}".`)
    return t
  }
  const t = new TZDate(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], timeZone).getTime()
  if (new TZDate(t, timeZone).getDate() !== parts[2] && parts[3] !== 24) throw new ReportInputError(`"${name}" is not a real date: "${text}".`)
  return t
}

function list(v: unknown, name: string, check: (s: string) => boolean = (s) => ID.test(s), hint = 'ids are letters, digits and _ . : @ -'): string[] {
  if (v === undefined || v === null || v === '') return []
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean)
  if (items.length > 200) throw new ReportInputError(`Give at most 200 values for "${name}".`)
  for (const s of items) {
    if (!check(s)) throw new ReportInputError(`"${s.slice(0, 40)}" is not a valid ${name}; ${hint}.`)
  }
  return [...new Set(items)]
}

/**
 * The filters from a query string (or CLI flags). `from` defaults to the start of today in the
 * zone, `to` to one day after `from`. `to` is exclusive.
 */
export function parseReportFilters(raw: RawFilters, timeZone: string, now = Date.now()): ReportFilters {
  const interval = raw.interval === undefined || raw.interval === '' ? '60m' : String(raw.interval)
  if (!(REPORT_INTERVALS as readonly string[]).includes(interval)) {
    throw new ReportInputError(`Interval "${interval.slice(0, 20)}" is not offered; use one of ${REPORT_INTERVALS.join(', ')}.`)
  }
  const today = new TZDate(now, timeZone)
  const from = raw.from ? parseInstant(String(raw.from), timeZone, 'from') : new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), timeZone).getTime()
  const to = raw.to ? parseInstant(String(raw.to), timeZone, 'to') : from + DAY
  if (from >= to) throw new ReportInputError('"from" must be before "to" (the period is [from, to)).')
  if (to - from > MAX_RANGE_DAYS * DAY) throw new ReportInputError(`The period is longer than ${MAX_RANGE_DAYS} days; ask for a shorter one (use the monthly interval for long trends).`)
  if (from % QUARTER !== 0 || to % QUARTER !== 0) throw new ReportInputError('"from" and "to" must fall on a quarter hour (:00, :15, :30 or :45), the reports\' finest interval.')
  const minutes = { '15m': 15, '30m': 30, '60m': 60 }[interval as '15m' | '30m' | '60m']
  if (minutes && (to - from) / (minutes * 60_000) > MAX_BUCKETS) {
    throw new ReportInputError(`That is more than ${MAX_BUCKETS} ${interval} intervals; choose a longer interval (day, week or month) or a shorter period.`)
  }
  return {
    from, to, interval: interval as ReportInterval,
    queues: list(raw.queue, 'queue'), teams: list(raw.team, 'team'), agents: list(raw.agent, 'agent'),
    channels: list(raw.channel, 'channel', (s) => (CHANNELS as readonly string[]).includes(s), `use one of ${CHANNELS.join(', ')}`),
  }
}
