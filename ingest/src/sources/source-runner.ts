/**
 * One configured source, running: its connection (AMI, event socket or queue_log tail), events
 * handed to the bus in order (held and retried while the bus is away, never dropped silently),
 * problems dead-lettered with their source, offset and reason, and what the Sources page shows:
 * state in words, events in the last minute, last event, lag, lines read, unknown events.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CanonicalEvent, DeadLetter } from '@agner/events'
import type { Sentence } from '@agner/events/sentences'
import {
  AmiConnection, AmiMapper, EslConnection, EslMapper, QueueLogMapper, QueueLogTableReader, QueueLogTail, sayings, type SourceState,
} from '@agner/telephony'
import { EchoGuard } from './echo-guard.ts'
import { idMapper, type SourceSpec } from './source-spec.ts'

export interface SourceRunnerDeps {
  tenant: string
  publish: (events: CanonicalEvent[]) => Promise<void>
  deadLetters: (letters: DeadLetter[]) => Promise<void>
  /** Where queue_log read positions are kept. */
  stateDir: string
  /** The center's zone: a realtime queue_log table's `time` is read in it unless the source names another. */
  timeZone: string
  /** Whether a queue_log source feeds this PBX instance too (then it decides outcomes AMI cannot see). */
  queueLogFeeds: (instance: string) => boolean
  log: (msg: string) => void
  now?: () => number
  /** Connected this long with nothing since the first seconds: the status carries a note (10 min unless said). */
  quietMs?: number
}

export interface SourceStatus {
  id: string
  kind: SourceSpec['kind']
  phase: SourceState['phase'] | 'disabled'
  said: Sentence
  problem?: Sentence
  /** Connected, but nothing has come for a while: what to check if calls are being taken. */
  note?: Sentence
  retryAt?: number
  since: number
  eventsLastMinute: number
  events: number
  lastEventAt?: number
  lagMs?: number
  linesRead?: number
  problems: number
  waitingToPublish: number
  unknown: Array<{ name: string; count: number }>
}

const HOLD_LIMIT = 500_000
/** What a connection sends in its first seconds (a resync, a backlog starting) does not count as the source being heard from. */
const SETTLE_MS = 5000

export class SourceRunner {
  private conn: AmiConnection | EslConnection | QueueLogTail | QueueLogTableReader | undefined
  private ami: AmiMapper | undefined
  private esl: EslMapper | undefined
  private queueLog: QueueLogMapper | undefined
  private readonly perSecond = new Array<number>(60).fill(0)
  private second = 0
  private events = 0
  private problems = 0
  private lastEventAt: number | undefined
  private lagMs: number | undefined
  private outbox: CanonicalEvent[] = []
  private pumping = false
  private retry: NodeJS.Timeout | undefined
  private stopped = false
  private watch: NodeJS.Timeout | undefined
  /** The connection (its `since`) whose quiet note went to the log, so it is logged once. */
  private quietLogged: number | undefined
  private readonly now: () => number
  readonly echo = new EchoGuard()
  /** Agents Agner removed from their Asterisk queues (a later ready or aux adds them back). */
  private readonly loggedOut = new Set<string>()

  constructor(readonly spec: SourceSpec, private readonly d: SourceRunnerDeps) { this.now = d.now ?? Date.now }

  start(): void {
    if (!this.spec.enabled) return
    const s = this.spec
    const common = { tenant: this.d.tenant, instance: s.instance, queueId: idMapper(s.queues), agentId: idMapper(s.agents) }
    // queues.conf wrap-up per Agner queue id, looked up once per ended call.
    const wrapUps = new Map(Object.entries(s.queues ?? {}).map(([pbx, m]) => [m.id ?? pbx, (m.wrapUpSec ?? 0) * 1000]))
    const wrapUpMs = (queueId: string): number => wrapUps.get(queueId) ?? 0
    const onState = (st: SourceState): void => { if (st.problem && st.phase !== 'connected') this.d.log(`source ${s.id}: ${st.problem.text.en}`) }
    const onProblem = (p: { reason: string; raw: string; offset: number; file?: string }): void => this.deadLetter(p)
    if (s.kind === 'asterisk-ami') {
      this.ami = new AmiMapper({ ...common, wrapUpMs, agentField: s.agentField, outcomesFromQueueLog: this.d.queueLogFeeds(s.instance) })
      this.conn = new AmiConnection({
        host: s.host!, port: s.port!, tls: s.tls, username: s.username!, secret: s.secret ?? '', mapper: this.ami,
        onEvents: (e) => this.take(e), onProblem, onState,
      })
    } else if (s.kind === 'freeswitch-esl') {
      this.esl = new EslMapper({ ...common, wrapUpMs })
      this.conn = new EslConnection({ host: s.host!, port: s.port!, password: s.secret ?? '', framing: s.framing, mapper: this.esl, onEvents: (e) => this.take(e), onProblem, onState })
    } else {
      // queue_log, from the file or the table: the reader waits for the bus, so its kept position
      // moves only once the events are published.
      mkdirSync(this.d.stateDir, { recursive: true })
      const mapper = (this.queueLog = new QueueLogMapper({ ...common, wrapUpMs }))
      const read = { mapper, onEvents: async (e: CanonicalEvent[]) => { this.count(e); await this.d.publish(e) }, onProblem, onState }
      this.conn = s.kind === 'asterisk-queuelog-db'
        ? new QueueLogTableReader({
            host: s.host!, port: s.port!, user: s.username!, password: s.secret ?? '', database: s.database!, table: s.table ?? 'queue_log',
            timeZone: s.timeZone ?? this.d.timeZone, stateFile: join(this.d.stateDir, `queue_log-table-${s.id}.position`), ...read,
          })
        : new QueueLogTail({ path: s.path!, stateFile: join(this.d.stateDir, `queue_log-${s.id}.position`), ...read })
    }
    this.conn.start()
    // A quiet note goes to the log too (once per connection), for installs nobody watches in a browser.
    this.watch = setInterval(() => this.logQuiet(), 60_000)
    this.watch.unref()
  }

  /** Logs the quiet note the first time a connection earns it. */
  logQuiet(): void {
    const st = this.conn?.state
    const { note } = this.quiet(st, this.now())
    if (!note || !st || this.quietLogged === st.since) return
    this.quietLogged = st.since
    this.d.log(`source ${this.spec.id}: connected, but ${note.text.en}`)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.watch)
    clearTimeout(this.retry)
    await this.conn?.stop()
    // What the bus has not taken yet is published one last time.
    if (this.outbox.length > 0) await this.d.publish(this.outbox).catch(() => this.d.log(`source ${this.spec.id}: ${this.outbox.length} events could not be published before stopping`))
  }

  /** Whether this source's PBX hosts the agent (it has seen it, or the mapping names it). */
  hostsAgent(agentId: string): boolean {
    if (Object.entries(this.spec.agents ?? {}).some(([pbx, m]) => (m.id ?? pbx) === agentId)) return true
    return (this.ami?.members.has(agentId) ?? false) || (this.esl?.agents.has(agentId) ?? false)
  }

  get controllable(): boolean { return this.conn instanceof AmiConnection || this.conn instanceof EslConnection }

  /** Carries an agent's status to the PBX; the PBX's echo of it is not counted again. */
  async setAgentStatus(agentId: string, status: 'available' | 'aux' | 'offline', reasonCode?: string): Promise<void> {
    const pbxAgent = Object.entries(this.spec.agents ?? {}).find(([pbx, m]) => (m.id ?? pbx) === agentId)?.[0] ?? agentId
    this.echo.expect(agentId, status, this.now())
    if (this.conn instanceof AmiConnection) {
      const m = this.ami!.members.get(agentId)
      if (status === 'offline') {
        if (!m) throw new Error(`Asterisk has not told Agner which interface agent ${agentId} uses`)
        for (const q of m.queues) await this.conn.removeMember(q, m.iface)
        this.loggedOut.add(agentId)
        return
      }
      if (m && this.loggedOut.has(agentId)) {
        // Logged out from Agner: back into the queues it was removed from, paused or not.
        for (const q of m.queues) await this.conn.addMember(pbxAgent, q, m.iface, status === 'aux')
        this.loggedOut.delete(agentId)
        if (status === 'aux' && reasonCode) await this.conn.pause(agentId, true, reasonCode)
        return
      }
      await this.conn.pause(agentId, status === 'aux', reasonCode)
    } else if (this.conn instanceof EslConnection) {
      await this.conn.setAgentStatus(pbxAgent, status === 'available' ? 'Available' : status === 'aux' ? 'On Break' : 'Logged Out')
    } else {
      throw new Error(`source ${this.spec.id} reads a log; it cannot change an agent's status`)
    }
  }

  status(): SourceStatus {
    const now = this.now()
    this.roll(now)
    const st = this.conn?.state
    const unknown = this.ami?.unknownEvents ?? this.esl?.unknownEvents ?? this.queueLog?.unknownVerbs ?? new Map<string, number>()
    return {
      id: this.spec.id, kind: this.spec.kind,
      phase: this.spec.enabled ? st?.phase ?? 'connecting' : 'disabled',
      said: st?.said ?? { code: 'disabled', params: {}, text: { en: 'disabled', 'zh-CN': '已停用' } },
      ...(st?.problem ? { problem: st.problem } : {}), ...this.quiet(st, now), ...(st?.retryAt ? { retryAt: st.retryAt } : {}), since: st?.since ?? now,
      eventsLastMinute: this.perSecond.reduce((a, b) => a + b, 0), events: this.events,
      ...(this.lastEventAt !== undefined ? { lastEventAt: this.lastEventAt } : {}), ...(this.lagMs !== undefined ? { lagMs: this.lagMs } : {}),
      ...(this.conn instanceof QueueLogTail || this.conn instanceof QueueLogTableReader ? { linesRead: this.conn.linesRead } : {}),
      problems: this.problems, waitingToPublish: this.outbox.length,
      unknown: [...unknown].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
    }
  }

  /**
   * Connected for a while and nothing heard since its first seconds: a note on what to check, worded
   * "if calls are being taken" (a quiet night looks the same). An Asterisk user without read
   * permission is logged in and sent nothing: the "all data empty" of AMI panels. Once anything has
   * come, a quiet spell is just quiet.
   */
  private quiet(st: SourceState | undefined, now: number): { note?: Sentence } {
    if (!st || st.phase !== 'connected') return {}
    if (this.lastEventAt !== undefined && this.lastEventAt >= st.since + SETTLE_MS) return {}
    if (now - st.since < (this.d.quietMs ?? 10 * 60_000)) return {}
    const minutes = Math.floor((now - st.since) / 60_000)
    const k = this.spec.kind
    const note = k === 'asterisk-ami' ? sayings('amiQuiet', { minutes, user: this.spec.username ?? '' })
      : k === 'freeswitch-esl' ? sayings('eslQuiet', { minutes })
        : k === 'asterisk-queuelog-db' ? sayings('tableQuiet', { minutes }) : sayings('fileQuiet', { minutes })
    return { note }
  }

  /** Live connections hand events over synchronously; they go out in order, retried while the bus is away. */
  private take(events: CanonicalEvent[]): void {
    const kept = this.echo.filter(events, this.now())
    if (kept.length === 0) return
    this.count(kept)
    this.outbox.push(...kept)
    if (this.outbox.length > HOLD_LIMIT) {
      const over = this.outbox.splice(0, this.outbox.length - HOLD_LIMIT)
      this.deadLetter({ reason: `the bus was away too long: ${over.length} events held past ${HOLD_LIMIT} were set aside`, raw: JSON.stringify(over.slice(0, 50)), offset: -1 })
    }
    void this.pump()
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.stopped) return
    this.pumping = true
    try {
      while (this.outbox.length > 0 && !this.stopped) {
        const batch = this.outbox.slice(0, 1000)
        try {
          await this.d.publish(batch)
          this.outbox.splice(0, batch.length)
        } catch (err) {
          this.d.log(`source ${this.spec.id}: ${this.outbox.length} events wait for the bus (${(err as Error).message}); retrying in 2 s`)
          this.retry = setTimeout(() => void this.pump(), 2000)
          this.retry.unref()
          return
        }
      }
    } finally {
      this.pumping = false
    }
  }

  private count(events: CanonicalEvent[]): void {
    const now = this.now()
    this.roll(now)
    this.perSecond[this.second % 60]! += events.length
    this.events += events.length
    this.lastEventAt = now
    const newest = events.reduce((m, e) => Math.max(m, e.time), 0)
    if (newest > 0) this.lagMs = Math.max(0, now - newest)
  }

  private roll(now: number): void {
    const sec = Math.floor(now / 1000)
    if (this.second === 0) this.second = sec
    if (sec - this.second >= 60) this.perSecond.fill(0)
    else for (let s = this.second + 1; s <= sec; s++) this.perSecond[s % 60] = 0
    this.second = Math.max(this.second, sec)
  }

  private deadLetter(p: { reason: string; raw: string; offset: number; file?: string }): void {
    this.problems++
    const where = `source ${this.spec.id} (${this.spec.kind}${p.file ? ` ${p.file}` : ''}${p.offset >= 0 ? ` at byte ${p.offset}` : ''})`
    void this.d.deadLetters([{ tenant: this.d.tenant, stage: 'bus', reason: `${where}: ${p.reason}`, payload: p.raw.slice(0, 65_536), at: this.now() }])
      .catch((err: Error) => this.d.log(`${where}: ${p.reason} (and the dead letter could not be written: ${err.message})`))
  }
}
