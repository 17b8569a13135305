/** The ACD's mutable records: one per agent, contact and queue. */
import type { Channel } from '@agner/events'
import type { Candidate } from './routing.ts'
import type { IvrFlow } from './ivr.ts'
import { DEFAULT_CAPACITY } from './staffing.ts'
import type { AgentActivity, AgentConfig, AgentStatus, QueueConfig } from './types.ts'

export interface Offer { id: string; contact: ContactState; at: number; agentId: string }


export class AgentState implements Candidate {
  readonly id: string
  name!: string
  skills!: ReadonlyMap<string, number>
  capacity!: Record<Channel, number>
  maxRingNoAnswer!: number
  readonly queues: QueueState[] = []
  status: AgentStatus = 'offline'
  reasonCode: string | null = null
  activity: AgentActivity = 'idle'
  activityContact: string | undefined
  idleSince: number
  offer: Offer | undefined
  /** Contacts connected or in wrap-up, by id → channel. */
  readonly contacts = new Set<string>()
  private readonly channels = new Map<string, Channel>()
  ringNoAnswer = 0
  /** The status to take once the agent's last contact is wrapped up ("next status"). */
  next: { status: AgentStatus; reasonCode?: string } | undefined
  loggedInAt = 0
  busySince: number | undefined
  private busyMs = 0
  private loggedMs = 0
  occupancy = 0

  constructor(cfg: AgentConfig, readonly index: number, now: number) {
    this.id = cfg.id
    this.configure(cfg)
    this.idleSince = now
  }

  /** Takes the agent's configuration (at start, and when it changes while running). */
  configure(cfg: AgentConfig): void {
    this.name = cfg.name ?? cfg.id
    this.skills = new Map(Object.entries(cfg.skills))
    this.capacity = { ...DEFAULT_CAPACITY, ...cfg.capacity }
    this.maxRingNoAnswer = cfg.maxRingNoAnswer ?? 3
  }

  /** Has the skills at all (levels are checked per contact, since they relax with waiting). */
  canEverServe(q: QueueConfig): boolean {
    if ((this.capacity[q.channel] ?? 0) <= 0) return false
    return q.requiredSkills.every((n) => (this.skills.get(n.skill) ?? 0) >= 1)
  }

  /** Available, nothing ringing, and capacity left on this channel (voice excludes all else). */
  canTake(channel: Channel): boolean {
    if (this.status !== 'available' || this.offer || this.activity === 'wrap_up') return false
    if (this.contacts.size === 0) return (this.capacity[channel] ?? 0) > 0
    if (channel === 'voice') return false
    let same = 0
    for (const ch of this.channels.values()) { if (ch === 'voice') return false; if (ch === channel) same++ }
    return same < (this.capacity[channel] ?? 0)
  }

  trackChannel(contactId: string, channel: Channel | undefined): void {
    if (channel) this.channels.set(contactId, channel)
    else this.channels.delete(contactId)
  }

  closeBusy(now: number): void {
    if (this.busySince !== undefined) { this.busyMs += now - this.busySince; this.busySince = undefined }
  }

  closeLoggedTime(now: number): void {
    this.closeBusy(now)
    if (this.loggedInAt) this.loggedMs += now - this.loggedInAt
    this.loggedInAt = 0
  }

  /** Share of logged-in time on contacts so far (least-occupied routing). */
  occupancyAt(now: number): number {
    const logged = this.loggedMs + (this.loggedInAt ? now - this.loggedInAt : 0)
    const busy = this.busyMs + (this.busySince !== undefined ? now - this.busySince : 0)
    return logged > 0 ? busy / logged : 0
  }
}

export class ContactState {
  readonly interactionId: string
  state: 'ivr' | 'queued' | 'offered' | 'connected' | 'held' | 'wrap' | 'done' = 'queued'
  /** The caller's number (callbacks dial it). */
  ani: string | undefined
  /** A callback: the number to dial when an agent takes it. */
  callbackNumber: string | undefined
  /** In an IVR: the flow, the node the caller is at, and how often this menu was played. */
  ivr: { flow: IvrFlow; node: string; plays: number } | undefined
  queueId: string | undefined
  queuedAt = 0
  offer: Offer | undefined
  agentId: string | undefined
  connectedAt = 0
  endedAt = 0
  holdStart = 0
  holdMs = 0
  holdCount = 0
  /** Offered to one agent by a transfer, not from the queue's line: no queue visit until that offer fails. */
  direct = false
  /** A consult call: the agent who asked, and the customer's contact they hold meanwhile. */
  consultOf: { agentId: string; contactId: string } | undefined
  /** The consult this contact's agent has open with another agent. */
  consult: string | undefined
  /** Agents whose offer for this contact timed out or was rejected: the next offer goes elsewhere. */
  readonly skip = new Set<string>()
  /** Bumped on every state change; timers armed under an older generation do nothing. */
  gen = 0

  constructor(readonly id: string, readonly channel: Channel, public priority: number, interactionId?: string) {
    this.interactionId = interactionId ?? id
  }
}

export class QueueState {
  /** Waiting contacts in routing order (priority, then time in queue). */
  readonly line: ContactState[] = []
  /** Agents with the queue's skills at any level. */
  readonly agents: AgentState[] = []
  /** Round robin: index of the agent chosen last. */
  cursor = -1

  /** Replaced as a whole when the center's configuration changes while running. */
  constructor(public cfg: QueueConfig) {}

  /** Takes a contact out of the line; its former position (0-based), or −1. */
  remove(c: ContactState): number {
    const i = this.line.indexOf(c)
    if (i >= 0) this.line.splice(i, 1)
    return i
  }
}
