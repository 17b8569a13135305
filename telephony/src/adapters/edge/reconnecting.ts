/**
 * What a PBX connection (AMI, event socket) does around its protocol: its state in words, start and
 * stop, the retry after a drop with capped backoff (a refused login waits at least 30 s: retrying a
 * wrong password fast only fills the PBX's log), the keepalive and the once-a-second tick of its
 * mapper once connected. The protocol's own class opens the socket and says what went wrong.
 */
import type { CanonicalEvent } from '@agner/events'
import type { Sentence } from '@agner/events/sentences'
import { Backoff, retryState, sayings, type SourceState } from './source-state.ts'

export interface ReconnectingOptions {
  host: string
  port: number
  onState: (s: SourceState) => void
  backoff?: Backoff
  now?: () => number
  replyTimeoutMs?: number
}

/** What every PBX connection hands on: its mapper's events and the bytes it could not read. */
export interface SourceConnectionOptions extends ReconnectingOptions {
  onEvents: (events: CanonicalEvent[]) => void
  onProblem: (p: { reason: string; raw: string; offset: number }) => void
  pingEveryMs?: number
}

export abstract class Reconnecting {
  state: SourceState
  protected stopped = false
  protected readonly address: string
  protected readonly now: () => number
  private readonly backoff: Backoff
  private retryTimer: NodeJS.Timeout | undefined
  private timers: NodeJS.Timeout[] = []
  /** Which connection the timers belong to (a keepalive failing after a close speaks of nothing). */
  private epoch = 0

  constructor(private readonly base: ReconnectingOptions, private readonly refusedCodes: readonly string[]) {
    this.backoff = base.backoff ?? new Backoff()
    this.now = base.now ?? Date.now
    this.address = `${base.host}:${base.port}`
    this.state = { phase: 'connecting', said: sayings('connecting', { address: this.address }), since: this.now() }
  }

  start(): void { this.stopped = false; this.connecting() }

  stop(): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
    this.teardown(new Error('stopped'))
    this.setState({ phase: 'stopped', said: sayings('disabled'), since: this.now() })
  }

  protected get replyMs(): number { return this.base.replyTimeoutMs ?? 10_000 }

  /** Opens the protocol's socket (the connection says `connecting` first). */
  protected abstract open(): void
  /** Closes the socket and fails what waits for an answer. */
  protected abstract closeSocket(err: Error): void

  private connecting(): void {
    if (this.stopped) return
    this.setState({ phase: 'connecting', said: sayings('connecting', { address: this.address }), since: this.now() })
    this.open()
  }

  /** The socket closed: try again after the backoff, saying why. */
  protected closed(failure: Sentence | undefined, wasUp: boolean): void {
    this.teardown(new Error(`the connection to ${this.address} closed`))
    if (this.stopped) return
    if (wasUp) this.backoff.reset()
    const delay = failure && this.refusedCodes.includes(failure.code) ? Math.max(30_000, this.backoff.next()) : this.backoff.next()
    this.setState(retryState(failure ?? sayings('closed', { address: this.address }), delay, this.now()))
    this.retryTimer = setTimeout(() => this.connecting(), delay)
    this.retryTimer.unref()
  }

  /** Logged in and subscribed: connected, with a keepalive and the mapper's tick. */
  protected up(keepalive: () => Promise<unknown>, onSilent: () => void, tick: () => void, pingEveryMs = 20_000): void {
    this.backoff.reset()
    this.setState({ phase: 'connected', said: sayings('connected'), since: this.now() })
    const epoch = this.epoch
    const ping = setInterval(() => {
      keepalive().catch(() => {
        if (epoch !== this.epoch) return
        this.setState({ ...this.state, problem: sayings('silent', { address: this.address, seconds: this.replyMs / 1000 }) })
        onSilent()
      })
    }, pingEveryMs)
    const ticker = setInterval(tick, 1000)
    ping.unref()
    ticker.unref()
    this.timers.push(ping, ticker)
  }

  private teardown(err: Error): void {
    this.epoch++
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    this.closeSocket(err)
  }

  protected setState(s: SourceState): void { this.state = s; this.base.onState(s) }
}
