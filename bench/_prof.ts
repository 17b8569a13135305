import { MemoryBus } from '@agner/events'
import { tempStore } from '@agner/analytics/testing'
import { StoreWriter } from '../ingest/src/writer.ts'
import { chunks, fixture, rate, until } from './_support.ts'
const template = fixture(Number(process.env.T ?? 50_000))
const ctx = await tempStore()
const bus = new MemoryBus({ maxPending: Number(process.env.P ?? 50_000) })
const writer = new StoreWriter(bus, ctx.store, { batchSize: Number(process.env.B ?? 20_000), maxWaitMs: 20, maxDeliver: 5, concurrency: 2 })
await writer.start()
const N = 300_000
const t0 = performance.now()
const source = chunks(template, N, 10_000)
await Promise.all(Array.from({ length: 8 }, async () => { for (let c = source.next(); !c.done; c = source.next()) await bus.publish(c.value) }))
await until(() => writer.stats.stored >= N, 600_000, 'x')
const m = process.memoryUsage(); console.log('embedded', rate(N, performance.now() - t0), 'rss', Math.round(m.rss / 1e6), 'heapTotal', Math.round(m.heapTotal / 1e6), 'ext', Math.round(m.external / 1e6), 'max', Math.round(process.resourceUsage().maxRSS / 1e3))
await writer.stop(); await ctx.dispose()
