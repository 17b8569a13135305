/**
 * The bus contract. Two implementations pass the same contract tests: JetStream (production)
 * and in-process (embedded mode, when NATS_URL is unset).
 */
import type { CanonicalEvent, DeadLetter } from '../types.ts'

/** One delivery of one message to a durable consumer. */
export interface BusMessage {
  readonly subject: string
  /** An object published in-process, or the bytes read off the wire. */
  readonly payload: object | Uint8Array
  /** 1 on first delivery, 2 on the first redelivery, … */
  readonly deliveryCount: number
  ack(): void
  /** Ask for redelivery after delayMs. */
  nak(delayMs?: number): void
  /** Never deliver again (used once it has been dead-lettered). */
  term(): void
}

export interface ConsumeOptions {
  /** Durable consumer name; consumers with the same name share the work. */
  durable: string
  /** Most messages handed to one handler call. */
  batchSize: number
  /** How long a partial batch waits for more messages before it is handed over. */
  maxWaitMs: number
  /** Deliveries before a message that keeps failing is dead-lettered. */
  maxDeliver: number
  /** Unacknowledged messages at most (backpressure). Default 4 × batchSize. */
  maxInFlight?: number
  /** Batches handled at once (the store inserts one while the next is read). Default 1. */
  concurrency?: number
}

/**
 * Handles one batch. Ack what was stored; throwing naks the whole batch for redelivery and, past
 * maxDeliver, dead-letters each message with the error as its reason.
 */
export type BatchHandler = (batch: BusMessage[]) => Promise<void>

export interface Consumer {
  /** Stop taking new messages, finish the batch in hand, release the rest for redelivery. */
  stop(): Promise<void>
}

/** Receives dead letters a batch at a time (one insert for a request's worth of rejections). */
export type DeadLetterListener = (letters: readonly DeadLetter[]) => Promise<void> | void

export interface PublishOptions {
  /**
   * Give up (reject) when the events are not durable within this many ms. Producers that can wait
   * ride out a broker restart (the bus's own timeout); an HTTP request answers 503 sooner.
   */
  timeoutMs?: number
}

export interface Bus {
  readonly kind: 'memory' | 'jetstream'
  /** Publish events; resolves once they are durable (JetStream ack, or stored in-process). */
  publish(events: readonly CanonicalEvent[], o?: PublishOptions): Promise<void>
  /** Publish an arbitrary payload on a subject (adapters, tests of malformed input). */
  publishRaw(subject: string, payload: Uint8Array, msgId?: string): Promise<void>
  /** Record undeliverable messages on `cc.<tenant>.dlq`, as one batch. */
  deadLetters(letters: readonly DeadLetter[]): Promise<void>
  /** Listen to dead letters as they are published. */
  onDeadLetter(listener: DeadLetterListener): () => void
  consume(opts: ConsumeOptions, handler: BatchHandler): Promise<Consumer>
  /**
   * See every event as it is published, before it is stored, at most once and without acks:
   * the feed for live views. Returns an unsubscribe function.
   */
  tap(listener: (payload: object | Uint8Array, subject: string) => void): Promise<() => void>
  ping(): Promise<boolean>
  close(): Promise<void>
}

/** The reason recorded for a message that failed maxDeliver times. */
export function exhaustedReason(maxDeliver: number, err: unknown): string {
  return `could not be stored after ${maxDeliver} attempts: ${err instanceof Error ? err.message : String(err)}`
}
