/** Erlang B, C and A against published reference values (../shared/reference/wfm.md §3), not values this code produced. */
import { describe, expect, it } from 'vitest'
import { erlangA, erlangB, erlangC, erlangCProbWait } from '../src/index.ts'

const perSecond = (calls: number, seconds: number): number => calls / seconds

describe('Erlang C', () => {
  it('EC-6: C(3, 2) = 4/9 exactly', () => {
    expect(erlangCProbWait(3, 2)).toBeCloseTo(4 / 9, 12)
  })

  it('EC-1: 100 calls per 30 min, AHT 180 s, T = 20 s, N = 11…16', () => {
    const cases: Array<[number, number, number, number]> = [
      [11, 0.682118, 0.389614, 122.78], [12, 0.449388, 0.640158, 40.445], [13, 0.285270, 0.795595, 17.116],
      [14, 0.1741319, 0.8883500, 7.8359], [15, 0.102042, 0.941453, 3.6735], [16, 0.057340, 0.970560, 1.7202],
    ]
    for (const [n, pw, sl, asa] of cases) {
      const r = erlangC({ arrivalRate: perSecond(100, 1800), ahtSec: 180, agents: n, slThresholdSec: 20 })
      expect(r.probWait, `P_w N=${n}`).toBeCloseTo(pw, 5)
      expect(r.serviceLevel, `SL N=${n}`).toBeCloseTo(sl, 5)
      expect(r.asaSec, `ASA N=${n}`).toBeCloseTo(asa, 1)
    }
  })

  it('EC-5: 360 calls per 30 min, AHT 240 s, N = 55', () => {
    const r = erlangC({ arrivalRate: perSecond(360, 1800), ahtSec: 240, agents: 55, slThresholdSec: 20 })
    expect(r.probWait).toBeCloseTo(0.238701, 5)
    expect(r.serviceLevel).toBeCloseTo(0.866796, 5)
    expect(r.asaSec).toBeCloseTo(8.1840, 3)
    expect(r.occupancy).toBeCloseTo(0.8727, 4)
  })

  it('EC-9: stays exact at A = 1000 (N = 1015), where the factorial form gives NaN', () => {
    const r = erlangC({ arrivalRate: 1000 / 300, ahtSec: 300, agents: 1015, slThresholdSec: 20 })
    expect(r.serviceLevel).toBeCloseTo(0.8059, 3)
    expect(r.probWait).toBeCloseTo(0.5276, 3)
    expect(r.asaSec).toBeCloseTo(10.55, 1)
  })

  it('an overloaded queue is reported unstable, not as a number', () => {
    const r = erlangC({ arrivalRate: 1, ahtSec: 20, agents: 10, slThresholdSec: 20 })
    expect(r.stable).toBe(false)
    expect(r.probWait).toBe(1)
  })
})

describe('Erlang A', () => {
  const base = { arrivalRate: perSecond(100, 1800), ahtSec: 180, slThresholdSec: 20 }

  it('EA-1: patience 5 min, n = 14', () => {
    const r = erlangA({ ...base, patienceSec: 300, agents: 14 })
    expect(r.probWait).toBeCloseTo(0.145260, 5)
    expect(r.probAbandon).toBeCloseTo(0.013984, 5)
    expect(r.occupancy).toBeCloseTo(0.704297, 5)
    // The reference's "mean wait" is over every caller, abandoners included: our meanWaitAllSec.
    expect(r.meanWaitAllSec / 60).toBeCloseTo(0.069919, 5)
    // ASA counts answered callers only (DESIGN §4), so it is not that figure.
    expect(r.asaSec).toBeLessThan(r.meanWaitAllSec)
    expect(r.serviceLevelOffered).toBeCloseTo(0.916792, 5)
  })

  it('ASA is the mean wait of answered callers: one agent, λ = μ = θ = 1/s, worked by hand', () => {
    // Birth-death chain: P(0) : P(busy, j waiting) = 1 : 1/(j+1)!, so P(wait) = (e−1)/e. A caller who
    // finds j waiting is answered with probability Π_{k≤j} (1+k)/(2+k) = 1/(j+2), after a mean
    // Σ_{k≤j} 1/(k+2) = H(j+2) − 1 seconds. So P(answered | wait) = Σ_j 1/(j+2)! / (e−1) = (e−2)/(e−1),
    // P(abandon) = 1/e, and E[wait; answered] = Σ_{m≥2} (H(m) − 1) / m! / e.
    const r = erlangA({ arrivalRate: 1, ahtSec: 1, patienceSec: 1, agents: 1, slThresholdSec: 0 })
    expect(r.probWait).toBeCloseTo((Math.E - 1) / Math.E, 12)
    expect(r.probAbandon).toBeCloseTo(1 / Math.E, 12)
    let waitAnswered = 0, factorial = 1, harmonic = 1
    for (let m = 2; m < 25; m++) { factorial *= m; harmonic += 1 / m; waitAnswered += (harmonic - 1) / factorial }
    waitAnswered /= Math.E
    expect(r.asaSec).toBeCloseTo(waitAnswered / (1 - 1 / Math.E), 12) // 0.260202…
    expect(r.asaSec).toBeCloseTo(0.260202, 6)
    // The mean over every caller: abandoners wait until they hang up; E[W] = P(abandon) / θ.
    expect(r.meanWaitAllSec).toBeCloseTo(1 / Math.E, 12)
  })

  it('EA-4: fewer agents than Erlangs (n = 8, A = 10), patience 2 min', () => {
    const r = erlangA({ ...base, patienceSec: 120, agents: 8 })
    expect(r.probWait).toBeCloseTo(0.722626, 5)
    expect(r.probAbandon).toBeCloseTo(0.257982, 5)
    expect(r.occupancy).toBeCloseTo(0.927522, 5)
    expect(r.serviceLevelOffered).toBeCloseTo(0.403213, 5)
  })

  it('EA-5 and EA-6', () => {
    const r5 = erlangA({ arrivalRate: perSecond(300, 1800), ahtSec: 240, patienceSec: 60, agents: 35, slThresholdSec: 30 })
    expect(r5.probWait).toBeCloseTo(0.586305, 5)
    expect(r5.probAbandon).toBeCloseTo(0.163914, 5)
    expect(r5.serviceLevelOffered).toBeCloseTo(0.760035, 5)
    const r6 = erlangA({ arrivalRate: perSecond(50, 1800), ahtSec: 300, patienceSec: 180, agents: 9, slThresholdSec: 10 })
    expect(r6.probWait).toBeCloseTo(0.407703, 5)
    expect(r6.probAbandon).toBeCloseTo(0.117752, 5)
    expect(r6.serviceLevelOffered).toBeCloseTo(0.632383, 5)
  })

  it('EA-8 limits: very impatient callers give Erlang B; θ = μ gives a Poisson tail', () => {
    const impatient = erlangA({ arrivalRate: 10, ahtSec: 1, patienceSec: 1e-6, agents: 12, slThresholdSec: 1 })
    expect(impatient.probAbandon).toBeCloseTo(0.119739, 5)
    expect(erlangB(12, 10)).toBeCloseTo(0.119739, 6)
    const equal = erlangA({ arrivalRate: 10, ahtSec: 1, patienceSec: 1, agents: 12, slThresholdSec: 1 })
    expect(equal.probWait).toBeCloseTo(0.303224, 5)
  })
})

describe('Erlang B', () => {
  it('EB-1: 10 trunks, 5 Erlangs → 0.018385 (OdeToErlang erlangB test, a published-table check)', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6)
  })

  it('EB-2: B(1, 1) = 0.5 and B(2, 1) = 0.2 exactly (pyworkforce queuing/tests/test_erlang_b.py)', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12)
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12)
  })

  it('EB-4: the Erlang B table, the most traffic N trunks carry at 1 % blocking (standard tables, to their printed decimals)', () => {
    const maxTraffic = (n: number, gos: number): number => {
      let lo = 0, hi = n * 2
      for (let i = 0; i < 100; i++) { const mid = (lo + hi) / 2; if (erlangB(n, mid) > gos) hi = mid; else lo = mid }
      return lo
    }
    for (const [n, a] of [[10, 4.461], [20, 12.031], [50, 37.901], [100, 84.064]] as const) expect(maxTraffic(n, 0.01)).toBeCloseTo(a, 3)
    expect(maxTraffic(1000, 0.01)).toBeCloseTo(971.2, 1)
    expect(maxTraffic(10, 0.02)).toBeCloseTo(5.084, 3)
    expect(maxTraffic(100, 0.001)).toBeCloseTo(75.24, 2)
  })
})
