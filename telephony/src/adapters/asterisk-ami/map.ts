/**
 * AMI events → canonical events (reference §1.3, mapping table §4.4), Asterisk 12+ names and the
 * pre-12 ones (`Join` / `Leave` / `QueueMemberPaused`, `Location`). Pure: messages in, events out;
 * the clock comes in as arguments (`Timestamp:` header when `timestampevents = yes`, else the
 * arrival time). Contact ids and event ids come from the shared Asterisk call book, so a call seen
 * through AMI and then read from queue_log is stored once.
 *
 * What AMI cannot say: why a caller left without an answer or an abandon (only `QueueCallerLeave`).
 * Asterisk emits that leave before `AgentConnect`, so a leave waits `leaveGraceMs` for a connect or
 * an abandon; then it is a `timeout` — or, when this PBX's queue_log feeds Agner too
 * (`outcomesFromQueueLog`), nothing: queue_log's exact verb (EXITWITHKEY, EXITEMPTY…) is the outcome.
 */
import type { CanonicalEvent } from '@agner/events'
import { agentEvent, AsteriskCallBook, nextRing, ringingAgents, ringStarted, ringTaken, statusEvent, visitEvent, type AsteriskIdOptions, type AsteriskVisit, type VisitEventBase } from '../asterisk-common/call-book.ts'
import type { AmiMessage } from './frames.ts'

export interface AmiMapperOptions extends AsteriskIdOptions {
  /** Which member field names an agent: `MemberName` (default) or `Interface` (as queue_log logs it without log_membername_as_agent). */
  agentField?: 'MemberName' | 'Interface'
  /** queue_log of this PBX feeds Agner too: it decides outcomes AMI cannot see. */
  outcomesFromQueueLog?: boolean
  /** The queue's ring time per offer, for `ringTimeoutMs` (queues.conf `timeout`, default 15 s). */
  ringTimeoutMs?: (queueId: string) => number
  leaveGraceMs?: number
}

/** Events that need nothing from us (we follow queues, not every channel). */
const KNOWN_NOOP = new Set([
  'Newchannel', 'Hangup', 'HangupRequest', 'SoftHangupRequest', 'Newstate', 'NewCallerid', 'NewConnectedLine', 'NewAccountCode',
  'BridgeCreate', 'BridgeDestroy', 'BridgeEnter', 'BridgeLeave', 'BridgeMerge', 'DialBegin', 'DialEnd', 'DialState', 'DeviceStateChange',
  'QueueParams', 'QueueStatusComplete', 'QueueMemberPenalty', 'QueueMemberRinginuse', 'VarSet', 'Newexten', 'FullyBooted', 'SuccessfulAuth',
  'LocalBridge', 'LocalOptimizationBegin', 'LocalOptimizationEnd', 'MusicOnHoldStart', 'MusicOnHoldStop', 'Cdr', 'Cel', 'RTCPSent', 'RTCPReceived',
  'ChallengeSent', 'ExtensionStatus', 'PeerStatus', 'ContactStatus', 'Registry', 'Reload', 'AgentDump', 'Shutdown',
])

/** A leave waiting for its connect or abandon: `at` is the event's time, `seenAt` when it arrived (the grace counts in arrival time). */
interface PendingLeave { callId: string; at: number; seenAt: number; position: number }
type Activity = 'idle' | 'offered' | 'on_contact' | 'on_hold' | 'wrap_up'

export class AmiMapper {
  readonly unknownEvents = new Map<string, number>()
  /** Agner agent id → the member's interface and queues, learnt from member events (for QueuePause). */
  readonly members = new Map<string, { iface: string; queues: Set<string> }>()
  private readonly book = new AsteriskCallBook()
  private readonly byLinkedid = new Map<string, string>()
  private readonly leaves = new Map<string, PendingLeave>()
  private readonly activityOf = new Map<string, Activity>()
  private readonly queuesOf = new Map<string, Set<string>>()
  private resyncSeen: Set<string> | undefined
  private readonly tenant: string
  private lastArrival = 0
  /** The fields every event of a message shares: one object, its raw text set message by message (events copy it). */
  private readonly shared: VisitEventBase
  /** The same for events no message carries (a leave settled after its grace). */
  private readonly sharedNoRaw: VisitEventBase
  constructor(private readonly o: AmiMapperOptions) {
    this.tenant = o.tenant ?? 'default'
    const source = { kind: 'asterisk-ami' as const, instance: o.instance }
    this.shared = { tenant: this.tenant, instance: o.instance, raw: '', source }
    this.sharedNoRaw = { tenant: this.tenant, instance: o.instance, source }
  }

  get openVisits(): number { return this.book.size }

  /** The time an event happened: its `Timestamp:` (epoch s with µs) or when it arrived. */
  static timeOf(m: AmiMessage, receivedAt: number): number {
    const ts = Number(m.headers.Timestamp)
    return Number.isFinite(ts) && ts > 1e9 ? Math.round(ts * 1000) : receivedAt
  }

  map(m: AmiMessage, receivedAt: number): CanonicalEvent[] {
    const h = m.headers
    let t = AmiMapper.timeOf(m, receivedAt)
    // Events without a Timestamp that arrive in one read would share a millisecond, and an agent's
    // "offered" and "on contact" would then be ordered by id: the later event is made 1 ms later
    // (never more than a second ahead of the clock), so states follow the order Asterisk sent.
    if (h.Timestamp === undefined) {
      if (t <= this.lastArrival && this.lastArrival - receivedAt < 1000) t = this.lastArrival + 1
      this.lastArrival = t
    }
    const out = this.due(receivedAt)
    const b = this.shared
    b.raw = m.raw
    const name = h.Event ?? ''
    switch (name) {
      case 'QueueCallerJoin': case 'Join': {
        const queueId = this.queue(h.Queue)
        const v = this.book.enter(h.Uniqueid ?? '', queueId, t, h.Linkedid || h.Uniqueid)
        this.link(v)
        const ani = h.CallerIDNum && h.CallerIDNum !== '<unknown>' ? h.CallerIDNum : ''
        out.push(
          visitEvent(b, v, 'created', 'contact.created', t, { direction: 'inbound', initiation: 'inbound', ...(ani ? { ani } : {}) }),
          visitEvent(b, v, 'queued', 'contact.queued', t, { priority: 0, position: Math.max(1, int(h.Position) || 1) }),
        )
        break
      }
      case 'AgentCalled': {
        const v = this.visit(h, t)
        const agentId = this.agentOf(h)
        const offerId = nextRing(v, agentId)
        ringStarted(v, agentId, offerId, t)
        out.push(visitEvent(b, v, offerId.slice(v.contactId.length + 1), 'contact.offered', t, { offerId, agentId, ringTimeoutMs: this.o.ringTimeoutMs?.(v.queueId) ?? 15_000 }, agentId))
        out.push(...this.activity(b, agentId, 'offered', t, v.contactId))
        break
      }
      case 'AgentRingNoAnswer': {
        const v = this.visit(h, t)
        const agentId = this.agentOf(h)
        out.push(...this.endRing(b, v, agentId, t, 'timeout', int(h.RingTime)))
        out.push(...this.activity(b, agentId, 'idle', t))
        break
      }
      case 'AgentConnect': {
        const waitMs = int(h.HoldTime) * 1000
        const v = this.visit(h, t, waitMs)
        const agentId = this.agentOf(h)
        this.leaves.delete(v.callId)
        ringTaken(v, agentId)
        for (const other of ringingAgents(v)) out.push(...this.endRing(b, v, other, t, 'canceled'), ...this.activity(b, other, 'idle', t))
        v.agentId = agentId
        v.connectedAt = t
        v.dequeued = true
        out.push(
          visitEvent(b, v, 'dequeued', 'contact.dequeued', t, { waitMs, outcome: 'answered' }),
          visitEvent(b, v, 'connected', 'contact.connected', t, { agentId, waitMs, ringMs: int(h.RingTime) * 1000 }, agentId),
          ...this.activity(b, agentId, 'on_contact', t, v.contactId),
        )
        break
      }
      case 'AgentComplete': {
        const v = this.visit(h, t, int(h.HoldTime) * 1000)
        const agentId = this.agentOf(h)
        if (v.heldAt !== undefined) { v.holdMs += Math.max(0, t - v.heldAt); v.heldAt = undefined }
        const endedBy = h.Reason === 'agent' ? 'agent' : h.Reason === 'transfer' ? 'transfer' : 'customer'
        const wrap = this.o.wrapUpMs?.(v.queueId) ?? 0
        this.forget(v)
        out.push(
          visitEvent(b, v, 'ended', 'contact.ended', t, { endedBy, talkMs: int(h.TalkTime) * 1000, holdMs: v.holdMs, holdCount: v.holdCount }, agentId),
          visitEvent(b, v, 'wrapup', 'contact.wrapup_ended', t + wrap, { durationMs: wrap }, agentId),
          ...this.activity(b, agentId, wrap > 0 ? 'wrap_up' : 'idle', t, wrap > 0 ? v.contactId : undefined),
        )
        break
      }
      case 'QueueCallerAbandon': {
        const waitMs = int(h.HoldTime) * 1000
        const v = this.visit(h, t, waitMs)
        this.leaves.delete(v.callId)
        for (const agent of ringingAgents(v)) out.push(...this.endRing(b, v, agent, t, 'canceled'), ...this.activity(b, agent, 'idle', t))
        const position = int(h.Position)
        this.forget(v)
        out.push(
          visitEvent(b, v, 'dequeued', 'contact.dequeued', t, { waitMs, outcome: 'abandoned', ...(position > 0 ? { position } : {}) }),
          visitEvent(b, v, 'ended', 'contact.ended', t, { endedBy: 'customer', talkMs: 0, holdMs: 0, holdCount: 0 }),
        )
        break
      }
      case 'QueueCallerLeave': case 'Leave': {
        const v = this.book.get(h.Uniqueid ?? '')
        // Kept in arrival order (a repeated leave moves to the end), so `due` stops at the first not yet due.
        if (v && !v.dequeued) { this.leaves.delete(v.callId); this.leaves.set(v.callId, { callId: v.callId, at: t, seenAt: receivedAt, position: int(h.Position) }) }
        break
      }
      case 'Hold': case 'Unhold': {
        const v = this.byChannel(h)
        if (!v || v.connectedAt === undefined) break
        if (name === 'Hold' && v.heldAt === undefined) {
          v.heldAt = t
          v.holdCount++
          out.push(visitEvent(b, v, `hold/${v.holdCount}`, 'contact.held', t, {}, v.agentId))
          if (v.agentId) out.push(...this.activity(b, v.agentId, 'on_hold', t, v.contactId))
        } else if (name === 'Unhold' && v.heldAt !== undefined) {
          v.holdMs += Math.max(0, t - v.heldAt)
          v.heldAt = undefined
          out.push(visitEvent(b, v, `hold/${v.holdCount}`, 'contact.resumed', t, {}, v.agentId))
          if (v.agentId) out.push(...this.activity(b, v.agentId, 'on_contact', t, v.contactId))
        }
        break
      }
      case 'BlindTransfer': case 'AttendedTransfer': {
        const v = this.byChannel(h, ['Transferee', 'OrigTransferer', 'Transferer', 'SecondTransferer'])
        if (!v) break
        const blind = name === 'BlindTransfer'
        const target = blind ? `${h.Extension ?? ''}@${h.Context ?? ''}`
          : (h.TransferTargetCallerIDNum || h.SecondTransfererExten || h.DestApp || h.DestBridgeUniqueid || 'unknown')
        out.push(visitEvent(b, v, 'transferred', 'contact.transferred', t, { mode: blind ? 'blind' : 'attended', target: target.slice(0, 200) }, v.agentId))
        break
      }
      case 'QueueMemberPause': case 'QueueMemberPaused': {
        const agentId = this.agentOf(h)
        const reason = h.PausedReason ?? h.Reason ?? ''
        out.push(h.Paused === '1' || h.Paused === 'true'
          ? statusEvent(b, agentId, t, 'aux', reason || 'pause', 'agent')
          : statusEvent(b, agentId, t, 'available', undefined, 'agent'))
        break
      }
      case 'QueueMemberAdded': case 'QueueMember': {
        const agentId = this.agentOf(h)
        const first = this.join(agentId, h.Queue)
        const paused = h.Paused === '1'
        if (first || name === 'QueueMember') out.push(statusEvent(b, agentId, t, paused ? 'aux' : 'available', paused ? (h.PausedReason || h.Reason || 'pause') : undefined, name === 'QueueMember' ? 'system' : 'agent'))
        out.push(...this.deviceActivity(b, agentId, h, t))
        break
      }
      case 'QueueMemberRemoved': {
        const agentId = this.agentOf(h)
        if (this.part(agentId, h.Queue)) out.push(statusEvent(b, agentId, t, 'offline', undefined, 'agent'))
        break
      }
      case 'QueueMemberStatus': out.push(...this.deviceActivity(b, this.agentOf(h), h, t)); break
      case 'AgentLogin': out.push(statusEvent(b, this.agent(h.Agent ?? ''), t, 'available', undefined, 'agent')); break
      case 'AgentLogoff': out.push(statusEvent(b, this.agent(h.Agent ?? ''), t, 'offline', undefined, 'agent')); break
      case 'QueueEntry': {
        const uid = h.Uniqueid ?? ''
        this.resyncSeen?.add(uid)
        if (!uid || this.book.get(uid)) break
        const queueId = this.queue(h.Queue)
        const v = this.book.enter(uid, queueId, t - int(h.Wait) * 1000, uid)
        this.link(v)
        const ani = h.CallerIDNum && h.CallerIDNum !== '<unknown>' ? h.CallerIDNum : ''
        out.push(
          visitEvent(b, v, 'created', 'contact.created', v.enteredAt, { direction: 'inbound', initiation: 'inbound', ...(ani ? { ani } : {}) }),
          visitEvent(b, v, 'queued', 'contact.queued', v.enteredAt, { priority: Math.max(0, Math.min(1000, int(h.Priority))), position: Math.max(1, int(h.Position) || 1) }),
        )
        break
      }
      default:
        if (!name || KNOWN_NOOP.has(name) || name.startsWith('Queue') && name.endsWith('Complete')) break
        this.unknownEvents.set(name, (this.unknownEvents.get(name) ?? 0) + 1)
    }
    return out
  }

  /** A reconnect: the `QueueStatus` answer that follows says who is still waiting. */
  beginResync(): void { this.resyncSeen = new Set() }

  /** `QueueStatusComplete` arrived: callers we thought were waiting and Asterisk no longer has left while we were away. */
  endResync(now: number): CanonicalEvent[] {
    const seen = this.resyncSeen
    this.resyncSeen = undefined
    if (!seen) return []
    const out: CanonicalEvent[] = []
    for (const v of [...this.book.visits()]) {
      if (v.dequeued || seen.has(v.callId)) continue
      out.push(...this.settleLeave(v, now, 0, 'it left while Agner was disconnected from AMI'))
    }
    return out
  }

  /** Leaves whose grace has passed, by arrival time (call about once a second; `Infinity` at the end of a capture). */
  tick(now: number): CanonicalEvent[] { return this.due(now) }

  private due(now: number): CanonicalEvent[] {
    if (this.leaves.size === 0) return []
    const grace = this.o.leaveGraceMs ?? 2000
    const out: CanonicalEvent[] = []
    // In arrival order: the first leave still in its grace ends the pass (a pass per event stays
    // O(due), not O(pending), when a capture is replayed faster than the grace).
    for (const p of this.leaves.values()) {
      if (now - p.seenAt < grace) break
      this.leaves.delete(p.callId)
      const v = this.book.get(p.callId)
      if (v && !v.dequeued) out.push(...this.settleLeave(v, p.at, p.position))
    }
    return out
  }

  /** A caller left unanswered for a reason AMI does not give. */
  private settleLeave(v: AsteriskVisit, at: number, position: number, why?: string): CanonicalEvent[] {
    this.forget(v)
    if (this.o.outcomesFromQueueLog) return []
    const b = this.sharedNoRaw
    const out: CanonicalEvent[] = []
    for (const agent of ringingAgents(v)) out.push(...this.endRing(b, v, agent, at, 'canceled'))
    const waitMs = Math.max(0, at - v.enteredAt)
    out.push(
      visitEvent(b, v, 'dequeued', 'contact.dequeued', at, why ? { waitMs, outcome: 'error', reason: why } : { waitMs, outcome: 'timeout', ...(position > 0 ? { position } : {}) }),
      visitEvent(b, v, 'ended', 'contact.ended', at, { endedBy: why ? 'system' : 'customer', talkMs: 0, holdMs: 0, holdCount: 0, ...(why ? { reason: why } : {}) }),
    )
    return out
  }

  private endRing(b: VisitEventBase, v: AsteriskVisit, agentId: string, t: number, outcome: 'timeout' | 'canceled', ringMs?: number): CanonicalEvent[] {
    const r = ringTaken(v, agentId)
    const offerId = r?.offerId ?? nextRing(v, agentId)
    const ms = ringMs ?? (r ? Math.max(0, t - r.at) : 0)
    const fact = offerId.slice(v.contactId.length + 1)
    const out: CanonicalEvent[] = []
    if (!r) out.push(visitEvent(b, v, fact, 'contact.offered', t - ms, { offerId, agentId, ringTimeoutMs: ms }, agentId))
    out.push(visitEvent(b, v, fact, 'contact.offer_ended', t, { offerId, agentId, ringMs: ms, outcome }, agentId))
    return out
  }

  /** Member device state (`Status` 0–8, `InCall`) → what the agent is doing, when it changed. */
  private deviceActivity(b: VisitEventBase, agentId: string, h: Record<string, string>, t: number): CanonicalEvent[] {
    const s = int(h.Status)
    const a: Activity | undefined = s === 1 ? 'idle' : s === 2 || s === 3 ? 'on_contact' : s === 6 || s === 7 ? 'offered' : s === 8 ? 'on_hold' : undefined
    if (!a) return []
    // Asterisk says "not in use" the moment the call ends; a wrap-up we started keeps until its own end.
    if (a === 'idle' && this.activityOf.get(agentId) === 'wrap_up') return []
    return this.activity(b, agentId, a, t)
  }

  private activity(b: VisitEventBase, agentId: string, activity: Activity, t: number, contactId?: string): CanonicalEvent[] {
    if (this.activityOf.get(agentId) === activity && activity !== 'on_contact') return []
    this.activityOf.set(agentId, activity)
    const data: Record<string, unknown> = { activity }
    if (contactId) data.contactId = contactId
    return [agentEvent(b, `${agentId}/activity/${t}/${activity}`, 'agent.activity_changed', t, agentId, data)]
  }

  private visit(h: Record<string, string>, t: number, waitedMs = 0): AsteriskVisit {
    const v = this.book.visitOf(h.Uniqueid ?? '', this.queue(h.Queue), t - waitedMs, h.Linkedid || h.Uniqueid)
    this.link(v)
    return v
  }

  private byChannel(h: Record<string, string>, prefixes: string[] = ['']): AsteriskVisit | undefined {
    for (const p of prefixes) {
      const uid = h[`${p}Uniqueid`]
      const v = uid ? this.book.get(uid) : undefined
      if (v) return v
      const linked = h[`${p}Linkedid`]
      const callId = linked ? this.byLinkedid.get(linked) : undefined
      const w = callId ? this.book.get(callId) : undefined
      if (w) return w
    }
    return undefined
  }

  private link(v: AsteriskVisit): void { if (v.interactionId) this.byLinkedid.set(v.interactionId, v.callId) }
  private forget(v: AsteriskVisit): void {
    this.book.close(v.callId)
    this.leaves.delete(v.callId)
    if (this.byLinkedid.get(v.interactionId) === v.callId) this.byLinkedid.delete(v.interactionId)
  }

  /** Membership per agent: an agent is offline only when removed from its last queue. */
  private join(agentId: string, queue = ''): boolean {
    const s = this.queuesOf.get(agentId) ?? new Set<string>()
    const first = s.size === 0
    s.add(queue)
    this.queuesOf.set(agentId, s)
    return first
  }
  private part(agentId: string, queue = ''): boolean {
    const s = this.queuesOf.get(agentId)
    if (!s) return true
    s.delete(queue)
    return s.size === 0
  }

  private queue(q = ''): string { return this.o.queueId ? this.o.queueId(q) : q }
  private agent(a: string): string { return this.o.agentId ? this.o.agentId(a) : a }
  private agentOf(h: Record<string, string>): string {
    const iface = h.Interface || h.Location || ''
    const name = h.MemberName || h.Name || ''
    const id = this.agent(this.o.agentField === 'Interface' ? (iface || name) : (name || iface))
    if (iface) {
      const m = this.members.get(id) ?? { iface, queues: new Set<string>() }
      m.iface = iface
      if (h.Queue) m.queues.add(h.Queue)
      this.members.set(id, m)
    }
    return id
  }
}

function int(s: string | undefined): number {
  const n = Number(s)
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}
