/**
 * Live agent state: what the agent chose (status) and what the system sees (activity) are kept
 * apart, and the state a wallboard shows is derived from both (DESIGN §3). Out-of-order events
 * are resolved by event time, ties by id, so replays and redeliveries land on the same state.
 */
import type { AgentActivity, AgentStatus, CanonicalEvent, EventOf } from '@agner/events'

export const DERIVED_STATES = ['ready', 'reserved', 'busy', 'wrap', 'aux', 'offline'] as const
export type DerivedState = (typeof DERIVED_STATES)[number]

export function deriveState(status: AgentStatus, activity: AgentActivity): DerivedState {
  if (status === 'offline') return 'offline'
  if (activity === 'offered') return 'reserved'
  if (activity === 'on_contact' || activity === 'on_hold') return 'busy'
  if (activity === 'wrap_up') return 'wrap'
  return status === 'aux' ? 'aux' : 'ready'
}

export interface AgentLive {
  agentId: string
  state: DerivedState
  reasonCode: string | null
  stateSince: number
  contactId: string | null
  contactQueueId: string | null
  contactSince: number | null
  handledToday: number
  queues: string[]
}

interface Stamp { time: number; id: string }
const newer = (e: CanonicalEvent, s: Stamp | undefined): boolean => !s || e.time > s.time || (e.time === s.time && e.id > s.id)

export class AgentRecord {
  status: AgentStatus = 'offline'
  reasonCode: string | null = null
  activity: AgentActivity = 'idle'
  contactId: string | null = null
  contactSince: number | null = null
  state: DerivedState = 'offline'
  stateSince = 0
  readonly handled = new Set<string>()
  readonly queues = new Set<string>()
  private statusStamp?: Stamp
  private activityStamp?: Stamp

  constructor(readonly agentId: string) {}

  /** Applies a status or activity event; returns whether anything visible changed. */
  apply(e: EventOf<'agent.status_changed'> | EventOf<'agent.activity_changed'>): boolean {
    if (e.type === 'agent.status_changed') {
      if (!newer(e, this.statusStamp)) return false
      this.statusStamp = { time: e.time, id: e.id }
      this.status = e.data.status
      this.reasonCode = e.data.status === 'aux' ? e.data.reasonCode ?? null : null
    } else {
      if (!newer(e, this.activityStamp)) return false
      this.activityStamp = { time: e.time, id: e.id }
      const previousContact = this.contactId
      this.activity = e.data.activity
      this.contactId = e.data.activity === 'idle' ? null : e.data.contactId ?? this.contactId
      if (this.contactId !== previousContact) this.contactSince = this.contactId ? e.time : null
    }
    const state = deriveState(this.status, this.activity)
    if (state !== this.state) { this.state = state; this.stateSince = e.time }
    return true
  }

  view(contactQueue: (contactId: string) => string | undefined): AgentLive {
    return {
      agentId: this.agentId, state: this.state, reasonCode: this.state === 'aux' ? this.reasonCode : null,
      stateSince: this.stateSince, contactId: this.contactId,
      contactQueueId: this.contactId ? contactQueue(this.contactId) ?? null : null,
      contactSince: this.contactSince, handledToday: this.handled.size, queues: [...this.queues],
    }
  }
}
