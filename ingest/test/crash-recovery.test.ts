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
import { countStoredEvents, createStore, queueCounters } from '@agner/analytics'
import { TrafficModel, trafficForRate } from '@agner/telephony'
import { signIn } from './support/access.ts'
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
  const start = Date.now() - 30 * 60_000
  const model = new TrafficModel({ ...trafficForRate({ eventsPerSecond: 200, queues: 8, seed: 5 }) }, start)
  const out: CanonicalEvent[] = []
  for (let t = start; out.length < TOTAL; t += 60_000) out.push(...model.advance(t))
  return out.slice(0, TOTAL)
}

/** A fixed-offset zone where it is about noon now, so the fixture's half hour never crosses midnight. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours()
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
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
  const port = await freePort()
  agner = new AgnerProcess({
    NATS_URL: nats.url, AGNER_DATA_DIR: dataDir, AGNER_DEMO: 'false', PORT: String(port),
    AGNER_ACK_WAIT_MS: '3000', AGNER_BATCH_SIZE: '2000', AGNER_TIMEZONE: zoneAtNoon(), AGNER_ADMIN_PASSWORD: 'crash-test-admin-pw',
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
  // The live view of the process that survived agrees with the store (rebuilt at start, fed by the
  // tap, and by the writer while it caught up with what was on the stream).
  const admin = await signIn(`http://127.0.0.1:${port}`, 'admin', 'crash-test-admin-pw')
  const live = await (await fetch(`http://127.0.0.1:${port}/api/live`, { headers: admin.headers })).json() as { dayStart: number; queues: Array<{ queueId: string; today: Record<string, number> }> }
  const exit = await agner.stop('SIGTERM')
  // A graceful stop exits 0: the writer drained, the store closed with nothing of the engine's still
  // running (a query left in flight at exit had crashed the engine's teardown: SIGSEGV).
  expect(exit).toBe(0)

  const store = await createStore({ dataDir })
  const counts = await countStoredEvents(store.client)
  const stored = await queueCounters(store.client, {
    tenant: 'default', fromMs: live.dayStart, toMs: Date.now() + 3600_000, thresholds: { default: { serviceLevelMs: 20_000, shortAbandonMs: 5_000 } },
  })
  await store.close()
  expect(stored.size).toBeGreaterThan(0)
  for (const q of live.queues) {
    const c = stored.get(q.queueId)
    const pick = (x: Record<string, number> | undefined) => ({ offered: x?.offered ?? 0, answered: x?.answered ?? 0, abandoned: x?.abandoned ?? 0, handled: x?.handled ?? 0 })
    expect({ queue: q.queueId, ...pick(q.today) }).toEqual({ queue: q.queueId, ...pick(c as unknown as Record<string, number>) })
  }
  console.log(`stored rows ${counts.rows} (before dedup), distinct ids ${counts.distinctIds}, after dedup ${counts.finalRows}`)
  expect(counts.distinctIds).toBe(TOTAL)
  expect(counts.finalRows).toBe(TOTAL)
}, 600_000)
