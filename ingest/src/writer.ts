/**
 * The store writer: takes batches from the bus's durable consumer, validates each message,
 * inserts the valid ones into `events` (one synchronous insert per batch with a dedup token),
 * dead-letters the invalid ones with their reasons, and only then acks. A failed insert throws,
 * so the bus redelivers the batch (bounded, then dead letter). The bus bounds unacked messages,
 * which is the backpressure: nothing here grows without limit.
 */
import {
  decodePayload, payloadText, tenantOfSubject, validateEvent, type Bus, type CanonicalEvent, type Consumer, type DeadLetter,
} from '@agner/events'
import { insertDeadLetters, insertEvents, type Store } from '@agner/analytics'

export interface WriterOptions {
  batchSize: number
  maxWaitMs: number
  maxDeliver: number
  /** Batches inserted at once. Default 1. */
  concurrency?: number
  durable?: string
  /** Called with the events of each committed batch, in batch order. */
  onCommitted?: (events: CanonicalEvent[]) => void
}

export interface WriterStats { batches: number; stored: number; deadLettered: number; lastCommitAt: number | null }

export class StoreWriter {
  private consumer?: Consumer
  private stopDlq?: () => void
  readonly stats: WriterStats = { batches: 0, stored: 0, deadLettered: 0, lastCommitAt: null }

  constructor(private readonly bus: Bus, private readonly store: Store, private readonly opts: WriterOptions) {}

  async start(): Promise<void> {
    // Dead letters from any stage (HTTP, bus, store retries) are recorded in the dead_letters table.
    this.stopDlq = this.bus.onDeadLetter((letters) => insertDeadLetters(this.store.client, letters))
    this.consumer = await this.bus.consume(
      { durable: this.opts.durable ?? 'agner-store-writer', batchSize: this.opts.batchSize, maxWaitMs: this.opts.maxWaitMs, maxDeliver: this.opts.maxDeliver, concurrency: this.opts.concurrency },
      (batch) => this.handle(batch),
    )
  }

  private async handle(batch: Parameters<Parameters<Bus['consume']>[1]>[0]): Promise<void> {
    const events: CanonicalEvent[] = []
    const letters: DeadLetter[] = []
    const now = Date.now()
    for (const m of batch) {
      const decoded = decodePayload(m.payload)
      const tenant = tenantOfSubject(m.subject) ?? 'default'
      if (!decoded.ok) {
        letters.push({ tenant, stage: 'bus', reason: decoded.reason, payload: decoded.text.slice(0, 65_536), at: now })
        continue
      }
      const v = validateEvent(decoded.value, { now })
      if (!v.ok) {
        letters.push({ tenant, stage: 'bus', reason: v.problems.join('; '), eventId: v.id, payload: payloadText(m.payload), at: now })
        continue
      }
      events.push(v.event)
    }
    await insertEvents(this.store, events, now)
    await this.bus.deadLetters(letters)
    for (const m of batch) m.ack()
    this.stats.batches++
    this.stats.stored += events.length
    this.stats.deadLettered += letters.length
    this.stats.lastCommitAt = Date.now()
    if (events.length > 0) this.opts.onCommitted?.(events)
  }

  /** Finishes the batch in hand and stops; unacked messages stay on the bus for the next start. */
  async stop(): Promise<void> {
    await this.consumer?.stop()
    this.stopDlq?.()
  }
}
