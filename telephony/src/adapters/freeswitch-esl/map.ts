/**
 * FreeSWITCH mod_callcenter (`CUSTOM callcenter::info`, header `CC-Action`) and the channel events
 * it needs (hold, unhold, hangup) → canonical events (reference §2.4, §2.5, §4.4). Pure: flat event
 * headers in (json or plain framing, already decoded), events out.
 *
 * - contactId = `CC-Member-UUID` (the queue membership), interactionId = `CC-Member-Session-UUID`
 *   (the caller's channel); agent = `CC-Agent` (`1000@default`), queue = `CC-Queue`.
 * - every `*-Time` header is epoch seconds; an event's own time is `Event-Date-Timestamp` (µs).
 * - `BREAK_OUT` is a caller hang-up (abandoned) when the event's channel state says the channel is
 *   hanging up or a CHANNEL_HANGUP of that session came first or comes within the grace; otherwise
 *   the caller was taken out of the queue (transferred).
 * - ids: UUIDv5 of ('freeswitch', instance, member uuid + fact, type): a reconnect's resync or a
 *   re-read capture makes the same ids.
 */
import { naturalEventId, type CanonicalEvent } from '@agner/events'

export interface EslMapperOptions {
  tenant?: string
  instance: string
  queueId?: (pbxQueue: string) => string
  agentId?: (pbxAgent: string) => string
  wrapUpMs?: (queueId: string) => number
  breakOutGraceMs?: number
}

interface Visit {
  memberUuid: string; sessionUuid: string; queueId: string; joinedAt: number
  rings: Map<string, number>; ringing: Map<string, { offerId: string; at: number }>
  agentId?: string; agentUuid?: string; answeredAt?: number; heldAt?: number; holdMs: number; holdCount: number; dequeued: boolean
}
type Activity = 'idle' | 'offered' | 'on_contact' | 'on_hold' | 'wrap_up'

const HANGING_UP = /^(CS_HANGUP|CS_REPORTING|CS_DESTROY|hangup|HANGUP)$/
const KNOWN_NOOP = new Set(['members-count', 'agent-add', 'agent-del', 'agent-contact-change', 'agent-type-change', 'queue-load', 'queue-unload', 'queue-reload'])
const MAX_OPEN = 200_000

export class EslMapper {
  readonly unknownEvents = new Map<string, number>()
  /** Agents mod_callcenter has told about (their status can be set back there). */
  readonly agents = new Set<string>()
  private readonly open = new Map<string, Visit>()
  private readonly bySession = new Map<string, string>()
  private readonly hungUp = new Map<string, number>()
  /** Break-outs waiting for a hang-up: `at` is the event's time, `seenAt` when it arrived (the grace counts in arrival time). */
  private readonly breakOuts = new Map<string, { at: number; seenAt: number; waitMs: number }>()
  private readonly activityOf = new Map<string, Activity>()
  private readonly tenant: string
  constructor(private readonly o: EslMapperOptions) { this.tenant = o.tenant ?? 'default' }

  get openVisits(): number { return this.open.size }

  static timeOf(h: Record<string, string>, receivedAt: number): number {
    const us = Number(h['Event-Date-Timestamp'])
    return Number.isFinite(us) && us > 1e15 ? Math.round(us / 1000) : receivedAt
  }

  map(h: Record<string, string>, receivedAt: number): CanonicalEvent[] {
    const t = EslMapper.timeOf(h, receivedAt)
    const out = this.due(receivedAt)
    const name = h['Event-Name'] ?? ''
    if (name === 'CHANNEL_HANGUP' || name === 'CHANNEL_HANGUP_COMPLETE') { this.hangup(h['Unique-ID'] ?? '', t, out); return out }
    if (name === 'CHANNEL_HOLD' || name === 'CHANNEL_UNHOLD') { this.hold(h, t, name === 'CHANNEL_HOLD', out); return out }
    if (name !== 'CUSTOM' || h['Event-Subclass'] !== 'callcenter::info') {
      if (name && !['HEARTBEAT', 'RE_SCHEDULE', 'API', 'BACKGROUND_JOB', 'CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE', 'CHANNEL_DESTROY', 'CHANNEL_STATE', 'CHANNEL_CALLSTATE'].includes(name)) this.count(name)
      return out
    }
    const action = h['CC-Action'] ?? ''
    const raw = JSON.stringify(h)
    const sec = (k: string): number | undefined => { const v = Number(h[k]); return Number.isFinite(v) && v > 0 ? v * 1000 : undefined }
    switch (action) {
      case 'member-queue-start': case 'member-queue-resume': {
        const v = this.visit(h, sec('CC-Member-Joined-Time') ?? t)
        const ani = h['CC-Member-CID-Number'] ?? ''
        if (action === 'member-queue-start') out.push(this.ev(v, 'created', 'contact.created', v.joinedAt, { direction: 'inbound', initiation: 'inbound', ...(ani ? { ani: ani.slice(0, 64) } : {}) }, raw))
        out.push(this.ev(v, 'queued', 'contact.queued', v.joinedAt, { priority: 0 }, raw))
        break
      }
      case 'agent-offering': {
        const v = this.visit(h, t)
        const agentId = this.agent(h['CC-Agent'] ?? '')
        const offerId = this.nextRing(v, agentId)
        v.ringing.set(agentId, { offerId, at: t })
        out.push(this.ev(v, offerId.slice(v.memberUuid.length + 1), 'contact.offered', t, { offerId, agentId, ringTimeoutMs: 0 }, raw, agentId), ...this.activity(agentId, 'offered', t, v.memberUuid, raw))
        break
      }
      case 'bridge-agent-start': {
        const joined = sec('CC-Member-Joined-Time')
        const v = this.visit(h, joined ?? t)
        const agentId = this.agent(h['CC-Agent'] ?? '')
        const answered = sec('CC-Agent-Answered-Time') ?? t
        const called = sec('CC-Agent-Called-Time') ?? answered
        v.ringing.delete(agentId)
        for (const [other] of v.ringing) out.push(...this.endRing(v, other, t, 'canceled', undefined, raw))
        v.agentId = agentId
        v.agentUuid = h['CC-Agent-UUID']
        v.answeredAt = answered
        v.dequeued = true
        this.breakOuts.delete(v.memberUuid)
        const waitMs = Math.max(0, answered - v.joinedAt)
        out.push(
          this.ev(v, 'dequeued', 'contact.dequeued', answered, { waitMs, outcome: 'answered' }, raw),
          this.ev(v, 'connected', 'contact.connected', answered, { agentId, waitMs, ringMs: Math.max(0, answered - called) }, raw, agentId),
          ...this.activity(agentId, 'on_contact', answered, v.memberUuid, raw),
        )
        break
      }
      case 'bridge-agent-fail': {
        const v = this.visit(h, sec('CC-Member-Joined-Time') ?? t)
        const agentId = this.agent(h['CC-Agent'] ?? '')
        const cause = h['CC-Hangup-Cause'] ?? ''
        const outcome = /NO_ANSWER|ALLOTTED_TIMEOUT|NO_USER_RESPONSE|RECOVERY_ON_TIMER_EXPIRE/.test(cause) ? 'timeout'
          : /USER_BUSY|CALL_REJECTED/.test(cause) ? 'rejected' : /ORIGINATOR_CANCEL|LOSE_RACE|PICKED_OFF/.test(cause) ? 'canceled' : 'failed'
        const called = sec('CC-Agent-Called-Time')
        const aborted = sec('CC-Agent-Aborted-Time') ?? t
        out.push(...this.endRing(v, agentId, aborted, outcome, called !== undefined ? Math.max(0, aborted - called) : undefined, raw), ...this.activity(agentId, 'idle', aborted, undefined, raw))
        break
      }
      case 'bridge-agent-end': {
        const v = this.visit(h, sec('CC-Member-Joined-Time') ?? t)
        const agentId = this.agent(h['CC-Agent'] ?? '')
        const end = sec('CC-Bridge-Terminated-Time') ?? t
        const answered = sec('CC-Agent-Answered-Time') ?? v.answeredAt ?? end
        if (v.heldAt !== undefined) { v.holdMs += Math.max(0, end - v.heldAt); v.heldAt = undefined }
        const disposition = h.variable_sip_hangup_disposition ?? ''
        const endedBy = /^send_(bye|cancel)/.test(disposition) ? 'agent' : 'customer'
        const wrap = this.o.wrapUpMs?.(v.queueId) ?? 0
        this.forget(v)
        out.push(
          this.ev(v, 'ended', 'contact.ended', end, { endedBy, talkMs: Math.max(0, end - answered - v.holdMs), holdMs: v.holdMs, holdCount: v.holdCount }, raw, agentId),
          this.ev(v, 'wrapup', 'contact.wrapup_ended', end + wrap, { durationMs: wrap }, raw, agentId),
          ...this.activity(agentId, wrap > 0 ? 'wrap_up' : 'idle', end, wrap > 0 ? v.memberUuid : undefined, raw),
        )
        break
      }
      case 'member-queue-end': {
        const v = this.visit(h, sec('CC-Member-Joined-Time') ?? t)
        const leaving = sec('CC-Member-Leaving-Time') ?? t
        const waitMs = Math.max(0, leaving - v.joinedAt)
        if (h['CC-Cause'] === 'Terminated') break // answered: bridge-agent-start / -end carry it
        for (const [agent] of v.ringing) out.push(...this.endRing(v, agent, leaving, 'canceled', undefined, raw))
        const reason = h['CC-Cancel-Reason'] ?? 'NONE'
        if (reason === 'BREAK_OUT' || reason === 'NONE') {
          const state = h['Channel-State'] ?? h['Channel-Call-State'] ?? h['Answer-State'] ?? ''
          if (HANGING_UP.test(state) || this.hungUp.has(v.sessionUuid)) out.push(...this.leave(v, leaving, waitMs, 'abandoned', raw))
          else this.breakOuts.set(v.memberUuid, { at: leaving, seenAt: receivedAt, waitMs })
          break
        }
        const outcome = reason === 'TIMEOUT' ? 'timeout' : reason === 'NO_AGENT_TIMEOUT' ? 'no_agents' : reason === 'EXIT_WITH_KEY' ? 'caller_exit' : 'error'
        const key = h.variable_cc_exit_key
        if (key) out.push(this.ev(v, 'exit-key', 'contact.ivr_step', leaving, { node: 'queue-exit-key', input: key.slice(0, 200) }, raw))
        out.push(...this.leave(v, leaving, waitMs, outcome, raw, outcome === 'error' ? `mod_callcenter cancel reason ${reason}` : undefined))
        break
      }
      case 'agent-status-change': {
        const agentId = this.agent(h['CC-Agent'] ?? '')
        const s = h['CC-Agent-Status'] ?? ''
        const status = s.startsWith('Available') ? 'available' : s === 'On Break' ? 'aux' : s === 'Logged Out' ? 'offline' : undefined
        if (status) out.push(this.status(agentId, t, status, status === 'aux' ? 'On Break' : undefined, 'agent', raw))
        break
      }
      case 'agent-state-change': {
        const agentId = this.agent(h['CC-Agent'] ?? '')
        const s = h['CC-Agent-State'] ?? ''
        const a: Activity | undefined = s === 'Waiting' || s === 'Idle' ? 'idle' : s === 'Receiving' || s === 'Reserved' ? 'offered' : s === 'In a queue call' ? 'on_contact' : undefined
        if (a && !(a === 'idle' && this.activityOf.get(agentId) === 'wrap_up')) out.push(...this.activity(agentId, a, t, undefined, raw))
        break
      }
      case 'agent-max-no-answer': {
        const agentId = this.agent(h['CC-Agent'] ?? '')
        out.push(this.status(agentId, t, 'aux', h['CC-Agent-No-Answer-Status'] || 'max-no-answer', 'system', raw))
        break
      }
      default:
        if (!KNOWN_NOOP.has(action)) this.count(`callcenter::info ${action || '(no CC-Action)'}`)
    }
    return out
  }

  /**
   * Resync after a (re)connect from `callcenter_config agent list` (status of each agent) and
   * `callcenter_config queue list members` (who waits): the pipe-separated tables FreeSWITCH prints.
   */
  resyncAgents(table: string, now: number): CanonicalEvent[] {
    const out: CanonicalEvent[] = []
    for (const row of pipeTable(table)) {
      const s = row.status ?? ''
      const status = s.startsWith('Available') ? 'available' : s === 'On Break' ? 'aux' : s === 'Logged Out' ? 'offline' : undefined
      if (row.name && status) out.push(this.status(this.agent(row.name), now, status, status === 'aux' ? 'On Break' : undefined, 'system', 'callcenter_config agent list'))
    }
    return out
  }

  resyncMembers(table: string, now: number): CanonicalEvent[] {
    const out: CanonicalEvent[] = []
    for (const row of pipeTable(table)) {
      if (!row.uuid || !row.queue || this.open.has(row.uuid) || !/Waiting|Trying/.test(row.state ?? '')) continue
      const joined = Number(row.joined_epoch) > 0 ? Number(row.joined_epoch) * 1000 : now
      const v = this.visit({ 'CC-Member-UUID': row.uuid, 'CC-Member-Session-UUID': row.session_uuid ?? row.uuid, 'CC-Queue': row.queue }, joined)
      out.push(
        this.ev(v, 'created', 'contact.created', joined, { direction: 'inbound', initiation: 'inbound', ...(row.cid_number ? { ani: row.cid_number.slice(0, 64) } : {}) }, 'callcenter_config queue list members'),
        this.ev(v, 'queued', 'contact.queued', joined, { priority: 0 }, 'callcenter_config queue list members'),
      )
    }
    return out
  }

  /** Break-outs whose grace has passed (call about once a second; `Infinity` at the end of a capture). */
  tick(now: number): CanonicalEvent[] { return this.due(now) }

  private due(now: number): CanonicalEvent[] {
    if (this.breakOuts.size === 0) return []
    const out: CanonicalEvent[] = []
    for (const [member, b] of [...this.breakOuts]) {
      if (now - b.seenAt < (this.o.breakOutGraceMs ?? 2000)) continue
      this.breakOuts.delete(member)
      const v = this.open.get(member)
      if (v) out.push(...this.leave(v, b.at, b.waitMs, this.hungUp.has(v.sessionUuid) ? 'abandoned' : 'transferred', 'BREAK_OUT'))
    }
    return out
  }

  private hangup(uuid: string, t: number, out: CanonicalEvent[]): void {
    if (!uuid) return
    this.hungUp.set(uuid, t)
    if (this.hungUp.size > 10_000) this.hungUp.delete(this.hungUp.keys().next().value as string)
    const member = this.bySession.get(uuid)
    const b = member ? this.breakOuts.get(member) : undefined
    const v = member ? this.open.get(member) : undefined
    if (b && v) { this.breakOuts.delete(member!); out.push(...this.leave(v, b.at, b.waitMs, 'abandoned', 'BREAK_OUT + CHANNEL_HANGUP')) }
  }

  private hold(h: Record<string, string>, t: number, on: boolean, out: CanonicalEvent[]): void {
    const uuid = h['Unique-ID'] ?? ''
    const name = h['Event-Name'] ?? ''
    const member = this.bySession.get(uuid) ?? [...this.open.values()].find((v) => v.agentUuid === uuid)?.memberUuid
    const v = member ? this.open.get(member) : undefined
    if (!v || v.answeredAt === undefined) return
    if (on && v.heldAt === undefined) {
      v.heldAt = t; v.holdCount++
      out.push(this.ev(v, `hold/${v.holdCount}`, 'contact.held', t, {}, name, v.agentId))
      if (v.agentId) out.push(...this.activity(v.agentId, 'on_hold', t, v.memberUuid, name))
    } else if (!on && v.heldAt !== undefined) {
      v.holdMs += Math.max(0, t - v.heldAt); v.heldAt = undefined
      out.push(this.ev(v, `hold/${v.holdCount}`, 'contact.resumed', t, {}, name, v.agentId))
      if (v.agentId) out.push(...this.activity(v.agentId, 'on_contact', t, v.memberUuid, name))
    }
  }

  private leave(v: Visit, at: number, waitMs: number, outcome: string, raw: string, reason?: string): CanonicalEvent[] {
    this.forget(v)
    return [
      this.ev(v, 'dequeued', 'contact.dequeued', at, { waitMs, outcome, ...(reason ? { reason } : {}) }, raw),
      this.ev(v, 'ended', 'contact.ended', at, { endedBy: outcome === 'transferred' ? 'transfer' : outcome === 'error' ? 'system' : 'customer', talkMs: 0, holdMs: 0, holdCount: 0, ...(reason ? { reason } : {}) }, raw),
    ]
  }

  private endRing(v: Visit, agentId: string, t: number, outcome: 'timeout' | 'rejected' | 'canceled' | 'failed', ringMs: number | undefined, raw: string): CanonicalEvent[] {
    const r = v.ringing.get(agentId)
    v.ringing.delete(agentId)
    const offerId = r?.offerId ?? this.nextRing(v, agentId)
    const ms = ringMs ?? (r ? Math.max(0, t - r.at) : 0)
    const fact = offerId.slice(v.memberUuid.length + 1)
    return [
      ...(r ? [] : [this.ev(v, fact, 'contact.offered', t - ms, { offerId, agentId, ringTimeoutMs: ms }, raw, agentId)]),
      this.ev(v, fact, 'contact.offer_ended', t, { offerId, agentId, ringMs: ms, outcome }, raw, agentId),
    ]
  }

  private visit(h: Record<string, string>, joinedAt: number): Visit {
    const member = h['CC-Member-UUID'] ?? ''
    const known = this.open.get(member)
    if (known) return known
    const v: Visit = {
      memberUuid: member, sessionUuid: h['CC-Member-Session-UUID'] || member, queueId: this.queue(h['CC-Queue'] ?? ''), joinedAt,
      rings: new Map(), ringing: new Map(), holdMs: 0, holdCount: 0, dequeued: false,
    }
    this.open.set(member, v)
    this.bySession.set(v.sessionUuid, member)
    if (this.open.size > MAX_OPEN) this.forget(this.open.values().next().value as Visit)
    return v
  }

  private forget(v: Visit): void {
    this.open.delete(v.memberUuid)
    this.breakOuts.delete(v.memberUuid)
    if (this.bySession.get(v.sessionUuid) === v.memberUuid) this.bySession.delete(v.sessionUuid)
  }

  private nextRing(v: Visit, agentId: string): string {
    const n = (v.rings.get(agentId) ?? 0) + 1
    v.rings.set(agentId, n)
    return `${v.memberUuid}/offer/${agentId}/${n}`
  }

  private activity(agentId: string, activity: Activity, t: number, contactId: string | undefined, raw: string): CanonicalEvent[] {
    if (this.activityOf.get(agentId) === activity && activity !== 'on_contact') return []
    this.activityOf.set(agentId, activity)
    return [{
      id: naturalEventId('freeswitch', this.o.instance, `${agentId}/activity/${t}/${activity}`, 'agent.activity_changed'), type: 'agent.activity_changed', time: t,
      tenant: this.tenant, source: { kind: 'freeswitch-esl', instance: this.o.instance }, agentId, data: { activity, ...(contactId ? { contactId } : {}) }, raw,
    } as CanonicalEvent]
  }

  private status(agentId: string, t: number, status: 'available' | 'aux' | 'offline', reasonCode: string | undefined, origin: 'agent' | 'system', raw: string): CanonicalEvent {
    this.agents.add(agentId)
    return {
      id: naturalEventId('freeswitch', this.o.instance, `${agentId}/${Math.floor(t / 1000)}/${status}/${reasonCode ?? ''}`, 'agent.status_changed'), type: 'agent.status_changed', time: t,
      tenant: this.tenant, source: { kind: 'freeswitch-esl', instance: this.o.instance }, agentId, data: { status, ...(reasonCode ? { reasonCode } : {}), origin }, raw,
    } as CanonicalEvent
  }

  private ev(v: Visit, fact: string, type: CanonicalEvent['type'], time: number, data: Record<string, unknown>, raw: string, agentId?: string): CanonicalEvent {
    return {
      id: naturalEventId('freeswitch', this.o.instance, `${v.memberUuid}/${fact}`, type), type, time, tenant: this.tenant,
      source: { kind: 'freeswitch-esl', instance: this.o.instance }, interactionId: v.sessionUuid, contactId: v.memberUuid, queueId: v.queueId,
      channel: 'voice', ...(agentId ? { agentId } : {}), data, raw,
    } as CanonicalEvent
  }

  private count(name: string): void { this.unknownEvents.set(name, (this.unknownEvents.get(name) ?? 0) + 1) }
  private queue(q: string): string { return this.o.queueId ? this.o.queueId(q) : q }
  private agent(a: string): string { return this.o.agentId ? this.o.agentId(a) : a }
}

/** FreeSWITCH's `|`-separated list output: a header row, rows, and a trailing `+OK`. */
export function pipeTable(text: string): Array<Record<string, string>> {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l && !l.startsWith('+OK') && !l.startsWith('-ERR'))
  const [head, ...rows] = lines
  if (!head) return []
  const cols = head.split('|')
  return rows.map((r) => Object.fromEntries(r.split('|').map((v, i) => [cols[i] ?? `c${i}`, v])))
}
