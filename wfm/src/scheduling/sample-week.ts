/**
 * A ready-made week to schedule: shift templates and contracts a typical center starts from, and
 * a synthetic center of any size (skills with a daily curve, agents with one to three skills on
 * full- and part-time contracts, some availability limits and time off). The defaults serve the
 * demo center; the synthetic center serves the benchmark and tests.
 */
import { size } from '../staffing/size.ts'
import { DAY_MIN, WEEK_MIN, type AgentRules, type Contract, type ScheduleInput, type ShiftTemplate, type SkillRequirement } from './rules.ts'

export const DEFAULT_TEMPLATES: ShiftTemplate[] = [
  {
    id: 'full-day', name: '8 h + lunch', lengthMin: 510, startEarliestMin: 6 * 60, startLatestMin: 15 * 60, startStepMin: 30,
    breaks: [
      { kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 90, latestAfterStartMin: 150 },
      { kind: 'lunch', minutes: 30, paid: false, earliestAfterStartMin: 210, latestAfterStartMin: 300 },
      { kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 360, latestAfterStartMin: 435 },
    ],
  },
  {
    id: 'night', name: 'Night 8 h', lengthMin: 510, startEarliestMin: 15 * 60 + 30, startLatestMin: 22 * 60, startStepMin: 30,
    breaks: [
      { kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 90, latestAfterStartMin: 150 },
      { kind: 'lunch', minutes: 30, paid: false, earliestAfterStartMin: 210, latestAfterStartMin: 300 },
      { kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 360, latestAfterStartMin: 435 },
    ],
  },
  {
    id: 'part-4', name: '4 h', lengthMin: 240, startEarliestMin: 7 * 60, startLatestMin: 20 * 60, startStepMin: 30,
    breaks: [{ kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 90, latestAfterStartMin: 150 }],
  },
  {
    id: 'part-6', name: '6 h', lengthMin: 360, startEarliestMin: 7 * 60, startLatestMin: 18 * 60, startStepMin: 30,
    breaks: [
      { kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 90, latestAfterStartMin: 150 },
      { kind: 'break', minutes: 15, paid: true, earliestAfterStartMin: 225, latestAfterStartMin: 285 },
    ],
  },
]

export const DEFAULT_CONTRACTS: Contract[] = [
  {
    id: 'full-time', name: 'Full time', names: { en: 'Full time', 'zh-CN': '全职' }, minHoursPerDay: 8, maxHoursPerDay: 8, minHoursPerWeek: 32, maxHoursPerWeek: 40, daysOffPerWeek: 2,
    maxConsecutiveDays: 5, earliestStartMin: 6 * 60, latestEndMin: 30 * 60, minRestHours: 11, templates: ['full-day', 'night'],
  },
  {
    id: 'part-time', name: 'Part time', names: { en: 'Part time', 'zh-CN': '兼职' }, minHoursPerDay: 4, maxHoursPerDay: 6, minHoursPerWeek: 16, maxHoursPerWeek: 30, daysOffPerWeek: 2,
    maxConsecutiveDays: 6, earliestStartMin: 7 * 60, latestEndMin: 24 * 60, minRestHours: 11, templates: ['part-4', 'part-6'],
  },
]

/** Share of a day's contacts per hour (busy 9–21, quiet at night). */
const CURVE = [0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3.5, 6.5, 7.8, 7.5, 6, 6.5, 7.4, 7.2, 6.8, 6.2, 5.5, 5, 4.6, 3.8, 2.5, 1.2]
const WEEKDAY = [1.18, 1.06, 1, 0.98, 0.95, 0.62, 0.5]

export interface SyntheticCenter { agents: number; skills: number; intervalMin?: number; seed?: number; dailyContactsPerAgent?: number }

/** A center sized so its agents' contracts can just about cover the requirement. */
export function syntheticWeek(o: SyntheticCenter): ScheduleInput {
  const step = o.intervalMin ?? 15
  const n = WEEK_MIN / step
  let seed = o.seed ?? 7
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31 }
  const skills = Array.from({ length: o.skills }, (_, k) => `skill-${k + 1}`)
  const total = CURVE.reduce((a, b) => a + b, 0)
  const requirements: SkillRequirement[] = skills.map((skill, k) => {
    const daily = ((o.dailyContactsPerAgent ?? 30) * o.agents) / o.skills * (1 + 0.2 * (k - (o.skills - 1) / 2))
    const ahtSec = 240 + 60 * k
    const volume = Array.from({ length: n }, (_, t) => {
      const min = t * step
      const day = Math.floor(min / DAY_MIN)
      const hour = Math.floor((min % DAY_MIN) / 60)
      return (daily * WEEKDAY[day]! * CURVE[hour]! / total) * (step / 60)
    })
    const agents = volume.map((v) => v > 0 ? size({ volume: v, intervalSec: step * 60, ahtSec }, { serviceLevel: 0.8, slThresholdSec: 20 }, 0).agents : 0)
    return { skill, agents, volume, ahtSec: volume.map(() => ahtSec), slThresholdSec: 20 }
  })
  const agents: AgentRules[] = Array.from({ length: o.agents }, (_, a) => {
    const primary = skills[a % o.skills]!
    const extra = a % 3 === 0 ? skills[(a + 1) % o.skills]! : undefined
    const third = a % 10 === 0 && o.skills > 2 ? skills[(a + 2) % o.skills]! : undefined
    const agent: AgentRules = {
      id: `agent-${String(a + 1).padStart(3, '0')}`, name: `Agent ${a + 1}`,
      skills: [...new Set([primary, extra, third].filter((s): s is string => !!s))],
      contractId: a % 4 === 3 ? 'part-time' : 'full-time',
    }
    // Some agents only work weekdays or mornings; a few have a day off booked.
    if (a % 11 === 5) agent.availability = [0, 1, 2, 3, 4].map((day) => ({ day, fromMin: 6 * 60, toMin: 24 * 60 }))
    if (a % 13 === 7) agent.availability = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, fromMin: 6 * 60, toMin: 15 * 60 }))
    if (a % 17 === 2) { const d = Math.floor(rnd() * 5); agent.timeOff = [{ startMin: d * DAY_MIN, endMin: (d + 1) * DAY_MIN, reason: 'leave' }] }
    return agent
  })
  return { weekStart: Date.UTC(2026, 10, 30), intervalMin: step, requirements, templates: DEFAULT_TEMPLATES, contracts: DEFAULT_CONTRACTS, agents, shrinkage: 0 }
}
