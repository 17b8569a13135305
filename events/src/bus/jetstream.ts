/**
 * The JetStream bus: a file-storage stream over `cc.*.events.>`, publishes deduplicated by
 * `Nats-Msg-Id` = event id, a durable pull consumer with explicit acks (sent only after the store
 * committed), bounded redelivery, then a dead letter on `cc.<tenant>.dlq` (its own stream).
 */
import { connect, nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node'
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream'
import type { CanonicalEvent, DeadLetter } from '../types.ts'
import { DLQ_STREAM, DLQ_SUBJECTS, dlqSubject, EVENTS_STREAM, EVENTS_SUBJECTS, eventSubject, tenantOfSubject } from '../subjects.ts'
import { decodePayload, encodeJson } from './payload.ts'
import { Slots } from './slots.ts'
import { settleFailedBatch } from './failed-batch.ts'
import { AsyncPublisher } from './async-publisher.ts'
import {
  type BatchHandler, type Bus, type BusMessage, type ConsumeOptions, type Consumer,
  type DeadLetterListener, type PublishOptions,
} from './types.ts'

export interface JetStreamBusOptions {
  servers: string | string[]
  /** How long an unacked delivery waits before redelivery. Default 30 s. */
  ackWaitMs?: number
  /** How long events stay in the stream. Default 7 days. */
  maxAgeMs?: number
  /** Publishes awaiting their ack at once. Default 2,000. */
  publishWindow?: number
  /** How long one publish keeps retrying through a server restart before it fails. Default 60 s. */
  publishTimeoutMs?: number
  /** Stream replicas (1 on a single server; 3 on a cluster). Default 1. */
  replicas?: number
  name?: string
}

const DAY = 86_400_000

export class JetStreamBus implements Bus {
  readonly kind = 'jetstream' as const
  private readonly subs: Subscription[] = []
  private readonly consumers: Consumer[] = []
  private readonly publisher: AsyncPublisher

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly opts: Required<Omit<JetStreamBusOptions, 'name'>>,
  ) {
    this.publisher = new AsyncPublisher(nc, 5000)
  }

  static async connect(options: JetStreamBusOptions): Promise<JetStreamBus> {
    const where = Array.isArray(options.servers) ? options.servers.join(',') : options.servers
    let nc: NatsConnection
    try {
      nc = await connect({
        servers: options.servers, name: options.name ?? 'agner', maxReconnectAttempts: -1, reconnectTimeWait: 250,
        // Without this every request builds an Error up front for its stack trace: a third of publish CPU.
        noAsyncTraces: true,
      })
    } catch (err) {
      throw new Error(`could not connect to NATS at ${where} (${(err as Error).message}); start nats-server with -js, or unset NATS_URL to use the in-process bus`)
    }
    let jsm: JetStreamManager
    try {
      jsm = await jetstreamManager(nc)
    } catch (err) {
      await nc.close()
      throw new Error(`NATS at ${where} has no JetStream (${(err as Error).message}); start nats-server with -js`)
    }
    const opts = {
      servers: options.servers, ackWaitMs: options.ackWaitMs ?? 30_000, maxAgeMs: options.maxAgeMs ?? 7 * DAY,
      publishWindow: options.publishWindow ?? 2000, publishTimeoutMs: options.publishTimeoutMs ?? 60_000,
      replicas: options.replicas ?? 1,
    }
    const bus = new JetStreamBus(nc, jetstream(nc), jsm, opts)
    await bus.ensureStreams()
    return bus
  }

  private async ensureStreams(): Promise<void> {
    const want = [
      { name: EVENTS_STREAM, subjects: [EVENTS_SUBJECTS], max_age: nanos(this.opts.maxAgeMs) },
      { name: DLQ_STREAM, subjects: [DLQ_SUBJECTS], max_age: nanos(30 * DAY) },
    ]
    for (const s of want) {
      const config = { ...s, storage: StorageType.File, duplicate_window: nanos(120_000), num_replicas: this.opts.replicas }
      try {
        await this.jsm.streams.info(s.name)
        await this.jsm.streams.update(s.name, { subjects: config.subjects, max_age: config.max_age, duplicate_window: config.duplicate_window })
      } catch (err) {
        if (!isNotFound(err)) throw err
        await this.jsm.streams.add(config)
      }
    }
  }

  async publish(events: readonly CanonicalEvent[], o: PublishOptions = {}): Promise<void> {
    const deadline = Date.now() + (o.timeoutMs ?? this.opts.publishTimeoutMs)
    const window = this.opts.publishWindow
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < events.length) {
        const e = events[next++]!
        await this.publishOne(eventSubject(e.tenant, e.type), encodeJson(e), e.id, deadline)
      }
    }
    await Promise.all(Array.from({ length: Math.min(window, events.length) }, worker))
  }

  async publishRaw(subject: string, payload: Uint8Array, msgId?: string): Promise<void> {
    await this.publishOne(subject, payload, msgId)
  }

  /** Publishes until acked, riding out a server restart until the deadline (publishTimeoutMs from now by default). */
  private async publishOne(subject: string, data: Uint8Array, msgID?: string, deadline = Date.now() + this.opts.publishTimeoutMs): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.publisher.publish(subject, data, msgID, Math.max(1, deadline - Date.now()))
        return
      } catch (err) {
        const left = deadline - Date.now()
        if (left <= 0 || this.nc.isClosed()) {
          throw new Error(`NATS did not acknowledge the publish on ${subject}: ${(err as Error).message}; check that nats-server is running with JetStream enabled`)
        }
        await sleep(Math.min(50 * 2 ** attempt, 1000, left))
      }
    }
  }

  async deadLetters(letters: readonly DeadLetter[]): Promise<void> {
    await Promise.all(letters.map((l) => this.publishOne(dlqSubject(l.tenant), encodeJson(l))))
  }

  onDeadLetter(listener: DeadLetterListener): () => void {
    const started = this.consume(
      { durable: 'agner-dead-letters', batchSize: 1000, maxWaitMs: 200, maxDeliver: 10, stream: DLQ_STREAM },
      async (batch) => {
        const letters = batch.map((m): DeadLetter => {
          const d = decodePayload(m.payload)
          return d.ok
            ? (d.value as DeadLetter)
            : { tenant: tenantOfSubject(m.subject) ?? 'default', stage: 'bus', reason: d.reason, payload: d.text, at: Date.now() }
        })
        await listener(letters)
        for (const m of batch) m.ack()
      },
    )
    return () => { void started.then((c) => c.stop()) }
  }

  async tap(listener: (payload: object | Uint8Array, subject: string) => void): Promise<() => void> {
    const sub = this.nc.subscribe(EVENTS_SUBJECTS, { callback: (err, msg) => { if (!err) listener(msg.data, msg.subject) } })
    this.subs.push(sub)
    return () => sub.unsubscribe()
  }

  async consume(opts: ConsumeOptions & { stream?: string }, handler: BatchHandler): Promise<Consumer> {
    const stream = opts.stream ?? EVENTS_STREAM
    const config = {
      durable_name: opts.durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.opts.ackWaitMs), max_deliver: -1, max_ack_pending: opts.maxInFlight ?? opts.batchSize * 4,
    }
    try {
      await this.jsm.consumers.info(stream, opts.durable)
      await this.jsm.consumers.update(stream, opts.durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending })
    } catch (err) {
      if (!isNotFound(err)) throw err
      await this.jsm.consumers.add(stream, config)
    }
    const consumer = await this.js.consumers.get(stream, opts.durable)
    const iter = await consumer.consume({ max_messages: Math.min(opts.batchSize * 2, config.max_ack_pending) })
    let buffer: JsMsg[] = []
    let wake: (() => void) | undefined
    let running = true
    const reader = (async () => {
      for await (const m of iter) {
        buffer.push(m)
        if (buffer.length >= opts.batchSize) wake?.()
      }
      running = false
      wake?.()
    })()
    const waitFor = (ms: number): Promise<void> => new Promise((resolve) => {
      const t = setTimeout(() => { wake = undefined; resolve() }, ms)
      wake = () => { clearTimeout(t); wake = undefined; resolve() }
    })
    const slots = new Slots(opts.concurrency ?? 1)
    const flusher = (async () => {
      while (running) {
        if (buffer.length < opts.batchSize) await waitFor(buffer.length === 0 ? 1000 : opts.maxWaitMs)
        if (buffer.length === 0) continue
        await slots.acquire()
        const batch = buffer.slice(0, opts.batchSize)
        buffer = buffer.slice(batch.length)
        void this.deliver(batch, opts, handler).finally(() => slots.release())
      }
      await slots.drain()
    })()
    const handle: Consumer = {
      stop: async () => {
        running = false
        wake?.()
        await iter.close()
        await flusher
        await reader.catch(() => undefined)
        for (const m of buffer.splice(0)) m.nak()
      },
    }
    this.consumers.push(handle)
    return handle
  }

  private async deliver(batch: JsMsg[], opts: ConsumeOptions, handler: BatchHandler): Promise<void> {
    const msgs = batch.map((m) => new JetStreamMessage(m))
    try {
      await handler(msgs)
    } catch (err) {
      // Dead-lettering can fail too: the unsettled messages are then redelivered after the ack wait.
      await settleFailedBatch(msgs, opts.maxDeliver, err, (l) => this.deadLetters(l)).catch(() => undefined)
    }
  }

  async ping(): Promise<boolean> {
    if (this.nc.isClosed()) return false
    try { await this.nc.flush(); await this.jsm.getAccountInfo(); return true } catch { return false }
  }

  async close(): Promise<void> {
    for (const c of this.consumers.splice(0)) await c.stop().catch(() => undefined)
    for (const s of this.subs.splice(0)) s.unsubscribe()
    this.publisher.close()
    await this.nc.drain().catch(() => undefined)
  }
}

/** One delivery; prototype methods, and the delivery count parsed only when asked (hot path). */
class JetStreamMessage implements BusMessage {
  settled = false
  constructor(private readonly m: JsMsg) {}
  get subject(): string { return this.m.subject }
  get payload(): Uint8Array { return this.m.data }
  get deliveryCount(): number { return this.m.info.deliveryCount }
  ack(): void { if (!this.settled) { this.settled = true; this.m.ack() } }
  term(): void { if (!this.settled) { this.settled = true; this.m.term() } }
  nak(delayMs?: number): void { if (!this.settled) { this.settled = true; this.m.nak(delayMs) } }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: unknown; api_error?: { err_code?: number }; message?: string }
  return e?.api_error?.err_code === 10059 || e?.api_error?.err_code === 10014 || /not found/i.test(e?.message ?? '')
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
