/**
 * The ACD's queue flows: the core state machine (engine-core.ts) plus what happens around a queue:
 * arrivals, IVR flows, business hours and the closed-hours action, callbacks keeping the caller's
 * place, voicemail, overflow, blind transfers and recovery after a restart. Pure: no I/O. What
 * a person at the desk adds (next status, transfers to an agent, consults, a lost browser) is in
 * engine-desk.ts.
 */
import type { Channel } from '@agner/events'
import { AcdCore, type Arrival } from './engine-core.ts'
import { AcdError, type AgentConfig, type AgentStatus, type QueueConfig } from './types.ts'
import { ContactState, type QueueState } from './state.ts'
import type { StaleContact } from './recovery.ts'
import { isOpen } from './hours.ts'
import { loadIvr, nextNode, type IvrFlow, type IvrNode } from './ivr.ts'

export { type AcdOptions, type Arrival } from './engine-core.ts'

/** A closed queue that sends callers to another closed queue, and so on: stop after this many. */
const MAX_CLOSED_HOPS = 4

export class AcdFlows extends AcdCore {
  private readonly flows = new Map<string, IvrFlow>()

  /** Adds an IVR flow, checked by loadIvr against this engine's queues. */
  addIvr(raw: unknown): IvrFlow {
    const flow = loadIvr(raw, (id) => this.queues.has(id))
    this.flows.set(flow.id, flow)
    return flow
  }

  /**
   * The center's configuration changed while running: queues, agents and IVR flows as given (see
   * AcdCore.reconfigure). Callers in an IVR finish the flow they started in. Checked before anything
   * changes: an AcdConfigError leaves the engine as it was.
   */
  configure(setup: { queues: QueueConfig[]; agents: AgentConfig[]; ivrs: readonly unknown[] }): void {
    const ids = new Set(setup.queues.map((q) => q.id))
    const flows = setup.ivrs.map((raw) => loadIvr(raw, (id) => ids.has(id)))
    this.reconfigure(setup.queues, setup.agents)
    this.flows.clear()
    for (const f of flows) this.flows.set(f.id, f)
  }

  /** An IVR flow added to this engine. */
  ivrFlow(id: string): IvrFlow | undefined { return this.flows.get(id) }

  /** Is the queue taking contacts at this moment (its business hours)? */
  isQueueOpen(queueId: string): boolean {
    const h = this.queueOf(queueId).cfg.hours
    return !h || isOpen(h, this.now)
  }

  // ── arrivals ─────────────────────────────────────────────────────────────────────────────
  arrive(x: Arrival): string {
    const q = this.queueOf(x.queueId)
    const c = this.createInbound(x.contactId, x.channel ?? q.cfg.channel, x.ani, x.priority ?? 0)
    this.admit(c, q)
    return c.id
  }

  /** A call enters an IVR flow; it walks the flow until a menu waits for input, a queue, or a hang-up. */
  arriveIvr(x: { ivrId: string; contactId?: string; ani?: string; channel?: Channel }): string {
    const flow = this.flows.get(x.ivrId)
    if (!flow) throw new AcdError('not_found', `There is no IVR "${x.ivrId}".`)
    const c = this.createInbound(x.contactId, x.channel ?? 'voice', x.ani, 0)
    c.state = 'ivr'
    this.walkIvr(c, flow, flow.start)
    return c.id
  }

  private createInbound(contactId: string | undefined, channel: Channel, ani: string | undefined, priority: number): ContactState {
    const id = contactId ?? this.nextId('c')
    if (this.contacts.has(id)) throw new AcdError('conflict', `Contact "${id}" already exists.`)
    const c = new ContactState(id, channel, priority)
    c.ani = ani
    this.contacts.set(id, c)
    this.events.emit('contact.created', this.now, this.ids(c), { direction: 'inbound', initiation: 'inbound', ...(ani ? { ani } : {}) })
    return c
  }

  /**
   * A contact comes to a queue: in line when the queue is open, otherwise to its closed-hours action.
   * A callback already holds its place and waits for the opening.
   */
  private admit(c: ContactState, q: QueueState, priority?: number, placeSince?: number, hops = 0): void {
    const h = q.cfg.hours
    if (!h || c.channel === 'callback' || isOpen(h, this.now)) { this.enterQueue(c, q, priority, placeSince); return }
    const action = q.cfg.closedAction ?? { action: 'message', prompt: 'closed' }
    this.events.emit('contact.ivr_step', this.now, this.ids(c, q.cfg.id), { node: `${q.cfg.id}:closed` })
    switch (action.action) {
      case 'queue': {
        const to = this.queues.get(action.queueId)
        if (to && hops < MAX_CLOSED_HOPS) { this.admit(c, to, priority, placeSince, hops + 1); return }
        this.endInIvr(c, 'system')
        return
      }
      case 'voicemail': this.voicemail(c, q); return
      case 'callback':
        if (c.ani && c.channel === 'voice') { this.callbackLater(c, q, c.ani); return }
        this.endInIvr(c, 'system')
        return
      default: this.endInIvr(c, 'system')
    }
  }

  // ── IVR ──────────────────────────────────────────────────────────────────────────────────
  /** The caller pressed a key in a menu. */
  ivrInput(contactId: string, digit: string): void {
    const c = this.contact(contactId)
    if (c.state !== 'ivr' || !c.ivr) throw new AcdError('conflict', `Contact ${contactId} is not in an IVR menu.`)
    const flow = c.ivr.flow
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
      c.ivr = { flow, node: at, plays: c.ivr?.node === at ? c.ivr.plays : 0 }
      if (node.type === 'menu') { this.playMenu(c, flow, node); return }
      this.events.emit('contact.ivr_step', this.now, this.ids(c), { node: at })
      if (node.type === 'queue') {
        c.ivr = undefined
        const q = this.queues.get(node.queueId)
        if (q) this.admit(c, q, node.priority)
        else this.endInIvr(c, 'system') // the flow this caller started in sends them to a queue since removed
        return
      }
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

  // ── callbacks and voicemail ──────────────────────────────────────────────────────────────
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
    const ringing = c.offer ? this.withdrawOffer(c) : undefined
    this.events.emit('contact.callback_requested', this.now, this.ids(c, q.cfg.id), { number, keepPosition: true })
    this.leaveQueue(c, 'callback')
    this.finish(c)
    const id = this.queueFollowUp(c, q, number, c.queuedAt)
    if (ringing) this.routeAgent(ringing)
    return id
  }

  /** Outside hours: the caller's number is kept and called back from the back of the line once the queue opens. */
  private callbackLater(c: ContactState, q: QueueState, number: string): void {
    this.events.emit('contact.callback_requested', this.now, this.ids(c, q.cfg.id), { number, keepPosition: false })
    this.endInIvr(c, 'customer')
    this.queueFollowUp(c, q, number, undefined)
  }

  /**
   * The caller leaves a message and hangs up; the message waits in the queue as a follow-up
   * contact (a call back to the caller's number when known) at the back of the line.
   */
  private voicemail(c: ContactState, q: QueueState): void {
    this.events.emit('contact.ivr_step', this.now, this.ids(c, q.cfg.id), { node: 'voicemail', input: 'recorded' })
    this.endInIvr(c, 'customer')
    this.queueFollowUp(c, q, c.ani, undefined)
  }

  private queueFollowUp(original: ContactState, q: QueueState, number: string | undefined, placeSince: number | undefined): string {
    const cb = new ContactState(this.nextId('c'), 'callback', original.priority, original.interactionId)
    cb.callbackNumber = number
    this.contacts.set(cb.id, cb)
    this.events.emit('contact.created', this.now, this.ids(cb), { direction: 'outbound', initiation: 'callback', ...(number ? { dnis: number } : {}), previousContactId: original.id })
    // The same place in line when kept: the original time in queue orders it.
    this.enterQueue(cb, q, undefined, placeSince)
    return cb.id
  }

  protected overflow(c: ContactState, q: QueueState, outcome: 'timeout' | 'overflow'): void {
    const target = q.cfg.overflow
    if (target?.action === 'callback' && c.ani && c.channel !== 'callback') { this.requestCallback(c.id, c.ani); return }
    if (target?.action === 'voicemail' && c.channel === 'voice') {
      this.leaveQueue(c, outcome, undefined, 'voicemail')
      this.voicemail(c, q)
      return
    }
    const to = target?.action === 'queue' ? this.queues.get(target.queueId) : undefined
    this.leaveQueue(c, outcome, to?.cfg.id)
    if (to) { c.gen++; this.admit(c, to) } else this.finish(c)
  }

  /** The caller hangs up: an abandon while waiting or ringing, an end while connected or in the IVR. */
  callerHangup(contactId: string): void {
    const c = this.contact(contactId)
    if (c.state === 'ivr') { this.endInIvr(c, 'customer'); return }
    if (c.state === 'queued' || c.state === 'offered') {
      const ringing = c.offer ? this.withdrawOffer(c) : undefined
      this.leaveQueue(c, 'abandoned')
      this.finish(c)
      if (ringing) this.routeAgent(ringing)
    } else if (c.state === 'connected' || c.state === 'held') {
      this.endContact(c, 'customer')
    }
  }

  /** Blind transfer to another queue: this contact ends, a new one queues there. */
  transferToQueue(agentId: string, contactId: string, queueId: string): string {
    const c = this.ownContact(agentId, contactId)
    const q = this.queueOf(queueId)
    if (c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; only a connected contact can be transferred.`)
    const next = new ContactState(this.nextId('c'), c.channel, c.priority, c.interactionId)
    next.ani = c.ani
    this.contacts.set(next.id, next)
    this.events.emit('contact.transferred', this.now, this.ids(c, c.queueId, agentId), { mode: 'queue', target: queueId, newContactId: next.id })
    this.endContact(c, 'transfer')
    this.events.emit('contact.created', this.now, this.ids(next), { direction: 'inbound', initiation: 'transfer', previousContactId: c.id })
    this.admit(next, q)
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

  /**
   * Closes everything at the end of a simulated run (the seam where seeded history meets the live
   * day): waiting contacts leave their queue with `error` and the reason, contacts in progress end
   * (by the system) and are wrapped up, and every agent logs out. Nothing is left open in the store.
   */
  closeAll(reason: string): void {
    for (const c of [...this.contacts.values()]) {
      if (c.state === 'ivr') this.endInIvr(c, 'system')
      else if (c.state === 'queued' || c.state === 'offered') {
        if (c.offer) this.withdrawOffer(c)
        this.leaveQueue(c, 'error', undefined, reason)
        this.finish(c)
      } else if (c.state === 'connected' || c.state === 'held') {
        this.endContact(c, 'system')
        this.wrapUp(c.agentId!, c.id, 'system_close')
      } else if (c.state === 'wrap') this.wrapUp(c.agentId!, c.id, 'system_close')
    }
    for (const a of this.agents.values()) if (a.status !== 'offline') this.setStatus(a.id, 'offline', undefined, 'system')
  }

  private idleAgent(agentId: string): void {
    const a = this.agents.get(agentId)
    if (!a) return
    a.activity = 'offered' // force the event below: the store last saw the agent busy
    this.setActivity(a, 'idle', undefined)
  }
}
