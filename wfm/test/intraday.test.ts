/** The intraday re-forecast, hand-worked. */
import { describe, expect, it } from 'vitest'
import { reforecast } from '../src/index.ts'

describe('reforecast', () => {
  it('scales the rest of the day by what was seen, pulled toward the forecast', () => {
    // Forecast 10 an interval at 300 s. Seen: 14 and 16 contacts, 30 handled in 10,800 s (360 s each).
    const r = reforecast({ forecast: [10, 10, 10, 10], forecastAhtSec: [300, 300, 300, 300], actual: [14, 16, 0, 0], actualHandleSec: [5040, 5760, 0, 0], actualHandled: [14, 16, 0, 0], elapsed: 2 })
    // Volume: (30 + 20) / (20 + 20) = 1.25. AHT: (10,800 + 10 × 300) / (30 + 10) = 345 s, ÷ 300 = 1.15.
    expect(r.volumeFactor).toBeCloseTo(1.25, 12)
    expect(r.ahtFactor).toBeCloseTo(1.15, 12)
    expect(r.volume).toEqual([14, 16, 12.5, 12.5])
    expect(r.ahtSec.map((x) => Math.round(x * 1000) / 1000)).toEqual([360, 360, 345, 345])
    expect(r.seen).toEqual({ actual: 30, forecast: 20, handled: 30, ahtSec: 360 })
  })

  it('before anything is seen the forecast stands; a dead morning cannot zero the afternoon', () => {
    const none = reforecast({ forecast: [5, 5], forecastAhtSec: [200, 200], actual: [0, 0], actualHandleSec: [0, 0], actualHandled: [0, 0], elapsed: 0 })
    expect(none).toMatchObject({ volumeFactor: 1, ahtFactor: 1, volume: [5, 5], ahtSec: [200, 200] })
    // Forecast 40 by now, nothing came: (0 + 20) / (40 + 20) = 1/3.
    const quiet = reforecast({ forecast: [20, 20, 30], forecastAhtSec: [200, 200, 200], actual: [0, 0, 0], actualHandleSec: [0, 0, 0], actualHandled: [0, 0, 0], elapsed: 2 })
    expect(quiet.volumeFactor).toBeCloseTo(1 / 3, 12)
    expect(quiet.volume[2]).toBeCloseTo(10, 12)
  })
})
