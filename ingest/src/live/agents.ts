/**
 * Live agent state: what the agent chose (status) and what the system sees (activity) are kept
 * apart, and the state a wallboard shows is derived from both (DESIGN §3). Out-of-order events
 * are resolved by event time, ties by id, so replays and redeliveries land on the same state.
 */
import type { AgentLive } from '@agner/boards'
import type { AgentActivity, AgentStatus, EventOf } from '@agner/events'

export const DERIVED_STATES = ['ready', 'reserved', 'busy', 'wrap', 'aux', 'offline'] as const
export type DerivedState = (typeof DERIVED_STATES)[number]

export function deriveState(status: AgentStatus, activity: AgentActivity): DerivedState {
  if (status === 'offline') return 'offline'
  if (activity === 'offered') return 'reserved'
  if (activity === 'on_contact' || activity === 'on_hold') return 'busy'
  if (activity === 'wrap_up') return 'wrap'
  return status === 'aux' ? 'aux' : 'ready'
}

/** The wire shape of an agent (shared with the browser through @agner/boards). */
export type { AgentLive }

/** One status or activity change, as kept in an agent's recent history. */
interface Change {
  time: number
  id: string
  status?: AgentStatus
  reasonCode?: string | null
  activity?: AgentActivity
  contactId?: string | null
}

interface Folded {
  status: AgentStatus
  reasonCode: string | null
  activity: AgentActivity
  contactId: string | null
  contactSince: number | null
  state: DerivedState
  stateSince: number
  time: number
  id: string
}

const INITIAL: Folded = {
  status: 'offline', reasonCode: null, activity: 'idle', contactId: null, contactSince: null, state: 'offline', stateSince: 0, time: 0, id: '',
}

function fold(f: Folded, c: Change): Folded {
  const status = c.status ?? f.status
  const reasonCode = c.status !== undefined ? (c.status === 'aux' ? c.reasonCode ?? null : null) : f.reasonCode
  const activity = c.activity ?? f.activity
  const contactId = c.activity === undefined ? f.contactId : c.activity === 'idle' ? null : c.contactId ?? f.contactId
  const state = deriveState(status, activity)
  return {
    status, reasonCode, activity, contactId,
    contactSince: contactId === f.contactId ? f.contactSince : contactId ? c.time : null,
    state, stateSince: state === f.state ? f.stateSince : c.time,
    time: c.time, id: c.id,
  }
}

const emptyStateMs = (): Record<DerivedState, number> => ({ ready: 0, reserved: 0, busy: 0, wrap: 0, aux: 0, offline: 0 })

/** Adds the stint `from` ended by `to` (when the state changed) to today's totals, from `dayStart` on. */
function addStint(totals: Record<DerivedState, number>, from: Folded, to: Folded, dayStart: number): void {
  if (to.state === from.state || from.stateSince <= 0) return
  totals[from.state] += Math.max(0, to.stateSince - Math.max(from.stateSince, dayStart))
}

const before = (a: { time: number; id: string }, b: { time: number; id: string }): boolean =>
  a.time < b.time || (a.time === b.time && a.id < b.id)

/** Changes kept per agent to absorb out-of-order arrival; older ones are folded into the base. */
const HISTORY = 32

/**
 * An agent's live state, recomputed from its recent changes in time order (ties by id), so the
 * same set of events gives the same state, time in state and contact, whatever order it came in.
 */
export class AgentRecord {
  private base: Folded = INITIAL
  private history: Change[] = []
  private current: Folded = INITIAL
  readonly handled = new Set<string>()
  /** Today's talk + hold and wrap-up per contact (kept apart, so the order the two events arrive in does not matter). */
  readonly talkHoldMs = new Map<string, number>()
  readonly wrapMs = new Map<string, number>()
  /** Today's time in each state of the stints already folded into the base (older than the kept history). */
  private baseStateMs: Record<DerivedState, number> = emptyStateMs()
  readonly queues = new Set<string>()

  constructor(readonly agentId: string) {}

  get state(): DerivedState { return this.current.state }

  /** A new day: today's counts start again. */
  resetDay(): void { this.handled.clear(); this.talkHoldMs.clear(); this.wrapMs.clear(); this.baseStateMs = emptyStateMs() }

  /** Talk + hold + wrap-up of the contacts handled today. */
  handleMsToday(): number {
    let sum = 0
    for (const c of this.handled) sum += (this.talkHoldMs.get(c) ?? 0) + (this.wrapMs.get(c) ?? 0)
    return sum
  }

  /** Applies a status or activity event; returns whether anything visible changed. `dayStart` bounds today's time in state. */
  apply(e: EventOf<'agent.status_changed'> | EventOf<'agent.activity_changed'>, dayStart = 0): boolean {
    if (this.base.id !== '' && !before(this.base, e)) return false
    if (this.history.some((c) => c.id === e.id)) return false
    const change: Change = e.type === 'agent.status_changed'
      ? { time: e.time, id: e.id, status: e.data.status, reasonCode: e.data.reasonCode ?? null }
      : { time: e.time, id: e.id, activity: e.data.activity, contactId: e.data.contactId ?? null }
    let i = this.history.length
    while (i > 0 && before(change, this.history[i - 1]!)) i--
    this.history.splice(i, 0, change)
    if (this.history.length > HISTORY) {
      const next = fold(this.base, this.history.shift()!)
      addStint(this.baseStateMs, this.base, next, dayStart)
      this.base = next
    }
    const previous = this.current
    this.current = this.history.reduce(fold, this.base)
    const c = this.current
    return c.state !== previous.state || c.stateSince !== previous.stateSince || c.contactId !== previous.contactId
      || c.reasonCode !== previous.reasonCode || c.contactSince !== previous.contactSince
  }

  /**
   * Today's time in each state for the stints that ended, from the changes in time order (so the
   * same events in any order give the same figures); the current stint runs from `stateSince`.
   */
  stateMsToday(dayStart: number): Record<DerivedState, number> {
    const totals = { ...this.baseStateMs }
    let f = this.base
    for (const c of this.history) { const next = fold(f, c); addStint(totals, f, next, dayStart); f = next }
    return totals
  }

  view(contactFact: (contactId: string) => { queueId?: string; channel?: string; caller?: string } | undefined, name: string, dayStart = 0): AgentLive {
    const c = this.current
    const fact = c.contactId ? contactFact(c.contactId) : undefined
    return {
      agentId: this.agentId, name, state: c.state, reasonCode: c.state === 'aux' ? c.reasonCode : null,
      stateSince: c.stateSince, contactId: c.contactId,
      contactQueueId: fact?.queueId ?? null,
      ...(fact?.channel ? { contactChannel: fact.channel } : {}), ...(fact?.caller ? { contactCaller: fact.caller } : {}),
      contactSince: c.contactSince, handledToday: this.handled.size, queues: [...this.queues],
      handleMsToday: this.handleMsToday(), stateMsToday: this.stateMsToday(dayStart),
    }
  }
}
