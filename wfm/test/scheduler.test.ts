/**
 * The week scheduler keeps every labour rule even where breaking it would cover more or cost less,
 * counts a multi-skill agent once, handles shifts past midnight, and on impossible or odd input
 * says what cannot be met and still returns its best schedule within the time limit.
 * Small instances in hourly intervals keep each solve well under a second.
 */
import { describe, expect, it } from 'vitest'
import { buildSchedule, ruleViolations, syntheticWeek, WfmInputError, type AgentRules, type Contract, type ScheduleInput, type ShiftTemplate } from '../src/index.ts'

const HOURS = 168
const DAY = 1440
const t8: ShiftTemplate = { id: 't8', name: '8 h', lengthMin: 480, startEarliestMin: 0, startLatestMin: 23 * 60, startStepMin: 60, breaks: [] }
const t4: ShiftTemplate = { id: 't4', name: '4 h', lengthMin: 240, startEarliestMin: 0, startLatestMin: 23 * 60, startStepMin: 60, breaks: [] }
const open: Contract = {
  id: 'open', name: 'Open', minHoursPerDay: 0, maxHoursPerDay: 24, minHoursPerWeek: 0, maxHoursPerWeek: 168, daysOffPerWeek: 0,
  maxConsecutiveDays: 7, earliestStartMin: 0, latestEndMin: 2 * DAY, minRestHours: 0,
}
/** Required agents per hour of the week: `hours` lists [day, fromHour, toHour) spans needing `agents`. */
function need(spans: Array<[number, number, number]>, agents = 1): number[] {
  const r = new Array<number>(HOURS).fill(0)
  for (const [d, from, to] of spans) for (let h = from; h < to; h++) r[d * 24 + h] = agents
  return r
}
function week(o: { need: number[]; contract?: Partial<Contract>; agents?: Partial<AgentRules>[]; templates?: ShiftTemplate[]; extraSkills?: Array<{ skill: string; agents: number[] }> }): ScheduleInput {
  const contract = { ...open, ...o.contract }
  return {
    weekStart: Date.UTC(2026, 10, 30), intervalMin: 60, templates: o.templates ?? [t8], contracts: [contract],
    requirements: [{ skill: 'a', agents: o.need }, ...(o.extraSkills ?? [])],
    agents: (o.agents ?? [{}]).map((a, k) => ({ id: `ag${k + 1}`, name: `Agent ${k + 1}`, skills: ['a'], contractId: contract.id, ...a })),
    timeLimitSec: 10,
  }
}
const hoursOf = (s: { shifts: Array<{ paidMin: number }> }): number => s.shifts.reduce((x, y) => x + y.paidMin / 60, 0)
const every = (from: number, to: number): Array<[number, number, number]> => [0, 1, 2, 3, 4, 5, 6].map((d) => [d, from, to])

describe('labour rules hold where breaking them would cover more', () => {
  it('max hours per week: a 24/7 requirement with one 40-hour agent gets 40 hours, and the gap is reported', async () => {
    const s = await buildSchedule(week({ need: need(every(0, 24)), contract: { maxHoursPerWeek: 40 } }))
    expect(hoursOf(s)).toBe(40)
    expect(s.coverage.totals.underHours).toBe(168 - 40)
    expect(s.problems.map((p) => p.message).join(' ')).toMatch(/cannot be fully covered/)
  })

  it('min hours per week: the agent gets 24 h although 8 h would cover the week', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17]]), contract: { minHoursPerWeek: 24 } }))
    expect(hoursOf(s)).toBeGreaterThanOrEqual(24)
    expect(s.coverage.totals.underHours).toBe(0)
  })

  it('days off: two days off per week leave two days uncovered', async () => {
    const s = await buildSchedule(week({ need: need(every(9, 17)), contract: { daysOffPerWeek: 2 } }))
    expect(s.shifts).toHaveLength(5)
    expect(s.coverage.totals.underHours).toBe(16)
  })

  it('consecutive days: at most three days in a row', async () => {
    const s = await buildSchedule(week({ need: need(every(9, 17)), contract: { maxConsecutiveDays: 3 } }))
    const days = new Set(s.shifts.map((x) => x.day))
    let run = 0, longest = 0
    for (let d = 0; d < 7; d++) { run = days.has(d) ? run + 1 : 0; longest = Math.max(longest, run) }
    expect(longest).toBeLessThanOrEqual(3)
    expect(days.size).toBe(6) // 3 on, 1 off, 3 on
  })

  it('rest between shifts: after a shift ending at midnight the next starts 11 h later, not at 06:00 where the need is', async () => {
    const s = await buildSchedule(week({ need: need([[0, 16, 24], [1, 6, 14]]), contract: { minRestHours: 11 } }))
    const [late, next] = s.shifts
    expect(late).toMatchObject({ day: 0, startMin: 16 * 60, endMin: DAY })
    if (next) expect(next.startMin - late!.endMin).toBeGreaterThanOrEqual(11 * 60)
    expect(s.coverage.totals.underHours).toBeGreaterThanOrEqual(5)
    const free = await buildSchedule(week({ need: need([[0, 16, 24], [1, 6, 14]]), contract: { minRestHours: 0 } }))
    expect(free.coverage.totals.underHours).toBe(0)
  })

  it('earliest start and latest end: no shift before 09:00 or past 17:00 although the need is 06:00–20:00', async () => {
    const s = await buildSchedule(week({ need: need([[0, 6, 20]], 1), contract: { earliestStartMin: 9 * 60, latestEndMin: 17 * 60 }, agents: [{}, {}] }))
    expect(s.shifts.length).toBeGreaterThan(0)
    for (const x of s.shifts) { expect(x.startMin % DAY).toBeGreaterThanOrEqual(9 * 60); expect(x.endMin - x.day * DAY).toBeLessThanOrEqual(17 * 60) }
  })

  it('hours per day: a 6-hour daily maximum rules out the 8-hour template', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17]]), templates: [t8, t4], contract: { maxHoursPerDay: 6 } }))
    expect(s.shifts.every((x) => x.templateId === 't4')).toBe(true)
    expect(s.shifts).toHaveLength(1) // one agent, one shift a day
  })

  it('templates per contract: a contract limited to 4-hour shifts never gets the 8-hour one that would cover the day', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17]]), templates: [t8, t4], contract: { templates: ['t4'] } }))
    expect(s.shifts.map((x) => x.templateId)).toEqual(['t4'])
    expect(s.coverage.totals.underHours).toBe(4)
  })

  it('availability: an agent available on Monday only is not scheduled on Tuesday', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17], [1, 9, 17]]), agents: [{ availability: [{ day: 0, fromMin: 0, toMin: DAY }] }] }))
    expect(s.shifts.map((x) => x.day)).toEqual([0])
  })

  it('time off: no shift overlaps it', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17]]), agents: [{ timeOff: [{ startMin: 12 * 60, endMin: 13 * 60 }] }] }))
    for (const x of s.shifts) expect(x.endMin <= 12 * 60 || x.startMin >= 13 * 60).toBe(true)
    expect(s.coverage.totals.underHours).toBeGreaterThan(0)
  })

  it('skills: an agent without the skill never counts toward it', async () => {
    const s = await buildSchedule(week({ need: new Array(HOURS).fill(0), extraSkills: [{ skill: 'b', agents: need([[0, 9, 17]]) }] }))
    expect(s.coverage.skills.find((k) => k.skill === 'b')!.staffed.every((x) => x === 0)).toBe(true)
    expect(s.problems.map((p) => p.message).join(' ')).toMatch(/Nobody has skill "b"/)
  })

  it('a multi-skill agent counts once per interval', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17]]), extraSkills: [{ skill: 'b', agents: need([[0, 9, 17]]) }], agents: [{ skills: ['a', 'b'] }] }))
    expect(s.shifts).toHaveLength(1)
    expect(s.coverage.totals.underHours).toBe(8) // two needed per hour, one agent
    const monday10 = 10
    expect(s.coverage.intervals[monday10]).toMatchObject({ required: 2, scheduled: 1, under: 1, over: 0 })
  })

  it('a night shift covers the next morning (cross-midnight)', async () => {
    const s = await buildSchedule(week({ need: need([[0, 22, 24], [1, 0, 6]]) }))
    expect(s.shifts).toHaveLength(1)
    expect(s.shifts[0]).toMatchObject({ day: 0, startMin: 22 * 60, endMin: 30 * 60 })
    expect(s.coverage.totals.underHours).toBe(0)
  })
})

describe('breaks', () => {
  it('every break and lunch lands inside its window and no rule is broken', async () => {
    const input = { ...syntheticWeek({ agents: 24, skills: 2, dailyContactsPerAgent: 18 }), timeLimitSec: 10 }
    const s = await buildSchedule(input)
    expect(s.shifts.length).toBeGreaterThan(50)
    expect(ruleViolations(input, s.shifts).filter((v) => v.rule !== 'min-hours-per-week')).toEqual([])
    expect(s.shifts.every((x) => x.breaks.length > 0)).toBe(true)
    // Coverage counts every missing agent-interval alike, which is the flat penalty the scheduler no
    // longer minimises (shortage.ts prices an emptier interval higher), so it is checked loosely here;
    // the hand-worked shortage test checks the objective itself.
    expect(s.coverage.totals.coveragePct).toBeGreaterThan(0.85)
  }, 30_000)
})

describe('bad input', () => {
  it('an agent with no availability is named, and the others are still scheduled', async () => {
    const s = await buildSchedule(week({ need: need(every(9, 17), 2), agents: [{ availability: [] }, {}, {}] }))
    expect(s.problems.map((p) => p.message).join(' ')).toMatch(/Agent 1 has no availability/)
    expect(s.shifts.some((x) => x.agentId === 'ag1')).toBe(false)
    expect(s.shifts.length).toBeGreaterThan(0)
  })

  it('overlapping time off is merged and said', async () => {
    const s = await buildSchedule(week({ need: need([[0, 9, 17]]), agents: [{ timeOff: [{ startMin: 0, endMin: 600 }, { startMin: 500, endMin: 700 }] }] }))
    expect(s.problems.map((p) => p.message).join(' ')).toMatch(/time off entries overlap; they were merged into 1/)
    for (const x of s.shifts) expect(x.startMin >= 700 || x.endMin <= 0).toBe(true)
  })

  it('malformed input is refused with the field named', async () => {
    await expect(buildSchedule({ ...week({ need: need([]) }), requirements: [{ skill: 'a', agents: [1, 2] }] })).rejects.toThrow(WfmInputError)
    await expect(buildSchedule(week({ need: need([]), agents: [{ contractId: 'nope' }] }))).rejects.toThrow(/contract "nope"/)
  })

  it('a big week with a 3-second limit returns its best schedule with the gap, not hanging', async () => {
    const input = { ...syntheticWeek({ agents: 200, skills: 3 }), timeLimitSec: 3 }
    const started = performance.now()
    const s = await buildSchedule(input)
    const seconds = (performance.now() - started) / 1000
    expect(seconds).toBeLessThan(3 + 6) // the limit bounds the solves; building and placing take the rest
    expect(s.shifts.length).toBeGreaterThan(500)
    expect(s.solver.gap).toBeGreaterThanOrEqual(0)
  }, 60_000)
})
