/**
 * Lifecycle-consistent synthetic contact-center traffic, as a discrete-event simulation in virtual
 * time: contacts arrive (Poisson), queue, ring an agent, connect or abandon or time out, talk
 * (sometimes on hold), end and wrap up; agents go ready, take offers, wrap and take breaks.
 * Every step is a canonical event. Pure: the clock and randomness are the caller's.
 * This is the load and demo generator; the full ACD engine supersedes it for routing.
 */
import { uuidv5, type CanonicalEvent, type Channel, type SourceKind } from '@agner/events'
import { seededRandom, type Random } from './random.ts'
import { TimerQueue } from './timers.ts'
import { DISPOSITIONS, surveyAnswer } from './customer.ts'

export interface TrafficConfig {
  tenant: string
  source: { kind: SourceKind; instance: string }
  queues: ReadonlyArray<{ id: string; channel?: Channel; weight?: number }>
  agents: ReadonlyArray<{ id: string; queues: readonly string[] }>
  /** Contacts arriving per second, all queues together. */
  arrivalsPerSecond: number
  meanTalkMs: number
  meanWrapMs: number
  /** Mean time a caller waits before hanging up. */
  meanPatienceMs: number
  /** Waits longer than this leave the queue with outcome timeout. */
  maxWaitMs: number
  ringTimeoutMs: number
  /** Share of offers nobody picks up. */
  ringNoAnswerShare: number
  /** Share of contacts put on hold once. */
  holdShare: number
  /** Share of wrap-ups after which the agent takes a break. */
  breakShare: number
  meanBreakMs: number
  seed: number
}

export const DEFAULT_TRAFFIC: Omit<TrafficConfig, 'tenant' | 'source' | 'queues' | 'agents' | 'arrivalsPerSecond'> = {
  meanTalkMs: 45_000, meanWrapMs: 12_000, meanPatienceMs: 90_000, maxWaitMs: 600_000, ringTimeoutMs: 15_000,
  ringNoAnswerShare: 0.03, holdShare: 0.15, breakShare: 0.03, meanBreakMs: 120_000, seed: 1,
}

interface Contact {
  id: string
  queueId: string
  channel: Channel
  queuedAt: number
  /** Abandon timer still armed. */
  waiting: boolean
  offeredTo?: SimAgent
  offerId?: string
}

interface SimAgent {
  id: string
  queues: readonly string[]
  status: 'available' | 'aux' | 'offline'
  activity: 'idle' | 'offered' | 'on_contact' | 'on_hold' | 'wrap_up'
  idleSince: number
}

const BREAKS = ['break', 'lunch', 'training', 'meeting'] as const


export class TrafficModel {
  private readonly timers = new TimerQueue()
  private readonly rng: Random
  private readonly agents: SimAgent[]
  private readonly waiting = new Map<string, Contact[]>()
  /** Per queue, the agents ready for an offer, longest idle first (Map keeps insertion order). */
  private readonly idle = new Map<string, Map<string, SimAgent>>()
  private out: CanonicalEvent[] = []
  private counter = 0
  private contacts = 0
  private now: number
  private readonly totalWeight: number
  private readonly idSuffix: string

  constructor(private readonly cfg: TrafficConfig, startMs: number) {
    this.rng = seededRandom(cfg.seed)
    this.idSuffix = uuidv5(`${cfg.source.instance}:${cfg.seed}`).replace(/-/g, '').slice(0, 4)
    this.now = startMs
    this.totalWeight = cfg.queues.reduce((s, q) => s + (q.weight ?? 1), 0)
    for (const q of cfg.queues) { this.waiting.set(q.id, []); this.idle.set(q.id, new Map()) }
    this.agents = cfg.agents.map((a) => ({ id: a.id, queues: a.queues, status: 'offline', activity: 'idle', idleSince: startMs }))
    for (const a of this.agents) {
      this.timers.at(startMs + this.rng.between(0, 2000), () => {
        a.status = 'available'
        a.idleSince = this.now
        this.reindex(a)
        this.agentEvent(a, 'agent.status_changed', { status: 'available', origin: 'agent' })
        this.agentEvent(a, 'agent.activity_changed', { activity: 'idle' })
        this.routeAgent(a)
      })
    }
    this.scheduleArrival()
  }

  /** Contacts created so far. */
  get contactCount(): number { return this.contacts }

  /** Runs the simulation up to `toMs` and returns the events that happened, oldest first. */
  advance(toMs: number): CanonicalEvent[] {
    for (let at = this.timers.peek(); at !== undefined && at <= toMs; at = this.timers.peek()) {
      const t = this.timers.pop()!
      this.now = t.at
      t.run()
    }
    this.now = Math.max(this.now, toMs)
    const out = this.out
    this.out = []
    return out
  }

  private scheduleArrival(): void {
    if (this.cfg.arrivalsPerSecond <= 0) return
    this.timers.at(this.now + this.rng.exp(1000 / this.cfg.arrivalsPerSecond), () => {
      this.arrive()
      this.scheduleArrival()
    })
  }

  private pickQueue(): TrafficConfig['queues'][number] {
    let r = this.rng.next() * this.totalWeight
    for (const q of this.cfg.queues) { r -= q.weight ?? 1; if (r <= 0) return q }
    return this.cfg.queues[this.cfg.queues.length - 1]!
  }

  private arrive(): void {
    const q = this.pickQueue()
    const c: Contact = { id: this.nextId('c'), queueId: q.id, channel: q.channel ?? 'voice', queuedAt: this.now, waiting: true }
    this.contacts++
    const line = this.waiting.get(q.id)!
    this.contactEvent(c, 'contact.created', { direction: 'inbound', initiation: 'inbound', ani: this.phone(), dnis: '4008001234' }, false)
    line.push(c)
    this.contactEvent(c, 'contact.queued', { priority: 0, position: line.length })
    const patience = this.rng.exp(this.cfg.meanPatienceMs)
    if (patience < this.cfg.maxWaitMs) this.timers.at(this.now + patience, () => this.leave(c, 'abandoned'))
    else this.timers.at(this.now + this.cfg.maxWaitMs, () => this.leave(c, 'timeout'))
    this.routeQueue(q.id)
  }

  /** The caller hangs up (or the queue times out) while still waiting or ringing. */
  private leave(c: Contact, outcome: 'abandoned' | 'timeout'): void {
    if (!c.waiting) return
    c.waiting = false
    const line = this.waiting.get(c.queueId)!
    const i = line.indexOf(c)
    if (i >= 0) line.splice(i, 1)
    const agent = c.offeredTo
    if (agent) {
      this.contactEvent(c, 'contact.offer_ended', { offerId: c.offerId!, agentId: agent.id, ringMs: 0, outcome: 'canceled' })
      this.setActivity(agent, 'idle')
    }
    this.contactEvent(c, 'contact.dequeued', { waitMs: this.now - c.queuedAt, outcome, ...(i >= 0 ? { position: i + 1 } : {}) })
    this.contactEvent(c, 'contact.ended', { endedBy: outcome === 'abandoned' ? 'customer' : 'system', talkMs: 0, holdMs: 0, holdCount: 0 })
    if (agent) { c.offeredTo = undefined; this.routeAgent(agent) }
  }

  private routeQueue(queueId: string): void {
    const line = this.waiting.get(queueId)!
    for (const c of line) {
      if (c.offeredTo) continue
      const agent = this.longestIdle(queueId)
      if (!agent) return
      this.offer(c, agent)
    }
  }

  private routeAgent(a: SimAgent): void {
    if (a.status !== 'available' || a.activity !== 'idle') return
    let best: Contact | undefined
    for (const q of a.queues) {
      const c = this.waiting.get(q)?.find((x) => !x.offeredTo)
      if (c && (!best || c.queuedAt < best.queuedAt)) best = c
    }
    if (best) this.offer(best, a)
  }

  private longestIdle(queueId: string): SimAgent | undefined {
    return this.idle.get(queueId)?.values().next().value
  }

  /** Keeps the idle index in step with an agent's status and activity. */
  private reindex(a: SimAgent): void {
    const ready = a.status === 'available' && a.activity === 'idle'
    for (const q of a.queues) {
      const m = this.idle.get(q)
      if (!m) continue
      m.delete(a.id)
      if (ready) m.set(a.id, a)
    }
  }

  private offer(c: Contact, a: SimAgent): void {
    c.offeredTo = a
    c.offerId = this.nextId('o')
    const ringTimeoutMs = this.cfg.ringTimeoutMs
    this.contactEvent(c, 'contact.offered', { offerId: c.offerId, agentId: a.id, ringTimeoutMs }, true, a.id)
    this.setActivity(a, 'offered', c.id)
    const offerId = c.offerId
    if (this.rng.next() < this.cfg.ringNoAnswerShare) {
      this.timers.at(this.now + ringTimeoutMs, () => {
        if (c.offerId !== offerId || !c.waiting) return
        this.contactEvent(c, 'contact.offer_ended', { offerId, agentId: a.id, ringMs: ringTimeoutMs, outcome: 'timeout' })
        c.offeredTo = undefined
        this.setActivity(a, 'idle')
        this.setStatus(a, 'aux', 'ring_no_answer', 'system')
        this.timers.at(this.now + 30_000, () => { this.setStatus(a, 'available'); this.routeAgent(a) })
        this.routeQueue(c.queueId)
      })
      return
    }
    const ringMs = Math.round(this.rng.between(1500, 6000))
    this.timers.at(this.now + ringMs, () => {
      if (c.offerId !== offerId || !c.waiting) return
      this.connect(c, a, ringMs)
    })
  }

  private connect(c: Contact, a: SimAgent, ringMs: number): void {
    c.waiting = false
    const line = this.waiting.get(c.queueId)!
    line.splice(line.indexOf(c), 1)
    const waitMs = this.now - c.queuedAt
    this.contactEvent(c, 'contact.dequeued', { waitMs, outcome: 'answered' })
    this.contactEvent(c, 'contact.connected', { agentId: a.id, waitMs, ringMs }, true, a.id)
    this.setActivity(a, 'on_contact', c.id)
    const talkMs = Math.max(3000, Math.round(this.rng.exp(this.cfg.meanTalkMs)))
    let holdMs = 0
    if (this.rng.next() < this.cfg.holdShare) {
      holdMs = Math.round(this.rng.between(5000, 60_000))
      const holdAt = this.now + Math.round(talkMs / 2)
      this.timers.at(holdAt, () => { this.contactEvent(c, 'contact.held', {}, true, a.id); this.setActivity(a, 'on_hold', c.id) })
      this.timers.at(holdAt + holdMs, () => { this.contactEvent(c, 'contact.resumed', {}, true, a.id); this.setActivity(a, 'on_contact', c.id) })
    }
    this.timers.at(this.now + talkMs + holdMs, () => {
      this.contactEvent(c, 'contact.ended', {
        endedBy: this.rng.next() < 0.7 ? 'customer' : 'agent', talkMs, holdMs, holdCount: holdMs > 0 ? 1 : 0,
      }, true, a.id)
      this.setActivity(a, 'wrap_up', c.id)
      const wrapMs = Math.round(this.rng.exp(this.cfg.meanWrapMs))
      this.timers.at(this.now + wrapMs, () => {
        this.contactEvent(c, 'contact.wrapup_ended', { durationMs: wrapMs, dispositionCode: this.rng.pick(DISPOSITIONS) }, true, a.id)
        const csat = surveyAnswer(c.id, waitMs)
        if (csat !== undefined) this.contactEvent(c, 'contact.survey', { csat }, true, a.id)
        this.setActivity(a, 'idle')
        if (this.rng.next() < this.cfg.breakShare) {
          this.setStatus(a, 'aux', this.rng.pick(BREAKS))
          this.timers.at(this.now + this.rng.exp(this.cfg.meanBreakMs), () => { this.setStatus(a, 'available'); this.routeAgent(a) })
        } else {
          this.routeAgent(a)
        }
      })
    })
  }

  private setActivity(a: SimAgent, activity: SimAgent['activity'], contactId?: string): void {
    const wasReady = a.status === 'available' && a.activity === 'idle'
    a.activity = activity
    if (activity === 'idle') a.idleSince = this.now
    if (wasReady !== (a.status === 'available' && activity === 'idle')) this.reindex(a)
    this.agentEvent(a, 'agent.activity_changed', contactId ? { activity, contactId } : { activity })
  }

  private setStatus(a: SimAgent, status: 'available' | 'aux', reasonCode?: string, origin: 'agent' | 'system' = 'agent'): void {
    a.status = status
    if (status === 'available') a.idleSince = this.now
    this.reindex(a)
    this.agentEvent(a, 'agent.status_changed', reasonCode ? { status, reasonCode, origin } : { status, origin })
  }

  private contactEvent(c: Contact, type: CanonicalEvent['type'], data: object, withQueue = true, agentId?: string): void {
    this.out.push({
      id: this.nextId('e'), type, time: this.now, tenant: this.cfg.tenant, source: this.cfg.source,
      interactionId: c.id, contactId: c.id, channel: c.channel,
      ...(withQueue ? { queueId: c.queueId } : {}), ...(agentId ? { agentId } : {}), data,
    } as CanonicalEvent)
  }

  private agentEvent(a: SimAgent, type: 'agent.status_changed' | 'agent.activity_changed', data: object): void {
    this.out.push({
      id: this.nextId('e'), type, time: this.now, tenant: this.cfg.tenant, source: this.cfg.source, agentId: a.id, data,
    } as CanonicalEvent)
  }

  /**
   * Deterministic, time-ordered ids in UUIDv7 layout: the event time, then a counter, then a hash
   * of the generator's identity. Events at the same millisecond sort in the order they happened,
   * which is how consumers break ties; a replay of the same seed yields the same ids.
   */
  private nextId(kind: string): string {
    const n = this.counter++
    const c = n.toString(16).padStart(14, '0')
    const ts = Math.max(0, Math.floor(this.now)).toString(16).padStart(12, '0')
    const variant = (8 | (kind.charCodeAt(0) & 3)).toString(16)
    const hex = `${ts}7${c.slice(0, 3)}${variant}${c.slice(3)}${this.idSuffix}`
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
  }


  private phone(): string {
    return `13${Math.floor(this.rng.between(100_000_000, 999_999_999))}`
  }
}
