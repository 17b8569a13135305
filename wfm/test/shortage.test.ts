/**
 * The shortage cost and what it does to a schedule, worked by hand: four one-hour shifts for two
 * hours that each need four agents. A flat penalty per missing agent-hour cannot tell 4 + 0 from
 * 2 + 2; priced in steps (shortage.ts: the first half short at 1 per agent, the second at 4),
 * 4 + 0 leaves 10:00 empty at 2 × 1 + 2 × 4 = 10 units and 2 + 2 costs 2 × (2 × 1) = 4, so the
 * scheduler splits them.
 */
import { describe, expect, it } from 'vitest'
import { buildSchedule, shortageCost, type Contract, type ScheduleInput, type ShiftTemplate } from '../src/index.ts'

describe('shortageCost', () => {
  it('prices the first half of the requirement short at 1 per agent and the second half at 4', () => {
    expect(shortageCost(0, 4)).toBe(0)
    expect(shortageCost(1, 4)).toBe(1)
    expect(shortageCost(2, 4)).toBe(2)
    expect(shortageCost(3, 4)).toBe(6)
    expect(shortageCost(4, 4)).toBe(10)
    expect(shortageCost(6, 4)).toBe(10) // never more than the whole requirement
    expect(shortageCost(7, 10)).toBe(13)
    expect(shortageCost(2, 0)).toBe(0)
  })
})

describe('the scheduler spreads a shortage', () => {
  const t1: ShiftTemplate = { id: 't1', name: '1 h', lengthMin: 60, startEarliestMin: 0, startLatestMin: 23 * 60, startStepMin: 60, breaks: [] }
  const oneHour: Contract = {
    id: 'c', name: 'One hour', minHoursPerDay: 0, maxHoursPerDay: 1, minHoursPerWeek: 0, maxHoursPerWeek: 1, daysOffPerWeek: 0,
    maxConsecutiveDays: 7, earliestStartMin: 0, latestEndMin: 1440, minRestHours: 0,
  }
  it('four agents, Monday 09:00 and 10:00 needing four each: two in each hour, not four in one', async () => {
    const need = new Array<number>(168).fill(0)
    need[9] = 4
    need[10] = 4
    const input: ScheduleInput = {
      weekStart: Date.UTC(2026, 11, 7), intervalMin: 60, templates: [t1], contracts: [oneHour], requirements: [{ skill: 'a', agents: need }],
      agents: ['w', 'x', 'y', 'z'].map((id) => ({ id, name: id, skills: ['a'], contractId: 'c' })), timeLimitSec: 10,
    }
    const s = await buildSchedule(input)
    const starts = s.shifts.map((x) => x.startMin / 60).sort((a, b) => a - b)
    expect(starts).toEqual([9, 9, 10, 10])
    expect(s.violations).toEqual([])
  })
})
