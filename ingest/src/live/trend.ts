/**
 * The trend widget's series: one metric per 15-minute interval of the center's day, for today so
 * far and for the same weekday a week earlier, over a group of queues. Ratios sum each queue's
 * numerator and denominator (DESIGN §4 definitions, each queue by its own settings). Pure.
 */
import { serviceLevelParts, type Counters } from '@agner/analytics'
import { TREND_METRICS } from '@agner/boards'
import type { QueueSettings } from './queue-settings.ts'

export { TREND_METRICS }
export type TrendMetric = (typeof TREND_METRICS)[number]
export const INTERVAL_MS = 900_000

export interface IntervalRow { queueId: string; start: number; counters: Counters }

export interface TrendSeries {
  metric: TrendMetric
  intervalMs: number
  /** Start of the center's day for `today`; interval i covers [dayStart + i·15 min, +15 min). */
  dayStart: number
  today: Array<number | null>
  lastWeek: Array<number | null>
}

/** One metric per interval of [dayStart, dayEnd) from rows of counters; null where its denominator is 0. */
export function seriesOf(rows: readonly IntervalRow[], metric: TrendMetric, dayStart: number, dayEnd: number, settings: (queueId: string) => QueueSettings): Array<number | null> {
  const n = Math.round((dayEnd - dayStart) / INTERVAL_MS)
  const num: number[] = new Array(n).fill(0), den: number[] = new Array(n).fill(0)
  for (const r of rows) {
    const i = Math.floor((r.start - dayStart) / INTERVAL_MS)
    if (i < 0 || i >= n) continue
    const c = r.counters
    let a = 0, b = 1
    switch (metric) {
      case 'offered': a = c.offered; break
      case 'answered': a = c.answered; break
      case 'abandoned': a = c.abandoned; break
      case 'serviceLevel': [a, b] = serviceLevelParts(c, settings(r.queueId)); break
      case 'asa': a = c.answeredWaitMs; b = c.answered; break
      case 'aht': a = c.talkMs + c.holdMs + c.wrapMs; b = c.handled; break
    }
    num[i] = num[i]! + a
    den[i] = den[i]! + b
  }
  const counts = metric === 'offered' || metric === 'answered' || metric === 'abandoned'
  return Array.from({ length: n }, (_, i) => (counts ? num[i]! : den[i]! > 0 ? num[i]! / den[i]! : null))
}
