/**
 * The store writer: takes batches from the bus's durable consumer, validates each message,
 * inserts the valid ones into `events` (one synchronous insert per batch with a dedup token),
 * dead-letters the invalid ones with their reasons, and only then acks. A failed insert throws,
 * so the bus redelivers the batch (bounded, then dead letter). The bus bounds unacked messages,
 * which is the backpressure: nothing here grows without limit. A full disk is not the events'
 * fault: their batch goes back to the bus to be tried again every few seconds, never dead-lettered
 * for it, and StoreHealth tells ingestion to refuse new events until a write succeeds again.
 */
import {
  decodePayload, payloadText, tenantOfSubject, validateEvent, type Bus, type CanonicalEvent, type Consumer, type DeadLetter,
} from '@agner/events'
import { insertDeadLetters, insertEvents, type Store } from '@agner/analytics'
import type { StoreHealth } from './store-health.ts'

export interface WriterOptions {
  batchSize: number
  maxWaitMs: number
  maxDeliver: number
  /** Batches inserted at once. Default 1. */
  concurrency?: number
  durable?: string
  /** Called with the events of each committed batch, in batch order. */
  onCommitted?: (events: CanonicalEvent[]) => void
  /** Told of each write's outcome: a full disk refuses ingestion until a write succeeds. */
  health?: StoreHealth
}

/** How soon a batch refused for a full disk is tried again. */
const DISK_FULL_RETRY_MS = 2000
/** Dead letters held while they cannot be written (full disk); past this the oldest are counted and logged. */
const MAX_HELD_LETTERS = 100_000

export interface WriterStats { batches: number; stored: number; deadLettered: number; lastCommitAt: number | null }

export class StoreWriter {
  private consumer?: Consumer
  private stopDlq?: () => void
  readonly stats: WriterStats = { batches: 0, stored: 0, deadLettered: 0, lastCommitAt: null }
  /** Dead letters not yet written (the store refused them), oldest first; written with the next ones. */
  private held: DeadLetter[] = []
  private flushing = false
  private retryTimer?: NodeJS.Timeout

  constructor(private readonly bus: Bus, private readonly store: Store, private readonly opts: WriterOptions) {}

  async start(): Promise<void> {
    // Dead letters from any stage (HTTP, bus, store retries) are recorded in the dead_letters table.
    this.stopDlq = this.bus.onDeadLetter((letters) => this.recordLetters(letters))
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
    try {
      await insertEvents(this.store, events, now)
    } catch (err) {
      if (!this.opts.health?.failed(err)) throw err
      // The disk is full: the batch waits on the bus and comes back; nothing is dead-lettered for it.
      for (const m of batch) m.nak(DISK_FULL_RETRY_MS)
      return
    }
    if (events.length > 0) this.opts.health?.wrote()
    await this.bus.deadLetters(letters)
    for (const m of batch) m.ack()
    this.stats.batches++
    this.stats.stored += events.length
    this.stats.deadLettered += letters.length
    this.stats.lastCommitAt = Date.now()
    if (events.length > 0) this.opts.onCommitted?.(events)
  }

  /**
   * Writes dead letters to the dead_letters table. When the store refuses them (a full disk) they
   * are held and written with the next ones, or by a retry every few seconds: the caller (an HTTP
   * request, the bus) is never failed for it, and a letter is dropped only past MAX_HELD_LETTERS,
   * with a count in the log.
   */
  private async recordLetters(letters: readonly DeadLetter[]): Promise<void> {
    this.held.push(...letters)
    if (this.held.length > MAX_HELD_LETTERS) {
      const dropped = this.held.length - MAX_HELD_LETTERS
      this.held = this.held.slice(dropped)
      console.error(`agner: ${dropped} dead letters could not be written and were dropped (the store refuses writes); free the store's disk`)
    }
    await this.flushLetters()
  }

  private async flushLetters(): Promise<void> {
    if (this.flushing || this.held.length === 0) return
    this.flushing = true
    const batch = this.held
    this.held = []
    try {
      await insertDeadLetters(this.store.client, batch)
      this.opts.health?.wrote()
    } catch (err) {
      this.held = [...batch, ...this.held]
      if (!this.opts.health?.failed(err)) console.error(`agner: ${batch.length} dead letters could not be written (${(err as Error).message}); retrying`)
      this.retryTimer ??= setTimeout(() => { this.retryTimer = undefined; void this.flushLetters() }, DISK_FULL_RETRY_MS)
      this.retryTimer.unref()
    } finally {
      this.flushing = false
    }
    if (this.held.length > 0 && !this.retryTimer) await this.flushLetters()
  }

  /** Finishes the batch in hand and stops; unacked messages stay on the bus for the next start. */
  async stop(): Promise<void> {
    await this.consumer?.stop()
    this.stopDlq?.()
    if (this.retryTimer) clearTimeout(this.retryTimer)
  }
}
