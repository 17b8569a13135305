/**
 * Who can serve a queue, as configuration says (levels relax with waiting, so any level ≥ 1
 * counts): the one rule the engine, the configuration and scenario checks, and the live view share.
 * Pure.
 */
import type { Channel } from '@agner/events'
import type { AgentConfig, QueueConfig, SkillNeed } from './types.ts'

/** Contacts at once per channel when an agent's configuration does not say. */
export const DEFAULT_CAPACITY: Record<Channel, number> = { voice: 1, chat: 0, email: 0, sms: 0, video: 0, callback: 1 }

type Staff = Pick<AgentConfig, 'skills' | 'capacity'>

/** The first required skill no agent has at all. */
export function skillNobodyHas(needs: readonly SkillNeed[], agents: readonly Staff[]): SkillNeed | undefined {
  return needs.find((n) => !agents.some((a) => (a.skills[n.skill] ?? 0) >= 1))
}

export function hasSkills(a: Staff, needs: readonly SkillNeed[]): boolean {
  return needs.every((n) => (a.skills[n.skill] ?? 0) >= 1)
}

/** Has every required skill and capacity on the queue's channel. */
export function canServe(a: Staff, q: Pick<QueueConfig, 'requiredSkills' | 'channel'>): boolean {
  return (a.capacity?.[q.channel] ?? DEFAULT_CAPACITY[q.channel]) > 0 && hasSkills(a, q.requiredSkills)
}
