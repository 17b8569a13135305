/**
 * The local search after the solves (improve.ts), on hand-worked weeks of one-hour shifts and one
 * agent (penalty 20 per agent-hour of shortage cost; an interval needing one agent and nobody there
 * costs 0.5 × 1 + 0.5 × 4 = 2.5, shortage.ts): a shift on it is worth 20 × 2.5 − 1 paid hour = 49.
 */
import { describe, expect, it } from 'vitest'
import { buildCandidates, type Contract, type ScheduleInput, type ShiftTemplate } from '../src/index.ts'
import { buildProfiles } from '../src/scheduling/profiles.ts'
import { improveSchedule } from '../src/scheduling/improve.ts'

const hour: ShiftTemplate = { id: 'h', name: '1 h', lengthMin: 60, startEarliestMin: 0, startLatestMin: 23 * 60, startStepMin: 60, breaks: [] }
const contract = (minH: number, maxH: number): Contract => ({
  id: 'c', name: 'c', minHoursPerDay: 0, maxHoursPerDay: 1, minHoursPerWeek: minH, maxHoursPerWeek: maxH, daysOffPerWeek: 0,
  maxConsecutiveDays: 7, earliestStartMin: 0, latestEndMin: 1440, minRestHours: 0,
})

function week(need: Record<number, number>, c: Contract): ScheduleInput {
  const agents = new Array<number>(168).fill(0)
  for (const [h, n] of Object.entries(need)) agents[Number(h)] = n
  return {
    weekStart: Date.UTC(2026, 11, 14), intervalMin: 60, templates: [hour], contracts: [c], requirements: [{ skill: 'a', agents }],
    agents: [{ id: 'x', name: 'X', skills: ['a'], contractId: 'c' }],
  }
}

function run(i: ScheduleInput, startsH: number[]) {
  const candidates = buildCandidates(i)
  const profiles = buildProfiles(i, candidates)
  const assigned = startsH.map((h) => ({ agentId: 'x', candidate: candidates.find((c) => c.startMin === h * 60)! }))
  const r = improveSchedule(i, profiles, candidates, assigned, { deadlineMs: performance.now() + 5_000 })
  return { ...r, starts: r.assigned.map((a) => a.candidate.startMin / 60).sort((x, y) => x - y) }
}

describe('improveSchedule', () => {
  it('adds the shifts that pay, up to the contract (Mon, Tue and Wed 09:00 each need one; 3 h a week)', () => {
    const r = run(week({ 9: 1, 33: 1, 57: 1 }, contract(0, 3)), [])
    expect(r.starts).toEqual([9, 33, 57])
    expect(r.added).toBe(3)
    expect(r.before).toBe(150) // 3 × 20 × 2.5
    expect(r.after).toBe(3) // three paid hours, nothing short
  })

  it('stops at the contract: with 2 h a week, two of the three', () => {
    const r = run(week({ 9: 1, 33: 1, 57: 1 }, contract(0, 2)), [])
    expect(r.starts).toHaveLength(2)
    expect(r.after).toBe(2 + 50)
  })

  it('moves a shift from an hour nobody needs to the hour that needs it, when the minimum hours keep it', () => {
    const r = run(week({ 9: 1 }, contract(1, 1)), [15])
    expect(r.starts).toEqual([9])
    expect(r.moved).toBe(1)
    expect(r.before).toBe(51)
    expect(r.after).toBe(1)
  })

  it('drops a shift that covers nothing when the contract has no minimum', () => {
    const r = run(week({}, contract(0, 5)), [15])
    expect(r.starts).toEqual([])
    expect(r.dropped).toBe(1)
    expect(r.after).toBe(0)
  })

  it('keeps a shift that covers nothing when dropping it would break the minimum hours', () => {
    const r = run(week({}, contract(1, 5)), [15])
    expect(r.starts).toHaveLength(1)
    expect(r.after).toBe(1)
  })
})
