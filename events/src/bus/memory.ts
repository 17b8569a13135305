/**
 * In-process bus for the embedded mode. Same contract as JetStream: duplicate ids dropped at the
 * door within a window, publish resolves only when every durable consumer has acked (so a 202 means
 * the store committed), bounded in-flight messages (publishers wait: backpressure), redelivery
 * with a bounded count, then dead letter.
 */
import type { CanonicalEvent, DeadLetter } from '../types.ts'
import { eventSubject, tenantOfSubject } from '../subjects.ts'
import { decodePayload, payloadText } from './payload.ts'
import { Slots } from './slots.ts'
import {
  exhaustedReason, type BatchHandler, type Bus, type BusMessage, type ConsumeOptions, type Consumer,
  type DeadLetterListener,
} from './types.ts'

interface Entry {
  subject: string
  payload: object | Uint8Array
  deliveries: number
  done: () => void
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
  private readonly seen = new Map<string, number>()
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

  async publish(events: readonly CanonicalEvent[]): Promise<void> {
    const pending: Promise<void>[] = []
    for (const e of events) {
      const ticket = await this.enqueue(eventSubject(e.tenant, e.type), e, e.id)
      if (ticket) pending.push(ticket.stored)
    }
    await Promise.all(pending)
  }

  async publishRaw(subject: string, payload: Uint8Array, msgId?: string): Promise<void> {
    if (subject.includes('.dlq')) {
      const tenant = tenantOfSubject(subject) ?? 'default'
      const decoded = decodePayload(payload)
      const letter = decoded.ok ? (decoded.value as DeadLetter) : { tenant, stage: 'bus' as const, reason: decoded.reason, payload: decoded.text, at: Date.now() }
      await this.deadLetter(letter)
      return
    }
    const ticket = await this.enqueue(subject, payload, msgId)
    await ticket?.stored
  }

  async deadLetter(letter: DeadLetter): Promise<void> {
    for (const l of this.dlqListeners) await l(letter)
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
    const loop = (async () => {
      while (running && !this.closed) {
        if (queue.length === 0) { await queue.wait(1000); continue }
        if (queue.length < opts.batchSize) await queue.wait(opts.maxWaitMs)
        if (!running) break
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
    const settled = new Set<Entry>()
    const msgs: BusMessage[] = entries.map((e) => {
      e.deliveries++
      const settle = (then: () => void): void => { if (!settled.has(e)) { settled.add(e); then() } }
      return {
        subject: e.subject,
        payload: e.payload,
        deliveryCount: e.deliveries,
        ack: () => settle(() => this.finish(e)),
        term: () => settle(() => this.finish(e)),
        nak: (delayMs = 0) => settle(() => this.redeliver(queue, e, delayMs)),
      }
    })
    try {
      await handler(msgs)
    } catch (err) {
      for (const [i, e] of entries.entries()) {
        if (settled.has(e)) continue
        if (e.deliveries >= opts.maxDeliver) {
          await this.deadLetter({
            tenant: tenantOfSubject(e.subject) ?? 'default', stage: 'store', reason: exhaustedReason(opts.maxDeliver, err),
            payload: payloadText(e.payload), at: Date.now(),
          })
          msgs[i]!.term()
        } else {
          msgs[i]!.nak(Math.min(100 * 2 ** e.deliveries, 5000))
        }
      }
    }
    // Whatever the handler neither acked nor naked comes back, as JetStream's ack wait would do.
    for (const [i, e] of entries.entries()) if (!settled.has(e)) msgs[i]!.nak(0)
  }

  private redeliver(queue: DurableQueue, e: Entry, delayMs: number): void {
    if (delayMs <= 0) queue.push(e, true)
    else setTimeout(() => queue.push(e, true), delayMs).unref()
  }

  private finish(e: Entry): void { e.done() }

  /** Queues one message; the ticket's promise settles when every durable consumer acked it. */
  private async enqueue(subject: string, payload: object | Uint8Array, msgId?: string): Promise<{ stored: Promise<void> } | undefined> {
    if (this.closed) throw new Error('the in-process bus is closed; restart the process')
    if (msgId !== undefined && this.isDuplicate(msgId)) return undefined
    while (this.inFlight >= this.maxPending) await new Promise<void>((r) => this.spaceWaiters.push(r))
    for (const t of this.taps) t(payload, subject)
    const targets = this.durables.size === 0 ? 1 : this.durables.size
    let remaining = targets
    this.inFlight++
    const stored = new Promise<void>((resolve) => {
      const entry: Entry = {
        subject, payload, deliveries: 0,
        done: () => {
          if (--remaining > 0) return
          this.inFlight--
          this.spaceWaiters.shift()?.()
          resolve()
        },
      }
      if (this.durables.size === 0) this.backlog.push(entry)
      else {
        let first = true
        for (const q of this.durables.values()) {
          // Each durable gets its own delivery record sharing the completion.
          q.push(first ? entry : { ...entry, deliveries: 0 })
          first = false
        }
      }
    })
    return { stored }
  }

  private isDuplicate(id: string): boolean {
    const now = Date.now()
    const at = this.seen.get(id)
    if (at !== undefined && now - at < this.dedupWindowMs) return true
    this.seen.set(id, now)
    if (this.seen.size > this.dedupMaxIds) {
      for (const [k, t] of this.seen) {
        if (this.seen.size <= this.dedupMaxIds && now - t < this.dedupWindowMs) break
        this.seen.delete(k)
      }
    }
    return false
  }
}
