/**
 * Report filters: parsed and checked once, before any query, so bad input gets one sentence and
 * a 400 (never a 500, never a query). Dates are ISO; without an offset they are wall time in the
 * center's zone ("2026-11-01" is that day's midnight there).
 */
import { TZDate } from '@date-fns/tz'
import { sentences, type Sentence } from '@agner/events/sentences'

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

/** Bad report input: a 4xx with one sentence; a Sentence also says it in Chinese (its code and values for the web). */
export class ReportInputError extends Error {
  readonly said?: Sentence
  constructor(message: string | Sentence, readonly status: 400 | 403 | 404 | 409 | 422 = 400) {
    super(typeof message === 'string' ? message : message.text.en)
    if (typeof message !== 'string') this.said = message
  }
}

const say = sentences({
  badInstant: { en: '"{name}" must be an ISO date or date-time such as 2026-11-01 or 2026-11-01T08:00, not "{text}".', 'zh-CN': '“{label}”须为 ISO 日期或日期时间，如 2026-11-01 或 2026-11-01T08:00，而不是“{text}”。' },
  notReal: { en: '"{name}" is not a real date or time: "{text}".', 'zh-CN': '“{label}”不是有效的日期或时间：“{text}”。' },
  tooMany: { en: 'Give at most 200 values for "{name}".', 'zh-CN': '“{label}”最多只能填 200 个值。' },
  badId: { en: '"{value}" is not a valid {name}; ids are letters, digits and _ . : @ -.', 'zh-CN': '“{value}”不是有效的{label}；编号只能包含字母、数字和 _ . : @ -。' },
  badChannel: { en: '"{value}" is not a valid channel; use one of {channels}.', 'zh-CN': '“{value}”不是有效的渠道；请使用 {channels} 之一。' },
  badInterval: { en: 'Interval "{interval}" is not offered; use one of {intervals}.', 'zh-CN': '不支持间隔“{interval}”；请使用 {intervals} 之一。' },
  backwards: { en: '"from" must be before "to" (the period is [from, to)).', 'zh-CN': '“开始”必须早于“结束”。' },
  tooLong: { en: 'The period is longer than {days} days; ask for a shorter one (use the monthly interval for long trends).', 'zh-CN': '时间范围超过 {days} 天；请缩短范围（长期趋势请用“月”间隔）。' },
  quarter: { en: '"from" and "to" must fall on a quarter hour (:00, :15, :30 or :45), the reports\' finest interval.', 'zh-CN': '“开始”和“结束”必须落在整刻钟（:00、:15、:30 或 :45），这是报表的最小间隔。' },
  tooManyBuckets: { en: 'That is more than {max} {interval} intervals; choose a longer interval (day, week or month) or a shorter period.', 'zh-CN': '超过了 {max} 个 {interval} 间隔；请选择更长的间隔（日、周或月）或更短的时间范围。' },
})
/** The filter names as the Chinese UI labels them. */
const LABELS_ZH: Record<string, string> = { from: '开始', to: '结束', queue: '队列', team: '团队', agent: '坐席', channel: '渠道' }
const labelled = (name: string): { name: string; label: string } => ({ name, label: LABELS_ZH[name] ?? name })

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
  if (!m) throw new ReportInputError(say('badInstant', { ...labelled(name), text: text.slice(0, 40) }))
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 24 || parts[4] > 59 || parts[5] > 59) {
    throw new ReportInputError(say('notReal', { ...labelled(name), text: text.slice(0, 40) }))
  }
  if (zone) {
    const t = Date.parse(text.trim().replace(' ', 'T'))
    if (Number.isNaN(t)) throw new ReportInputError(say('notReal', { ...labelled(name), text: text.slice(0, 40) }))
    return t
  }
  const t = new TZDate(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], timeZone).getTime()
  if (new TZDate(t, timeZone).getDate() !== parts[2] && parts[3] !== 24) throw new ReportInputError(say('notReal', { ...labelled(name), text: text.slice(0, 40) }))
  return t
}

function list(v: unknown, name: string, check: (s: string) => boolean = (s) => ID.test(s)): string[] {
  if (v === undefined || v === null || v === '') return []
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean)
  if (items.length > 200) throw new ReportInputError(say('tooMany', labelled(name)))
  for (const s of items) {
    if (check(s)) continue
    throw new ReportInputError(name === 'channel' ? say('badChannel', { value: s.slice(0, 40), channels: CHANNELS.join(', ') }) : say('badId', { ...labelled(name), value: s.slice(0, 40) }))
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
    throw new ReportInputError(say('badInterval', { interval: interval.slice(0, 20), intervals: REPORT_INTERVALS.join(', ') }))
  }
  const today = new TZDate(now, timeZone)
  const from = raw.from ? parseInstant(String(raw.from), timeZone, 'from') : new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), timeZone).getTime()
  const to = raw.to ? parseInstant(String(raw.to), timeZone, 'to') : from + DAY
  if (from >= to) throw new ReportInputError(say('backwards'))
  if (to - from > MAX_RANGE_DAYS * DAY) throw new ReportInputError(say('tooLong', { days: MAX_RANGE_DAYS }))
  if (from % QUARTER !== 0 || to % QUARTER !== 0) throw new ReportInputError(say('quarter'))
  const minutes = { '15m': 15, '30m': 30, '60m': 60 }[interval as '15m' | '30m' | '60m']
  if (minutes && (to - from) / (minutes * 60_000) > MAX_BUCKETS) {
    throw new ReportInputError(say('tooManyBuckets', { max: MAX_BUCKETS, interval }))
  }
  return {
    from, to, interval: interval as ReportInterval,
    queues: list(raw.queue, 'queue'), teams: list(raw.team, 'team'), agents: list(raw.agent, 'agent'),
    channels: list(raw.channel, 'channel', (s) => (CHANNELS as readonly string[]).includes(s)),
  }
}
