/**
 * A queue's forecast: every method backtested on the last week of history (fit on what came
 * before, scored against what happened), the best by interval WAPE chosen unless one is asked for,
 * then refit on the whole history for the horizon. Holidays are left out of the history; special
 * days and manual adjustments scale the future. AHT per interval is the handle-time-weighted mean
 * of the same weekday slot over the last four weeks.
 */
import { accuracy, totals, type Accuracy } from './accuracy.ts'
import { METHODS, runMethod, type Method } from './methods.ts'
import { WfmInputError } from '../staffing/input.ts'

export interface ForecastInput {
  /** Offered per interval, from a day boundary, whole days. */
  volume: readonly number[]
  /** Handle seconds per interval (talk + hold + wrap of handled contacts), and handled counts. */
  handleSec: readonly number[]
  handled: readonly number[]
  perDay: number
  horizonDays: number
  /** History days (0 = first) to leave out: holidays and incidents. */
  excludedDays?: readonly number[]
  /** Future days (0 = first forecast day) scaled by a factor (a holiday at 0.1). */
  specialDays?: ReadonlyArray<{ day: number; factor: number }>
  /** Future intervals [from, to) scaled by a percentage (+10 = 10 % more). */
  adjustments?: ReadonlyArray<{ from: number; to: number; percent: number }>
  method?: Method | 'auto'
  backtestDays?: number
}

export interface MethodScore { method: Method; interval: Accuracy; daily: Accuracy }

export interface ForecastResult {
  method: Method
  volume: number[]
  ahtSec: number[]
  backtest: MethodScore[]
}

export function forecast(x: ForecastInput): ForecastResult {
  const { perDay } = x
  if (!Number.isInteger(perDay) || perDay <= 0) throw new WfmInputError('interval', 'intervals per day must be a whole number above 0')
  if (x.volume.length % perDay !== 0 || x.volume.length === 0) throw new WfmInputError('history', 'the history must be whole days')
  if (!Number.isInteger(x.horizonDays) || x.horizonDays < 1 || x.horizonDays > 42) throw new WfmInputError('horizon', 'forecast 1 to 42 days (6 weeks) ahead')
  const days = x.volume.length / perDay
  const backtestDays = x.backtestDays ?? 7
  if (days < 14 + backtestDays) throw new WfmInputError('history', `at least ${14 + backtestDays} days of history are needed, there are ${days}`)
  const excluded = new Set(x.excludedDays ?? [])
  const history = x.volume.map((v, i) => (excluded.has(Math.floor(i / perDay)) ? NaN : v))
  const cut = history.length - backtestDays * perDay
  const actual = x.volume.slice(cut)
  const scored = METHODS.map((method): MethodScore => {
    const f = runMethod(method, history.slice(0, cut), perDay, actual.length)
    // Excluded days in the holdout are not scored.
    const keep = actual.map((_, i) => !excluded.has(Math.floor((cut + i) / perDay)))
    const a = actual.filter((_, i) => keep[i]), p = f.filter((_, i) => keep[i])
    return { method, interval: accuracy(a, p), daily: accuracy(totals(a, perDay), totals(p, perDay)) }
  })
  const method = !x.method || x.method === 'auto'
    ? scored.reduce((best, s) => ((s.interval.wape ?? Infinity) < (best.interval.wape ?? Infinity) ? s : best)).method
    : x.method
  const horizon = x.horizonDays * perDay
  const volume = runMethod(method, history, perDay, horizon)
  for (const s of x.specialDays ?? []) for (let i = s.day * perDay; i < (s.day + 1) * perDay && i < horizon; i++) volume[i]! *= s.factor
  for (const adj of x.adjustments ?? []) for (let i = Math.max(0, adj.from); i < Math.min(horizon, adj.to); i++) volume[i]! *= 1 + adj.percent / 100
  return { method, volume, ahtSec: ahtForecast(x, horizon, excluded), backtest: scored }
}

function ahtForecast(x: ForecastInput, horizon: number, excluded: Set<number>): number[] {
  const week = x.perDay * 7
  const n = x.volume.length
  let allH = 0, allN = 0
  for (let i = 0; i < n; i++) if (!excluded.has(Math.floor(i / x.perDay))) { allH += x.handleSec[i]!; allN += x.handled[i]! }
  const overall = allN > 0 ? allH / allN : 0
  return Array.from({ length: horizon }, (_, h) => {
    let sum = 0, cnt = 0
    for (let k = 1; k <= 4; k++) {
      const i = n + h - k * week
      if (i < 0 || i >= n || excluded.has(Math.floor(i / x.perDay))) continue
      sum += x.handleSec[i]!; cnt += x.handled[i]!
    }
    return cnt >= 3 ? sum / cnt : overall
  })
}
