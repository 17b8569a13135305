/**
 * Real-time adherence for one agent now: the activity the published schedule says, the state the
 * agent is in, the verdict of the rule matrix, and — when out — since when. An alert is raised once
 * the agent has been out for longer than the rule's grace time.
 */
import { classify, type AdherenceResult, type AdherenceRule, type ScheduledActivity } from './rules.ts'

export interface LiveAdherence {
  agentId: string
  /** null: nothing scheduled now (the agent is not judged). */
  activity: ScheduledActivity | null
  state: string
  result: AdherenceResult | null
  /** When the agent's current out-of-adherence stretch began (null when not out). */
  outSince: number | null
  outForSec: number
  graceSec: number
  alert: boolean
}

export interface Scheduled { start: number; end: number; activity: ScheduledActivity }

/**
 * `activities`: the agent's scheduled activities (ms); `state`/`stateSince`: the live state.
 * The out stretch starts at the later of the state change and the start of the activity now due.
 */
export function liveAdherence(agentId: string, now: number, activities: Scheduled[], state: string, stateSince: number, rules: AdherenceRule[]): LiveAdherence {
  const due = activities.find((a) => a.start <= now && now < a.end)
  if (!due) return { agentId, activity: null, state, result: null, outSince: null, outForSec: 0, graceSec: 0, alert: false }
  const { result, graceSec } = classify(rules, due.activity, state)
  if (result !== 'out') return { agentId, activity: due.activity, state, result, outSince: null, outForSec: 0, graceSec, alert: false }
  // Back-to-back activities with the same verdict for this state continue one stretch.
  let since = due.start
  for (let a = prevOf(activities, since); a && classify(rules, a.activity, state).result === 'out'; a = prevOf(activities, a.start)) since = a.start
  const outSince = Math.max(stateSince, since)
  const outForSec = Math.max(0, (now - outSince) / 1000)
  return { agentId, activity: due.activity, state, result, outSince, outForSec, graceSec, alert: outForSec > graceSec }
}

const prevOf = (list: Scheduled[], start: number): Scheduled | undefined => list.find((a) => a.end === start)
