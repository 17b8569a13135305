/**
 * Queueing theory agrees with the ACD engine: one queue, Poisson arrivals, exponential handle
 * times, N agents, simulated for hundreds of hours. No abandonment: service level and ASA within a
 * few percent of Erlang C at 70 %, 85 % and 95 % occupancy. Exponential patience: abandonment and
 * service level within a few percent of Erlang A.
 */
import { describe, expect, it } from 'vitest'
import { simulate } from '@agner/telephony'
import { erlangA, erlangC } from '../src/index.ts'

const AHT = 180
const T = 20
const relErr = (x: number, ref: number): number => Math.abs(x / ref - 1)

describe('Erlang C vs the simulated ACD', () => {
  for (const occupancy of [0.7, 0.85, 0.95]) {
    // ASA converges slowly (waits are strongly correlated in time): 3,000 simulated hours
    // (about a million contacts) per load level. Across seeds the errors seen were SL ≤ 1.3 %, ASA ≤ 6 %.
    it(`${occupancy * 100}% occupancy, 20 agents`, () => {
      const N = 20
      const perHour = (occupancy * N * 3600) / AHT
      const r = simulate({
        queues: [{ id: 'q', arrivalsPerHour: perHour, serviceLevelSeconds: T, handleTime: { distribution: 'exponential', meanSeconds: AHT } }],
        agents: { count: N }, seed: 11,
      }, { hours: 3000, warmupHours: 2 })
      const c = r.queues[0]!.counters
      const theory = erlangC({ arrivalRate: perHour / 3600, ahtSec: AHT, agents: N, slThresholdSec: T })
      const sl = c.answeredWithinT / c.offered
      const asa = c.answeredWaitMs / c.answered / 1000
      expect(c.abandoned).toBe(0)
      expect(relErr(sl, theory.serviceLevel), `SL ${sl} vs ${theory.serviceLevel}`).toBeLessThan(0.03)
      expect(relErr(asa, theory.asaSec), `ASA ${asa} vs ${theory.asaSec}`).toBeLessThan(0.08)
      expect(relErr(r.occupancy, theory.occupancy), `occupancy ${r.occupancy}`).toBeLessThan(0.02)
    }, 120_000)
  }
})

describe('Erlang A vs the simulated ACD', () => {
  for (const agents of [14, 18, 22]) {
    it(`400 calls/h, AHT 180 s, patience 120 s, ${agents} agents`, () => {
      const r = simulate({
        queues: [{ id: 'q', arrivalsPerHour: 400, serviceLevelSeconds: T, handleTime: { distribution: 'exponential', meanSeconds: AHT }, patience: { distribution: 'exponential', meanSeconds: 120 } }],
        agents: { count: agents }, seed: 5,
      }, { hours: 300, warmupHours: 2 })
      const c = r.queues[0]!.counters
      const theory = erlangA({ arrivalRate: 400 / 3600, ahtSec: AHT, patienceSec: 120, agents, slThresholdSec: T })
      expect(relErr(c.abandoned / c.offered, theory.probAbandon), `abandon ${c.abandoned / c.offered} vs ${theory.probAbandon}`).toBeLessThan(0.06)
      expect(relErr(c.answeredWithinT / c.offered, theory.serviceLevelOffered), 'SL').toBeLessThan(0.04)
    }, 60_000)
  }
})
