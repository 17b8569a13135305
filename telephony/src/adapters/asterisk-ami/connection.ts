/**
 * The AMI connection (the edge): TCP or TLS, Login, an event filter for the classes Agner maps,
 * events on, one `QueueStatus` on every (re)connect to rebuild who waits and each member's state,
 * a keepalive `Ping`, and reconnects with capped backoff. Event-driven: it never polls Asterisk.
 * Actions (QueuePause / QueueAdd / QueueRemove) carry an agent's status back to Asterisk.
 */
import { connect as tcpConnect, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import type { CanonicalEvent } from '@agner/events'
import type { Sentence } from '@agner/events/sentences'
import { Reconnecting, type SourceConnectionOptions } from '../edge/reconnecting.ts'
import { sayings } from '../edge/source-state.ts'
import { amiAction, AmiFrameReader, type AmiMessage } from './frames.ts'
import type { AmiMapper } from './map.ts'

export interface AmiConnectionOptions extends SourceConnectionOptions {
  tls?: boolean
  username: string
  secret: string
  mapper: AmiMapper
}

/** Only what the mapper reads (queue, agent, hold and transfer events) passes Asterisk's filter. */
export const AMI_EVENT_FILTER = 'Event: (QueueCaller|Agent|QueueMember|QueueEntry|QueueParams|QueueStatusComplete|Join|Leave|Hold|Unhold|BlindTransfer|AttendedTransfer)'

interface Pending { resolve: (m: AmiMessage) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

export class AmiConnection extends Reconnecting {
  private socket: Socket | undefined
  private reader = new AmiFrameReader()
  private readonly pending = new Map<string, Pending>()
  private seq = 0
  private loggedIn = false

  constructor(private readonly o: AmiConnectionOptions) { super(o, ['amiLoginRefused']) }

  get connected(): boolean { return this.loggedIn }

  /** An action; resolves with Asterisk's response (`Response: Success` or `Error`). */
  action(fields: Record<string, string | number | undefined>): Promise<AmiMessage> {
    const s = this.socket
    if (!s || !this.loggedIn) return Promise.reject(new Error(`not connected to Asterisk at ${this.address}`))
    return this.send(s, fields)
  }

  /** Writes an action with a fresh ActionID; its response settles the promise (Login uses it before login). */
  private send(s: Socket, fields: Record<string, string | number | undefined>): Promise<AmiMessage> {
    const id = `agner-${++this.seq}`
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(id); reject(new Error(`Asterisk at ${this.address} did not answer ${String(fields.Action)} in ${this.replyMs / 1000} s`)) }, this.replyMs)
      this.pending.set(id, { resolve, reject, timer })
      s.write(amiAction({ ...fields, ActionID: id }))
    })
  }

  /** QueuePause on every queue of the member (or one), with the reason. */
  async pause(agentId: string, paused: boolean, reason?: string): Promise<void> {
    const m = this.o.mapper.members.get(agentId)
    if (!m) throw new Error(`Asterisk has not told Agner which interface agent ${agentId} uses`)
    await this.expectSuccess({ Action: 'QueuePause', Interface: m.iface, Paused: paused ? 'true' : 'false', ...(reason ? { Reason: reason } : {}) })
  }

  async addMember(agentId: string, queue: string, iface: string, paused = false): Promise<void> {
    await this.expectSuccess({ Action: 'QueueAdd', Queue: queue, Interface: iface, MemberName: agentId, Paused: paused ? 'true' : 'false' })
  }

  async removeMember(queue: string, iface: string): Promise<void> {
    await this.expectSuccess({ Action: 'QueueRemove', Queue: queue, Interface: iface })
  }

  private async expectSuccess(fields: Record<string, string | number | undefined>): Promise<void> {
    const r = await this.action(fields)
    if (r.headers.Response !== 'Success') throw new Error(`Asterisk refused ${String(fields.Action)}: ${r.headers.Message ?? 'no reason given'}`)
  }

  protected open(): void {
    this.reader = new AmiFrameReader()
    this.loggedIn = false
    const s = this.o.tls
      ? tlsConnect({ host: this.o.host, port: this.o.port, rejectUnauthorized: false })
      : tcpConnect({ host: this.o.host, port: this.o.port })
    this.socket = s
    s.setNoDelay(true)
    s.setKeepAlive(true, 30_000)
    const connectTimer = setTimeout(() => s.destroy(new Error('no answer in 10 s')), 10_000)
    let banner = false
    let head = ''
    let failure: Sentence | undefined
    s.on('data', (chunk: Buffer) => {
      if (!banner && head.length < 256) {
        head += chunk.toString('latin1')
        if (head.includes('\n') && !head.startsWith('Asterisk Call Manager/')) {
          // Something answered that is not Asterisk's manager interface.
          failure = sayings('notPbx', { address: this.address, what: 'Asterisk Call Manager' })
          s.destroy()
          return
        }
      }
      for (const f of this.reader.push(chunk)) {
        if (f.kind === 'banner') { banner = true; clearTimeout(connectTimer); void this.login().catch((err: Error) => { failure = err instanceof LoginRefused ? err.said : sayings('unreachable', { address: this.address, message: err.message }); s.destroy() }) }
        else if (f.kind === 'problem') this.o.onProblem({ reason: f.problem, raw: f.raw, offset: f.offset })
        else this.onMessage(f.message)
      }
    })
    s.on('error', (err) => { failure ??= sayings('unreachable', { address: this.address, message: err.message }) })
    s.on('close', () => {
      clearTimeout(connectTimer)
      for (const f of this.reader.end()) if (f.kind === 'problem') this.o.onProblem({ reason: f.problem, raw: f.raw, offset: f.offset })
      this.closed(failure, this.loggedIn)
    })
  }

  private async login(): Promise<void> {
    const s = this.socket!
    const r = await this.send(s, { Action: 'Login', Username: this.o.username, Secret: this.o.secret, Events: 'off' })
    if (r.headers.Response !== 'Success') throw new LoginRefused(sayings('amiLoginRefused', { user: this.o.username, address: this.address, message: r.headers.Message ?? 'refused' }))
    this.loggedIn = true
    // The filter keeps Asterisk from sending what Agner does not read; older versions without the
    // Filter action (or a user without its privilege) still work, with every event sent.
    await this.action({ Action: 'Filter', Operation: 'Add', Filter: AMI_EVENT_FILTER }).catch(() => undefined)
    await this.action({ Action: 'Events', EventMask: 'agent,call' })
    this.o.mapper.beginResync()
    s.write(amiAction({ Action: 'QueueStatus', ActionID: 'agner-resync' }))
    this.up(() => this.action({ Action: 'Ping' }), () => s.destroy(), () => this.emit(this.o.mapper.tick(this.now())), this.o.pingEveryMs)
  }

  private onMessage(m: AmiMessage): void {
    const h = m.headers
    const id = h.ActionID
    if (h.Response !== undefined && id && this.pending.has(id)) {
      const p = this.pending.get(id)!
      this.pending.delete(id)
      clearTimeout(p.timer)
      p.resolve(m)
      return
    }
    if (!h.Event) return
    const now = this.now()
    const events = this.o.mapper.map(m, now)
    if (h.Event === 'QueueStatusComplete' && id === 'agner-resync') events.push(...this.o.mapper.endResync(now))
    this.emit(events)
  }

  private emit(events: CanonicalEvent[]): void { if (events.length > 0) this.o.onEvents(events) }

  protected closeSocket(err: Error): void {
    for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(err) }
    this.pending.clear()
    this.loggedIn = false
    this.socket?.destroy()
    this.socket = undefined
  }
}

class LoginRefused extends Error {
  constructor(readonly said: Sentence) { super(said.text.en) }
}
