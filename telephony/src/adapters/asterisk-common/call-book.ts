/**
 * What the Asterisk adapters (AMI live, queue_log history) share so that one call seen through both
 * makes the same canonical events with the same ids, and the store keeps it once (DESIGN §5):
 *
 * - contactId is the caller's Uniqueid + the queue (`1594054062.123@sales`), `#2`, `#3`… when the
 *   same channel enters the same queue again; both sources can compute it without a clock.
 * - an event id is UUIDv5 of ('asterisk', instance, contactId/fact, type): the fact is `queued`,
 *   `dequeued`, `connected`, `ended`, `wrapup`, `transferred`, `offer/<agent>/<n>` (the n-th ring of
 *   this agent for this visit), so AMI's AgentCalled and queue_log's RINGNOANSWER meet on one id.
 *
 * Pure: no I/O, no clock; memory is bounded (visits that never end are dropped oldest-first).
 */
import { NaturalIds, type CanonicalEvent } from '@agner/events'

export interface AsteriskVisit {
  contactId: string
  /** The caller channel's Uniqueid (queue_log callid). */
  callId: string
  interactionId: string
  queueId: string
  enteredAt: number
  /** Agents rung so far, once per ring (the n of `offer/<agent>/<n>`); small arrays, not Maps: a busy import holds many visits. */
  rings?: string[]
  /** Offers ringing now. */
  ringing?: Array<{ agentId: string; offerId: string; at: number }>
  agentId?: string
  connectedAt?: number
  heldAt?: number
  holdMs: number
  holdCount: number
  /** The caller has left the queue (answered or not); ended once the talk ends. */
  dequeued: boolean
}

export interface AsteriskIdOptions {
  tenant?: string
  /** Which PBX this is; AMI and queue_log of one PBX share it. */
  instance: string
  /** The Agner id of a queue / agent named by the PBX (default: the PBX's name as it is). */
  queueId?: (pbxQueue: string) => string
  agentId?: (pbxAgent: string) => string
  /** Wrap-up time per Agner queue id, ms (queues.conf `wrapuptime`); 0 when absent. */
  wrapUpMs?: (queueId: string) => number
}

const MAX_OPEN = 200_000
// Re-entries happen within minutes; two days of a busy center's calls is plenty to number them.
const MAX_ENTRIES = 50_000

export class AsteriskCallBook {
  private readonly open = new Map<string, AsteriskVisit>()
  /**
   * `${callId}@${queue}` → times entered (so a re-entry gets `#2`), in two generations: when the
   * young one is full it becomes the old one and the oldest is dropped whole (a Map trimmed from
   * its front one key at a time slows down on its tombstones).
   */
  private young = new Map<string, number>()
  private old = new Map<string, number>()

  get size(): number { return this.open.size }
  visits(): IterableIterator<AsteriskVisit> { return this.open.values() }
  get(callId: string): AsteriskVisit | undefined { return this.open.get(callId) }

  /** A caller entered a queue. */
  enter(callId: string, queueId: string, at: number, interactionId = callId): AsteriskVisit {
    const k = `${callId}@${queueId}`
    const n = (this.entered(k) ?? 0) + 1
    this.remember(k, n)
    const v = newVisit(n === 1 ? k : `${k}#${n}`, callId, interactionId, queueId, at)
    this.open.set(callId, v)
    if (this.open.size > MAX_OPEN) this.dropOldestOpen()
    return v
  }

  /** The open visit of this call, or one rebuilt from what a line says (an adapter started mid-call). */
  visitOf(callId: string, queueId: string, enteredAt: number, interactionId = callId): AsteriskVisit {
    const v = this.open.get(callId)
    if (v) return v
    const k = `${callId}@${queueId}`
    const n = this.entered(k) ?? 1
    if (n === 1) this.remember(k, 1)
    const rebuilt = newVisit(n === 1 ? k : `${k}#${n}`, callId, interactionId, queueId, enteredAt)
    this.open.set(callId, rebuilt)
    return rebuilt
  }

  close(callId: string): void { this.open.delete(callId) }

  private entered(k: string): number | undefined { return this.young.get(k) ?? this.old.get(k) }

  private remember(k: string, n: number): void {
    this.young.set(k, n)
    if (this.young.size >= MAX_ENTRIES / 2) { this.old = this.young; this.young = new Map() }
  }

  /** Visits that never ended (a log that lost their exit): the oldest tenth is dropped at once. */
  private dropOldestOpen(): void {
    let n = Math.ceil(MAX_OPEN / 10)
    for (const k of this.open.keys()) { if (n-- <= 0) break; this.open.delete(k) }
  }
  clear(): void { this.open.clear() }
}

function newVisit(contactId: string, callId: string, interactionId: string, queueId: string, at: number): AsteriskVisit {
  return { contactId, callId, interactionId, queueId, enteredAt: at, holdMs: 0, holdCount: 0, dequeued: false }
}

/** Starts an offer ringing (AMI's AgentCalled). */
export function ringStarted(v: AsteriskVisit, agentId: string, offerId: string, at: number): void {
  (v.ringing ??= []).push({ agentId, offerId, at })
}

/** Takes an agent's ringing offer off the visit (it ended), if it was ringing. */
export function ringTaken(v: AsteriskVisit, agentId: string): { offerId: string; at: number } | undefined {
  const i = v.ringing?.findIndex((r) => r.agentId === agentId) ?? -1
  return i < 0 ? undefined : v.ringing!.splice(i, 1)[0]
}

/** The agents still ringing for a visit. */
export function ringingAgents(v: AsteriskVisit): string[] { return v.ringing?.map((r) => r.agentId) ?? [] }

/** The id both Asterisk sources give one fact. */
export function asteriskEventId(instance: string, key: string, type: string): string {
  return idsFor(instance).id(key, type)
}
function idsFor(instance: string): NaturalIds {
  let ids = idsOf.get(instance)
  if (!ids) idsOf.set(instance, ids = new NaturalIds('asterisk', instance))
  return ids
}
/** One id maker per PBX instance (naturalEventId('asterisk', instance, key, type), made faster). */
const idsOf = new Map<string, NaturalIds>()

/** The n-th ring of an agent for a visit: its offer id (shared by AMI and queue_log). */
export function nextRing(v: AsteriskVisit, agentId: string): string {
  const rings = (v.rings ??= [])
  rings.push(agentId)
  let n = 0
  for (const a of rings) if (a === agentId) n++
  return `${v.contactId}/offer/${agentId}/${n}`
}

export interface VisitEventBase {
  tenant: string; instance: string; raw?: string
  /** The events' `source` (`asterisk-ami` or `asterisk-queuelog`), one object shared by all of them (they are never mutated). */
  source: { kind: 'asterisk-ami' | 'asterisk-queuelog'; instance: string }
}

/** A contact event of a visit, its id from the visit's contactId and the fact. */
export function visitEvent(
  b: VisitEventBase, v: AsteriskVisit, fact: string, type: CanonicalEvent['type'], time: number,
  data: Record<string, unknown>, agentId?: string,
): CanonicalEvent {
  // Built field by field (no spreads): adapters make hundreds of thousands of these a second.
  const e: Record<string, unknown> = {
    id: idsFor(b.instance).idOfPath(v.contactId, fact, type), type, time, tenant: b.tenant,
    source: b.source,
    interactionId: v.interactionId, contactId: v.contactId, queueId: v.queueId, channel: 'voice',
  }
  if (agentId) e.agentId = agentId
  e.data = data
  if (b.raw !== undefined) e.raw = b.raw
  return e as unknown as CanonicalEvent
}

/**
 * An agent's status, keyed by agent + whole second + status + reason (not the queue: Asterisk
 * repeats a pause for every queue the member is in, and queue_log's PAUSEALL has queue NONE).
 */
export function statusEvent(
  b: VisitEventBase, agentId: string, time: number, status: 'available' | 'aux' | 'offline', reasonCode: string | undefined,
  origin: 'agent' | 'supervisor' | 'system',
): CanonicalEvent {
  const data: Record<string, unknown> = { status }
  if (reasonCode) data.reasonCode = reasonCode
  data.origin = origin
  return agentEvent(b, `${agentId}/${Math.floor(time / 1000)}/${status}/${reasonCode ?? ''}`, 'agent.status_changed', time, agentId, data)
}

/** An agent event (status or activity) with its id from `key`; built field by field, as visitEvent. */
export function agentEvent(
  b: VisitEventBase, key: string, type: 'agent.status_changed' | 'agent.activity_changed', time: number, agentId: string, data: Record<string, unknown>,
): CanonicalEvent {
  const e: Record<string, unknown> = { id: asteriskEventId(b.instance, key, type), type, time, tenant: b.tenant, source: b.source, agentId, data }
  if (b.raw !== undefined) e.raw = b.raw
  return e as unknown as CanonicalEvent
}
