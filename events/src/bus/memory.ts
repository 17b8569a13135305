/**
 * In-process bus for the embedded mode. Same contract as JetStream: duplicate ids dropped at the
 * door within a window, publish resolves only when every durable consumer has acked (so a 202 means
 * the store committed), bounded in-flight messages (publishers wait: backpressure), redelivery
 * with a bounded count, then dead letter.
 */
import type { CanonicalEvent, DeadLetter } from '../types.ts'
import { eventSubject, tenantOfSubject } from '../subjects.ts'
import { decodePayload } from './payload.ts'
import { Slots } from './slots.ts'
import { settleFailedBatch } from './failed-batch.ts'
import {
  type BatchHandler, type Bus, type BusMessage, type ConsumeOptions, type Consumer,
  type DeadLetterListener, type PublishOptions,
} from './types.ts'

/** What the copies of one message handed to each durable share: acks still due, and its publish call. */
interface Shared { pendingAcks: number; group: Group }
interface Group { remaining: number; resolve: () => void }

interface Entry {
  subject: string
  payload: object | Uint8Array
  deliveries: number
  shared: Shared
}

/** One delivery; methods on a prototype rather than closures per message (this is the hot path). */
class MemoryMessage implements BusMessage {
  settled = false
  constructor(
    private readonly bus: MemoryBus,
    private readonly queue: DurableQueue,
    readonly entry: Entry,
  ) {}
  get subject(): string { return this.entry.subject }
  get payload(): object | Uint8Array { return this.entry.payload }
  get deliveryCount(): number { return this.entry.deliveries }
  ack(): void { if (!this.settled) { this.settled = true; this.bus.finish(this.entry) } }
  term(): void { this.ack() }
  nak(delayMs = 0): void { if (!this.settled) { this.settled = true; this.bus.redeliver(this.queue, this.entry, delayMs) } }
}

export interface MemoryBusOptions {
  /** Messages waiting for a consumer at most before publishers wait. Default 50,000. */
  maxPending?: number
  /** Duplicate window: ids remembered at most this long… */
  dedupWindowMs?: number
  /** …and at most this many. */
  dedupMaxIds?: number
}

class DurableQueue {
  readonly queue: Entry[] = []
  private head = 0
  private wakers: Array<() => void> = []
  constructor(readonly name: string) {}
  get length(): number { return this.queue.length - this.head }
  push(e: Entry, front = false): void {
    if (front) { if (this.head > 0) this.queue[--this.head] = e; else this.queue.unshift(e) } else this.queue.push(e)
    this.wake()
  }
  take(n: number): Entry[] {
    const out = this.queue.slice(this.head, this.head + n)
    this.head += out.length
    if (this.head > 4096 && this.head * 2 > this.queue.length) { this.queue.splice(0, this.head); this.head = 0 }
    return out
  }
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms)
      const waker = (): void => { clearTimeout(t); resolve() }
      function done(): void { resolve() }
      this.wakers.push(waker)
    })
  }
  wake(): void { const w = this.wakers; this.wakers = []; for (const f of w) f() }
}

export class MemoryBus implements Bus {
  readonly kind = 'memory' as const
  private readonly durables = new Map<string, DurableQueue>()
  /** Messages published before any durable consumer exists. */
  private readonly backlog: Entry[] = []
  private readonly taps = new Set<(payload: object | Uint8Array, subject: string) => void>()
  private readonly dlqListeners = new Set<DeadLetterListener>()
  private seen = new Set<string>()
  private seenBefore = new Set<string>()
  private generationStart = Date.now()
  private readonly spaceWaiters: Array<() => void> = []
  private inFlight = 0
  private closed = false
  private readonly maxPending: number
  private readonly dedupWindowMs: number
  private readonly dedupMaxIds: number

  constructor(opts: MemoryBusOptions = {}) {
    this.maxPending = opts.maxPending ?? 50_000
    this.dedupWindowMs = opts.dedupWindowMs ?? 120_000
    this.dedupMaxIds = opts.dedupMaxIds ?? 200_000
  }

  /**
   * Resolves once every consumer stored the events. With `timeoutMs`, rejects when that takes longer
   * (the store refuses writes): the events stay queued and are stored once it takes them again.
   */
  async publish(events: readonly CanonicalEvent[], o: PublishOptions = {}): Promise<void> {
    const stored = this.enqueue(events.map((e) => ({ subject: eventSubject(e.tenant, e.type), payload: e, msgId: e.id })))
    if (o.timeoutMs === undefined) return stored
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the events were not stored within ${o.timeoutMs} ms; they stay queued and are stored when the store takes writes again`)), o.timeoutMs)
    })
    stored.catch(() => undefined)
    try { await Promise.race([stored, late]) } finally { clearTimeout(timer) }
  }

  async publishRaw(subject: string, payload: Uint8Array, msgId?: string): Promise<void> {
    if (subject.includes('.dlq')) {
      const tenant = tenantOfSubject(subject) ?? 'default'
      const decoded = decodePayload(payload)
      const letter = decoded.ok ? (decoded.value as DeadLetter) : { tenant, stage: 'bus' as const, reason: decoded.reason, payload: decoded.text, at: Date.now() }
      await this.deadLetters([letter])
      return
    }
    await this.enqueue([{ subject, payload, msgId }])
  }

  async deadLetters(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return
    for (const l of this.dlqListeners) await l(letters)
  }

  onDeadLetter(listener: DeadLetterListener): () => void {
    this.dlqListeners.add(listener)
    return () => this.dlqListeners.delete(listener)
  }

  async tap(listener: (payload: object | Uint8Array, subject: string) => void): Promise<() => void> {
    this.taps.add(listener)
    return () => this.taps.delete(listener)
  }

  async consume(opts: ConsumeOptions, handler: BatchHandler): Promise<Consumer> {
    let q = this.durables.get(opts.durable)
    if (!q) {
      q = new DurableQueue(opts.durable)
      this.durables.set(opts.durable, q)
      if (this.durables.size === 1) for (const e of this.backlog.splice(0)) q.push(e)
    }
    const queue = q
    let running = true
    const slots = new Slots(opts.concurrency ?? 1)
    // Stopping drains: what is queued in-process would not survive the process, so it is stored first.
    const loop = (async () => {
      while (!this.closed && (running || queue.length > 0)) {
        if (queue.length === 0) { await queue.wait(1000); continue }
        if (running && queue.length < opts.batchSize) await queue.wait(opts.maxWaitMs)
        await slots.acquire()
        const entries = queue.take(opts.batchSize)
        if (entries.length === 0) { slots.release(); continue }
        void this.deliver(queue, entries, opts, handler).finally(() => slots.release())
      }
      await slots.drain()
    })()
    return {
      stop: async () => { running = false; queue.wake(); await loop },
    }
  }

  async ping(): Promise<boolean> { return !this.closed }

  async close(): Promise<void> {
    this.closed = true
    for (const q of this.durables.values()) q.wake()
  }

  private async deliver(queue: DurableQueue, entries: Entry[], opts: ConsumeOptions, handler: BatchHandler): Promise<void> {
    const msgs = entries.map((e) => { e.deliveries++; return new MemoryMessage(this, queue, e) })
    try {
      await handler(msgs)
    } catch (err) {
      // Dead-lettering can fail too (the store refuses it): the messages then come back below.
      await settleFailedBatch(msgs, opts.maxDeliver, err, (l) => this.deadLetters(l)).catch(() => undefined)
    }
    // Whatever the handler neither acked nor naked comes back, as JetStream's ack wait would do.
    for (const m of msgs) if (!m.settled) m.nak(0)
  }

  /** @internal */
  redeliver(queue: DurableQueue, e: Entry, delayMs: number): void {
    if (delayMs <= 0) queue.push(e, true)
    else setTimeout(() => queue.push(e, true), delayMs).unref()
  }

  /** @internal Every durable acked its copy: the message leaves the in-flight count. */
  finish(e: Entry): void {
    const s = e.shared
    if (--s.pendingAcks > 0) return
    this.inFlight--
    this.spaceWaiters.shift()?.()
    if (--s.group.remaining === 0) s.group.resolve()
  }

  /**
   * Queues messages (dropping ids seen within the dedup window) and resolves once every durable
   * consumer acked all of them. Waits for room only while maxPending messages are in flight.
   */
  private async enqueue(items: ReadonlyArray<{ subject: string; payload: object | Uint8Array; msgId?: string }>): Promise<void> {
    if (this.closed) throw new Error('the in-process bus is closed; restart the process')
    const fresh = items.filter((i) => i.msgId === undefined || !this.isDuplicate(i.msgId))
    if (fresh.length === 0) return
    const group: Group = { remaining: fresh.length, resolve: () => undefined }
    const stored = new Promise<void>((resolve) => { group.resolve = resolve })
    for (const { subject, payload } of fresh) {
      while (this.inFlight >= this.maxPending) await new Promise<void>((r) => this.spaceWaiters.push(r))
      for (const t of this.taps) t(payload, subject)
      this.inFlight++
      const shared: Shared = { pendingAcks: this.durables.size === 0 ? 1 : this.durables.size, group }
      if (this.durables.size === 0) this.backlog.push({ subject, payload, deliveries: 0, shared })
      else for (const q of this.durables.values()) q.push({ subject, payload, deliveries: 0, shared })
    }
    await stored
  }

  /**
   * Duplicate check over two generations of ids: the current one and the one before. A generation
   * rotates every half window or at half the id cap, so an id is remembered for at least half the
   * window (and at most the whole), in bounded memory, without per-id timestamps.
   */
  private isDuplicate(id: string): boolean {
    if (this.seen.has(id) || this.seenBefore.has(id)) return true
    const now = Date.now()
    if (this.seen.size >= this.dedupMaxIds / 2 || now - this.generationStart >= this.dedupWindowMs / 2) {
      this.seenBefore = this.seen
      this.seen = new Set()
      this.generationStart = now
    }
    this.seen.add(id)
    return false
  }


}
