/** Forecasting: accuracy measures against the reference vector, and methods that recover a known pattern. */
import { describe, expect, it } from 'vitest'
import { accuracy, forecast, holtWinters, profileTrend, sameIntervalAverage, WfmInputError } from '../src/index.ts'

describe('accuracy measures', () => {
  it('FC-3: WAPE 0.125, MAPE 0.29333, sMAPE 0.223922, bias +0.041667 (reference wfm.md §3, synthetic, computed)', () => {
    const a = accuracy([100, 120, 80, 50, 10], [110, 115, 70, 60, 20])
    expect(a.wape).toBeCloseTo(0.125, 6)
    expect(a.mape).toBeCloseTo(0.29333, 5)
    expect(a.smape).toBeCloseTo(0.223922, 6)
    expect(a.bias).toBeCloseTo(0.041667, 6)
  })
})

// A synthetic center: 48 half-hours a day, weekday factors, an intraday bell, +2 % a week of trend, no noise.
const PER_DAY = 48
const WEEKDAY = [1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.3]
const shape = Array.from({ length: PER_DAY }, (_, i) => Math.exp(-((i - 26) ** 2) / (2 * 6 ** 2)))
const shapeSum = shape.reduce((a, b) => a + b, 0)
const truth = (day: number, i: number): number => 1000 * (1 + 0.02 * (day / 7)) * WEEKDAY[day % 7]! * (shape[i]! / shapeSum)
const series = (days: number, from = 0): number[] => Array.from({ length: days * PER_DAY }, (_, k) => truth(from + Math.floor(k / PER_DAY), k % PER_DAY))

describe('methods recover a known weekly pattern and trend', () => {
  const history = series(8 * 7)
  const next = series(7, 8 * 7)

  it('profile × trend and Holt-Winters forecast the next week within 1 % (WAPE)', () => {
    for (const f of [profileTrend, holtWinters]) {
      const out = f(history, PER_DAY, next.length)
      expect(accuracy(next, out).wape!, f.name).toBeLessThan(0.01)
    }
  })

  it('the same-interval average lags the trend by about two weeks (it has no trend term)', () => {
    const out = sameIntervalAverage(history, PER_DAY, next.length, 4)
    const bias = accuracy(next, out).bias!
    expect(bias).toBeLessThan(-0.02)
    expect(bias).toBeGreaterThan(-0.08)
  })

  it('the backtest picks a trend-aware method, scores every method, and the forecast keeps the weekday shape', () => {
    const handled = history.map((v) => v)
    const r = forecast({ volume: history, handleSec: handled.map((v) => v * 200), handled, perDay: PER_DAY, horizonDays: 7 })
    expect(['profile-trend', 'holt-winters']).toContain(r.method)
    expect(r.backtest.map((s) => s.method).sort()).toEqual(['holt-winters', 'profile-trend', 'same-interval-average'])
    const days = Array.from({ length: 7 }, (_, d) => r.volume.slice(d * PER_DAY, (d + 1) * PER_DAY).reduce((a, b) => a + b, 0))
    const trueDays = Array.from({ length: 7 }, (_, d) => next.slice(d * PER_DAY, (d + 1) * PER_DAY).reduce((a, b) => a + b, 0))
    days.forEach((x, d) => expect(x / days[2]!).toBeCloseTo(trueDays[d]! / trueDays[2]!, 2)) // each weekday relative to a factor-1.0 day
    expect(r.ahtSec.every((a) => Math.abs(a - 200) < 1e-9)).toBe(true)
  })

  it('a holiday is left out of the history, and special days and adjustments scale the future', () => {
    const withHoliday = [...history]
    for (let i = 50 * PER_DAY; i < 51 * PER_DAY; i++) withHoliday[i] = withHoliday[i]! * 0.1
    const handled = withHoliday.map(() => 1)
    const base = { volume: withHoliday, handleSec: handled.map(() => 180), handled, perDay: PER_DAY, horizonDays: 7, method: 'profile-trend' as const }
    const ignored = forecast({ ...base, excludedDays: [50] })
    expect(accuracy(next, ignored.volume).wape!).toBeLessThan(0.01)
    const adjusted = forecast({ ...base, excludedDays: [50], specialDays: [{ day: 1, factor: 0.5 }], adjustments: [{ from: 0, to: PER_DAY, percent: 10 }] })
    const sum = (xs: number[], d: number): number => xs.slice(d * PER_DAY, (d + 1) * PER_DAY).reduce((a, b) => a + b, 0)
    expect(sum(adjusted.volume, 0) / sum(ignored.volume, 0)).toBeCloseTo(1.1, 9)
    expect(sum(adjusted.volume, 1) / sum(ignored.volume, 1)).toBeCloseTo(0.5, 9)
  })

  it('bad input names the field', () => {
    expect(() => forecast({ volume: history.slice(0, 10), handleSec: [], handled: [], perDay: PER_DAY, horizonDays: 7 })).toThrow(WfmInputError)
    expect(() => forecast({ volume: history, handleSec: history, handled: history, perDay: PER_DAY, horizonDays: 99 })).toThrow(/horizon/)
  })
})
