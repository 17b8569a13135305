/**
 * Known optima (reference SCH-1, SCH-2): pyworkforce's 2-day × 24-hour instance with four shifts
 * (Morning 5–12, Afternoon 13–20, Night 21–4 within the day, Mixed 9–16).
 */
import { describe, expect, it } from 'vitest'
import { solveShiftCounts } from '../src/index.ts'

const requirement = [
  [9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7],
  [13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8],
]
const hours = (from: number, to: number): number[] => Array.from({ length: 24 }, (_, h) => (from <= to ? h >= from && h <= to : h >= from || h <= to) ? 1 : 0)
const shifts = { Morning: hours(5, 12), Afternoon: hours(13, 20), Night: hours(21, 4), Mixed: hours(9, 16) }

describe('shift counts (set covering with HiGHS)', () => {
  it('SCH-1: fewest shifts covering every hour is 113; with costs {8, 8, 10, 7} the cheapest is 979', async () => {
    const unit = await solveShiftCounts({ requirement, shifts, maxPerShift: 25, maxPerPeriod: 25, objective: 'min-cost' })
    expect(unit.status).toBe('optimal')
    expect(unit.objective).toBe(113)
    const priced = await solveShiftCounts({ requirement, shifts, cost: { Morning: 8, Afternoon: 8, Night: 10, Mixed: 7 }, maxPerShift: 25, maxPerPeriod: 25, objective: 'min-cost' })
    expect(priced.objective).toBe(979)
    // The counts really cover every hour.
    priced.counts.forEach((day, d) => requirement[d]!.forEach((r, h) => {
      const onDuty = Object.entries(day).reduce((s, [n, k]) => s + k * shifts[n as keyof typeof shifts][h]!, 0)
      expect(onDuty).toBeGreaterThanOrEqual(r)
    }))
  })

  it('SCH-2: least total deviation is 157 with 25 on duty at most, and 199 (not infeasible) with 10 at most', async () => {
    const cap25 = await solveShiftCounts({ requirement, shifts, maxPerShift: 20, maxPerPeriod: 25, objective: 'min-deviation' })
    expect(cap25.status).toBe('optimal')
    expect(cap25.objective).toBe(157)
    const cap10 = await solveShiftCounts({ requirement, shifts, maxPerShift: 20, maxPerPeriod: 10, objective: 'min-deviation' })
    expect(cap10.status).toBe('optimal')
    expect(cap10.objective).toBe(199)
  })

  it('an impossible cap on agents per period is reported as infeasible, not as a schedule', async () => {
    const r = await solveShiftCounts({ requirement, shifts, maxPerShift: 25, maxPerPeriod: 20, objective: 'min-cost' })
    expect(r.status).toBe('infeasible')
  })
})
