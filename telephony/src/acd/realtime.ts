/**
 * The ACD in real time: the engine's timers follow the wall clock, every command runs at "now",
 * and the events it caused are published (awaited, so a command's answer means its events are
 * durable) and handed to listeners (the agents' sockets). Commands run one at a time.
 */
import type { CanonicalEvent } from '@agner/events'
import { AcdEngine } from './engine-desk.ts'
import type { AgentConfig, QueueConfig } from './types.ts'

export interface RealtimeAcdOptions {
  tenant: string
  instance: string
  queues: QueueConfig[]
  agents: AgentConfig[]
  publish: (events: CanonicalEvent[]) => Promise<void>
  onError?: (err: unknown) => void
  clock?: () => number
  tickMs?: number
}

export class RealtimeAcd {
  readonly engine: AcdEngine
  private buffer: CanonicalEvent[] = []
  private readonly listeners = new Set<(e: CanonicalEvent) => void>()
  private timer?: NodeJS.Timeout
  private chain: Promise<unknown> = Promise.resolve()
  private readonly clock: () => number

  constructor(private readonly opts: RealtimeAcdOptions) {
    this.clock = opts.clock ?? Date.now
    this.engine = new AcdEngine({ tenant: opts.tenant, source: { kind: 'acd', instance: opts.instance }, now: this.clock(), emit: (e) => this.buffer.push(e) })
    for (const q of opts.queues) this.engine.addQueue(q)
    for (const a of opts.agents) this.engine.addAgent(a)
  }

  start(): void {
    this.timer = setInterval(() => { void this.run(() => undefined).catch((err: unknown) => this.opts.onError?.(err)) }, this.opts.tickMs ?? 200)
    this.timer.unref()
  }

  stop(): void { clearInterval(this.timer) }

  subscribe(listener: (e: CanonicalEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Runs a command at the current time, after the ones before it; publishes what it caused. */
  run<T>(command: (engine: AcdEngine) => T): Promise<T> {
    const next = this.chain.then(async () => {
      this.engine.advance(this.clock())
      let result: T
      try { result = command(this.engine) } finally { await this.flush() }
      return result
    })
    this.chain = next.catch(() => undefined)
    return next
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return
    const events = this.buffer
    this.buffer = []
    for (const e of events) for (const l of this.listeners) l(e)
    await this.opts.publish(events)
  }
}
