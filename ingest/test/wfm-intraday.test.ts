/** The intraday view, hand-worked with Erlang C (A = 2 erlangs: 20 calls of 180 s in 30 minutes). */
import { describe, expect, it } from 'vitest'
import { intraday } from '../src/wfm/intraday.ts'
import type { Plan } from '../src/wfm/plan.ts'

const T0 = Date.UTC(2026, 11, 7, 0, 0, 0)
const STEP = 30 * 60_000
const plan: Plan = {
  forecastFrom: T0, intervalMs: STEP, perDay: 4, method: 'profile-trend', backtest: [],
  requirements: [0, 1, 2, 3].map((i) => ({ start: T0 + i * STEP, volume: 20, ahtSec: 180, agents: 4, scheduledAgents: 4, serviceLevel: null, asaSec: 0, occupancy: 0, abandonRate: null })),
  totals: { volume: 80, agentHours: 8, scheduledHours: 8 },
}
const today = { from: T0, to: T0 + 4 * STEP, perDay: 4, volume: [20, 20, 0, 0], handleSec: [3600, 3600, 0, 0], handled: [20, 20, 0, 0] }

describe('intraday', () => {
  it('with 3 agents where the goal needs 4: one short, and the service level Erlang C gives 3 agents', () => {
    const v = intraday({ plan, today, now: T0 + 2 * STEP + 60_000, goals: { serviceLevel: 0.8, slThresholdSec: 20 }, shrinkage: 0, staffed: () => 3 })
    // As forecast so far: the factors stay 1.
    expect(v.volumeFactor).toBe(1)
    expect(v.ahtFactor).toBeCloseTo(1, 12)
    expect(v.rows.map((r) => r.seen)).toEqual([true, true, false, false])
    // Erlang C, A = 2: N = 3 gives C = 4/9 and SL(20 s) = 1 − 4/9 · e^(−1/9) = 0.6023; N = 4 gives 0.8607 ≥ 0.8.
    expect(v.rows[2]).toMatchObject({ volume: 20, scheduled: 3, required: 4, short: 1 })
    expect(v.rows[2]!.serviceLevel).toBeCloseTo(1 - (4 / 9) * Math.exp(-1 / 9), 4)
    expect(v.rest.serviceLevel).toBeCloseTo(0.6023, 4)
    expect(v.rest.shortAgentHours).toBe(1) // one agent short for two half-hours
    expect(v.rest.worst).toEqual({ start: T0 + 2 * STEP, short: 1 })
  })

  it('a busier morning raises the rest of the day; without a published schedule nothing is called short', () => {
    const busy = { ...today, volume: [40, 40, 0, 0], handleSec: [7200, 7200, 0, 0], handled: [40, 40, 0, 0] }
    const v = intraday({ plan, today: busy, now: T0 + 2 * STEP, goals: { serviceLevel: 0.8, slThresholdSec: 20 }, shrinkage: 0 })
    // (80 + 20) / (40 + 20) = 5/3.
    expect(v.volumeFactor).toBeCloseTo(5 / 3, 12)
    expect(v.rows[3]!.volume).toBeCloseTo(100 / 3, 9)
    expect(v.rows[3]).toMatchObject({ scheduled: null, short: null, serviceLevel: null })
    expect(v.rows[3]!.required).toBeGreaterThan(4)
    expect(v.rest.shortAgentHours).toBeNull()
  })
})
