/**
 * The ACD's core state machine: queues, agents, offers and routing in one clock (real or virtual,
 * always injected). Every step emits the canonical events of DESIGN §3: exactly one
 * `contact.dequeued` per queue visit; agent status and activity as separate events. An illegal
 * command throws AcdError('conflict') and changes nothing. Pure: no I/O. What happens around a
 * queue (IVR, closed hours, callbacks, voicemail, transfers, recovery) is in engine.ts.
 */
import type { CanonicalEvent, Channel } from '@agner/events'
import { TimerQueue } from '../traffic/timers.ts'
import { EventFactory, type EventContext } from './event-factory.ts'
import { effectiveNeeds, enqueue, pickAgent, qualifies, type Candidate } from './routing.ts'
import { AcdConfigError } from './config-sentences.ts'
import { AcdError, type AgentActivity, type AgentConfig, type AgentStatus, type Origin, type QueueConfig } from './types.ts'
import { AgentState, ContactState, QueueState } from './state.ts'

export interface AcdOptions extends EventContext {
  now: number
  emit: (e: CanonicalEvent) => void
  /** Prefix of the contact and offer ids this engine makes up (two engines on one store must differ). */
  idPrefix?: string
}

export interface Arrival { queueId: string; contactId?: string; priority?: number; ani?: string; channel?: Channel }

export abstract class AcdCore {
  protected readonly timers = new TimerQueue()
  protected readonly events: EventFactory
  protected readonly queues = new Map<string, QueueState>()
  protected readonly agents = new Map<string, AgentState>()
  protected readonly contacts = new Map<string, ContactState>()
  private seq = 0
  private nextAgentIndex = 0
  /** Routing decisions made (for the benchmark). */
  decisions = 0
  now: number

  private readonly idPrefix: string

  constructor(opts: AcdOptions) {
    this.now = opts.now
    this.idPrefix = opts.idPrefix ?? ''
    this.events = new EventFactory(opts, opts.emit, opts.now)
  }

  /** A contact's visit to a queue ended by max wait or max size: where it goes next. */
  protected abstract overflow(c: ContactState, q: QueueState, outcome: 'timeout' | 'overflow'): void

  protected nextId(kind: 'c' | 'o'): string { return `${this.idPrefix}${kind}${++this.seq}` }

  // ── configuration ────────────────────────────────────────────────────────────────────────
  addQueue(cfg: QueueConfig): void {
    const q = new QueueState(cfg)
    this.queues.set(cfg.id, q)
    for (const a of this.agents.values()) link(a, q)
  }

  addAgent(cfg: AgentConfig): void {
    const a = new AgentState(cfg, this.nextAgentIndex++, this.now)
    this.agents.set(cfg.id, a)
    for (const q of this.queues.values()) link(a, q)
  }

  /**
   * The center's queues and agents change while contacts are in flight: a queue or agent kept is
   * updated in place (waiting contacts keep their place, offers ringing and calls connected go on
   * under the settings they started with), new ones are added, and who serves which queue is worked
   * out again; an agent taken out is logged out. Refused, changing nothing, while a queue to remove
   * still holds contacts or an agent to remove is on one. Agents free now and able to take a waiting
   * contact are offered it at once.
   */
  reconfigure(queues: readonly QueueConfig[], agents: readonly AgentConfig[]): void {
    const keepQ = new Set(queues.map((q) => q.id))
    const keepA = new Set(agents.map((a) => a.id))
    for (const id of this.queues.keys()) {
      if (keepQ.has(id)) continue
      const count = [...this.contacts.values()].filter((c) => c.queueId === id).length
      if (count > 0) throw new AcdConfigError('queueInUse', { queue: id, count })
    }
    for (const a of this.agents.values()) if (!keepA.has(a.id) && (a.contacts.size > 0 || a.offer)) throw new AcdConfigError('agentInUse', { agent: a.id })
    for (const a of [...this.agents.values()]) {
      if (keepA.has(a.id)) continue
      if (a.status !== 'offline') this.setStatus(a.id, 'offline', undefined, 'system')
      this.agents.delete(a.id)
    }
    for (const id of [...this.queues.keys()]) if (!keepQ.has(id)) this.queues.delete(id)
    for (const cfg of queues) {
      const q = this.queues.get(cfg.id)
      if (q) q.cfg = cfg
      else this.queues.set(cfg.id, new QueueState(cfg))
    }
    for (const cfg of agents) {
      const a = this.agents.get(cfg.id)
      if (a) a.configure(cfg)
      else this.agents.set(cfg.id, new AgentState(cfg, this.nextAgentIndex++, this.now))
    }
    for (const q of this.queues.values()) q.agents.length = 0
    for (const a of this.agents.values()) {
      a.queues.length = 0
      for (const q of this.queues.values()) link(a, q)
    }
    for (const a of this.agents.values()) if (a.status === 'available') this.routeAgent(a)
  }

  agent(id: string): AgentState {
    const a = this.agents.get(id)
    if (!a) throw new AcdError('not_found', `There is no agent "${id}".`)
    return a
  }

  contact(id: string): ContactState {
    const c = this.contacts.get(id)
    if (!c) throw new AcdError('not_found', `There is no contact "${id}".`)
    return c
  }

  /** Every agent, in the order they were added. */
  agentList(): AgentState[] { return [...this.agents.values()] }

  /** The agent if there is one with this id. */
  findAgent(id: string): AgentState | undefined { return this.agents.get(id) }

  queueIds(): string[] { return [...this.queues.keys()] }

  /** The contact if it is still in the engine (finished contacts are gone). */
  peekContact(id: string): ContactState | undefined { return this.contacts.get(id) }

  /** A waiting contact's place in its queue's line (1 = next), or undefined. */
  positionOf(contactId: string): number | undefined {
    const c = this.contacts.get(contactId)
    if (!c?.queueId || (c.state !== 'queued' && c.state !== 'offered')) return undefined
    const i = this.queues.get(c.queueId)?.line.indexOf(c) ?? -1
    return i >= 0 ? i + 1 : undefined
  }

  queueOf(id: string): QueueState {
    const q = this.queues.get(id)
    if (!q) throw new AcdError('not_found', `There is no queue "${id}".`)
    return q
  }

  get waitingCount(): number { let n = 0; for (const q of this.queues.values()) n += q.line.length; return n }

  // ── the clock ────────────────────────────────────────────────────────────────────────────
  nextTimerAt(): number | undefined { return this.timers.peek() }

  /** Runs every timer due up to `to`, then sets the clock there. */
  advance(to: number): void {
    for (let at = this.timers.peek(); at !== undefined && at <= to; at = this.timers.peek()) {
      const t = this.timers.pop()!
      this.now = Math.max(this.now, t.at)
      t.run()
    }
    this.now = Math.max(this.now, to)
  }

  // ── agents ───────────────────────────────────────────────────────────────────────────────
  setStatus(agentId: string, status: AgentStatus, reasonCode: string | undefined, origin: Origin): void {
    const a = this.agent(agentId)
    if (status === 'offline' && a.contacts.size > 0) throw new AcdError('conflict', `${a.id} is on a contact; end it before logging out.`)
    if (a.status === status && a.reasonCode === (reasonCode ?? null)) return
    const withdrawn = a.offer?.contact
    if (withdrawn) this.withdrawOffer(withdrawn)
    if (a.status === 'offline' && status !== 'offline') { a.loggedInAt = this.now; a.ringNoAnswer = 0 }
    if (status === 'offline') a.closeLoggedTime(this.now)
    a.status = status
    a.reasonCode = status === 'aux' ? reasonCode ?? 'aux' : null
    this.events.emit('agent.status_changed', this.now, { agentId: a.id }, { status, ...(a.reasonCode ? { reasonCode: a.reasonCode } : {}), origin })
    if (status === 'available') { a.idleSince = this.now; this.routeAgent(a) }
    if (withdrawn) this.routeContact(withdrawn) // to someone else: this agent's status has changed
  }

  // ── contacts ─────────────────────────────────────────────────────────────────────────────
  accept(agentId: string, offerId: string): void {
    const a = this.agent(agentId)
    const offer = a.offer
    if (!offer || offer.id !== offerId) throw new AcdError('conflict', `${agentId} has no offer "${offerId}" ringing; it may have timed out.`)
    const c = offer.contact
    c.gen++ // cancels the ring timer
    a.offer = undefined
    a.ringNoAnswer = 0
    const waitMs = this.now - c.queuedAt
    const q = this.queueOf(c.queueId!)
    if (!c.direct) this.events.emit('contact.dequeued', this.now, this.ids(c, q.cfg.id), { waitMs, outcome: 'answered' })
    c.direct = false
    q.remove(c)
    c.state = 'connected'
    c.agentId = a.id
    c.connectedAt = this.now
    a.contacts.add(c.id)
    a.trackChannel(c.id, c.channel)
    a.busySince ??= this.now
    this.events.emit('contact.connected', this.now, this.ids(c, q.cfg.id, a.id), { agentId: a.id, waitMs, ringMs: this.now - offer.at })
    this.setActivity(a, 'on_contact', c)
    this.routeAgent(a) // chats: free capacity may take more
  }

  reject(agentId: string, offerId: string): void {
    const a = this.agent(agentId)
    if (!a.offer || a.offer.id !== offerId) throw new AcdError('conflict', `${agentId} has no offer "${offerId}" ringing; it may have timed out.`)
    this.endOffer(a.offer.contact, 'rejected')
  }

  hold(agentId: string, contactId: string): void {
    const c = this.ownContact(agentId, contactId)
    if (c.state !== 'connected') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; only a connected contact can be held.`)
    c.state = 'held'; c.holdStart = this.now; c.holdCount++
    this.events.emit('contact.held', this.now, this.ids(c, c.queueId, agentId), {})
    this.setActivity(this.agent(agentId), 'on_hold', c)
  }

  resume(agentId: string, contactId: string): void {
    const c = this.ownContact(agentId, contactId)
    if (c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is not on hold.`)
    c.holdMs += this.now - c.holdStart; c.state = 'connected'
    this.events.emit('contact.resumed', this.now, this.ids(c, c.queueId, agentId), {})
    this.setActivity(this.agent(agentId), 'on_contact', c)
  }

  /** The agent ends the contact; wrap-up starts. */
  end(agentId: string, contactId: string): void {
    const c = this.ownContact(agentId, contactId)
    if (c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; it cannot be ended again.`)
    this.endContact(c, 'agent')
  }

  wrapUp(agentId: string, contactId: string, dispositionCode = '', notes?: string): void {
    const a = this.agent(agentId)
    const c = this.contacts.get(contactId)
    if (!c || c.state !== 'wrap' || c.agentId !== agentId) throw new AcdError('conflict', `${agentId} is not wrapping up contact ${contactId}; it may be wrapped up already.`)
    c.gen++
    this.events.emit('contact.wrapup_ended', this.now, this.ids(c, c.queueId, a.id), { durationMs: this.now - c.endedAt, dispositionCode, ...(notes ? { notes } : {}) })
    a.contacts.delete(c.id)
    a.trackChannel(c.id, undefined)
    this.finish(c)
    if (a.contacts.size === 0) a.closeBusy(this.now)
    this.setActivity(a, a.contacts.size > 0 ? 'on_contact' : 'idle', undefined)
    if (a.contacts.size === 0) a.idleSince = this.now
    if (a.contacts.size === 0 && a.next) {
      const next = a.next
      a.next = undefined
      if (a.status === next.status && a.reasonCode === (next.status === 'aux' ? next.reasonCode ?? 'aux' : null)) this.routeAgent(a)
      else this.setStatus(a.id, next.status, next.reasonCode, 'agent') // routes the agent when it turns ready
      return
    }
    this.routeAgent(a)
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────
  protected ids(c: ContactState, queueId?: string, agentId?: string) {
    return { contactId: c.id, interactionId: c.interactionId, channel: c.channel, queueId, agentId }
  }

  protected ownContact(agentId: string, contactId: string): ContactState {
    const c = this.contacts.get(contactId)
    if (!c || c.agentId !== agentId) throw new AcdError('conflict', `${agentId} is not on contact ${contactId}.`)
    return c
  }

  protected enterQueue(c: ContactState, q: QueueState, priority?: number, placeSince?: number): void {
    if (priority !== undefined) c.priority = priority
    const cfg = q.cfg
    if (cfg.maxSize !== undefined && q.line.length >= cfg.maxSize && c.channel !== 'callback') {
      c.queueId = cfg.id; c.queuedAt = this.now; c.state = 'queued'
      this.events.emit('contact.queued', this.now, this.ids(c, cfg.id), { priority: c.priority, position: q.line.length + 1 })
      this.overflow(c, q, 'overflow')
      return
    }
    c.queueId = cfg.id; c.queuedAt = placeSince ?? this.now; c.state = 'queued'; c.skip.clear()
    const position = enqueue(q.line, c) + 1
    this.events.emit('contact.queued', this.now, this.ids(c, cfg.id), { priority: c.priority, position, ...(cfg.requiredSkills.length ? { requiredSkills: cfg.requiredSkills.map((s) => s.skill) } : {}) })
    const gen = c.gen
    // A callback already holds the caller's place: it waits for an agent however long it takes.
    if (cfg.maxWaitMs !== undefined && c.channel !== 'callback') this.timers.at(this.now + cfg.maxWaitMs, () => { if (c.gen === gen && c.queueId === cfg.id && (c.state === 'queued' || c.state === 'offered')) this.maxWait(c, q) })
    for (const step of cfg.relax ?? []) this.timers.at(this.now + step.afterMs, () => { if (c.gen === gen && c.state === 'queued') this.routeContact(c) })
    this.routeContact(c)
  }

  protected maxWait(c: ContactState, q: QueueState): void {
    const a = c.offer ? this.withdrawOffer(c) : undefined
    this.overflow(c, q, 'timeout')
    if (a) this.routeAgent(a)
  }

  protected leaveQueue(c: ContactState, outcome: string, overflowTo?: string, reason?: string): void {
    const q = this.queueOf(c.queueId!)
    const inLine = q.remove(c)
    this.events.emit('contact.dequeued', this.now, this.ids(c, q.cfg.id), {
      waitMs: this.now - c.queuedAt, outcome, ...(inLine >= 0 ? { position: inLine + 1 } : {}), ...(overflowTo ? { overflowTo } : {}), ...(reason ? { reason } : {}),
    })
  }

  protected finish(c: ContactState): void {
    c.state = 'done'; c.gen++
    this.contacts.delete(c.id)
  }

  protected endContact(c: ContactState, endedBy: 'customer' | 'agent' | 'system' | 'transfer'): void {
    const a = this.agent(c.agentId!)
    if (c.state === 'held') c.holdMs += this.now - c.holdStart
    const talkMs = this.now - c.connectedAt - c.holdMs
    this.events.emit('contact.ended', this.now, this.ids(c, c.queueId, a.id), { endedBy, talkMs, holdMs: c.holdMs, holdCount: c.holdCount })
    c.state = 'wrap'; c.endedAt = this.now
    this.setActivity(a, 'wrap_up', c)
    const limit = this.queues.get(c.queueId ?? '')?.cfg.wrapUpLimitMs
    const gen = ++c.gen
    if (limit !== undefined) this.timers.at(this.now + limit, () => { if (c.gen === gen && c.state === 'wrap') this.wrapUp(a.id, c.id, 'auto') })
  }

  protected setActivity(a: AgentState, activity: AgentActivity, c: ContactState | undefined): void {
    if (a.activity === activity && a.activityContact === c?.id) return
    a.activity = activity
    a.activityContact = c?.id
    this.events.emit('agent.activity_changed', this.now, { agentId: a.id, ...(c ? { contactId: c.id, channel: c.channel } : {}) }, { activity, ...(c ? { contactId: c.id } : {}) })
  }

  protected offer(c: ContactState, a: AgentState, q: QueueState): void {
    const offerId = this.nextId('o')
    a.offer = { id: offerId, contact: c, at: this.now, agentId: a.id }
    c.offer = a.offer
    c.state = 'offered'
    this.events.emit('contact.offered', this.now, this.ids(c, q.cfg.id, a.id), { offerId, agentId: a.id, ringTimeoutMs: q.cfg.ringTimeoutMs })
    this.setActivity(a, 'offered', c)
    const gen = ++c.gen
    this.timers.at(this.now + q.cfg.ringTimeoutMs, () => { if (c.gen === gen && c.offer?.id === offerId) this.endOffer(c, 'timeout') })
  }

  /** An offer stops ringing unanswered: the agent is idle again (or in aux after N misses) and the contact goes on waiting. */
  protected endOffer(c: ContactState, outcome: 'timeout' | 'rejected'): void {
    const a = this.stopRinging(c, outcome)
    c.skip.add(a.id)
    if (c.direct) { this.directOfferFailed(c, a); return }
    if (outcome === 'timeout' && ++a.ringNoAnswer >= a.maxRingNoAnswer) {
      this.setStatus(a.id, 'aux', 'ring_no_answer', 'system')
    } else this.routeAgent(a)
    this.routeContact(c)
  }

  /**
   * The offer is called off (the caller leaves, the contact moves on, the agent changes status):
   * nothing is routed here. The caller routes the agent and the contact once its change is made,
   * so neither is offered back the contact that is going away.
   */
  protected withdrawOffer(c: ContactState): AgentState {
    return this.stopRinging(c, 'canceled')
  }

  private stopRinging(c: ContactState, outcome: 'timeout' | 'rejected' | 'canceled'): AgentState {
    const offer = c.offer!
    const a = this.agent(offer.agentId)
    c.offer = undefined; a.offer = undefined; c.state = 'queued'; c.gen++
    this.events.emit('contact.offer_ended', this.now, this.ids(c, c.queueId, a.id), { offerId: offer.id, agentId: a.id, ringMs: this.now - offer.at, outcome })
    this.setActivity(a, a.contacts.size > 0 ? 'on_contact' : 'idle', undefined)
    return a
  }

  /** A transfer's offer to one agent was not taken: a consult ends, a blind transfer waits in line. */
  protected directOfferFailed(c: ContactState, a: AgentState): void {
    c.direct = false
    this.routeAgent(a)
    if (c.consultOf) {
      this.events.emit('contact.ended', this.now, this.ids(c, c.queueId), { endedBy: 'system', talkMs: 0, holdMs: 0, holdCount: 0, reason: 'not_answered' })
      const from = this.contacts.get(c.consultOf.contactId)
      if (from) from.consult = undefined
      this.finish(c)
      return
    }
    this.enterQueue(c, this.queueOf(c.queueId!), c.priority, c.queuedAt)
  }

  /** A waiting contact looks for an agent. */
  protected routeContact(c: ContactState): void {
    if (c.state !== 'queued') return
    const q = this.queueOf(c.queueId!)
    const needs = effectiveNeeds(q.cfg.requiredSkills, q.cfg.relax, this.now - c.queuedAt)
    this.decisions++
    const pick = pickAgent(this.freeAgents(q, c), needs, q.cfg.strategy, q.cursor) as AgentState | undefined
    if (!pick) return
    q.cursor = pick.index
    this.offer(c, pick, q)
  }

  private *freeAgents(q: QueueState, c: ContactState): Iterable<Candidate> {
    // Occupancy is only read by least-occupied routing: do not compute it for every decision.
    const occupancy = q.cfg.strategy === 'least_occupied'
    for (const a of q.agents) {
      if (!a.canTake(c.channel) || c.skip.has(a.id)) continue
      if (occupancy) a.occupancy = a.occupancyAt(this.now)
      yield a
    }
  }

  /** A freed agent looks for the most urgent contact it may take, over all its queues. */
  protected routeAgent(a: AgentState): void {
    let best: ContactState | undefined
    let bestQueue: QueueState | undefined
    for (const q of a.queues) {
      if (q.line.length === 0 || !a.canTake(q.cfg.channel)) continue
      for (const c of q.line) {
        if (c.state !== 'queued' || c.skip.has(a.id)) continue
        if (best && !(c.priority > best.priority || (c.priority === best.priority && c.queuedAt < best.queuedAt))) break
        if (!qualifies(a.skills, effectiveNeeds(q.cfg.requiredSkills, q.cfg.relax, this.now - c.queuedAt))) continue
        best = c; bestQueue = q
        break
      }
    }
    this.decisions++
    if (best && bestQueue) { bestQueue.cursor = a.index; this.offer(best, a, bestQueue) }
  }
}

/** The agent serves the queue when it has the queue's skills at any level (levels relax with waiting). */
function link(a: AgentState, q: QueueState): void {
  if (a.canEverServe(q.cfg)) { q.agents.push(a); a.queues.push(q) }
}
