/**
 * The live KPI engine: folds canonical events into per-queue and per-agent figures, exactly as
 * DESIGN §4 defines them (the same definitions as the reports, from @agner/analytics).
 *
 * Idempotent and order-insensitive: a queue visit is a record whose fields are set, never
 * incremented, and its counters are re-derived on every change (old contribution out, new in),
 * so duplicates and redeliveries never count twice and out-of-order arrival lands on the same
 * figures. Pure: no I/O, the clock is passed in.
 */
import type { CanonicalEvent } from '@agner/events'
import { addInto, emptyCounters, emptyVisit, enteredAt, isKnownVisit, visitCounters, type Counters, type Visit } from '@agner/analytics'
import { AgentRecord, DERIVED_STATES, type AgentLive, type DerivedState } from './agents.ts'
import { intervalStart, MINUTE_MS, startOfDayIn } from './day.ts'
import { ContactFacts } from './contact-facts.ts'
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue-settings.ts'
import { QueueState, type QueueLive } from './queue-state.ts'

export { WINDOWS, type QueueLive, type WindowName } from './queue-state.ts'

export interface LiveSnapshot {
  tenant: string
  timeZone: string
  serverTime: number
  dayStart: number
  queues: QueueLive[]
  agents: AgentLive[]
}

export interface LiveDelta {
  serverTime: number
  dayStart: number
  queues: QueueLive[]
  agents: AgentLive[]
}

export interface LiveEngineOptions {
  tenant: string
  timeZone: string
  queues?: Record<string, Partial<QueueSettings>>
  /** Queues each agent serves (learned from offers and connects as well). */
  agentQueues?: Record<string, string[]>
  /** Display names of agents (the ACD's configuration). */
  agentNames?: Record<string, string>
  now?: number
}

export class LiveEngine {
  readonly tenant: string
  readonly timeZone: string
  private readonly visits = new Map<string, Visit>()
  private readonly queues = new Map<string, QueueState>()
  private readonly agents = new Map<string, AgentRecord>()
  private readonly contactFacts = new ContactFacts()
  private readonly settings = new Map<string, QueueSettings>()
  private readonly agentNames = new Map<string, string>()
  private readonly dirtyQueues = new Set<string>()
  private readonly dirtyAgents = new Set<string>()
  private dayStart: number
  private now: number
  private lastWindowSecond = -1
  /** Waiting contacts already past T at the last tick, per queue (a crossing marks the queue dirty). */
  private readonly pastT = new Map<string, number>()

  constructor(opts: LiveEngineOptions) {
    this.tenant = opts.tenant
    this.timeZone = opts.timeZone
    this.now = opts.now ?? Date.now()
    this.dayStart = startOfDayIn(this.now, this.timeZone)
    this.configure(opts)
  }

  /**
   * The center's configuration (at start, and when it changes while running): queue names and
   * service-level settings, agents' names, and who serves which queue (as configured now; later
   * events add the queues agents are seen in).
   */
  configure(o: Pick<LiveEngineOptions, 'queues' | 'agentQueues' | 'agentNames'>): void {
    for (const [id, s] of Object.entries(o.queues ?? {})) this.configureQueue(id, s)
    for (const [id, name] of Object.entries(o.agentNames ?? {})) this.agentNames.set(id, name)
    for (const [agentId, qs] of Object.entries(o.agentQueues ?? {})) {
      const a = this.agent(agentId)
      for (const q of a.queues) this.dirtyQueues.add(q)
      a.queues.clear()
      for (const q of qs) { a.queues.add(q); this.queue(q) }
      this.markAgent(a)
    }
  }

  configureQueue(queueId: string, s: Partial<QueueSettings>): void {
    this.settings.set(queueId, { ...DEFAULT_QUEUE_SETTINGS, name: queueId, ...this.settings.get(queueId), ...s })
    const q = this.queue(queueId)
    this.recount(q)
  }

  settingsOf(queueId: string): QueueSettings {
    return this.settings.get(queueId) ?? { ...DEFAULT_QUEUE_SETTINGS, name: queueId }
  }

  get currentDayStart(): number { return this.dayStart }

  /** Every queue the engine knows (configured or seen), with its display name. */
  queueList(): Array<{ id: string; name: string }> {
    return [...this.queues.keys()].sort().map((id) => ({ id, name: this.settingsOf(id).name }))
  }

  hasQueue(queueId: string): boolean { return this.queues.has(queueId) }

  /** The queue a contact was last offered from or connected in (PBX wrap-ups are stored against it). */
  queueOfContact(contactId: string): string | undefined { return this.contactFacts.get(contactId)?.queueId }

  /** Gives an agent a display name (a PBX source's mapping). */
  nameAgent(agentId: string, name: string): void { this.agentNames.set(agentId, name) }

  /** An agent's display name (the id when none is configured). */
  agentName(agentId: string): string { return this.agentNames.get(agentId) ?? agentId }

  /** Every agent the engine knows (configured or seen). */
  agentIds(): string[] { return [...this.agents.keys()].sort() }

  /** The queues an agent serves (configured, and learned from events). */
  agentQueuesOf(agentId: string): string[] { return [...(this.agents.get(agentId)?.queues ?? [])] }

  apply(e: CanonicalEvent): void {
    if (e.tenant !== this.tenant) return
    switch (e.type) {
      case 'contact.created':
        if (e.data.ani || e.channel) this.contactFacts.note(e.contactId!, { ...(e.channel ? { channel: e.channel } : {}), ...(e.data.ani ? { caller: e.data.ani } : {}) })
        return
      case 'agent.status_changed':
      case 'agent.activity_changed': {
        if (e.contactId && e.channel) this.contactFacts.note(e.contactId, { channel: e.channel })
        const a = this.agent(e.agentId!)
        if (e.queueId) a.queues.add(e.queueId)
        if (a.apply(e, this.dayStart)) this.markAgent(a)
        return
      }
      case 'contact.offered':
      case 'contact.connected':
        if (e.queueId) {
          this.contactFacts.note(e.contactId!, { queueId: e.queueId })
          const a = this.agent(e.data.agentId)
          if (!a.queues.has(e.queueId)) { a.queues.add(e.queueId); this.markAgent(a) }
        }
        if (e.type === 'contact.connected') this.updateVisit(e, (v) => { v.agentId = e.data.agentId })
        return
      case 'contact.queued':
        this.updateVisit(e, (v) => { v.queuedAtMs = e.time; v.channel = e.channel ?? v.channel })
        return
      case 'contact.dequeued':
        this.updateVisit(e, (v) => { v.dequeuedAtMs = e.time; v.waitMs = e.data.waitMs; v.outcome = e.data.outcome })
        return
      case 'contact.ended':
        this.updateVisit(e, (v) => { v.talkMs = e.data.talkMs; v.holdMs = e.data.holdMs })
        if (e.agentId && e.contactId && e.time >= this.dayStart) {
          const a = this.agent(e.agentId)
          a.talkHoldMs.set(e.contactId, e.data.talkMs + e.data.holdMs)
          if (a.handled.has(e.contactId)) this.markAgent(a)
        }
        return
      case 'contact.wrapup_ended':
        this.updateVisit(e, (v) => { v.wrapMs = e.data.durationMs; v.handled = true })
        if (e.agentId && e.time >= this.dayStart) {
          const a = this.agent(e.agentId)
          a.wrapMs.set(e.contactId!, e.data.durationMs)
          if (!a.handled.has(e.contactId!)) { a.handled.add(e.contactId!); this.markAgent(a) }
        }
        return
      default:
        return
    }
  }

  private updateVisit(e: CanonicalEvent, change: (v: Visit) => void): void {
    if (!e.queueId || !e.contactId) return
    const key = `${e.queueId}\u0000${e.contactId}`
    let v = this.visits.get(key)
    if (!v) { v = emptyVisit(e.tenant, e.queueId, e.contactId); this.visits.set(key, v) }
    const q = this.queue(e.queueId)
    const t = this.settingsOf(e.queueId)
    const before = visitCounters(v, t)
    const beforeStart = enteredAt(v)
    change(v)
    const after = visitCounters(v, t)
    const start = enteredAt(v)
    if (isKnownVisit(v) || beforeStart > 0) {
      // Take the old contribution out of its interval and put the new one in (the interval can
      // move when the dequeued event corrects the queued time).
      if (beforeStart > 0) this.addToBuckets(q, beforeStart, before, -1)
      this.addToBuckets(q, start, after, 1)
    }
    if (v.dequeuedAtMs > 0) {
      q.waiting.delete(key)
      this.noteWait(q, start, v.waitMs)
    } else if (v.queuedAtMs > 0) {
      q.waiting.set(key, v.queuedAtMs)
    }
    this.dirtyQueues.add(q.queueId)
  }

  /** Max wait (abandons included) of the visit's interval and of today; waits only ever grow. */
  private noteWait(q: QueueState, start: number, waitMs: number): void {
    const iv = intervalStart(start)
    q.maxWaitByInterval.set(iv, Math.max(q.maxWaitByInterval.get(iv) ?? 0, waitMs))
    if (start >= this.dayStart) q.todayMaxWaitMs = Math.max(q.todayMaxWaitMs, waitMs)
  }

  private addToBuckets(q: QueueState, start: number, c: Counters, sign: 1 | -1): void {
    const iv = intervalStart(start)
    let ic = q.intervals.get(iv)
    if (!ic) { ic = emptyCounters(); q.intervals.set(iv, ic) }
    addInto(ic, c, sign)
    if (start >= this.dayStart) addInto(q.today, c, sign)
    if (start >= this.now - 61 * MINUTE_MS) q.recent.add(start, c, sign)
  }

  /** Advances the clock: day rollover, waiting contacts crossing T, pruning. */
  tick(now: number): void {
    this.now = now
    const second = Math.floor(now / 1000)
    const day = startOfDayIn(now, this.timeZone)
    if (day !== this.dayStart) this.rollover(day)
    for (const q of this.queues.values()) {
      const T = this.settingsOf(q.queueId).serviceLevelMs
      let past = 0
      for (const since of q.waiting.values()) if (now - since > T) past++
      if ((this.pastT.get(q.queueId) ?? 0) !== past) { this.pastT.set(q.queueId, past); this.dirtyQueues.add(q.queueId) }
      if (q.recent.prune(now - 61 * MINUTE_MS)) this.dirtyQueues.add(q.queueId)
      // Once a second: a visit that ages out of a sliding window changes it with no event.
      if (second !== this.lastWindowSecond) {
        if (q.windowKey(now) !== q.lastWindowKey) this.dirtyQueues.add(q.queueId)
      }
    }
    this.lastWindowSecond = second
  }

  private rollover(day: number): void {
    this.dayStart = day
    const keepFrom = day - 2 * 3600_000
    for (const [key, v] of this.visits) {
      if (v.dequeuedAtMs > 0 && enteredAt(v) < keepFrom) this.visits.delete(key)
    }
    for (const q of this.queues.values()) {
      for (const iv of q.intervals.keys()) if (iv < day - 8 * 86_400_000) { q.intervals.delete(iv); q.maxWaitByInterval.delete(iv) }
      for (const [key, since] of q.waiting) if (since < day - 86_400_000) q.waiting.delete(key)
      this.recount(q)
    }
    for (const a of this.agents.values()) { a.resetDay(); this.dirtyAgents.add(a.agentId) }
  }

  /** Rebuilds a queue's today and window sums from its visits (after a settings change or rollover). */
  private recount(q: QueueState): void {
    const t = this.settingsOf(q.queueId)
    q.intervals.clear(); q.recent.clear(); q.maxWaitByInterval.clear()
    q.today = emptyCounters(); q.todayMaxWaitMs = 0
    for (const v of this.visits.values()) {
      if (v.queueId !== q.queueId || !isKnownVisit(v)) continue
      const start = enteredAt(v)
      this.addToBuckets(q, start, visitCounters(v, t), 1)
      if (v.dequeuedAtMs > 0) {
        this.noteWait(q, start, v.waitMs)
      }
    }
    this.dirtyQueues.add(q.queueId)
  }

  /** Raw counters of today for one queue (for reconciliation with the store). */
  todayCounters(queueId: string): Counters {
    return { ...(this.queues.get(queueId)?.today ?? emptyCounters()) }
  }

  /** Counters per 15-minute interval of one queue, oldest first. */
  intervalCounters(queueId: string): Array<{ start: number; counters: Counters; maxWaitMs: number }> {
    const q = this.queues.get(queueId)
    if (!q) return []
    return [...q.intervals.entries()].sort((a, b) => a[0] - b[0])
      .map(([start, counters]) => ({ start, counters: { ...counters }, maxWaitMs: q.maxWaitByInterval.get(start) ?? 0 }))
  }

  /**
   * Everything now. It leaves what changed for the next delta: a snapshot read by one client (a
   * socket connecting, GET /api/live, the alert rules every second) must not take the change away
   * from the others' next frame.
   */
  snapshot(now = this.now): LiveSnapshot {
    this.tick(now)
    return {
      tenant: this.tenant, timeZone: this.timeZone, serverTime: now, dayStart: this.dayStart,
      queues: this.queueViews([...this.queues.keys()].sort(), now),
      agents: [...this.agents.values()].sort((a, b) => a.agentId.localeCompare(b.agentId)).map((a) => this.agentView(a)),
    }
  }

  /** What changed since the last delta; undefined when nothing did. */
  takeDelta(now = this.now): LiveDelta | undefined {
    this.tick(now)
    if (this.dirtyQueues.size === 0 && this.dirtyAgents.size === 0) return undefined
    const delta: LiveDelta = {
      serverTime: now, dayStart: this.dayStart,
      queues: this.queueViews([...this.dirtyQueues].sort(), now),
      agents: [...this.dirtyAgents].sort().map((id) => this.agentView(this.agents.get(id)!)),
    }
    this.dirtyQueues.clear(); this.dirtyAgents.clear()
    return delta
  }

  private queueViews(ids: string[], now: number): QueueLive[] {
    // Agents by state per queue, counted in one pass over the agents.
    const byQueue = new Map<string, Record<DerivedState, number>>()
    for (const a of this.agents.values()) {
      for (const q of a.queues) {
        let counts = byQueue.get(q)
        if (!counts) { counts = Object.fromEntries(DERIVED_STATES.map((s) => [s, 0])) as Record<DerivedState, number>; byQueue.set(q, counts) }
        counts[a.state]++
      }
    }
    const none = Object.fromEntries(DERIVED_STATES.map((s) => [s, 0])) as Record<DerivedState, number>
    return ids.map((id) => this.queueView(id, now, byQueue.get(id) ?? { ...none }))
  }

  private queueView(queueId: string, now: number, agents: Record<DerivedState, number>): QueueLive {
    return this.queue(queueId).view(now, this.settingsOf(queueId), agents)
  }


  private agentView(a: AgentRecord): AgentLive {
    return a.view((contactId) => this.contactFacts.get(contactId), this.agentNames.get(a.agentId) ?? a.agentId, this.dayStart)
  }

  private queue(id: string): QueueState {
    let q = this.queues.get(id)
    if (!q) { q = new QueueState(id); this.queues.set(id, q) }
    return q
  }

  private agent(id: string): AgentRecord {
    let a = this.agents.get(id)
    if (!a) { a = new AgentRecord(id); this.agents.set(id, a) }
    return a
  }

  private markAgent(a: AgentRecord): void {
    this.dirtyAgents.add(a.agentId)
    for (const q of a.queues) this.dirtyQueues.add(q)
  }
}
