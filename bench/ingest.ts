/**
 * npm run bench -- ingest
 * Sustained events/s from publish to committed in ClickHouse (chDB), against a baseline measured
 * in the same run: the same rows bulk-inserted straight into chDB. Embedded (in-process bus) and
 * JetStream (file storage, acked, spawned nats-server). Peak RSS printed.
 */
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { JetStreamBus, MemoryBus, type Bus, type CanonicalEvent } from '@agner/events'
import { NatsServerProcess } from '@agner/events/testing'
import { countStoredEvents, eventToRow, insertEventRows, type EventRow, type Store } from '@agner/analytics'
import { tempStore } from '@agner/analytics/testing'
import { StoreWriter } from '../ingest/src/writer.ts'
import { chunks, fixture, mb, peakRss, rate, sampleRss, until } from './_support.ts'

const N = Number(process.env.BENCH_EVENTS ?? 300_000)
const BATCH = Number(process.env.BENCH_BATCH ?? 20_000)

async function truncate(store: Store): Promise<void> {
  for (const t of ['events', 'queue_visits', 'agent_state_intervals']) await store.client.command({ query: `TRUNCATE TABLE ${t}` })
}

/** The same rows inserted straight into chDB, two inserts at once as the writer does; row preparation is not timed. */
async function baseline(store: Store, template: CanonicalEvent[]): Promise<number> {
  const batches: EventRow[][] = []
  for (const chunk of chunks(template, N, BATCH)) batches.push(chunk.map((e) => eventToRow(e)))
  const t0 = performance.now()
  let next = 0
  await Promise.all([0, 1].map(async () => { while (next < batches.length) await insertEventRows(store.client, batches[next++]!) }))
  return performance.now() - t0
}

async function pipeline(store: Store, bus: Bus, template: CanonicalEvent[], batch: number): Promise<number> {
  const writer = new StoreWriter(bus, store, { batchSize: batch, maxWaitMs: 20, maxDeliver: 5, concurrency: 2 })
  await writer.start()
  const t0 = performance.now()
  const source = chunks(template, N, 10_000)
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let c = source.next(); !c.done; c = source.next()) await bus.publish(c.value)
  }))
  await until(() => writer.stats.stored >= N, 600_000, 'the writer to commit every event')
  const ms = performance.now() - t0
  await writer.stop()
  return ms
}

/** JetStream: the producer is its own process (as adapters are); this process runs the writer. */
async function jetstreamPipeline(store: Store, bus: Bus, url: string): Promise<{ ms: number; publishMs: number }> {
  const writer = new StoreWriter(bus, store, { batchSize: 20_000, maxWaitMs: 20, maxDeliver: 5, concurrency: 2 })
  await writer.start()
  const child = spawn(process.execPath, ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), '_jetstream-publisher.ts'), url, String(N)], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  await until(() => out.includes('READY'), 60_000, 'the producer process')
  const t0 = performance.now()
  child.stdin.write('go\n')
  await until(() => writer.stats.stored >= N, 600_000, 'the writer to commit every event')
  const ms = performance.now() - t0
  await until(() => out.includes('PUBLISHED'), 60_000, 'the producer to finish')
  await writer.stop()
  return { ms, publishMs: Number(/PUBLISHED (\d+)/.exec(out)![1]) }
}

const events = fixture(Math.min(N, 50_000))
const ctx = await tempStore()
console.log(`ingest benchmark: ${N} events (a ${events.length}-event template of ${new Set(events.map((e) => e.queueId).filter(Boolean)).size} queues, re-issued with fresh ids), chDB, batches of ${BATCH}`)
console.log(`RSS before the runs (template and chDB loaded): ${mb(process.memoryUsage().rss)}`)

// Warm-up: the engine's first inserts pay for thread pools and caches.
await insertEventRows(ctx.store.client, events.slice(0, 20_000).map((e) => eventToRow(e)))
await truncate(ctx.store)

// Baseline and embedded alternate, twice; the best of each is reported (this VM is noisy).
let base = 0, mem = 0, memStored = 0, memRss = 0
for (let round = 1; round <= 2; round++) {
  const b = rate(N, await baseline(ctx.store, events))
  await truncate(ctx.store)
  globalThis.gc?.()
  const rss = sampleRss()
  const m = rate(N, await pipeline(ctx.store, new MemoryBus(), events, BATCH))
  memRss = Math.max(memRss, rss.stop())
  memStored = (await countStoredEvents(ctx.store.client)).finalRows
  await truncate(ctx.store)
  console.log(`  round ${round}: baseline ${b.toLocaleString('en')}/s, embedded ${m.toLocaleString('en')}/s; RSS now ${mb(process.memoryUsage().rss)}, peak ${mb(peakRss())}`)
  base = Math.max(base, b); mem = Math.max(mem, m)
}
console.log(`baseline  bulk insert straight into chDB:        ${base.toLocaleString('en')} events/s`)
console.log(`embedded  in-process bus → writer → chDB:        ${mem.toLocaleString('en')} events/s  (${(mem / base).toFixed(2)} × baseline; stored ${memStored}; RSS peak while it ran ${mb(memRss)})`)

const nats = await NatsServerProcess.start()
const js = await JetStreamBus.connect({ servers: nats.url })
globalThis.gc?.()
const jsRssSampler = sampleRss()
const { ms: jsMs, publishMs } = await jetstreamPipeline(ctx.store, js, nats.url)
const jsRss = jsRssSampler.stop()
const jsRate = rate(N, jsMs)
const jsCount = await countStoredEvents(ctx.store.client)
console.log(`jetstream publish (acked, file) → writer → chDB: ${jsRate.toLocaleString('en')} events/s  (${(jsRate / base).toFixed(2)} × baseline; stored ${jsCount.finalRows}; the producer process alone published ${rate(N, publishMs).toLocaleString('en')}/s; RSS peak of this process while it ran ${mb(jsRss)})`)
await js.close()
await nats.dispose()
console.log(`peak RSS of the whole run: ${mb(peakRss())}, the baseline's 300k prepared rows included (V8 heap now ${mb(process.memoryUsage().heapTotal)})`)
await ctx.dispose()
