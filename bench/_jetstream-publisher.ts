/**
 * A separate producer process for the JetStream ingest benchmark (as PBX adapters and `agner emit`
 * are in production): publishes N events, awaiting every JetStream ack, and reports on stdout.
 * Usage: node --import tsx bench/_jetstream-publisher.ts NATS_URL N
 */
import { JetStreamBus } from '@agner/events'
import { chunks, fixture } from './_support.ts'

const [url, n] = process.argv.slice(2)
const N = Number(n)
const template = fixture(Math.min(N, 20_000))
const bus = await JetStreamBus.connect({ servers: url!, name: 'bench-publisher' })
console.log('READY')
await new Promise<void>((resolve) => process.stdin.once('data', () => { process.stdin.destroy(); resolve() }))
const t0 = performance.now()
const source = chunks(template, N, 10_000)
await Promise.all(Array.from({ length: 2 }, async () => { for (let c = source.next(); !c.done; c = source.next()) await bus.publish(c.value) }))
console.log(`PUBLISHED ${Math.round(performance.now() - t0)}`)
await bus.close()
