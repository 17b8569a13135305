/**
 * The FreeSWITCH event socket connection (inbound mode, the edge): `auth`, then `event json` (or
 * `plain`) for `CUSTOM callcenter::info` and the channel events the mapper reads, a resync from
 * `callcenter_config` lists on every (re)connect, an `api status` keepalive, reconnects with capped
 * backoff. Commands are answered in order on the socket, so replies are matched first-in first-out.
 */
import { connect, type Socket } from 'node:net'
import type { CanonicalEvent } from '@agner/events'
import type { Sentence } from '@agner/events/sentences'
import { Reconnecting, type SourceConnectionOptions } from '../edge/reconnecting.ts'
import { sayings } from '../edge/source-state.ts'
import { eslCommand, eslEventOf, EslFrameReader, type EslFrame } from './frames.ts'
import { pipeTable, type EslMapper } from './map.ts'

export interface EslConnectionOptions extends SourceConnectionOptions {
  password: string
  framing?: 'json' | 'plain'
  mapper: EslMapper
}

export const ESL_EVENTS = 'CUSTOM callcenter::info CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP'

interface Waiting { resolve: (f: EslFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

export class EslConnection extends Reconnecting {
  private socket: Socket | undefined
  private waiting: Waiting[] = []
  private ready = false

  // A refused password or address is a setting to change on the PBX: retried every 30 s at most, not at once.
  constructor(private readonly o: EslConnectionOptions) { super(o, ['eslAuthRefused', 'eslAclRejected']) }

  get connected(): boolean { return this.ready }

  /** `api …`: FreeSWITCH's answer body; `-ERR …` rejects. */
  async api(command: string): Promise<string> {
    if (!this.ready || !this.socket) throw new Error(`not connected to FreeSWITCH at ${this.address}`)
    const f = await this.send(this.socket, `api ${command}`)
    if (f.body.startsWith('-ERR')) throw new Error(`FreeSWITCH refused "${command}": ${f.body.trim()}`)
    return f.body
  }

  /** An agent's status carried to mod_callcenter (`Available`, `On Break`, `Logged Out`). */
  async setAgentStatus(agent: string, status: 'Available' | 'On Break' | 'Logged Out'): Promise<void> {
    await this.api(`callcenter_config agent set status ${agent} '${status}'`)
  }

  protected open(): void {
    const reader = new EslFrameReader()
    const s = connect({ host: this.o.host, port: this.o.port })
    this.socket = s
    s.setNoDelay(true)
    s.setKeepAlive(true, 30_000)
    const connectTimer = setTimeout(() => s.destroy(new Error('no answer in 10 s')), 10_000)
    let greeted = false
    let failure: Sentence | undefined
    s.on('data', (chunk: Buffer) => {
      for (const r of reader.push(chunk)) {
        if (r.kind === 'problem') { this.o.onProblem({ reason: r.problem, raw: r.raw, offset: r.offset }); continue }
        const f = r.frame
        const type = f.headers['Content-Type'] ?? ''
        if (!greeted) {
          clearTimeout(connectTimer)
          greeted = true
          // FreeSWITCH checks the caller's address against its ACL before it asks for the password.
          if (type === 'text/rude-rejection') { failure = sayings('eslAclRejected', { address: this.address, message: f.body.trim() || type }); s.destroy(); return }
          if (type !== 'auth/request') { failure = sayings('notPbx', { address: this.address, what: 'FreeSWITCH event socket' }); s.destroy(); return }
          void this.login(s).catch((err: Error) => { failure = err instanceof AuthRefused ? err.said : sayings('unreachable', { address: this.address, message: err.message }); s.destroy() })
          continue
        }
        if (type === 'command/reply' || type === 'api/response') { this.reply(f); continue }
        if (type === 'text/disconnect-notice' || type === 'text/rude-rejection') { failure = sayings('unreachable', { address: this.address, message: f.body.trim() || type }); continue }
        const e = eslEventOf(f)
        if (!e) continue
        if (!e.ok) { this.o.onProblem({ reason: e.problem, raw: f.body.slice(0, 4096), offset: f.offset }); continue }
        this.emit(this.o.mapper.map(e.event, this.now()))
      }
    })
    s.on('error', (err) => { failure ??= sayings('unreachable', { address: this.address, message: err.message }) })
    s.on('close', () => {
      clearTimeout(connectTimer)
      for (const r of reader.end()) if (r.kind === 'problem') this.o.onProblem({ reason: r.problem, raw: r.raw, offset: r.offset })
      this.closed(failure, this.ready)
    })
  }

  private async login(s: Socket): Promise<void> {
    const auth = await this.send(s, `auth ${this.o.password}`)
    const text = auth.headers['Reply-Text'] ?? ''
    if (!text.startsWith('+OK')) throw new AuthRefused(sayings('eslAuthRefused', { address: this.address, message: text || 'refused' }))
    const sub = await this.send(s, `event ${this.o.framing ?? 'json'} ${ESL_EVENTS}`)
    if (!(sub.headers['Reply-Text'] ?? '').startsWith('+OK')) throw new Error(`FreeSWITCH refused the event subscription: ${sub.headers['Reply-Text'] ?? ''}`)
    this.ready = true
    await this.resync(s)
    this.up(() => this.send(s, 'api status'), () => s.destroy(), () => this.emit(this.o.mapper.tick(this.now())), this.o.pingEveryMs)
  }

  /** Who is logged in and who waits, from mod_callcenter's own lists. */
  private async resync(s: Socket): Promise<void> {
    const agents = await this.send(s, 'api callcenter_config agent list')
    const out = this.o.mapper.resyncAgents(agents.body, this.now())
    const queues = await this.send(s, 'api callcenter_config queue list')
    for (const q of pipeTable(queues.body)) {
      if (!q.name) continue
      const members = await this.send(s, `api callcenter_config queue list members ${q.name}`)
      out.push(...this.o.mapper.resyncMembers(members.body, this.now()))
    }
    this.emit(out)
  }

  private send(s: Socket, line: string): Promise<EslFrame> {
    return new Promise((resolve, reject) => {
      const w: Waiting = {
        resolve, reject,
        timer: setTimeout(() => { this.waiting = this.waiting.filter((x) => x !== w); reject(new Error(`FreeSWITCH did not answer "${line.split(' ')[0]}" in ${this.replyMs / 1000} s`)) }, this.replyMs),
      }
      this.waiting.push(w)
      s.write(eslCommand(line))
    })
  }

  private reply(f: EslFrame): void {
    const w = this.waiting.shift()
    if (!w) return
    clearTimeout(w.timer)
    w.resolve(f)
  }

  private emit(events: CanonicalEvent[]): void { if (events.length > 0) this.o.onEvents(events) }

  protected closeSocket(err: Error): void {
    for (const w of this.waiting) { clearTimeout(w.timer); w.reject(err) }
    this.waiting = []
    this.ready = false
    this.socket?.destroy()
    this.socket = undefined
  }
}

class AuthRefused extends Error {
  constructor(readonly said: Sentence) { super(said.text.en) }
}
