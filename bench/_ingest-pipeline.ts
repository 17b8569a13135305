/**
 * One ingest pipeline in its own process, so the RSS it prints is that pipeline's alone (chDB runs
 * inside the process). Used by bench/ingest.ts; prints one `RESULT {json}` line.
 * Usage: node --import tsx bench/_ingest-pipeline.ts baseline|embedded|jetstream N BATCH [NATS_URL]
 */
import { spawn } from 'node:child_process'
import { JetStreamBus, MemoryBus, type Bus, type CanonicalEvent } from '@agner/events'
import { countStoredEvents, eventToRow, insertEventRows, type EventRow, type Store } from '@agner/analytics'
import { tempStore } from '@agner/analytics/testing'
import { StoreWriter } from '../ingest/src/writer.ts'
import { limitHeapGrowth } from '../ingest/src/heap-growth.ts'
import { benchScript, chunks, fixture, peakRss, sampleMemory, until, type MemorySample } from './_support.ts'

export interface PipelineResult { ms: number; stored: number; rssBefore: number; rssPeak: number; publishMs?: number; atPeak?: MemorySample }

// As `agner start` does: the old space kept within 1.5× of the live data.
limitHeapGrowth()

const [mode, n, batch, natsUrl] = process.argv.slice(2)
const N = Number(n)
const BATCH = Number(batch)
const TEMPLATE = 20_000

/** The same rows inserted straight into chDB, two inserts at once as the writer does; row preparation is not timed. */
async function baseline(store: Store, template: CanonicalEvent[]): Promise<number> {
  const batches: EventRow[][] = []
  for (const chunk of chunks(template, N, BATCH)) batches.push(chunk.map((e) => eventToRow(e)))
  const t0 = performance.now()
  let next = 0
  await Promise.all([0, 1].map(async () => { while (next < batches.length) await insertEventRows(store, batches[next++]!) }))
  return performance.now() - t0
}

/** In-process bus: four publishers of 10,000-event chunks (40,000 in flight), the writer committing batches of BATCH, two at once. */
async function embedded(store: Store, template: CanonicalEvent[]): Promise<number> {
  const bus = new MemoryBus()
  const writer = new StoreWriter(bus, store, { batchSize: BATCH, maxWaitMs: 20, maxDeliver: 5, concurrency: 2 })
  await writer.start()
  const t0 = performance.now()
  const source = chunks(template, N, 10_000)
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let c = source.next(); !c.done; c = source.next()) await bus.publish(c.value)
  }))
  await until(() => writer.stats.stored >= N, 600_000, 'the writer to commit every event')
  const ms = performance.now() - t0
  await writer.stop()
  return ms
}

/** JetStream: the producer is its own process (as adapters are); this process runs the writer. */
async function jetstream(store: Store): Promise<{ ms: number; publishMs: number }> {
  const bus: Bus = await JetStreamBus.connect({ servers: natsUrl! })
  const writer = new StoreWriter(bus, store, { batchSize: BATCH, maxWaitMs: 20, maxDeliver: 5, concurrency: 2 })
  await writer.start()
  const child = spawn(process.execPath, [...benchScript('_jetstream-publisher'), natsUrl!, String(N)], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  await until(() => out.includes('READY'), 60_000, 'the producer process')
  const t0 = performance.now()
  child.stdin.end('go\n') // EOF too, so neither process is kept alive by the pipe
  await until(() => writer.stats.stored >= N, 600_000, 'the writer to commit every event')
  const ms = performance.now() - t0
  await until(() => out.includes('PUBLISHED'), 60_000, 'the producer to finish')
  await writer.stop()
  await bus.close()
  return { ms, publishMs: Number(/PUBLISHED (\d+)/.exec(out)![1]) }
}

const ctx = await tempStore()
// Warm-up: the engine's first inserts pay for thread pools and caches.
const template = mode === 'jetstream' ? [] : fixture(TEMPLATE)
await insertEventRows(ctx.store, fixture(2_000, 50, 99).map((e) => eventToRow(e)))
for (const t of ['events', 'queue_visits', 'agent_state_intervals']) await ctx.store.client.command({ query: `TRUNCATE TABLE ${t}` })
globalThis.gc?.()
const rssBefore = process.memoryUsage().rss
const sampler = sampleMemory()
let result: PipelineResult
if (mode === 'baseline') {
  result = { ms: await baseline(ctx.store, template), stored: 0, rssBefore, rssPeak: 0 }
} else if (mode === 'embedded') {
  result = { ms: await embedded(ctx.store, template), stored: 0, rssBefore, rssPeak: 0 }
} else {
  result = { ...(await jetstream(ctx.store)), stored: 0, rssBefore, rssPeak: 0 }
}
// The kernel's high-water mark catches a peak between two samples; the sample tells what it was made of.
result.atPeak = sampler.stop()
result.rssPeak = Math.max(result.atPeak.rss, peakRss())
result.stored = (await countStoredEvents(ctx.store.client)).finalRows
console.log(`RESULT ${JSON.stringify(result)}`)
await ctx.dispose()
