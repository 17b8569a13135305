/**
 * queue_log lines → canonical events (reference §1.4 and the mapping table §4.4). Pure: the mapper
 * keeps only which visits are open (to close them at a restart and to know a visit's entry time).
 * Ids and contact ids come from the shared Asterisk call book, so the AMI adapter seeing the same
 * call makes the same events and the store keeps them once; re-reading a file makes the same ids.
 *
 * - queue_log has no offer verb: RINGNOANSWER / RINGCANCELED give the offer back (offered at the
 *   line's time minus the ring time, in ms) and its end; CONNECT gives the answered ring (its ring
 *   time in s).
 * - CONNECT holds wait and ring in seconds; COMPLETECALLER / COMPLETEAGENT the talk time in seconds.
 * - Asterisk logs no wrap-up: it ends at contact end unless the queue's wrap-up time is configured.
 * - QUEUESTART / CONFIGRELOAD (Asterisk restarted or reloaded): visits still open are closed with
 *   outcome `error` and the reason, never left waiting for ever or counted as answered.
 * - Unknown and custom verbs (VICIdial, QueueMetrics) are counted, never fatal.
 */
import type { CanonicalEvent } from '@agner/events'
import { AsteriskCallBook, nextRing, statusEvent, visitEvent, type AsteriskIdOptions, type AsteriskVisit, type VisitEventBase } from '../asterisk-common/call-book.ts'
import type { QueueLogLine } from './parse-line.ts'

export type QueueLogMapperOptions = AsteriskIdOptions

const KNOWN_NOOP = new Set(['AGENTDUMP', 'SYSCOMPAT', 'PENALTY', 'RINGINUSE', 'DID', 'INFO'])

export class QueueLogMapper {
  /** Verbs this mapper does not know (custom ones included), with how often they were seen. */
  readonly unknownVerbs = new Map<string, number>()
  private readonly book = new AsteriskCallBook()
  private readonly queuesOf = new Map<string, Set<string>>()
  private readonly tenant: string
  constructor(private readonly o: QueueLogMapperOptions) {
    this.tenant = o.tenant ?? 'default'
    this.shared = { tenant: this.tenant, instance: o.instance, raw: '', source: { kind: 'asterisk-queuelog', instance: o.instance } }
  }

  /** Visits entered and not yet ended. */
  get openVisits(): number { return this.book.size }

  /** One line's events; `text` is the line as read (kept as the events' raw text; rebuilt when absent). */
  map(l: QueueLogLine, text?: string): CanonicalEvent[] {
    const d = l.data
    const b = this.base(l, text)
    switch (l.verb) {
      case 'ENTERQUEUE': {
        const v = this.book.enter(l.callId, this.queue(l.queue), l.time)
        const ani = d[1] ?? ''
        return [
          visitEvent(b, v, 'created', 'contact.created', l.time, ani ? { direction: 'inbound', initiation: 'inbound', ani } : { direction: 'inbound', initiation: 'inbound' }),
          visitEvent(b, v, 'queued', 'contact.queued', l.time, { priority: 0, position: Math.max(1, num(d[2]) || 1) }),
        ]
      }
      case 'RINGNOANSWER': return this.ring(b, l, num(d[0]), 'timeout')
      case 'RINGCANCELED': return this.ring(b, l, num(d[0]), 'canceled')
      case 'CONNECT': {
        const v = this.visitOf(l, num(d[0]) * 1000)
        const agentId = this.agent(l.agent)
        const ringMs = num(d[2]) * 1000
        const offerId = nextRing(v, agentId)
        v.agentId = agentId
        v.connectedAt = l.time
        v.dequeued = true
        return [
          visitEvent(b, v, offerId.slice(v.contactId.length + 1), 'contact.offered', l.time - ringMs, { offerId, agentId, ringTimeoutMs: ringMs }, agentId),
          visitEvent(b, v, 'dequeued', 'contact.dequeued', l.time, { waitMs: num(d[0]) * 1000, outcome: 'answered' }),
          visitEvent(b, v, 'connected', 'contact.connected', l.time, { agentId, waitMs: num(d[0]) * 1000, ringMs }, agentId),
        ]
      }
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT': {
        const v = this.visitOf(l, num(d[0]) * 1000)
        this.book.close(l.callId)
        return this.end(b, l, v, l.verb === 'COMPLETECALLER' ? 'customer' : 'agent', num(d[1]) * 1000)
      }
      case 'ABANDON': return this.leave(b, l, 'abandoned', num(d[2]), num(d[0]))
      case 'EXITWITHTIMEOUT': return this.leave(b, l, 'timeout', num(d[2]), num(d[0]))
      case 'EXITEMPTY': return this.leave(b, l, 'no_agents', num(d[2]), num(d[0]))
      case 'EXITWITHKEY': return this.leave(b, l, 'caller_exit', num(d[3]), num(d[1]), d[0] ?? '')
      case 'WITHDRAW': return this.leave(b, l, 'caller_exit', num(d[2]), num(d[0]))
      case 'BLINDTRANSFER':
      case 'ATTENDEDTRANSFER': {
        const v = this.visitOf(l, 0)
        this.book.close(l.callId)
        const blind = l.verb === 'BLINDTRANSFER'
        const target = blind ? `${d[0] ?? ''}@${d[1] ?? ''}` : (d[1] || d[0] || 'unknown')
        const agentId = this.agent(l.agent)
        const talkMs = (blind ? num(d[3]) : num(d[d.length - 2])) * 1000
        return [
          visitEvent(b, v, 'transferred', 'contact.transferred', l.time, { mode: blind ? 'blind' : 'attended', target }, agentId),
          ...this.end(b, l, v, 'transfer', talkMs),
        ]
      }
      case 'PAUSE': case 'PAUSEALL': return this.status(b, l, 'aux', d[0] || 'pause')
      case 'UNPAUSE': case 'UNPAUSEALL': return this.status(b, l, 'available')
      case 'ADDMEMBER': return this.membership(l, true) ? this.status(b, l, d[0] === 'PAUSED' ? 'aux' : 'available', d[0] === 'PAUSED' ? 'pause' : undefined) : []
      case 'REMOVEMEMBER': return this.membership(l, false) ? this.status(b, l, 'offline') : []
      case 'AGENTLOGOFF': return this.status(b, l, 'offline')
      case 'AGENTLOGIN': return this.status(b, l, 'available')
      case 'QUEUESTART': case 'CONFIGRELOAD': return this.closeAll(b, l)
      default:
        if (KNOWN_NOOP.has(l.verb)) return []
        this.unknownVerbs.set(l.verb, (this.unknownVerbs.get(l.verb) ?? 0) + 1)
        return []
    }
  }

  /** Membership per agent: first queue joined → available; last queue left → offline. */
  private membership(l: QueueLogLine, add: boolean): boolean {
    const s = this.queuesOf.get(l.agent) ?? new Set<string>()
    this.queuesOf.set(l.agent, s)
    if (add) { const first = s.size === 0; s.add(l.queue); return first }
    s.delete(l.queue)
    return s.size === 0
  }

  private queue(q: string): string { return this.o.queueId ? this.o.queueId(q) : q }
  private agent(a: string): string { return this.o.agentId ? this.o.agentId(a) : a }
  /**
   * The fields every event of a line shares. One object reused line after line (the events copy
   * what they need from it as they are made, and keep none of it): an import maps hundreds of
   * thousands of lines a second.
   */
  private readonly shared: VisitEventBase
  private base(l: QueueLogLine, text?: string): VisitEventBase {
    this.shared.raw = text ?? lineText(l)
    return this.shared
  }
  private visitOf(l: QueueLogLine, waitedMs: number): AsteriskVisit { return this.book.visitOf(l.callId, this.queue(l.queue), l.time - waitedMs) }

  private ring(b: VisitEventBase, l: QueueLogLine, ringMs: number, outcome: 'timeout' | 'canceled'): CanonicalEvent[] {
    const v = this.visitOf(l, 0)
    const agentId = this.agent(l.agent)
    const offerId = nextRing(v, agentId)
    const fact = offerId.slice(v.contactId.length + 1)
    return [
      visitEvent(b, v, fact, 'contact.offered', l.time - ringMs, { offerId, agentId, ringTimeoutMs: ringMs }, agentId),
      visitEvent(b, v, fact, 'contact.offer_ended', l.time, { offerId, agentId, ringMs, outcome }, agentId),
    ]
  }

  private leave(b: VisitEventBase, l: QueueLogLine, outcome: 'abandoned' | 'timeout' | 'no_agents' | 'caller_exit', waitSec: number, position: number, key?: string): CanonicalEvent[] {
    const v = this.visitOf(l, waitSec * 1000)
    this.book.close(l.callId)
    const out: CanonicalEvent[] = []
    if (key) out.push(visitEvent(b, v, 'exit-key', 'contact.ivr_step', l.time, { node: 'queue-exit-key', input: key }))
    out.push(visitEvent(b, v, 'dequeued', 'contact.dequeued', l.time, (position > 0 ? { waitMs: waitSec * 1000, outcome, position } : { waitMs: waitSec * 1000, outcome })))
    out.push(visitEvent(b, v, 'ended', 'contact.ended', l.time, { endedBy: 'customer', talkMs: 0, holdMs: 0, holdCount: 0 }))
    return out
  }

  private end(b: VisitEventBase, l: QueueLogLine, v: AsteriskVisit, endedBy: 'customer' | 'agent' | 'transfer', talkMs: number): CanonicalEvent[] {
    const agentId = this.agent(l.agent)
    const wrap = this.o.wrapUpMs?.(v.queueId) ?? 0
    return [
      visitEvent(b, v, 'ended', 'contact.ended', l.time, { endedBy, talkMs, holdMs: 0, holdCount: 0 }, agentId),
      visitEvent(b, v, 'wrapup', 'contact.wrapup_ended', l.time + wrap, { durationMs: wrap }, agentId),
    ]
  }

  private status(b: VisitEventBase, l: QueueLogLine, status: 'available' | 'aux' | 'offline', reasonCode?: string): CanonicalEvent[] {
    if (l.agent === 'NONE' || l.agent === '') return []
    const origin = l.callId === 'MANAGER' || l.callId === 'CLI' ? 'supervisor' : 'agent'
    return [statusEvent(b, this.agent(l.agent), l.time, status, reasonCode, origin)]
  }

  /** Asterisk restarted: whatever was open is closed, labelled, at the restart's time. */
  private closeAll(b: VisitEventBase, l: QueueLogLine): CanonicalEvent[] {
    const out: CanonicalEvent[] = []
    const reason = `Asterisk logged ${l.verb} while the call was open`
    for (const v of this.book.visits()) {
      const at = Math.max(l.time, v.enteredAt)
      if (!v.dequeued) out.push(visitEvent(b, v, 'dequeued', 'contact.dequeued', at, { waitMs: at - v.enteredAt, outcome: 'error', reason }))
      out.push(visitEvent(b, v, 'ended', 'contact.ended', at, { endedBy: 'system', talkMs: v.connectedAt !== undefined ? Math.max(0, at - v.connectedAt) : 0, holdMs: 0, holdCount: 0, reason }, v.agentId))
    }
    this.book.clear()
    return out
  }
}

/** A data field as a non-negative number (0 when absent or not one). */
function num(field: string | undefined): number {
  const v = Number(field)
  return Number.isFinite(v) && v >= 0 ? v : 0
}

function lineText(l: QueueLogLine): string {
  return [String(Math.floor(l.time / 1000)), l.callId, l.queue, l.agent, l.verb, ...l.data].join('|')
}
