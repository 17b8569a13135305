/**
 * What agents at a desk add to the ACD: a next status taken after the last wrap-up, blind transfer
 * to an agent, consult transfer (talk to the target while the customer holds, then complete or
 * cancel), a lost agent browser (its contacts go back to the front of their queue), and the
 * customer's survey. Pure: no I/O; every step emits the canonical events of DESIGN §3.
 */
import { AcdFlows } from './engine.ts'
import { AcdError, type AgentStatus } from './types.ts'
import { ContactState, type AgentState } from './state.ts'

export class AcdEngine extends AcdFlows {
  /** Sets (or clears, with null) the status the agent takes once their last contact is wrapped up. */
  setNextStatus(agentId: string, next: { status: AgentStatus; reasonCode?: string } | null): void {
    const a = this.agent(agentId)
    if (next && a.contacts.size === 0 && !a.offer) { this.setStatus(agentId, next.status, next.reasonCode, 'agent'); return }
    a.next = next ?? undefined
  }

  /** Blind transfer to an agent: this contact ends and a new one rings that agent (the queue's line if unanswered). */
  transferToAgent(agentId: string, contactId: string, targetAgentId: string): string {
    const c = this.connectedOf(agentId, contactId)
    const target = this.readyTarget(agentId, targetAgentId, c)
    const next = this.segment(c)
    this.events.emit('contact.transferred', this.now, this.ids(c, c.queueId, agentId), { mode: 'blind', target: targetAgentId, newContactId: next.id })
    this.endContact(c, 'transfer')
    this.created(next, c)
    this.offerDirect(next, target)
    return next.id
  }

  /** Starts a consult: the customer's contact is held, and a consult call rings the target agent. */
  consult(agentId: string, contactId: string, targetAgentId: string): string {
    const c = this.connectedOf(agentId, contactId)
    if (c.consult) throw new AcdError('conflict', `Contact ${contactId} already has a consult open; complete or cancel it first.`)
    const target = this.readyTarget(agentId, targetAgentId, c)
    if (c.state === 'connected') this.hold(agentId, contactId)
    const k = this.segment(c)
    k.consultOf = { agentId, contactId }
    c.consult = k.id
    this.created(k, c)
    this.offerDirect(k, target)
    return k.id
  }

  /** Completes a consult: the customer's contact goes to the consulted agent, who keeps talking on the consult call. */
  completeConsult(agentId: string, contactId: string): string {
    const c = this.ownContact(agentId, contactId)
    const k = c.consult ? this.contacts.get(c.consult) : undefined
    if (!k) throw new AcdError('conflict', `Contact ${contactId} has no consult open.`)
    if (k.state !== 'connected' && k.state !== 'held') throw new AcdError('conflict', `The consulted agent has not answered yet; wait for them or cancel the consult.`)
    if (c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `The customer has left contact ${contactId}; cancel the consult.`)
    this.events.emit('contact.transferred', this.now, this.ids(c, c.queueId, agentId), { mode: 'attended', target: k.agentId, newContactId: k.id })
    c.consult = undefined
    k.consultOf = undefined
    k.connectedAt = this.now // the customer's talk on the new segment starts now
    k.ani = c.ani
    this.endContact(c, 'transfer')
    return k.id
  }

  /** Cancels a consult: the consult call ends (ringing or talking); the customer stays on hold with this agent. */
  cancelConsult(agentId: string, contactId: string): void {
    const c = this.ownContact(agentId, contactId)
    const k = c.consult ? this.contacts.get(c.consult) : undefined
    if (!k) throw new AcdError('conflict', `Contact ${contactId} has no consult open.`)
    c.consult = undefined
    if (k.offer) {
      const target = this.withdrawOffer(k)
      this.events.emit('contact.ended', this.now, this.ids(k, k.queueId), { endedBy: 'agent', talkMs: 0, holdMs: 0, holdCount: 0 })
      this.finish(k)
      this.routeAgent(target)
      return
    }
    if (k.state === 'connected' || k.state === 'held') this.endContact(k, 'agent')
  }

  /**
   * The agent's browser is gone (socket and media lost past the grace): their connected contacts go
   * back to the front of their queue as new segments, their wrap-ups close, and the agent is put in
   * aux "disconnected" by the system. Returns the new contact ids.
   */
  agentLost(agentId: string): string[] {
    const a = this.agent(agentId)
    const requeued: string[] = []
    for (const id of [...a.contacts]) {
      const c = this.contacts.get(id)
      if (!c) continue
      if ((c.state === 'connected' || c.state === 'held') && !c.consultOf && c.queueId) {
        const next = this.segment(c)
        this.events.emit('contact.transferred', this.now, this.ids(c, c.queueId, agentId), { mode: 'queue', target: c.queueId, newContactId: next.id, reason: 'agent_lost' })
        this.endContact(c, 'system')
        this.created(next, c)
        this.enterQueue(next, this.queueOf(c.queueId), c.priority + 1, c.queuedAt)
        requeued.push(next.id)
      } else if (c.state === 'connected' || c.state === 'held') this.endContact(c, 'system')
      if (c.state === 'wrap') this.wrapUp(agentId, c.id, 'agent_lost')
    }
    if (a.status !== 'offline') this.setStatus(agentId, 'aux', 'disconnected', 'system')
    return requeued
  }

  /** The customer's satisfaction survey of a contact that has ended. */
  survey(f: { contactId: string; interactionId: string; queueId?: string; agentId?: string; channel: ContactState['channel'] }, csat: number, comment: string | undefined): void {
    if (!Number.isInteger(csat) || csat < 1 || csat > 5) throw new AcdError('conflict', 'A survey score is a whole number from 1 to 5.')
    this.events.emit('contact.survey', this.now, f, { csat, ...(comment ? { comment } : {}) })
  }

  /** A supervisor started, changed or stopped listening in on a connected call (the media side is the director's). */
  monitored(contactId: string, m: { supervisorId: string; supervisorName?: string; mode: 'listen' | 'whisper' | 'barge'; action: 'start' | 'change' | 'stop' }): void {
    const c = this.contact(contactId)
    if (m.action !== 'stop' && c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is not on a call with an agent; there is nothing to listen to.`)
    this.events.emit('contact.monitored', this.now, this.ids(c, c.queueId), { supervisorId: m.supervisorId, ...(m.supervisorName ? { supervisorName: m.supervisorName } : {}), mode: m.mode, action: m.action })
  }

  override callerHangup(contactId: string): void {
    const c = this.contact(contactId)
    if (!c.direct) { super.callerHangup(contactId); return }
    const ringing = this.withdrawOffer(c)
    this.events.emit('contact.ended', this.now, this.ids(c, c.queueId), { endedBy: 'customer', talkMs: 0, holdMs: 0, holdCount: 0 })
    this.finish(c)
    this.routeAgent(ringing)
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────
  private connectedOf(agentId: string, contactId: string): ContactState {
    const c = this.ownContact(agentId, contactId)
    if (c.state !== 'connected' && c.state !== 'held') throw new AcdError('conflict', `Contact ${contactId} is ${c.state}; only a connected contact can be transferred.`)
    if (c.consultOf) throw new AcdError('conflict', `Contact ${contactId} is a consult call; it cannot be transferred.`)
    return c
  }

  private readyTarget(agentId: string, targetId: string, c: ContactState): AgentState {
    if (targetId === agentId) throw new AcdError('conflict', 'You cannot transfer a contact to yourself.')
    const t = this.agent(targetId)
    if (t.status !== 'available' || t.offer || !t.canTake(c.channel)) throw new AcdError('conflict', `${t.name} is not ready for a ${c.channel} contact now; pick someone who is ready, or transfer to a queue.`)
    return t
  }

  /** The next segment of the same customer journey. */
  private segment(c: ContactState): ContactState {
    const next = new ContactState(this.nextId('c'), c.channel, c.priority, c.interactionId)
    next.ani = c.ani
    next.queueId = c.queueId
    next.queuedAt = c.queuedAt
    this.contacts.set(next.id, next)
    return next
  }

  private created(next: ContactState, from: ContactState): void {
    this.events.emit('contact.created', this.now, this.ids(next), { direction: 'inbound', initiation: 'transfer', previousContactId: from.id, ...(next.ani ? { ani: next.ani } : {}) })
  }

  private offerDirect(c: ContactState, a: AgentState): void {
    c.direct = true
    this.offer(c, a, this.queueOf(c.queueId!))
  }
}
