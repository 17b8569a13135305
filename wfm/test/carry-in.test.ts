/**
 * Last week's night shift runs into this week: Monday's first hours count it, and its agent rests
 * before a Monday shift. Worked by hand: a Sunday 22:00 shift of 10 h (an hour's lunch at 02:00)
 * ends Monday 08:00; in this week's minutes it is −120 to 480, the lunch 120 to 180.
 */
import { describe, expect, it } from 'vitest'
import {
  buildSchedule, carriedInto, checkScheduleInput, daysWorkedAtEnd, noWeekBeforeNote, ruleViolations, withCarryIn, withDaysWorkedBefore, type Contract, type ScheduledShift, type ScheduleInput, type ShiftTemplate,
} from '../src/index.ts'

const DAY = 1440
const WEEK = 7 * DAY
const t8: ShiftTemplate = { id: 't8', name: '8 h', lengthMin: 480, startEarliestMin: 0, startLatestMin: 23 * 60, startStepMin: 60, breaks: [] }
const contract: Contract = {
  id: 'c', name: 'C', minHoursPerDay: 0, maxHoursPerDay: 24, minHoursPerWeek: 0, maxHoursPerWeek: 168, daysOffPerWeek: 0,
  maxConsecutiveDays: 7, earliestStartMin: 0, latestEndMin: 2 * DAY, minRestHours: 11,
}
const sundayNight: ScheduledShift = {
  agentId: 'night', day: 6, templateId: 't10', startMin: 6 * DAY + 22 * 60, endMin: 6 * DAY + 22 * 60 + 600, paidMin: 540,
  breaks: [{ kind: 'lunch', startMin: WEEK + 120, endMin: WEEK + 180 }],
}
/** Two agents; skill "a" needs 2 agents every hour of Monday 00:00–16:00 and nothing after. */
function input(): ScheduleInput {
  const a = new Array<number>(168).fill(0)
  for (let h = 0; h < 16; h++) a[h] = 2
  return {
    weekStart: Date.UTC(2026, 11, 7), intervalMin: 60, templates: [t8], contracts: [contract], requirements: [{ skill: 'a', agents: a }],
    agents: [{ id: 'night', name: 'Night', skills: ['a'], contractId: 'c' }, { id: 'day', name: 'Day', skills: ['a'], contractId: 'c' }],
    timeLimitSec: 10,
  }
}

describe('carry-in from the week before', () => {
  it('moves only the shifts that end after their week into this week\'s minutes', () => {
    const friday: ScheduledShift = { ...sundayNight, agentId: 'other', day: 4, startMin: 4 * DAY + 9 * 60, endMin: 4 * DAY + 17 * 60, breaks: [] }
    const carried = carriedInto([friday, sundayNight])
    expect(carried).toHaveLength(1)
    expect(carried[0]!.shift).toMatchObject({ agentId: 'night', startMin: -120, endMin: 480, breaks: [{ startMin: 120, endMin: 180 }] })
  })

  it('lowers the requirement where the shift works (not in its lunch hour) and rests the agent until 08:00 + 11 h', () => {
    const out = withCarryIn(input(), carriedInto([sundayNight]))
    const a = out.requirements[0]!.agents
    // 00:00–08:00 worked except the 02:00–03:00 lunch: hours 0, 1 and 3–7 need one agent more than are there, not two.
    expect(a.slice(0, 8)).toEqual([1, 1, 2, 1, 1, 1, 1, 1])
    expect(a.slice(8, 16)).toEqual([2, 2, 2, 2, 2, 2, 2, 2])
    expect(out.agents.find((x) => x.id === 'night')!.timeOff).toEqual([{ startMin: 0, endMin: 480 + 11 * 60, reason: 'previous-week-shift' }])
    expect(out.agents.find((x) => x.id === 'day')!.timeOff).toBeUndefined()
  })

  it('the scheduler then gives the night agent no Monday shift before 19:00, and a Monday 08:00 shift breaks the rest rule', async () => {
    const out = withCarryIn(input(), carriedInto([sundayNight]))
    const s = await buildSchedule(out)
    for (const x of s.shifts.filter((y) => y.agentId === 'night')) expect(x.startMin).toBeGreaterThanOrEqual(19 * 60)
    expect(s.violations).toEqual([])
    const early: ScheduledShift = { agentId: 'night', day: 0, templateId: 't8', startMin: 8 * 60, endMin: 16 * 60, paidMin: 480, breaks: [] }
    const rest = ruleViolations(out, [early]).find((v) => v.rule === 'time-off')!
    expect(rest.message).toBe("Night's shift starts before the rest after last week's shift ends (Monday 19:00)")
  })

  it('an agent no longer in the week is not counted on', () => {
    const gone = { ...sundayNight, agentId: 'left-the-company' }
    expect(withCarryIn(input(), carriedInto([gone])).requirements[0]!.agents.slice(0, 8)).toEqual([2, 2, 2, 2, 2, 2, 2, 2])
  })

  it('days worked up to Sunday count toward the consecutive-day rule: after Thursday–Sunday, at most 2 of Monday–Wednesday with a 6-day limit', async () => {
    const day = (agentId: string, d: number): ScheduledShift => ({ agentId, day: d, templateId: 't8', startMin: d * DAY + 9 * 60, endMin: d * DAY + 17 * 60, paidMin: 480, breaks: [] })
    // Thursday to Sunday worked (a run of 4); 'day' worked Saturday only, then had Sunday off (no run).
    const runs = daysWorkedAtEnd([day('night', 3), day('night', 4), day('night', 5), day('night', 6), day('day', 5)])
    expect([...runs]).toEqual([['night', 4]])
    // Monday–Wednesday 09:00–17:00 need both agents, Thursday–Sunday one. With the 6-day limit and
    // 4 days already worked, 'night' may work only 2 of Monday–Wednesday, so one of those days is short.
    const a = new Array<number>(168).fill(0)
    for (let d = 0; d < 7; d++) for (let h = 9; h < 17; h++) a[d * 24 + h] = d < 3 ? 2 : 1
    const six = { ...contract, maxConsecutiveDays: 6, minRestHours: 0 }
    const base: ScheduleInput = { ...input(), contracts: [six], requirements: [{ skill: 'a', agents: a }] }
    const s = await buildSchedule(withDaysWorkedBefore(base, runs))
    const nightDays = new Set(s.shifts.filter((x) => x.agentId === 'night').map((x) => x.day))
    expect([0, 1, 2].filter((d) => nightDays.has(d))).toHaveLength(2)
    expect(s.coverage.totals.underHours).toBe(8)
    expect(s.violations).toEqual([])
    // Without the week before, both work Monday–Wednesday and nothing is short.
    const alone = await buildSchedule(base)
    expect([0, 1, 2].filter((d) => alone.shifts.some((x) => x.agentId === 'night' && x.day === d))).toHaveLength(3)
    expect(alone.coverage.totals.underHours).toBe(0)
    // And a hand-made Monday–Wednesday is flagged on Wednesday, the 7th day in a row.
    const monToWed = [0, 1, 2].map((d) => day('night', d))
    const v = ruleViolations(withDaysWorkedBefore(base, runs), monToWed).filter((x) => x.rule === 'consecutive-days')
    expect(v).toMatchObject([{ agentId: 'night', day: 2 }])
  })

  it('the hours after the week count: one agent needed Sunday 20:00 to Monday 04:00 gets an 8-hour Sunday 20:00 shift, not a 4-hour one that stops at midnight', async () => {
    // Sunday 20:00–24:00 needs one agent; so does the next Monday 00:00–04:00 (given as `after`).
    const a = new Array<number>(168).fill(0)
    for (let h = 20; h < 24; h++) a[6 * 24 + h] = 1
    const t4: ShiftTemplate = { ...t8, id: 't4', name: '4 h', lengthMin: 240 }
    const base: ScheduleInput = { ...input(), templates: [t8, t4], requirements: [{ skill: 'a', agents: a, after: [1, 1, 1, 1] }] }
    const s = await buildSchedule(base)
    // Only the 8-hour shift from 20:00 to Monday 04:00 covers all eight hours; a 4-hour one leaves four short (20 × 4 > 4 paid hours).
    expect(s.shifts.map((x) => [x.templateId, x.startMin - 6 * DAY, x.endMin - 6 * DAY])).toEqual([['t8', 20 * 60, 28 * 60]])
    expect(s.coverage.totals.underHours).toBe(0)
    // Without `after`, the week alone is best served by the 4-hour shift 20:00–24:00.
    const alone = await buildSchedule({ ...base, requirements: [{ skill: 'a', agents: a }] })
    expect(alone.shifts.map((x) => [x.templateId, x.startMin - 6 * DAY, x.endMin - 6 * DAY])).toEqual([['t4', 20 * 60, 24 * 60]])
  })

  it('refuses more than a day after the week, and a negative requirement after it', () => {
    const a = new Array<number>(168).fill(0)
    expect(() => checkScheduleInput({ ...input(), requirements: [{ skill: 'a', agents: a, after: new Array<number>(25).fill(0) }] })).toThrow(/at most a day \(24\)/)
    expect(() => checkScheduleInput({ ...input(), requirements: [{ skill: 'a', agents: a, after: [-1] }] })).toThrow(/after the week that is not a number ≥ 0/)
  })
})

describe('no week before published', () => {
  it('says Monday before the first possible start has nobody, with the agent-hours left open (2 agents × 6 h before 06:00)', () => {
    const i = input()
    const early = { ...i, templates: [{ ...t8, startEarliestMin: 6 * 60 }] }
    const [note] = noWeekBeforeNote(early)
    expect(note).toMatchObject({ code: 'note.no-week-before', params: { until: '06:00', hours: 12 } })
    expect(note!.message).toContain('before 06:00')
  })
  it('a contract that starts later than its template moves that start; a template allowed from midnight leaves nothing to say', () => {
    const i = input()
    expect(noWeekBeforeNote({ ...i, contracts: [{ ...contract, earliestStartMin: 8 * 60 }] })[0]).toMatchObject({ params: { until: '08:00', hours: 16 } })
    expect(noWeekBeforeNote(i)).toEqual([])
  })
})
