/**
 * Intraday re-forecast: the rest of today from what today has shown so far. The volume seen in the
 * elapsed intervals against the forecast for them gives a factor for the remaining intervals, and
 * the handle time seen against the forecast AHT a factor for AHT; both are pulled toward 1 while
 * little has been seen (as if `priorContacts` contacts had arrived exactly as forecast), so one
 * busy quarter-hour at 08:00 does not double the afternoon. Pure.
 */
export interface IntradayInput {
  /** Today's forecast per interval (contacts, and AHT in seconds). */
  forecast: number[]
  forecastAhtSec: number[]
  /** Today's actuals per interval (only the first `elapsed` count). */
  actual: number[]
  actualHandleSec: number[]
  actualHandled: number[]
  /** Intervals already over. */
  elapsed: number
  /** How strongly the forecast holds before evidence (contacts; handled contacts for AHT). */
  priorContacts?: number
  priorHandled?: number
}

export interface Reforecast {
  /** Actual ÷ forecast volume so far, pulled toward 1; applied to the remaining intervals. */
  volumeFactor: number
  ahtFactor: number
  /** Today per interval: what was seen for the elapsed ones, the re-forecast for the rest. */
  volume: number[]
  ahtSec: number[]
  seen: { actual: number; forecast: number; handled: number; ahtSec: number | null }
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

export function reforecast(i: IntradayInput): Reforecast {
  const n = i.forecast.length
  const e = clamp(Math.floor(i.elapsed), 0, n)
  const k = i.priorContacts ?? 20
  const kh = i.priorHandled ?? 10
  let actual = 0, forecast = 0, handle = 0, handled = 0, fcWork = 0
  for (let t = 0; t < e; t++) {
    actual += i.actual[t] ?? 0
    forecast += i.forecast[t] ?? 0
    handle += i.actualHandleSec[t] ?? 0
    handled += i.actualHandled[t] ?? 0
    fcWork += (i.forecast[t] ?? 0) * (i.forecastAhtSec[t] ?? 0)
  }
  const volumeFactor = clamp((actual + k) / (forecast + k), 0.2, 5)
  // The forecast's mean AHT over the elapsed intervals (over the whole day before any volume).
  const dayVolume = i.forecast.reduce((s, v) => s + v, 0)
  const fcMean = forecast > 0 ? fcWork / forecast : dayVolume > 0 ? i.forecast.reduce((s, v, t) => s + v * (i.forecastAhtSec[t] ?? 0), 0) / dayVolume : 0
  const ahtFactor = fcMean > 0 ? clamp((handle + kh * fcMean) / (handled + kh) / fcMean, 0.5, 2) : 1
  return {
    volumeFactor, ahtFactor,
    volume: i.forecast.map((v, t) => (t < e ? i.actual[t] ?? 0 : v * volumeFactor)),
    ahtSec: i.forecastAhtSec.map((a, t) => (t < e && (i.actualHandled[t] ?? 0) > 0 ? (i.actualHandleSec[t] ?? 0) / i.actualHandled[t]! : a * ahtFactor)),
    seen: { actual, forecast, handled, ahtSec: handled > 0 ? handle / handled : null },
  }
}
