/**
 * The ACD engine: queues, agents, offers and contacts as a state machine in one clock (real or
 * virtual, always injected). Every step emits the canonical events of DESIGN §3: exactly one
 * `contact.dequeued` per queue visit; agent status and activity as separate events. An illegal
 * command throws AcdError('conflict') and changes nothing. Pure: no I/O.
 */
import type { CanonicalEvent, Channel } from '@agner/events'
import { TimerQueue } from '../traffic/timers.ts'
import { EventFactory, type EventContext } from './event-factory.ts'
import { effectiveNeeds, enqueue, pickAgent, qualifies, type Candidate } from './routing.ts'
import { AcdError, type AgentActivity, type AgentConfig, type AgentStatus, type Origin, type QueueConfig } from './types.ts'
import { AgentState, ContactState, QueueState } from './state.ts'
import type { StaleContact } from './recovery.ts'
import { loadIvr, nextNode, type IvrFlow, type IvrNode } from './ivr.ts'

export interface AcdOptions extends EventContext {
  now: number
  emit: (e: CanonicalEvent) => void
  /** Prefix of the contact and offer ids this engine makes up (two engines on one store must differ). */
  idPrefix?: string
}

export interface Arrival { queueId: string; contactId?: string; priority?: number; ani?: string; channel?: Channel }

export class AcdEngine {
  private readonly timers = new TimerQueue()
  private readonly events: EventFactory
  private readonly queues = new Map<string, QueueState>()
  private readonly agents = new Map<string, AgentState>()
  private readonly contacts = new Map<string, ContactState>()
  private readonly flows = new Map<string, IvrFlow>()
  private seq = 0
  /** Routing decisions made (for the benchmark). */
  decisions = 0
  now: number

  private readonly idPrefix: string

  constructor(opts: AcdOptions) {
    this.now = opts.now
    this.idPrefix = opts.idPrefix ?? ''
    this.events = new EventFactory(opts, opts.emit, opts.now)
  }

  // ── configuration ────────────────────────────────────────────────────────────────────────
  addQueue(cfg: QueueConfig): void {
    const q = new QueueState(cfg)
    this.queues.set(cfg.id, q)
    for (const a of this.agents.values()) if (a.canEverServe(cfg)) { q.agents.push(a); a.queues.push(q) }
  }

  addAgent(cfg: AgentConfig): void {
    const a = new AgentState(cfg, this.agents.size, this.now)
    this.agents.set(cfg.id, a)
    for (const q of this.queues.values()) if (a.canEverServe(q.cfg)) { q.agents.push(a); a.queues.push(q) }
  }

  /** Adds an IVR flow, checked by loadIvr against this engine's queues. */
  addIvr(raw: unknown): IvrFlow {
    const flow = loadIvr(raw, (id) => this.queues.has(id))
    this.flows.set(flow.id, flow)
    return flow
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
    if (a.offer) this.endOffer(a.offer.contact, 'canceled')
    if (a.status === 'offline' && status !== 'offline') { a.loggedInAt = this.now; a.ringNoAnswer = 0 }
    if (status === 'offline') a.closeLoggedTime(this.now)
    a.status = status
    a.reasonCode = status === 'aux' ? reasonCode ?? 'aux' : null
    this.events.emit('agent.status_changed', this.now, { agentId: a.id }, { status, ...(a.reasonCode ? { reasonCode: a.reasonCode } : {}), origin })
    if (status === 'available') { a.idleSince = this.now; this.routeAgent(a) }
  }

  // ── contacts ─────────────────────────────────────────────────────────────────────────────
  arrive(x: Arrival): string {
    const q = this.queueOf(x.queueId)
    const id = x.contactId ?? `${this.idPrefix}c${++this.seq}`
    if (this.contacts.has(id)) throw new AcdError('conflict', `Contact "${id}" already exists.`)
    const c = new ContactState(id, x.channel ?? q.cfg.channel, x.priority ?? 0)
    c.ani = x.ani
    this.contacts.set(id, c)
    this.events.emit('contact.created', this.now, this.ids(c), { direction: 'inbound', initiation: 'inbound', ...(x.ani ? { ani: x.ani } : {}) })
    this.enterQueue(c, q)
    return id
  }

  /** A call enters an IVR flow; it walks the flow until a menu waits for input, a queue, or a hang-up. */
  arriveIvr(x: { ivrId: string; contactId?: string; ani?: string; channel?: Channel }): string {
    const flow = this.flows.get(x.ivrId)
    if (!flow) throw new AcdError('not_found', `There is no IVR "${x.ivrId}".`)
    const id = x.contactId ?? `${this.idPrefix}c${++this.seq}`
    if (this.contacts.has(id)) throw new AcdError('conflict', `Contact "${id}" already exists.`)
    const c = new ContactState(id, x.channel ?? 'voice', 0)
    this.contacts.set(id, c)
    this.events.emit('contact.created', this.now, this.ids(c), { direction: 'inbound', initiation: 'inbound', ...(x.ani ? { ani: x.ani } : {}) })
    c.state = 'ivr'
    this.walkIvr(c, flow, flow.start)
    return id
  }

  /** The caller pressed a key in a menu. */
  ivrInput(contactId: string, digit: string): void {
    const c = this.contact(contactId)
    if (c.state !== 'ivr' || !c.ivr) throw new AcdError('conflict', `Contact ${contactId} is not in an IVR menu.`)
    const flow = this.flows.get(c.ivr.flowId)!
    const node = flow.nodes[c.ivr.node]!
    if (node.type !== 'menu') throw new AcdError('conflict', `Contact ${contactId} is not at a menu.`)
    this.events.emit('contact.ivr_step', this.now, this.ids(c), { node: c.ivr.node, input: digit })
    if (!node.options[digit]) { this.menuMiss(c, flow); return }
    this.walkIvr(c, flow, node.options[digit])
  }

  private walkIvr(c: ContactState, flow: IvrFlow, start: string): void {
    let at: string | undefined = start
    while (at !== undefined) {
      const node: IvrNode = flow.nodes[at]!
      c.ivr = { flowId: flow.id, node: at, plays: c.ivr?.node === at ? c.ivr.plays : 0 }
      if (node.type === 'menu') { this.playMenu(c, flow, node); return }
      this.events.emit('contact.ivr_step', this.now, this.ids(c), { node: at })
      if (node.type === 'queue') { c.ivr = undefined; this.enterQueue(c, this.queueOf(node.queueId), node.priority); return }
      if (node.type === 'hangup') { this.endInIvr(c, 'system'); return }
      at = nextNode(flow, at, undefined, this.now)
    }
    this.endInIvr(c, 'system') // a message with nothing after it
  }

  private playMenu(c: ContactState, flow: IvrFlow, node: Extract<IvrNode, { type: 'menu' }>): void {
    c.ivr!.plays++
    const gen = ++c.gen
    this.timers.at(this.now + (node.timeoutSeconds ?? 5) * 1000, () => {
      if (c.gen !== gen || c.state !== 'ivr') return
      this.events.emit('contact.ivr_step', this.now, this.ids(c), { node: c.ivr!.node })
      this.menuMiss(c, flow)
    })
  }

  /** No or a wrong key: play the menu again while retries last, then go where "onNoInput" says. */
  private menuMiss(c: ContactState, flow: IvrFlow): void {
    const node = flow.nodes[c.ivr!.node] as Extract<IvrNode, { type: 'menu' }>
    if (c.ivr!.plays <= (node.retries ?? 2)) { this.playMenu(c, flow, node); return }
    this.walkIvr(c, flow, node.onNoInput)
  }

  private endInIvr(c: ContactState, endedBy: 'system' | 'customer'): void {
    this.events.emit('contact.ended', this.now, this.ids(c), { endedBy, talkMs: 0, holdMs: 0, holdCount: 0 })
    c.ivr = undefined
    this.finish(c)
  }

  /**
   * A waiting caller asks to be called back and hangs up, keeping their place: their queue visit
   * ends with `callback`, and a callback contact takes the same place in line. When an agent
   * accepts it, it dials out as an outbound contact. Returns the callback's contact id.
   */
  requestCallback(contactId: string, number: string): string {
    const c = this.contact(contactId)
    if (c.state !== 'queued' && c.state !== 'offered') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; only a waiting caller can ask for a callback.`)
    if (!/^\+?[0-9]{3,20}$/.test(number)) throw new AcdError('conflict', `"${number}" is not a phone number to call back; use digits, optionally starting with +.`)
    const q = this.queueOf(c.queueId!)
    if (c.offer) this.endOffer(c, 'canceled', false)
    this.events.emit('contact.callback_requested', this.now, this.ids(c, q.cfg.id), { number, keepPosition: true })
    this.leaveQueue(c, 'callback')
    this.finish(c)
    return this.queueCallback(c, q, number)
  }

  private queueCallback(original: ContactState, q: QueueState, number: string): string {
    const cb = new ContactState(`${this.idPrefix}c${++this.seq}`, 'callback', original.priority, original.interactionId)
    cb.callbackNumber = number
    this.contacts.set(cb.id, cb)
    this.events.emit('contact.created', this.now, this.ids(cb), { direction: 'outbound', initiation: 'callback', dnis: number, previousContactId: original.id })
    // The same place in line: the original time in queue orders it.
    this.enterQueue(cb, q, undefined, original.queuedAt)
    return cb.id
  }

  /** The caller hangs up: an abandon while waiting or ringing, an end while connected or in the IVR. */
  callerHangup(contactId: string): void {
    const c = this.contact(contactId)
    if (c.state === 'ivr') { this.endInIvr(c, 'customer'); return }
    if (c.state === 'queued' || c.state === 'offered') {
      if (c.offer) this.endOffer(c, 'canceled')
      this.leaveQueue(c, 'abandoned')
      this.finish(c)
    } else if (c.state === 'connected' || c.state === 'held') {
      this.endContact(c, 'customer')
    }
  }

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
    this.events.emit('contact.dequeued', this.now, this.ids(c, q.cfg.id), { waitMs, outcome: 'answered' })
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
    this.events.emit('contact.held', this.now, this.ids(c, undefined, agentId), {})
    this.setActivity(this.agent(agentId), 'on_hold', c)
  }

  resume(agentId: string, contactId: string): void {
    const c = this.ownContact(agentId, contactId)
    if (c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is not on hold.`)
    c.holdMs += this.now - c.holdStart; c.state = 'connected'
    this.events.emit('contact.resumed', this.now, this.ids(c, undefined, agentId), {})
    this.setActivity(this.agent(agentId), 'on_contact', c)
  }

  /** The agent ends the contact; wrap-up starts. */
  end(agentId: string, contactId: string): void {
    const c = this.ownContact(agentId, contactId)
    if (c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; it cannot be ended again.`)
    this.endContact(c, 'agent')
  }

  wrapUp(agentId: string, contactId: string, dispositionCode = ''): void {
    const a = this.agent(agentId)
    const c = this.contacts.get(contactId)
    if (!c || c.state !== 'wrap' || c.agentId !== agentId) throw new AcdError('conflict', `${agentId} is not wrapping up contact ${contactId}; it may be wrapped up already.`)
    c.gen++
    this.events.emit('contact.wrapup_ended', this.now, this.ids(c, undefined, a.id), { durationMs: this.now - c.endedAt, dispositionCode })
    a.contacts.delete(c.id)
    a.trackChannel(c.id, undefined)
    this.finish(c)
    if (a.contacts.size === 0) a.closeBusy(this.now)
    this.setActivity(a, a.contacts.size > 0 ? 'on_contact' : 'idle', undefined)
    if (a.contacts.size === 0) a.idleSince = this.now
    this.routeAgent(a)
  }

  /** Blind transfer to another queue: this contact ends, a new one queues there. */
  transferToQueue(agentId: string, contactId: string, queueId: string): string {
    const c = this.ownContact(agentId, contactId)
    const q = this.queueOf(queueId)
    if (c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; only a connected contact can be transferred.`)
    const next = new ContactState(`${this.idPrefix}c${++this.seq}`, c.channel, c.priority, c.interactionId)
    this.contacts.set(next.id, next)
    this.events.emit('contact.transferred', this.now, this.ids(c, undefined, agentId), { mode: 'queue', target: queueId, newContactId: next.id })
    this.endContact(c, 'transfer')
    this.events.emit('contact.created', this.now, this.ids(next), { direction: 'inbound', initiation: 'transfer', previousContactId: c.id })
    this.enterQueue(next, q)
    return next.id
  }

  // ── recovery after a restart (see recovery.ts) ─────────────────────────────────────────────
  /** Puts an agent back in the status it had, without an event (the store already has it). */
  restoreStatus(agentId: string, status: AgentStatus, reasonCode?: string): boolean {
    const a = this.agents.get(agentId)
    if (!a) return false
    a.status = status
    a.reasonCode = status === 'aux' ? reasonCode ?? 'aux' : null
    a.idleSince = this.now
    if (status !== 'offline') a.loggedInAt = this.now
    return true
  }

  /** Closes a contact the previous process left open: it leaves its queue with `error`, or ends. */
  closeStale(c: StaleContact, reason: string): 'waiting' | 'connected' | 'wrap' | undefined {
    const ids = { contactId: c.contactId, interactionId: c.interactionId, channel: c.channel, queueId: c.queueId }
    if (c.state === 'offered' && c.agentId && c.offerId) {
      this.events.emit('contact.offer_ended', this.now, { ...ids, agentId: c.agentId }, { offerId: c.offerId, agentId: c.agentId, ringMs: Math.max(0, this.now - (c.offeredAt ?? this.now)), outcome: 'failed' })
    }
    if (c.state === 'queued' || c.state === 'offered') {
      this.events.emit('contact.dequeued', this.now, ids, { waitMs: Math.max(0, this.now - (c.queuedAt ?? this.now)), outcome: 'error', reason })
      if (c.agentId) this.idleAgent(c.agentId)
      return 'waiting'
    }
    if (c.state === 'connected' && c.agentId) {
      this.events.emit('contact.ended', this.now, { ...ids, agentId: c.agentId }, { endedBy: 'system', talkMs: Math.max(0, this.now - (c.connectedAt ?? this.now)), holdMs: 0, holdCount: 0, reason })
      this.events.emit('contact.wrapup_ended', this.now, { ...ids, agentId: c.agentId }, { durationMs: 0, dispositionCode: 'system_restart' })
      this.idleAgent(c.agentId)
      return 'connected'
    }
    if (c.state === 'wrap' && c.agentId) {
      this.events.emit('contact.wrapup_ended', this.now, { ...ids, agentId: c.agentId }, { durationMs: 0, dispositionCode: 'system_restart' })
      this.idleAgent(c.agentId)
      return 'wrap'
    }
    return undefined
  }

  private idleAgent(agentId: string): void {
    const a = this.agents.get(agentId)
    if (!a) return
    a.activity = 'offered' // force the event below: the store last saw the agent busy
    this.setActivity(a, 'idle', undefined)
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────
  private ids(c: ContactState, queueId?: string, agentId?: string) {
    return { contactId: c.id, interactionId: c.interactionId, channel: c.channel, queueId, agentId }
  }

  private ownContact(agentId: string, contactId: string): ContactState {
    const c = this.contacts.get(contactId)
    if (!c || c.agentId !== agentId) throw new AcdError('conflict', `${agentId} is not on contact ${contactId}.`)
    return c
  }

  private enterQueue(c: ContactState, q: QueueState, priority?: number, placeSince?: number): void {
    if (priority !== undefined) c.priority = priority
    const cfg = q.cfg
    if (cfg.maxSize !== undefined && q.line.length >= cfg.maxSize) {
      c.queueId = cfg.id; c.queuedAt = this.now
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

  private maxWait(c: ContactState, q: QueueState): void {
    if (c.offer) this.endOffer(c, 'canceled', false)
    this.overflow(c, q, 'timeout')
  }

  private overflow(c: ContactState, q: QueueState, outcome: 'timeout' | 'overflow'): void {
    const target = q.cfg.overflow
    if (target?.action === 'callback' && c.ani && c.channel !== 'callback') { this.requestCallback(c.id, c.ani); return }
    const to = target?.action === 'queue' ? this.queues.get(target.queueId) : undefined
    this.leaveQueue(c, outcome, to?.cfg.id)
    if (to) { c.gen++; this.enterQueue(c, to) } else this.finish(c)
  }

  private leaveQueue(c: ContactState, outcome: string, overflowTo?: string): void {
    const q = this.queueOf(c.queueId!)
    const inLine = q.remove(c)
    this.events.emit('contact.dequeued', this.now, this.ids(c, q.cfg.id), {
      waitMs: this.now - c.queuedAt, outcome, ...(inLine >= 0 ? { position: inLine + 1 } : {}), ...(overflowTo ? { overflowTo } : {}),
    })
  }

  private finish(c: ContactState): void {
    c.state = 'done'; c.gen++
    this.contacts.delete(c.id)
  }

  private endContact(c: ContactState, endedBy: 'customer' | 'agent' | 'system' | 'transfer'): void {
    const a = this.agent(c.agentId!)
    if (c.state === 'held') c.holdMs += this.now - c.holdStart
    const talkMs = this.now - c.connectedAt - c.holdMs
    this.events.emit('contact.ended', this.now, this.ids(c, undefined, a.id), { endedBy, talkMs, holdMs: c.holdMs, holdCount: c.holdCount })
    c.state = 'wrap'; c.endedAt = this.now
    this.setActivity(a, 'wrap_up', c)
    const limit = this.queues.get(c.queueId ?? '')?.cfg.wrapUpLimitMs
    const gen = ++c.gen
    if (limit !== undefined) this.timers.at(this.now + limit, () => { if (c.gen === gen && c.state === 'wrap') this.wrapUp(a.id, c.id, 'auto') })
  }

  private setActivity(a: AgentState, activity: AgentActivity, c: ContactState | undefined): void {
    if (a.activity === activity && a.activityContact === c?.id) return
    a.activity = activity
    a.activityContact = c?.id
    this.events.emit('agent.activity_changed', this.now, { agentId: a.id, ...(c ? { contactId: c.id, channel: c.channel } : {}) }, { activity, ...(c ? { contactId: c.id } : {}) })
  }

  private offer(c: ContactState, a: AgentState, q: QueueState): void {
    const offerId = `${this.idPrefix}o${++this.seq}`
    a.offer = { id: offerId, contact: c, at: this.now, agentId: a.id }
    c.offer = a.offer
    c.state = 'offered'
    this.events.emit('contact.offered', this.now, this.ids(c, q.cfg.id, a.id), { offerId, agentId: a.id, ringTimeoutMs: q.cfg.ringTimeoutMs })
    this.setActivity(a, 'offered', c)
    const gen = ++c.gen
    this.timers.at(this.now + q.cfg.ringTimeoutMs, () => { if (c.gen === gen && c.offer?.id === offerId) this.endOffer(c, 'timeout') })
  }

  /** An offer stops ringing: the agent is idle again and the contact goes on waiting. */
  private endOffer(c: ContactState, outcome: 'timeout' | 'rejected' | 'canceled', reroute = true): void {
    const offer = c.offer!
    const a = this.agent(offer.agentId)
    c.offer = undefined; a.offer = undefined; c.state = 'queued'; c.gen++
    this.events.emit('contact.offer_ended', this.now, this.ids(c, c.queueId, a.id), { offerId: offer.id, agentId: a.id, ringMs: this.now - offer.at, outcome })
    if (outcome !== 'canceled') c.skip.add(a.id)
    this.setActivity(a, a.contacts.size > 0 ? 'on_contact' : 'idle', undefined)
    if (outcome === 'timeout' && ++a.ringNoAnswer >= a.maxRingNoAnswer) {
      this.setStatus(a.id, 'aux', 'ring_no_answer', 'system')
    } else if (reroute && outcome !== 'canceled') this.routeAgent(a)
    if (reroute) this.routeContact(c)
  }

  /** A waiting contact looks for an agent. */
  private routeContact(c: ContactState): void {
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
  private routeAgent(a: AgentState): void {
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
