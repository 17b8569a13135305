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
import { naturalEventId, type CanonicalEvent } from '@agner/events'

export interface AsteriskVisit {
  contactId: string
  /** The caller channel's Uniqueid (queue_log callid). */
  callId: string
  interactionId: string
  queueId: string
  enteredAt: number
  /** Rings per agent so far (the n of `offer/<agent>/<n>`). */
  rings: Map<string, number>
  /** Offers ringing now: agent → when it started and its offer id. */
  ringing: Map<string, { offerId: string; at: number }>
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
const MAX_ENTRIES = 200_000

export class AsteriskCallBook {
  private readonly open = new Map<string, AsteriskVisit>()
  /** `${callId}@${queue}` → times entered (so a re-entry gets `#2`); bounded. */
  private readonly entries = new Map<string, number>()

  get size(): number { return this.open.size }
  visits(): IterableIterator<AsteriskVisit> { return this.open.values() }
  get(callId: string): AsteriskVisit | undefined { return this.open.get(callId) }

  /** A caller entered a queue. */
  enter(callId: string, queueId: string, at: number, interactionId = callId): AsteriskVisit {
    const k = `${callId}@${queueId}`
    const n = (this.entries.get(k) ?? 0) + 1
    this.entries.delete(k)
    this.entries.set(k, n)
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string)
    const v = newVisit(n === 1 ? k : `${k}#${n}`, callId, interactionId, queueId, at)
    this.open.set(callId, v)
    if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value as string)
    return v
  }

  /** The open visit of this call, or one rebuilt from what a line says (an adapter started mid-call). */
  visitOf(callId: string, queueId: string, enteredAt: number, interactionId = callId): AsteriskVisit {
    const v = this.open.get(callId)
    if (v) return v
    const k = `${callId}@${queueId}`
    if (!this.entries.has(k)) this.entries.set(k, 1)
    const n = this.entries.get(k) ?? 1
    const rebuilt = newVisit(n === 1 ? k : `${k}#${n}`, callId, interactionId, queueId, enteredAt)
    this.open.set(callId, rebuilt)
    return rebuilt
  }

  close(callId: string): void { this.open.delete(callId) }
  clear(): void { this.open.clear() }
}

function newVisit(contactId: string, callId: string, interactionId: string, queueId: string, at: number): AsteriskVisit {
  return { contactId, callId, interactionId, queueId, enteredAt: at, rings: new Map(), ringing: new Map(), holdMs: 0, holdCount: 0, dequeued: false }
}

/** The id both Asterisk sources give one fact. */
export function asteriskEventId(instance: string, key: string, type: string): string {
  return naturalEventId('asterisk', instance, key, type)
}

/** The n-th ring of an agent for a visit: its offer id (shared by AMI and queue_log). */
export function nextRing(v: AsteriskVisit, agentId: string): string {
  const n = (v.rings.get(agentId) ?? 0) + 1
  v.rings.set(agentId, n)
  return `${v.contactId}/offer/${agentId}/${n}`
}

export interface VisitEventBase { tenant: string; instance: string; kind: 'asterisk-ami' | 'asterisk-queuelog'; raw?: string }

/** A contact event of a visit, its id from the visit's contactId and the fact. */
export function visitEvent(
  b: VisitEventBase, v: AsteriskVisit, fact: string, type: CanonicalEvent['type'], time: number,
  data: Record<string, unknown>, agentId?: string,
): CanonicalEvent {
  return {
    id: asteriskEventId(b.instance, `${v.contactId}/${fact}`, type), type, time, tenant: b.tenant,
    source: { kind: b.kind, instance: b.instance },
    interactionId: v.interactionId, contactId: v.contactId, queueId: v.queueId, channel: 'voice',
    ...(agentId ? { agentId } : {}), data, ...(b.raw !== undefined ? { raw: b.raw } : {}),
  } as CanonicalEvent
}

/**
 * An agent's status, keyed by agent + whole second + status + reason (not the queue: Asterisk
 * repeats a pause for every queue the member is in, and queue_log's PAUSEALL has queue NONE).
 */
export function statusEvent(
  b: VisitEventBase, agentId: string, time: number, status: 'available' | 'aux' | 'offline', reasonCode: string | undefined,
  origin: 'agent' | 'supervisor' | 'system',
): CanonicalEvent {
  const key = `${agentId}/${Math.floor(time / 1000)}/${status}/${reasonCode ?? ''}`
  return {
    id: asteriskEventId(b.instance, key, 'agent.status_changed'), type: 'agent.status_changed', time, tenant: b.tenant,
    source: { kind: b.kind, instance: b.instance }, agentId,
    data: { status, ...(reasonCode ? { reasonCode } : {}), origin },
    ...(b.raw !== undefined ? { raw: b.raw } : {}),
  } as CanonicalEvent
}
