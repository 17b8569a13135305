/**
 * What a planner tells the scheduler: the week's requirement per skill and interval, the shift
 * templates (lengths, allowed starts, break and lunch rules), the contracts, and the agents with
 * their skills, availability and time off. Times are minutes from the week's start (Monday 00:00
 * in the center's time zone); a shift belongs to the day it starts on and may run past midnight.
 * `checkScheduleInput` rejects malformed input with one sentence naming the field.
 */
import { BREAK_KIND_ZH, sayRule } from './rule-sayings.ts'
import { WfmInputError } from '../staffing/input.ts'

export const DAY_MIN = 1440
export const WEEK_MIN = 7 * DAY_MIN

export interface BreakRule {
  kind: 'break' | 'lunch'
  minutes: number
  paid: boolean
  /** The break starts at least this long after the shift starts… */
  earliestAfterStartMin: number
  /** …and at most this long after. */
  latestAfterStartMin: number
}

export interface ShiftTemplate {
  id: string
  name: string
  /** Shift length, start to end, breaks included. */
  lengthMin: number
  /** Allowed starts: minutes of the day from `startEarliestMin` to `startLatestMin`, every `startStepMin`. */
  startEarliestMin: number
  startLatestMin: number
  startStepMin: number
  breaks: BreakRule[]
  /** Weekdays it may run on, 0 = Monday (default every day). */
  days?: number[]
}

export interface Contract {
  id: string
  name: string
  /** Display names in both languages (the planner's screens); `name` when absent. */
  names?: { en: string; 'zh-CN': string }
  /** Paid hours per working day and per week. */
  minHoursPerDay: number
  maxHoursPerDay: number
  minHoursPerWeek: number
  maxHoursPerWeek: number
  /** At least this many days off per week. */
  daysOffPerWeek: number
  maxConsecutiveDays: number
  /** A shift starts no earlier than this minute of its day… */
  earliestStartMin: number
  /** …and ends no later than this minute after its day's midnight (past 1440: the next morning). */
  latestEndMin: number
  /** Rest between the end of one shift and the start of the next, hours. */
  minRestHours: number
  /** Templates this contract may work (default all). */
  templates?: string[]
}

/** A window the agent can work, by weekday (0 = Monday), minutes of the day; `toMin` may pass 1440. */
export interface Availability { day: number; fromMin: number; toMin: number }
export interface TimeOff { startMin: number; endMin: number; reason?: string }

export interface AgentRules {
  id: string
  name: string
  /** The skills (queues) the agent takes. */
  skills: string[]
  contractId: string
  /** Omitted: available any time; empty: not available this week. */
  availability?: Availability[]
  timeOff?: TimeOff[]
  /** Days worked in a row up to the Sunday before this week (consecutive-day rule across weeks). */
  daysWorkedBefore?: number
}

/** What a skill needs per interval: agents to schedule, and the load to predict service level. */
export interface SkillRequirement {
  skill: string
  /** Agents required per interval (after shrinkage), WEEK_MIN / intervalMin values. */
  agents: number[]
  /**
   * Agents required in the first hours after the week (the next Monday's, up to a day), where a
   * Sunday night shift still works. Without it such a shift looks worth only its hours before
   * midnight, and a center open around the clock would leave every Monday's first hours to nobody.
   */
  after?: number[]
  /** Contacts and handle time per interval, to predict the service level of a schedule. */
  volume?: number[]
  ahtSec?: number[]
  patienceSec?: number
  slThresholdSec?: number
  /** How multi-skill pooling changed Erlang's per-queue figure (staffing/pooling.ts): the factor and the simulated service level with and without it. */
  pooling?: { factor: number; serviceLevel: number | null; uncorrected: number | null }
}

export interface ScheduleInput {
  /** The week's first instant (ms), for labels and exports; the model itself works in minutes. */
  weekStart: number
  intervalMin: number
  requirements: SkillRequirement[]
  templates: ShiftTemplate[]
  contracts: Contract[]
  agents: AgentRules[]
  /** Share of scheduled time lost to shrinkage, to turn scheduled agents into available ones. */
  shrinkage?: number
  /** Wall-clock budget for the optimizer, seconds (default 30). */
  timeLimitSec?: number
  /** Cost of one under-staffed agent-hour against one paid hour (default 20). */
  underPenalty?: number
}

/** A skill's requirement over the week and the hours after it that shifts reach (see `after`). */
export function requirementHorizon(r: SkillRequirement): number[] {
  return r.after?.length ? [...r.agents, ...r.after] : r.agents
}

/** How many intervals the model looks at: the week and the longest `after`. */
export function horizonLength(i: ScheduleInput): number {
  return WEEK_MIN / i.intervalMin + Math.max(0, ...i.requirements.map((r) => r.after?.length ?? 0))
}

const isWhole = (x: number): boolean => Number.isInteger(x) && x >= 0

export function checkScheduleInput(i: ScheduleInput): void {
  if (![5, 10, 15, 30, 60].includes(i.intervalMin)) throw new WfmInputError('intervalMin', 'must be 5, 10, 15, 30 or 60 minutes')
  const n = WEEK_MIN / i.intervalMin
  if (i.requirements.length === 0) throw new WfmInputError('requirements', 'give the requirement of at least one skill')
  for (const r of i.requirements) {
    if (r.agents.length !== n) throw new WfmInputError('requirements', `skill "${r.skill}" has ${r.agents.length} intervals; a week of ${i.intervalMin}-minute intervals has ${n}`)
    if (r.agents.some((a) => !(a >= 0) || !Number.isFinite(a))) throw new WfmInputError('requirements', `skill "${r.skill}" has a requirement that is not a number ≥ 0`)
    if (r.after && r.after.length > DAY_MIN / i.intervalMin) throw new WfmInputError('requirements', `skill "${r.skill}" gives ${r.after.length} intervals after the week; at most a day (${DAY_MIN / i.intervalMin}) is used`)
    if (r.after?.some((a) => !(a >= 0) || !Number.isFinite(a))) throw new WfmInputError('requirements', `skill "${r.skill}" has a requirement after the week that is not a number ≥ 0`)
  }
  if (i.templates.length === 0) throw new WfmInputError('templates', sayRule('noTemplates'))
  for (const t of i.templates) {
    const w = { id: t.id, step: i.intervalMin }
    if (!(t.lengthMin > 0 && t.lengthMin <= DAY_MIN && t.lengthMin % i.intervalMin === 0)) throw new WfmInputError('templates', sayRule('templateLength', w))
    if (!(isWhole(t.startEarliestMin) && t.startEarliestMin <= t.startLatestMin && t.startLatestMin < DAY_MIN)) throw new WfmInputError('templates', sayRule('templateStarts', w))
    if (!(t.startStepMin > 0 && t.startStepMin % i.intervalMin === 0 && t.startEarliestMin % i.intervalMin === 0)) throw new WfmInputError('templates', sayRule('templateStep', w))
    for (const b of t.breaks) {
      const kind = { ...w, kind: b.kind, kindZh: BREAK_KIND_ZH[b.kind] ?? b.kind }
      if (!(b.minutes > 0 && b.minutes % i.intervalMin === 0)) throw new WfmInputError('templates', sayRule('breakLength', kind))
      if (!(b.earliestAfterStartMin >= 0 && b.earliestAfterStartMin <= b.latestAfterStartMin && b.latestAfterStartMin + b.minutes <= t.lengthMin)) {
        throw new WfmInputError('templates', sayRule('breakWindow', kind))
      }
    }
  }
  const contracts = new Set(i.contracts.map((c) => c.id))
  for (const c of i.contracts) {
    const w = { id: c.id }
    if (!(c.minHoursPerDay >= 0 && c.minHoursPerDay <= c.maxHoursPerDay && c.maxHoursPerDay <= 24)) throw new WfmInputError('contracts', sayRule('hoursPerDay', w))
    if (!(c.minHoursPerWeek >= 0 && c.minHoursPerWeek <= c.maxHoursPerWeek && c.maxHoursPerWeek <= 168)) throw new WfmInputError('contracts', sayRule('hoursPerWeek', w))
    if (!(isWhole(c.daysOffPerWeek) && c.daysOffPerWeek <= 7)) throw new WfmInputError('contracts', sayRule('daysOff', w))
    if (!(isWhole(c.maxConsecutiveDays) && c.maxConsecutiveDays >= 1)) throw new WfmInputError('contracts', sayRule('consecutive', w))
    if (!(c.earliestStartMin >= 0 && c.earliestStartMin < c.latestEndMin && c.latestEndMin <= 2 * DAY_MIN)) throw new WfmInputError('contracts', sayRule('startEnd', w))
    if (!(c.minRestHours >= 0 && c.minRestHours <= 48)) throw new WfmInputError('contracts', sayRule('rest', w))
    for (const t of c.templates ?? []) if (!i.templates.some((x) => x.id === t)) throw new WfmInputError('contracts', sayRule('contractTemplate', { ...w, template: t }))
  }
  const ids = new Set<string>()
  for (const a of i.agents) {
    if (ids.has(a.id)) throw new WfmInputError('agents', sayRule('agentTwice', { id: a.id }))
    ids.add(a.id)
    if (!contracts.has(a.contractId)) throw new WfmInputError('agents', sayRule('agentContract', { id: a.id, contract: a.contractId }))
    for (const w of a.availability ?? []) {
      if (!(isWhole(w.day) && w.day < 7 && w.fromMin >= 0 && w.fromMin < w.toMin && w.toMin <= 2 * DAY_MIN)) throw new WfmInputError('agents', sayRule('availability', { id: a.id }))
    }
    if (a.daysWorkedBefore !== undefined && !(isWhole(a.daysWorkedBefore) && a.daysWorkedBefore <= 7)) throw new WfmInputError('agents', sayRule('daysWorked', { id: a.id }))
    for (const t of a.timeOff ?? []) {
      if (!(Number.isFinite(t.startMin) && Number.isFinite(t.endMin) && t.startMin < t.endMin)) throw new WfmInputError('agents', sayRule('timeOff', { id: a.id }))
    }
  }
  if (i.shrinkage !== undefined && !(i.shrinkage >= 0 && i.shrinkage < 1)) throw new WfmInputError('shrinkage', 'must be at least 0 and below 1')
  if (i.timeLimitSec !== undefined && !(i.timeLimitSec > 0 && i.timeLimitSec <= 3600)) throw new WfmInputError('timeLimitSec', 'must be above 0 and at most 3600 seconds')
}
