/**
 * What a time-off request and a shift swap cost the published week, worked by hand: one agent, Monday 09:00–17:00
 * (8 paid hours, no breaks), skill "a" needing one agent 09:00–17:00. A request from 13:00 ends the
 * shift at 13:00: 4 paid hours lost, 4 under-staffed agent-hours appear, coverage 100 % → 50 %, and
 * with a 6-hour weekly minimum the contract's rule is broken. A whole-day request drops the shift.
 */
import { describe, expect, it } from 'vitest'
import { coverage, type Contract, type ScheduledShift, type ScheduleInput, type ShiftTemplate } from '@agner/wfm'
import { say } from '@agner/wfm/sayings'
import { timeOffImpact, withLeave, newRequest } from '../src/wfm/time-off-requests.ts'
import { tradeShifts } from '../src/wfm/shift-swaps.ts'
import type { StoredSchedule } from '../src/wfm/schedule-types.ts'
import { defaultRules } from '../src/wfm/schedule-input.ts'

const MONDAY = Date.UTC(2026, 11, 7)
const t8: ShiftTemplate = { id: 't8', name: '8 h', lengthMin: 480, startEarliestMin: 0, startLatestMin: 23 * 60, startStepMin: 60, breaks: [] }
const contract: Contract = {
  id: 'c', name: 'C', minHoursPerDay: 0, maxHoursPerDay: 24, minHoursPerWeek: 6, maxHoursPerWeek: 48, daysOffPerWeek: 0,
  maxConsecutiveDays: 7, earliestStartMin: 0, latestEndMin: 1440, minRestHours: 11,
}
const need = new Array<number>(168).fill(0)
for (let h = 9; h < 17; h++) need[h] = 1
const input: ScheduleInput = { weekStart: MONDAY, intervalMin: 60, templates: [t8], contracts: [contract], requirements: [{ skill: 'a', agents: need }], agents: [{ id: 'ann', name: 'Ann', skills: ['a'], contractId: 'c' }] }
const shift: ScheduledShift = { agentId: 'ann', day: 0, templateId: 't8', startMin: 9 * 60, endMin: 17 * 60, paidMin: 480, breaks: [] }
const agents = [{ id: 'ann', name: 'Ann', skills: ['a'], contractId: 'c' }]
const week = {
  id: 'w', weekStart: MONDAY, status: 'published', version: 1, sourceId: 'd', timeZone: 'UTC', intervalMin: 60, agents, input, shifts: [shift],
  coverage: coverage(input, [shift], () => ['a']), problems: [], violations: [], createdBy: 'test', createdMs: 0, updatedMs: 0,
} as unknown as StoredSchedule

describe('timeOffImpact', () => {
  it('an afternoon off ends the shift at 13:00', () => {
    const i = timeOffImpact(week, 'ann', MONDAY + 13 * 3_600_000, MONDAY + 24 * 3_600_000)
    expect(i.shifts).toEqual([{ day: 0, startMin: 540, endMin: 1020, lostMin: 240 }])
    expect(i.lostHours).toBe(4)
    expect([i.underHoursBefore, i.underHoursAfter]).toEqual([0, 4])
    expect([i.coverageBefore, i.coverageAfter]).toEqual([1, 0.5])
    expect(i.violations.map((v) => v.rule)).toEqual(['min-hours-per-week'])
    // The page says it in the reader's language from its code and params (without them it showed an empty bullet).
    expect(say(i.violations[0]!, 'zh-CN')).not.toBe('')
    expect(say(i.violations[0]!, 'en')).toBe(i.violations[0]!.message)
  })
  it('a whole day off drops the shift; another day costs nothing', () => {
    const day = timeOffImpact(week, 'ann', MONDAY, MONDAY + 86_400_000)
    expect(day).toMatchObject({ lostHours: 8, underHoursAfter: 8, coverageAfter: 0 })
    const tuesday = timeOffImpact(week, 'ann', MONDAY + 86_400_000, MONDAY + 2 * 86_400_000)
    expect(tuesday).toMatchObject({ shifts: [], lostHours: 0, underHoursAfter: 0, coverageAfter: 1, violations: [] })
  })
  it('an approved request becomes the agent\'s leave', () => {
    const r = newRequest({ agentId: 'ann', agentName: 'Ann', fromText: '2026-12-07T13:00', toText: '2026-12-08', fromMs: 0, toMs: 1, reason: 'dentist', now: 0 })
    const rules = withLeave(defaultRules(), r, 'full-time')
    expect(rules.agents).toEqual([{ agentId: 'ann', contractId: 'full-time', leave: [{ from: '2026-12-07T13:00', to: '2026-12-08', reason: 'dentist' }] }])
  })
})

describe('tradeShifts', () => {
  // Ann (skill a) works Monday 09:00–17:00; Bob (skill b only) is off that day; b needs nobody.
  const two = {
    ...week, agents: [...agents, { id: 'bob', name: 'Bob', skills: ['b'], contractId: 'c' }],
    input: { ...input, agents: [...input.agents, { id: 'bob', name: 'Bob', skills: ['b'], contractId: 'c' }], requirements: [...input.requirements, { skill: 'b', agents: new Array<number>(168).fill(0) }] },
  } as unknown as StoredSchedule
  it('gives Ann\'s Monday to Bob: the shift moves, and skill a is left 8 agent-hours short since Bob cannot take its calls', () => {
    const t = tradeShifts(two, 'ann', 'bob', 0)
    expect(t.agentShift?.agentId).toBe('ann')
    expect(t.colleagueShift).toBeNull()
    expect(t.shifts.map((x) => [x.agentId, x.day, x.startMin])).toEqual([['bob', 0, 540]])
    expect([t.underHoursBefore, t.underHoursAfter]).toEqual([0, 8])
    // Bob's 8 h keep his contract; Ann, left with no shift that week, is not checked (the rules judge the shifts an agent has).
    expect(t.violations).toEqual([])
  })
})
