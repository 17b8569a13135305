/**
 * Supervisors on live browser calls: listen (silent), whisper (only the agent hears them) and barge
 * (both hear them). No mixing on the server: the supervisor's browser gets two legs, one hearing
 * the customer and one the agent, and mixes them; their microphone comes in on the first. Whisper
 * gives the agent's desk an extra leg hearing the supervisor; barge gives the customer's widget one
 * too. Each start, change and stop is a `contact.monitored` event (in the journey) and an audit row.
 * The watch ends when the call does, when the agent changes, or when the supervisor's socket closes
 * (their session ended: dropped at once).
 */
import { randomUUID } from 'node:crypto'
import { AcdError, type MediaService, type RealtimeAcd } from '@agner/telephony'
import type { CustomerSession } from './customer-session.ts'

import type { MonitorMode } from './agent-frames.ts'

export type { MonitorMode }

/** A browser call the director knows: its legs and who is on it now. */
export interface LiveCall { contactId: string; interactionId: string; group: string; session: CustomerSession; customerLeg: string; agentLeg: string; agentId: string; agentName: string; queueId: string }

export interface Supervisor {
  id: string
  name: string
  /** Frames to the supervisor's socket. */
  send: (f: Record<string, unknown> & { type: string }) => void
  audit: (action: 'start' | 'change' | 'stop', w: { contactId: string; mode: MonitorMode; agentId: string; queueId: string }) => void
}

export interface MonitorHost {
  acd: RealtimeAcd
  media: MediaService
  call: (contactId: string) => LiveCall | undefined
  toAgent: (agentId: string, f: Record<string, unknown> & { type: string }) => boolean
  warn: (msg: string) => void
}

interface Watch {
  id: string
  sup: Supervisor
  call: LiveCall
  mode: MonitorMode
  /** The supervisor's legs: hearing the customer (their microphone comes in here) and hearing the agent. */
  hearsCustomer: string
  hearsAgent: string
  /** Extra legs to the agent's desk (whisper, barge) and to the customer's widget (barge). */
  toAgentLeg?: string
  toCustomerLeg?: string
}

export class CallMonitor {
  private readonly watches = new Map<string, Watch>()
  /** Every leg of a watch → the watch, and who may answer it. */
  private readonly legs = new Map<string, { watch: string; owner: 'supervisor' | 'agent' | 'customer' }>()

  constructor(private readonly h: MonitorHost) {}

  async start(sup: Supervisor, contactId: string, mode: MonitorMode): Promise<string> {
    const call = this.h.call(contactId)
    if (!call) throw new AcdError('not_found', `There is no live browser call ${contactId} to listen to; it may have ended or be on a PBX phone.`)
    for (const w of this.watches.values()) if (w.sup.id === sup.id) await this.stop(w.id, 'replaced')
    await this.h.acd.run((engine) => engine.monitored(contactId, { supervisorId: sup.id, supervisorName: sup.name, mode, action: 'start' }))
    const id = randomUUID().slice(0, 8)
    const w: Watch = { id, sup, call, mode, hearsCustomer: `m:${id}:customer`, hearsAgent: `m:${id}:agent` }
    this.watches.set(id, w)
    sup.audit('start', { contactId, mode, agentId: call.agentId, queueId: call.queueId })
    for (const [legId, hears, source] of [[w.hearsCustomer, 'customer', call.customerLeg], [w.hearsAgent, 'agent', call.agentLeg]] as const) {
      this.legs.set(legId, { watch: id, owner: 'supervisor' })
      const { sdp } = await this.h.media.open(legId, call.group)
      await this.h.media.hear(legId, { leg: source })
      sup.send({ type: 'offer', legId, hears, sdp })
    }
    await this.applyMode(w)
    sup.send({ type: 'monitoring', watchId: id, contactId, mode, agentId: call.agentId, agentName: call.agentName })
    return id
  }

  async change(watchId: string, supId: string, mode: MonitorMode): Promise<void> {
    const w = this.own(watchId, supId)
    if (w.mode === mode) return
    await this.h.acd.run((engine) => engine.monitored(w.call.contactId, { supervisorId: w.sup.id, supervisorName: w.sup.name, mode, action: 'change' }))
    w.mode = mode
    w.sup.audit('change', { contactId: w.call.contactId, mode, agentId: w.call.agentId, queueId: w.call.queueId })
    await this.applyMode(w)
    w.sup.send({ type: 'monitoring', watchId: w.id, contactId: w.call.contactId, mode, agentId: w.call.agentId, agentName: w.call.agentName })
  }

  /** Ends a watch: its legs close, the agent's and customer's extra legs go, the event and audit row are written. */
  async stop(watchId: string, reason: 'supervisor' | 'ended' | 'transferred' | 'replaced' | 'signed-out'): Promise<void> {
    const w = this.watches.get(watchId)
    if (!w) return
    this.watches.delete(watchId)
    for (const legId of [w.hearsCustomer, w.hearsAgent]) { this.legs.delete(legId); void this.h.media.close(legId) }
    this.closeExtra(w, 'agent')
    this.closeExtra(w, 'customer')
    w.sup.send({ type: 'stopped', watchId, contactId: w.call.contactId, reason })
    w.sup.audit('stop', { contactId: w.call.contactId, mode: w.mode, agentId: w.call.agentId, queueId: w.call.queueId })
    await this.h.acd.run((engine) => engine.monitored(w.call.contactId, { supervisorId: w.sup.id, supervisorName: w.sup.name, mode: w.mode, action: 'stop' })).catch((err: Error) => this.h.warn(`the end of listening to ${w.call.contactId} was not recorded as an event (${err.message})`))
  }

  /** The supervisor's socket closed (signed out, tab closed): their watches end at once. */
  async dropSupervisor(supId: string): Promise<void> {
    for (const w of [...this.watches.values()]) if (w.sup.id === supId) await this.stop(w.id, 'signed-out')
  }

  /** After any change on a journey: a watch whose call ended or moved to another agent ends. */
  sync(interactionId: string): void {
    for (const w of this.watches.values()) {
      if (w.call.interactionId !== interactionId) continue
      const now = this.h.call(w.call.contactId)
      if (!now) void this.stop(w.id, 'ended')
      else if (now.agentId !== w.call.agentId || now.agentLeg !== w.call.agentLeg) void this.stop(w.id, 'transferred')
    }
  }

  /** Who may answer a monitoring leg: the supervisor of the watch, the agent or the customer of the call. */
  ownsLeg(legId: string, who: { supervisorId?: string; agentId?: string; sessionId?: string }): boolean {
    const l = this.legs.get(legId)
    const w = l ? this.watches.get(l.watch) : undefined
    if (!l || !w) return false
    if (l.owner === 'supervisor') return who.supervisorId === w.sup.id
    if (l.owner === 'agent') return who.agentId === w.call.agentId
    return who.sessionId === w.call.session.id
  }

  watchesOf(contactId: string): Array<{ supervisorName: string; mode: MonitorMode }> {
    return [...this.watches.values()].filter((w) => w.call.contactId === contactId).map((w) => ({ supervisorName: w.sup.name, mode: w.mode }))
  }

  async stopAll(): Promise<void> { for (const id of [...this.watches.keys()]) await this.stop(id, 'ended') }

  private own(watchId: string, supId: string): Watch {
    const w = this.watches.get(watchId)
    if (!w || w.sup.id !== supId) throw new AcdError('not_found', 'You are not listening to that call any more; it may have ended.')
    return w
  }

  /** Opens or closes the agent's and the customer's extra legs for the mode. */
  private async applyMode(w: Watch): Promise<void> {
    const agentHears = w.mode === 'whisper' || w.mode === 'barge'
    const customerHears = w.mode === 'barge'
    if (agentHears && !w.toAgentLeg) await this.openExtra(w, 'agent')
    if (!agentHears) this.closeExtra(w, 'agent')
    if (customerHears && !w.toCustomerLeg) await this.openExtra(w, 'customer')
    if (!customerHears) this.closeExtra(w, 'customer')
  }

  private async openExtra(w: Watch, side: 'agent' | 'customer'): Promise<void> {
    const legId = `m:${w.id}:to-${side}`
    this.legs.set(legId, { watch: w.id, owner: side })
    if (side === 'agent') w.toAgentLeg = legId; else w.toCustomerLeg = legId
    const { sdp } = await this.h.media.open(legId, w.call.group)
    await this.h.media.hear(legId, { leg: w.hearsCustomer })
    if (side === 'agent') this.h.toAgent(w.call.agentId, { type: 'offer', legId, contactId: w.call.contactId, sdp, coach: true, supervisorName: w.sup.name, mode: w.mode })
    else w.call.session.send({ type: 'offer', sdp, legId, extra: true })
  }

  private closeExtra(w: Watch, side: 'agent' | 'customer'): void {
    const legId = side === 'agent' ? w.toAgentLeg : w.toCustomerLeg
    if (!legId) return
    if (side === 'agent') { w.toAgentLeg = undefined; this.h.toAgent(w.call.agentId, { type: 'leg-closed', legId }) } else { w.toCustomerLeg = undefined; w.call.session.send({ type: 'leg-closed', legId }) }
    this.legs.delete(legId)
    void this.h.media.close(legId)
  }
}
