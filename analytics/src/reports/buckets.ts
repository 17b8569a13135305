/**
 * Report periods: the SQL that groups 15-minute rollup rows into the report's interval in the
 * center's zone, and the label of each period.
 */
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import type { ReportInterval } from './filters.ts'

const LOCAL = 'fromUnixTimestamp64Milli(toInt64(interval_start), {tz:String})'

/** Epoch ms of the start of the period `interval_start` falls in (bound parameter `tz`). */
export function bucketSql(interval: ReportInterval, column = 'interval_start'): string {
  const local = LOCAL.replace('interval_start', column)
  switch (interval) {
    case '15m': return `toInt64(${column})`
    case '30m': return `toInt64(toUnixTimestamp(toStartOfInterval(${local}, INTERVAL 30 MINUTE)) * 1000)`
    case '60m': return `toInt64(toUnixTimestamp(toStartOfInterval(${local}, INTERVAL 60 MINUTE)) * 1000)`
    case 'day': return `toInt64(toUnixTimestamp(toDateTime(toDate(${local}), {tz:String})) * 1000)`
    case 'week': return `toInt64(toUnixTimestamp(toDateTime(toMonday(${local}), {tz:String})) * 1000)`
    case 'month': return `toInt64(toUnixTimestamp(toDateTime(toStartOfMonth(${local}), {tz:String})) * 1000)`
  }
}

const PATTERN: Record<ReportInterval, string> = {
  '15m': 'yyyy-MM-dd HH:mm', '30m': 'yyyy-MM-dd HH:mm', '60m': 'yyyy-MM-dd HH:mm', day: 'yyyy-MM-dd', week: 'yyyy-MM-dd', month: 'yyyy-MM',
}

export function bucketLabel(start: number, interval: ReportInterval, timeZone: string): string {
  return format(new TZDate(start, timeZone), PATTERN[interval])
}

/** The end of the period starting at `start` (exclusive), for drill-down. */
export function bucketEnd(start: number, interval: ReportInterval, timeZone: string): number {
  const d = new TZDate(start, timeZone)
  switch (interval) {
    case '15m': return start + 900_000
    case '30m': return start + 1_800_000
    case '60m': return start + 3_600_000
    case 'day': return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, timeZone).getTime()
    case 'week': return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 7, timeZone).getTime()
    case 'month': return new TZDate(d.getFullYear(), d.getMonth() + 1, 1, timeZone).getTime()
  }
}

export function dateTimeLabel(t: number, timeZone: string): string {
  return format(new TZDate(t, timeZone), 'yyyy-MM-dd HH:mm:ss')
}
