/**
 * Forecasting methods on an interval series that starts at a week boundary (the caller aligns it)
 * with `perDay` intervals a day. Missing intervals (holidays excluded from history) are NaN and
 * are skipped by every method. Each method returns `horizon` future values, never negative.
 *
 * - `same-interval-average`: the mean of the same weekday-and-interval slot over the last N weeks.
 * - `profile-trend`: daily totals = weekly level with a linear trend × weekday factor; spread over
 *   the day by that weekday's average intraday profile.
 * - `holt-winters`: Holt-Winters with additive trend and multiplicative weekly seasonality on daily totals,
 *   spread by the weekday's intraday profile; smoothing constants chosen on the history by a
 *   small grid (one-step-ahead squared error).
 */
export const METHODS = ['same-interval-average', 'profile-trend', 'holt-winters'] as const
export type Method = (typeof METHODS)[number]

const mean = (xs: number[]): number => {
  let s = 0, n = 0
  for (const x of xs) if (!Number.isNaN(x)) { s += x; n++ }
  return n ? s / n : NaN
}

/** Daily totals (NaN when the day is excluded or has missing intervals). */
function dailyTotals(history: readonly number[], perDay: number): number[] {
  const out: number[] = []
  for (let d = 0; d * perDay < history.length; d++) {
    let s = 0
    for (let i = d * perDay; i < (d + 1) * perDay; i++) s += history[i]!
    out.push(s)
  }
  return out
}

/** Each weekday's share of its day per interval, averaged over the weeks seen. */
function intradayProfiles(history: readonly number[], perDay: number): number[][] {
  const days = dailyTotals(history, perDay)
  return Array.from({ length: 7 }, (_, wd) => {
    const shares = Array.from({ length: perDay }, () => [] as number[])
    for (let d = wd; d < days.length; d += 7) {
      if (!(days[d]! > 0)) continue
      for (let i = 0; i < perDay; i++) shares[i]!.push(history[d * perDay + i]! / days[d]!)
    }
    const p = shares.map((s) => mean(s))
    if (p.some((x) => Number.isNaN(x))) {
      // A weekday never seen (short history): the average profile of all days.
      return Array.from({ length: perDay }, (_, i) => mean(days.map((t, d) => (t > 0 ? history[d * perDay + i]! / t : NaN))) || 1 / perDay)
    }
    return p
  })
}

function spread(daily: number[], firstWeekday: number, profiles: number[][], perDay: number): number[] {
  const out: number[] = []
  daily.forEach((total, d) => {
    const p = profiles[(firstWeekday + d) % 7]!
    for (let i = 0; i < perDay; i++) out.push(Math.max(0, total * p[i]!))
  })
  return out
}

export function sameIntervalAverage(history: readonly number[], perDay: number, horizon: number, weeks = 4): number[] {
  const week = perDay * 7
  const out: number[] = []
  for (let h = 0; h < horizon; h++) {
    const t = history.length + h
    const seen: number[] = []
    for (let k = 1; seen.length < weeks && t - k * week >= 0; k++) {
      const i = t - k * week
      const v = i < history.length ? history[i]! : out[i - history.length]!
      if (!Number.isNaN(v)) seen.push(v)
    }
    out.push(Math.max(0, seen.length ? mean(seen) : 0))
  }
  return out
}

export function profileTrend(history: readonly number[], perDay: number, horizon: number): number[] {
  const days = dailyTotals(history, perDay)
  const weeks = Math.floor(days.length / 7)
  // Weekly level per full week, then a least-squares line through the weeks with data.
  const level: Array<[number, number]> = []
  for (let w = 0; w < weeks; w++) {
    // Only whole weeks: a week missing its busy Monday would look like a quiet week.
    const week = days.slice(w * 7, w * 7 + 7)
    if (week.some((d) => Number.isNaN(d))) continue
    level.push([w, mean(week)])
  }
  const n = level.length
  const mx = level.reduce((s, [x]) => s + x, 0) / n, my = level.reduce((s, [, y]) => s + y, 0) / n
  const sxx = level.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  const slope = n > 1 && sxx > 0 ? level.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx : 0
  // Weekday factors: each weekday's ratio to its week's mean.
  const factors = Array.from({ length: 7 }, (_, wd) => mean(level.map(([w, m]) => days[w * 7 + wd]! / m)) || 1)
  const fdays = Math.ceil(horizon / perDay)
  const daily = Array.from({ length: fdays }, (_, d) => {
    const dayIndex = days.length + d
    const w = dayIndex / 7 - 3 / 7 // centre of the day's week position
    return Math.max(0, (my + slope * (w - mx)) * factors[dayIndex % 7]!)
  })
  return spread(daily, days.length % 7, intradayProfiles(history, perDay), perDay).slice(0, horizon)
}

interface HwFit { sse: number; level: number; trend: number; season: number[] }

/** Multiplicative seasonality: a busy Monday is a share above the week, whatever the level. */
function hwFit(y: number[], alpha: number, beta: number, gamma: number): HwFit {
  const m = 7
  const first = y.slice(0, m)
  let level = mean(first)
  let trend = y.length >= 2 * m ? (mean(y.slice(m, 2 * m)) - level) / m : 0
  // Weekday factors from every whole week, not the first alone: history that starts part-way
  // through a day (a store seeded or kept up to "now") would make that weekday's factor near zero,
  // and dividing by it made the level, and the forecast, explode.
  const weeks = Math.floor(y.length / m)
  const season = Array.from({ length: m }, (_, d) => {
    const ratios: number[] = []
    for (let w = 0; w < weeks; w++) {
      const wk = mean(y.slice(w * m, w * m + m))
      const v = y[w * m + d]!
      if (wk > 0 && !Number.isNaN(v)) ratios.push(v / wk)
    }
    return ratios.length ? ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)]! : 1
  })
  let sse = 0
  for (let t = m; t < y.length; t++) {
    // A weekday factor is never taken below 0.05 (a day of almost nothing would divide the level by ~0).
    const s = Math.max(season[t % m]!, 0.05)
    const f = (level + trend) * s
    const v = y[t]!
    if (Number.isNaN(v)) { level += trend; continue } // an excluded day: carry on
    sse += (v - f) ** 2
    const prevLevel = level
    level = alpha * (s > 0 ? v / s : v) + (1 - alpha) * (level + trend)
    trend = beta * (level - prevLevel) + (1 - beta) * trend
    if (level > 0) season[t % m] = gamma * (v / level) + (1 - gamma) * s
  }
  return { sse, level, trend, season }
}

export function holtWinters(history: readonly number[], perDay: number, horizon: number): number[] {
  const days = dailyTotals(history, perDay)
  let best: HwFit | undefined
  for (const a of [0.1, 0.2, 0.4, 0.6]) for (const b of [0, 0.05, 0.15]) for (const g of [0.05, 0.2, 0.4]) {
    const fit = hwFit(days, a, b, g)
    if (!best || fit.sse < best.sse) best = fit
  }
  const fdays = Math.ceil(horizon / perDay)
  const daily = Array.from({ length: fdays }, (_, h) => Math.max(0, (best!.level + (h + 1) * best!.trend) * best!.season[(days.length + h) % 7]!))
  return spread(daily, days.length % 7, intradayProfiles(history, perDay), perDay).slice(0, horizon)
}

export function runMethod(method: Method, history: readonly number[], perDay: number, horizon: number): number[] {
  switch (method) {
    case 'same-interval-average': return sameIntervalAverage(history, perDay, horizon)
    case 'profile-trend': return profileTrend(history, perDay, horizon)
    case 'holt-winters': return holtWinters(history, perDay, horizon)
  }
}
