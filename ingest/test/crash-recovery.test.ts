/**
 * Must survive: the ingest process killed with SIGKILL five times while 200,000 events flow
 * through JetStream, and nats-server restarted once. Afterwards the store holds every published
 * event exactly once: count = distinct ids = published.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import { jetstreamManager } from '@nats-io/jetstream'
import { EVENTS_STREAM, JetStreamBus, type CanonicalEvent } from '@agner/events'
import { freePort, NatsServerProcess } from '@agner/events/testing'
import { countStoredEvents, createStore } from '@agner/analytics'
import { TrafficModel, trafficForRate } from '@agner/telephony'
import { AgnerProcess } from './support/agner-process.ts'

const TOTAL = 200_000
const CHUNK = 10_000
const dataDir = mkdtempSync(join(tmpdir(), 'agner-crash-'))
let nats: NatsServerProcess | undefined
let agner: AgnerProcess | undefined
afterAll(async () => {
  await agner?.stop('SIGKILL')
  await nats?.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

function events(): CanonicalEvent[] {
  const start = Date.now() - 6 * 3600_000
  const model = new TrafficModel({ ...trafficForRate({ eventsPerSecond: 200, queues: 8, seed: 5 }) }, start)
  const out: CanonicalEvent[] = []
  for (let t = start; out.length < TOTAL; t += 60_000) out.push(...model.advance(t))
  return out.slice(0, TOTAL)
}

async function pending(url: string): Promise<number> {
  const nc = await connect({ servers: url })
  try {
    const jsm = await jetstreamManager(nc)
    const info = await jsm.consumers.info(EVENTS_STREAM, 'agner-store-writer')
    return info.num_pending + info.num_ack_pending
  } finally { await nc.close() }
}

it('loses nothing and duplicates nothing through five SIGKILLs and a nats-server restart', async () => {
  const fixture = events()
  expect(new Set(fixture.map((e) => e.id)).size).toBe(TOTAL)
  nats = await NatsServerProcess.start()
  agner = new AgnerProcess({
    NATS_URL: nats.url, AGNER_DATA_DIR: dataDir, AGNER_DEMO: 'false', PORT: String(await freePort()),
    AGNER_ACK_WAIT_MS: '3000', AGNER_BATCH_SIZE: '2000', AGNER_TIMEZONE: 'UTC',
  })
  await agner.start()
  const publisher = await JetStreamBus.connect({ servers: nats.url, publishWindow: 1000 })

  let kills = 0
  for (let i = 0, chunk = 0; i < TOTAL; i += CHUNK, chunk++) {
    await publisher.publish(fixture.slice(i, i + CHUNK))
    if (chunk % 3 === 2 && kills < 5) {
      // Let the writer get some of it in flight, then kill it mid-batch and bring it back.
      await new Promise((r) => setTimeout(r, 150))
      await agner.stop('SIGKILL')
      kills++
      await agner.start()
    }
    if (chunk === 10) await nats.restart()
  }
  expect(kills).toBe(5)
  await publisher.close()

  const end = Date.now() + 120_000
  while ((await pending(nats.url)) > 0) {
    if (Date.now() > end) throw new Error(`the writer did not catch up: ${await pending(nats.url)} pending\n${agner.output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  expect(await agner.stop('SIGTERM')).toBe(0)

  const store = await createStore({ dataDir })
  const counts = await countStoredEvents(store.client)
  await store.close()
  console.log(`stored rows ${counts.rows} (before dedup), distinct ids ${counts.distinctIds}, after dedup ${counts.finalRows}`)
  expect(counts.distinctIds).toBe(TOTAL)
  expect(counts.finalRows).toBe(TOTAL)
}, 600_000)
