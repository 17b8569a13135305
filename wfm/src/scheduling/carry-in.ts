/**
 * The previous week's shifts that run into this one (a Sunday night shift ending Monday 06:00).
 * Weeks are scheduled one at a time, so without them Monday's first hours would look uncovered
 * and the same agent could be given a Monday morning shift without the rest their contract needs.
 * Applied to a week's input: the intervals they work count against the requirement (for the
 * agent's skill that needs most there), and each of their agents is kept off until the shift has
 * ended and the contract's rest has passed, as time off. The days each agent worked in a row up to
 * Sunday carry over too, so the consecutive-day rule holds across the two weeks. Pure.
 */
import { addCover, hhmm, type ScheduledShift } from './activities.ts'
import { said, type Problem } from './sayings.ts'
import { DAY_MIN, WEEK_MIN, type ScheduleInput } from './rules.ts'

/** The reason on the time off that keeps an agent resting after last week's shift. */
export const PREVIOUS_WEEK_REST = 'previous-week-shift'

export interface CarriedShift {
  agentId: string
  /** The shift in this week's minutes: it starts before 0 and ends after it. */
  shift: ScheduledShift
}

/** Shifts of the week before that end after it, moved into this week's minutes. */
export function carriedInto(previousWeek: readonly ScheduledShift[]): CarriedShift[] {
  return previousWeek.filter((s) => s.endMin > WEEK_MIN).map((s) => ({
    agentId: s.agentId,
    shift: { ...s, day: -1, startMin: s.startMin - WEEK_MIN, endMin: s.endMin - WEEK_MIN, breaks: s.breaks.map((b) => ({ ...b, startMin: b.startMin - WEEK_MIN, endMin: b.endMin - WEEK_MIN })) },
  }))
}

/** Says how last week's shifts reach into this week, when any do. */
export function carryInNote(carried: readonly CarriedShift[]): Problem[] {
  if (carried.length === 0) return []
  const until = Math.max(...carried.map((c) => c.shift.endMin))
  return [said('note.carry-in', { count: carried.length, until: hhmm(until) })]
}

/**
 * With no week before published, Monday's hours before this week's first possible shift start have
 * nobody: said when they need anyone (with the agent-hours left open there).
 */
export function noWeekBeforeNote(input: ScheduleInput): Problem[] {
  // The earliest Monday start any contract allows with any of its templates.
  const starts: number[] = []
  for (const c of input.contracts) {
    for (const t of input.templates) {
      if ((t.days && !t.days.includes(0)) || (c.templates && !c.templates.includes(t.id))) continue
      const start = Math.max(t.startEarliestMin, c.earliestStartMin)
      if (start <= t.startLatestMin) starts.push(start)
    }
  }
  const first = Math.min(DAY_MIN, ...starts)
  const upTo = Math.ceil(first / input.intervalMin)
  const need = input.requirements.reduce((s, r) => s + r.agents.slice(0, upTo).reduce((a, b) => a + b, 0), 0) * (input.intervalMin / 60)
  return need > 0 ? [said('note.no-week-before', { until: hhmm(first), hours: Math.round(need * 10) / 10 })] : []
}

/** Days each agent worked in a row up to the week's last day (Sunday), from that week's shifts. */
export function daysWorkedAtEnd(week: readonly ScheduledShift[]): Map<string, number> {
  const days = new Map<string, Set<number>>()
  for (const s of week) { const d = days.get(s.agentId); if (d) d.add(s.day); else days.set(s.agentId, new Set([s.day])) }
  const out = new Map<string, number>()
  for (const [agentId, d] of days) {
    let run = 0
    while (run < 7 && d.has(6 - run)) run++
    if (run > 0) out.set(agentId, run)
  }
  return out
}

/** `input` with each agent's run of days worked before Monday (see daysWorkedAtEnd). */
export function withDaysWorkedBefore(input: ScheduleInput, runs: ReadonlyMap<string, number>): ScheduleInput {
  return { ...input, agents: input.agents.map((a) => (runs.has(a.id) ? { ...a, daysWorkedBefore: runs.get(a.id)! } : a)) }
}

/** `input` with the carried shifts counted: requirement lowered where they work, their agents off until rested. */
export function withCarryIn(input: ScheduleInput, carried: readonly CarriedShift[]): ScheduleInput {
  const agents = new Map(input.agents.map((a) => [a.id, a]))
  const contracts = new Map(input.contracts.map((c) => [c.id, c]))
  const need = input.requirements.map((r) => ({ ...r, agents: [...r.agents] }))
  const bySkill = new Map(need.map((r) => [r.skill, r]))
  const restUntil = new Map<string, number>()
  for (const { agentId, shift } of carried) {
    const a = agents.get(agentId)
    if (!a) continue // no longer scheduled: nobody to keep off, and their cover is not counted on
    const onPhones = new Array<number>(WEEK_MIN / input.intervalMin).fill(0)
    addCover(shift, input.intervalMin, onPhones)
    onPhones.forEach((n, t) => {
      if (n === 0) return
      // The agent answers one skill at a time: the one that needs most in this interval.
      const skill = a.skills.map((k) => bySkill.get(k)).filter((r) => r !== undefined).sort((x, y) => y.agents[t]! - x.agents[t]!)[0]
      if (skill && skill.agents[t]! > 0) skill.agents[t] = skill.agents[t]! - 1
    })
    const rest = (contracts.get(a.contractId)?.minRestHours ?? 0) * 60
    restUntil.set(agentId, Math.max(restUntil.get(agentId) ?? 0, shift.endMin + rest))
  }
  return {
    ...input,
    requirements: need,
    agents: input.agents.map((a) => {
      const until = restUntil.get(a.id)
      return until === undefined ? a : { ...a, timeOff: [{ startMin: 0, endMin: until, reason: PREVIOUS_WEEK_REST }, ...(a.timeOff ?? [])] }
    }),
  }
}
