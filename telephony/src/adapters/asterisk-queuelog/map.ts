/**
 * queue_log lines → canonical events (reference §1.4 and the mapping table §4.4). Pure: the mapper
 * keeps only which visits are open (to close them at a restart and to know a visit's entry time),
 * and every event id is UUIDv5 of source instance + native key + type, so re-reading a file makes
 * the same ids and the store drops the duplicates.
 *
 * - contactId is the caller's Uniqueid + the queue-entry time (a channel re-entering a queue keeps
 *   its Uniqueid); interactionId is the Uniqueid.
 * - queue_log has no offer verb: RINGNOANSWER / RINGCANCELED give the offer back (offered at the
 *   line's time minus the ring time, in ms) and its end.
 * - CONNECT holds wait and ring in seconds; COMPLETECALLER / COMPLETEAGENT the talk time in seconds.
 * - Asterisk logs no wrap-up: it ends at contact end unless the queue's wrap-up time is configured.
 * - QUEUESTART / CONFIGRELOAD (Asterisk restarted or reloaded): visits still open are closed with
 *   outcome `error` and the reason, never left waiting for ever or counted as answered.
 * - Unknown and custom verbs (VICIdial, QueueMetrics) are counted, never fatal.
 */
import { naturalEventId, type CanonicalEvent } from '@agner/events'
import type { QueueLogLine } from './parse-line.ts'

export interface QueueLogMapperOptions {
  tenant?: string
  /** Which PBX this is (several Asterisk boxes feed one Agner). */
  instance: string
  /** The Agner id of a queue / agent named by the PBX (default: the PBX's name as it is). */
  queueId?: (pbxQueue: string) => string
  agentId?: (pbxAgent: string) => string
  /** Wrap-up time per Agner queue id, ms (queues.conf `wrapuptime`); 0 when absent. */
  wrapUpMs?: (queueId: string) => number
}

interface OpenVisit { contactId: string; queueId: string; enteredAt: number; callId: string }

const SOURCE_KIND = 'asterisk-queuelog'
const NOT_A_CALL = new Set(['NONE', 'MANAGER', 'CLI', 'REALTIME', ''])

export class QueueLogMapper {
  /** Verbs this mapper does not know (custom ones included), with how often they were seen. */
  readonly unknownVerbs = new Map<string, number>()
  private readonly open = new Map<string, OpenVisit>()
  private readonly tenant: string
  constructor(private readonly o: QueueLogMapperOptions) { this.tenant = o.tenant ?? 'default' }

  /** Visits entered and not yet ended. */
  get openVisits(): number { return this.open.size }

  map(l: QueueLogLine): CanonicalEvent[] {
    const d = l.data
    const n = (i: number): number => { const v = Number(d[i]); return Number.isFinite(v) && v >= 0 ? v : 0 }
    switch (l.verb) {
      case 'ENTERQUEUE': return this.enter(l)
      case 'RINGNOANSWER': return this.offer(l, n(0), 'timeout')
      case 'RINGCANCELED': return this.offer(l, n(0), 'canceled')
      case 'CONNECT': {
        const v = this.visitOf(l, n(0) * 1000)
        const agentId = this.agent(l.agent)
        return [
          this.ev(l, v, 'contact.dequeued', l.time, { waitMs: n(0) * 1000, outcome: 'answered' }),
          this.ev(l, v, 'contact.connected', l.time, { agentId, waitMs: n(0) * 1000, ringMs: n(2) * 1000 }, agentId),
        ]
      }
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT': {
        const v = this.visitOf(l, n(0) * 1000)
        this.open.delete(l.callId)
        return this.end(l, v, l.verb === 'COMPLETECALLER' ? 'customer' : 'agent', n(1) * 1000)
      }
      case 'ABANDON': return this.leave(l, 'abandoned', n(2))
      case 'EXITWITHTIMEOUT': return this.leave(l, 'timeout', n(2))
      case 'EXITEMPTY': return this.leave(l, 'no_agents', n(2))
      case 'EXITWITHKEY': return this.leave(l, 'caller_exit', n(3), { key: d[0] ?? '' })
      case 'WITHDRAW': return this.leave(l, 'caller_exit', n(2))
      case 'BLINDTRANSFER':
      case 'ATTENDEDTRANSFER': {
        const v = this.visitOf(l, 0)
        this.open.delete(l.callId)
        const blind = l.verb === 'BLINDTRANSFER'
        const target = blind ? `${d[0] ?? ''}@${d[1] ?? ''}` : (d[1] ?? d[0] ?? '')
        const agentId = this.agent(l.agent)
        const talkMs = (blind ? n(3) : n(d.length - 2)) * 1000
        return [
          this.ev(l, v, 'contact.transferred', l.time, { mode: blind ? 'blind' : 'attended', target }, agentId),
          ...this.end(l, v, 'transfer', talkMs),
        ]
      }
      case 'PAUSE': case 'PAUSEALL': return this.status(l, 'aux', d[0] || 'pause')
      case 'UNPAUSE': case 'UNPAUSEALL': return this.status(l, 'available')
      case 'ADDMEMBER': return this.status(l, d[0] === 'PAUSED' ? 'aux' : 'available', d[0] === 'PAUSED' ? 'pause' : undefined)
      case 'REMOVEMEMBER': case 'AGENTLOGOFF': return this.status(l, 'offline')
      case 'AGENTLOGIN': return this.status(l, 'available')
      case 'QUEUESTART': case 'CONFIGRELOAD': return this.closeAll(l)
      case 'AGENTDUMP': case 'SYSCOMPAT': case 'PENALTY': case 'RINGINUSE': return []
      default:
        this.unknownVerbs.set(l.verb, (this.unknownVerbs.get(l.verb) ?? 0) + 1)
        return []
    }
  }

  private queue(q: string): string { return this.o.queueId ? this.o.queueId(q) : q }
  private agent(a: string): string { return this.o.agentId ? this.o.agentId(a) : a }

  private enter(l: QueueLogLine): CanonicalEvent[] {
    const v: OpenVisit = { contactId: `${l.callId}@${l.time}`, queueId: this.queue(l.queue), enteredAt: l.time, callId: l.callId }
    this.open.set(l.callId, v)
    const ani = l.data[1] ?? ''
    return [
      this.ev(l, v, 'contact.created', l.time, { direction: 'inbound', initiation: 'inbound', ...(ani ? { ani } : {}) }),
      this.ev(l, v, 'contact.queued', l.time, { priority: 0, position: Math.max(1, Number(l.data[2]) || 1) }),
    ]
  }

  /** The open visit of this call, or one reconstructed from the line (an adapter that started mid-call). */
  private visitOf(l: QueueLogLine, waitedMs: number): OpenVisit {
    const known = this.open.get(l.callId)
    if (known) return known
    const enteredAt = l.time - waitedMs
    const v: OpenVisit = { contactId: `${l.callId}@${enteredAt}`, queueId: this.queue(l.queue), enteredAt, callId: l.callId }
    this.open.set(l.callId, v)
    return v
  }

  private offer(l: QueueLogLine, ringMs: number, outcome: 'timeout' | 'canceled'): CanonicalEvent[] {
    const v = this.visitOf(l, 0)
    const agentId = this.agent(l.agent)
    const offerId = `${v.contactId}/${agentId}/${l.time}`
    return [
      this.ev(l, v, 'contact.offered', l.time - ringMs, { offerId, agentId, ringTimeoutMs: ringMs }, agentId, offerId),
      this.ev(l, v, 'contact.offer_ended', l.time, { offerId, agentId, ringMs, outcome }, agentId, offerId),
    ]
  }

  private leave(l: QueueLogLine, outcome: string, waitSec: number, extra: Record<string, string> = {}): CanonicalEvent[] {
    const v = this.visitOf(l, waitSec * 1000)
    this.open.delete(l.callId)
    const position = Number(l.data[outcome === 'caller_exit' && extra.key !== undefined ? 1 : 0])
    const events = [this.ev(l, v, 'contact.dequeued', l.time, { waitMs: waitSec * 1000, outcome, ...(position > 0 ? { position } : {}) })]
    if (extra.key) events.unshift(this.ev(l, v, 'contact.ivr_step', l.time, { node: 'queue-exit-key', input: extra.key }))
    events.push(this.ev(l, v, 'contact.ended', l.time, { endedBy: 'customer', talkMs: 0, holdMs: 0, holdCount: 0 }))
    return events
  }

  private end(l: QueueLogLine, v: OpenVisit, endedBy: 'customer' | 'agent' | 'transfer', talkMs: number): CanonicalEvent[] {
    const agentId = this.agent(l.agent)
    const wrap = this.o.wrapUpMs?.(v.queueId) ?? 0
    return [
      this.ev(l, v, 'contact.ended', l.time, { endedBy, talkMs, holdMs: 0, holdCount: 0 }, agentId),
      this.ev(l, v, 'contact.wrapup_ended', l.time + wrap, { durationMs: wrap }, agentId),
    ]
  }

  private status(l: QueueLogLine, status: 'available' | 'aux' | 'offline', reasonCode?: string): CanonicalEvent[] {
    if (l.agent === 'NONE' || l.agent === '') return []
    const agentId = this.agent(l.agent)
    const key = `${l.agent}/${l.queue}/${l.time}/${l.verb}`
    return [{
      id: naturalEventId(SOURCE_KIND, this.o.instance, key, 'agent.status_changed'), type: 'agent.status_changed', time: l.time, tenant: this.tenant,
      source: { kind: SOURCE_KIND, instance: this.o.instance }, agentId,
      data: { status, ...(reasonCode ? { reasonCode } : {}), origin: l.callId === 'MANAGER' || l.callId === 'CLI' ? 'supervisor' : 'agent' },
      raw: lineText(l),
    } as CanonicalEvent]
  }

  /** Asterisk restarted: whatever was open is closed, labelled, at the restart's time. */
  private closeAll(l: QueueLogLine): CanonicalEvent[] {
    const out: CanonicalEvent[] = []
    for (const v of this.open.values()) {
      const at = Math.max(l.time, v.enteredAt)
      out.push(this.ev(l, v, 'contact.dequeued', at, { waitMs: at - v.enteredAt, outcome: 'error' }, undefined, `closed-by-${l.verb}`))
      out.push(this.ev(l, v, 'contact.ended', at, { endedBy: 'system', talkMs: 0, holdMs: 0, holdCount: 0, reason: `Asterisk logged ${l.verb} while the call was open` }, undefined, `closed-by-${l.verb}`))
    }
    this.open.clear()
    return out
  }

  private ev(l: QueueLogLine, v: OpenVisit, type: CanonicalEvent['type'], time: number, data: Record<string, unknown>, agentId?: string, extraKey = ''): CanonicalEvent {
    const key = `${v.contactId}/${extraKey || l.verb}/${l.time}`
    const callId = NOT_A_CALL.has(v.callId) ? v.contactId : v.callId
    return {
      id: naturalEventId(SOURCE_KIND, this.o.instance, key, type), type, time, tenant: this.tenant,
      source: { kind: SOURCE_KIND, instance: this.o.instance },
      interactionId: callId, contactId: v.contactId, queueId: v.queueId, channel: 'voice', ...(agentId ? { agentId } : {}),
      data, raw: lineText(l),
    } as CanonicalEvent
  }
}

function lineText(l: QueueLogLine): string {
  return [String(Math.floor(l.time / 1000)), l.callId, l.queue, l.agent, l.verb, ...l.data].join('|')
}
