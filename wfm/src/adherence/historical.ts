/**
 * Historical adherence and conformance of one agent over a period (DESIGN §4):
 *   adherence   = time in the scheduled activity / (scheduled time − neutral time)
 *   conformance = time worked (logged in and not in aux) / scheduled work time — above 100 % when
 *                 the agent works more than scheduled.
 * Scheduled activities and the agent's state timeline are lists of [start, end) in ms.
 */
import { classify, WORKING_STATES, type AdherenceRule, type ScheduledActivity } from './rules.ts'

export interface Span<T> { start: number; end: number; value: T }

export interface AdherenceFigures {
  scheduledSec: number
  inSec: number
  outSec: number
  neutralSec: number
  /** null when all scheduled time was neutral. */
  adherence: number | null
  scheduledWorkSec: number
  workedSec: number
  conformance: number | null
}

export function adherenceOf(schedule: Span<ScheduledActivity>[], states: Span<string>[], rules: AdherenceRule[], window?: { start: number; end: number }): AdherenceFigures {
  const clip = <T>(s: Span<T>): Span<T> | null => {
    const start = Math.max(s.start, window?.start ?? -Infinity), end = Math.min(s.end, window?.end ?? Infinity)
    return end > start ? { ...s, start, end } : null
  }
  const sched = schedule.map(clip).filter((s): s is Span<ScheduledActivity> => !!s).sort((a, b) => a.start - b.start)
  const timeline = states.map(clip).filter((s): s is Span<string> => !!s).sort((a, b) => a.start - b.start)
  let scheduledMs = 0, inMs = 0, outMs = 0, neutralMs = 0, scheduledWorkMs = 0, workedMs = 0
  for (const s of sched) {
    const len = s.end - s.start
    scheduledMs += len
    if (s.value === 'work') scheduledWorkMs += len
    let covered = 0
    for (const st of timeline) {
      const overlap = Math.min(s.end, st.end) - Math.max(s.start, st.start)
      if (overlap <= 0) continue
      covered += overlap
      const r = classify(rules, s.value, st.value).result
      if (r === 'in') inMs += overlap
      else if (r === 'neutral') neutralMs += overlap
      else outMs += overlap
    }
    // Scheduled time with no known state: the agent was not logged in.
    const unknown = len - covered
    if (unknown > 0) {
      const r = classify(rules, s.value, 'offline').result
      if (r === 'in') inMs += unknown
      else if (r === 'neutral') neutralMs += unknown
      else outMs += unknown
    }
  }
  for (const st of timeline) if ((WORKING_STATES as readonly string[]).includes(st.value)) workedMs += st.end - st.start
  const sec = (ms: number): number => ms / 1000
  const denominator = scheduledMs - neutralMs
  return {
    scheduledSec: sec(scheduledMs), inSec: sec(inMs), outSec: sec(outMs), neutralSec: sec(neutralMs),
    adherence: denominator > 0 ? inMs / denominator : null,
    scheduledWorkSec: sec(scheduledWorkMs), workedSec: sec(workedMs),
    conformance: scheduledWorkMs > 0 ? workedMs / scheduledWorkMs : null,
  }
}
