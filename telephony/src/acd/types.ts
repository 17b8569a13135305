/** The ACD's configuration and state, as plain data. */
import type { Channel } from '@agner/events'
import type { BusinessHours } from './hours.ts'

export const STRATEGIES = ['longest_idle', 'most_skilled', 'round_robin', 'least_occupied'] as const
export type Strategy = (typeof STRATEGIES)[number]

/** How a queue's service level is counted (DESIGN §4). */
export const SL_FORMULAS = ['ignore_short_abandons', 'offered', 'answered'] as const
export type ServiceLevelFormula = (typeof SL_FORMULAS)[number]

export interface SkillNeed { skill: string; minLevel: number }

/** After the contact has waited `afterMs`, every required skill is accepted from `minLevel` up. */
export interface SkillRelaxStep { afterMs: number; minLevel: number }

export type Overflow =
  | { action: 'queue'; queueId: string }
  /** The caller is called back from the same place in line (needs the caller's number). */
  | { action: 'callback' }
  /** The caller leaves a message; a follow-up contact (a call back to the caller) waits at the back of the line. */
  | { action: 'voicemail' }
  | { action: 'disconnect' }

/** What a contact arriving while the queue is closed meets. */
export type ClosedAction =
  /** A message, then the call ends. */
  | { action: 'message'; prompt: string }
  | { action: 'voicemail'; prompt?: string }
  /** The caller's number is kept and called back once the queue opens (needs the caller's number; otherwise the message). */
  | { action: 'callback'; prompt?: string }
  | { action: 'queue'; queueId: string }

export interface QueueConfig {
  id: string
  name?: string
  /** The queue's name in both languages (the file's `"name": { "en", "zh-CN" }`); `name` is then the English. */
  names?: { en: string; 'zh-CN': string }
  /** How its service level is counted; default ignore_short_abandons. */
  serviceLevelFormula?: ServiceLevelFormula
  channel: Channel
  requiredSkills: SkillNeed[]
  relax?: SkillRelaxStep[]
  strategy: Strategy
  serviceLevelMs: number
  shortAbandonMs?: number
  ringTimeoutMs: number
  /** Contacts waiting longer leave with `timeout` (and go to `overflow`). */
  maxWaitMs?: number
  /** Contacts arriving to a queue this full go straight to `overflow` (`overflow` outcome). */
  maxSize?: number
  overflow?: Overflow
  /** When the queue takes contacts; without it, always. */
  hours?: BusinessHours
  /** What contacts meet outside `hours`; default a message. */
  closedAction?: ClosedAction
  /** Wrap-up ends by itself after this long. */
  wrapUpLimitMs?: number
  /** Music on hold a browser caller hears while waiting or held in this queue (a file name in AGNER_AUDIO_DIR, without .ogg); default `hold-music`. */
  holdMusic?: string
}

export interface AgentConfig {
  id: string
  name?: string
  /** Skill → proficiency 1–10. */
  skills: Record<string, number>
  /** Contacts at once per channel; voice is exclusive of everything else. */
  capacity?: Partial<Record<Channel, number>>
  /** Unanswered offers in a row before the system puts the agent in aux (ring-no-answer). */
  maxRingNoAnswer?: number
  /** The team the agent belongs to (a team id of the access directory). */
  team?: string
}

export type AgentStatus = 'available' | 'aux' | 'offline'
export type AgentActivity = 'idle' | 'offered' | 'on_contact' | 'on_hold' | 'wrap_up'
export type Origin = 'agent' | 'supervisor' | 'system'

export class AcdError extends Error {
  constructor(readonly code: 'conflict' | 'not_found', message: string) { super(message) }
}
