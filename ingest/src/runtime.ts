/**
 * Composes the running system from a Config: store (+ migrations), bus, store writer, live engine
 * fed from the bus and rebuilt from the store, HTTP/WebSocket server and, in demo mode, live
 * simulated traffic. `close()` shuts down in order and drains the writer.
 */
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'
import { createBus, type Bus } from '@agner/events'
import { countStoredEvents, createStore, migrate, RollupRefresher, type Store } from '@agner/analytics'
import { seedHistory, type SeedResult } from './seed-history.ts'
import { startRealtimeSimulation, type RealtimeEmitter, type RealtimeSimulation } from '@agner/telephony'
import { utcOffsetHours } from './live/day.ts'
import { DEMO_USERS, demoHistoryScenario } from '@agner/seeds'
import type { RealtimeAcd } from '@agner/telephony'
import { acdSetup, centerCodes, liveSetup, startAcd } from './acd-runtime.ts'
import { CenterConfig, loadCenter } from './center/center-config.ts'
import { startAlerts } from './alerts/start-alerts.ts'
import type { AlertsService } from './alerts/alerts-service.ts'
import { storeConfig, type Config } from './config.ts'
import { LiveEngine } from './live/engine.ts'
import { LiveFeed } from './live/feed.ts'
import { rebuildFromStore } from './live/rebuild.ts'
import { securityOptions, startAccess, type AccessRuntime } from './access-runtime.ts'
import type { BootstrapResult } from './access/bootstrap.ts'
import { buildApp } from './server/app.ts'
import { DEMO_WFM_RULES } from './wfm/demo-rules.ts'
import { StoreWriter } from './writer.ts'
import { StoreHealth } from './store-health.ts'
import { publishDemoWeeks } from './wfm/demo-weeks.ts'
import { engineCatalog } from './reports/catalog.ts'
import { SourcesService } from './sources/sources-service.ts'
import { PbxControl } from './sources/pbx-control.ts'
import { startSources } from './sources/start-sources.ts'
import { promptsFolder, recordingsFolder, startDesk, type DeskRuntime } from './desk-runtime.ts'

// Found through the package, not this file's place: `agner` runs a bundle built elsewhere (bin/compile.mjs).
export const WEB_ROOT = join(dirname(createRequire(import.meta.url).resolve('@agner/web/package.json')), 'dist')

export interface Agner {
  config: Config
  app: FastifyInstance
  bus: Bus
  store: Store
  engine: LiveEngine
  feed: LiveFeed
  writer: StoreWriter
  rollups: RollupRefresher
  /** Whether the store takes writes now (a full disk refuses ingestion until it has room). */
  storeHealth: StoreHealth
  access: AccessRuntime
  acd: RealtimeAcd
  /** Browser calls and chats: the media relay and the director. */
  desk: DeskRuntime
  /** PBX sources: AMI, queue_log, FreeSWITCH (Admin → Sources). */
  sources: SourcesService
  /** The center's configuration: queues, agents, IVR flows, codes (edited in the app, versioned). */
  center: CenterConfig
  /** Alert rules at work: the bell, browser notifications, webhooks. */
  alerts: AlertsService
  /** Accounts created at this start, with their one-time passwords (to print). */
  bootstrap: BootstrapResult
  emitter?: RealtimeEmitter
  /** http://host:port once listening. */
  url: string
  close(): Promise<void>
}

export interface StartOptions {
  listen?: boolean
  web?: boolean
  webRoot?: string
  /** Told when the first start of the demo seeds its history (it takes a few seconds). */
  onSeed?: (phase: 'start' | 'done', detail: number | SeedResult) => void
}

/**
 * Rollups at start. On a full disk the process still starts (ingestion answers 503 and says why);
 * the catch-up is tried again every few seconds until the disk has room.
 */
async function catchUpRollups(rollups: RollupRefresher, health: StoreHealth): Promise<void> {
  try {
    await rollups.catchUp()
  } catch (err) {
    if (!health.failed(err)) throw err
    console.error(`agner: ${health.refusal()!.error}`)
    const retry = (): void => {
      setTimeout(() => { rollups.catchUp().then(() => health.wrote(), (e: unknown) => { if (health.failed(e)) retry() }) }, 5000).unref()
    }
    retry()
  }
}

export async function startAgner(config: Config, opts: StartOptions = {}): Promise<Agner> {
  // Read and checked once, before anything starts: a bad AGNER_ACD_CONFIG stops the start here.
  const acdConfigFirst = acdSetup(config)
  const store = await createStore(storeConfig(config))
  await migrate(store.client)
  let seededNow = false
  if (config.demo && config.demoHistoryWeeks > 0 && (await countStoredEvents(store.client)).finalRows === 0) {
    seededNow = true
    if (opts.onSeed) opts.onSeed('start', config.demoHistoryWeeks)
    const seeded = await seedHistory(store, { tenant: config.tenant, timeZone: config.timeZone, weeks: config.demoHistoryWeeks })
    opts.onSeed?.('done', seeded)
  }
  // The center's configuration: the store's newest version; on the first start, the file's or the demo's, stored as version 1.
  const center0 = await loadCenter(store, config.tenant, acdConfigFirst, config.acdConfigFile ? 'file' : config.demo ? 'demo' : 'none', (msg) => console.warn(msg))
  const acdConfig = center0.setup
  const codes = centerCodes(acdConfig)
  const bus = await createBus(config.natsUrl, { ackWaitMs: config.ackWaitMs, replicas: config.natsReplicas, name: 'agner-ingest' })
  const engine = new LiveEngine({ tenant: config.tenant, timeZone: config.timeZone, ...liveSetup(acdConfig) })
  const feed = new LiveFeed(engine, config.liveFrameMs)
  await feed.start(bus)
  // Events already on the stream when this process started reach the store but not the tap, and
  // so does anything published while the tap was reconnecting: the writer hands every committed
  // batch to the live engine too. The engine is idempotent, so seeing an event twice (tap, then
  // commit) changes nothing; the tap only makes it faster.
  // Report rollups: caught up at start (rolled up whole the first time), then kept current from
  // every committed batch.
  const storeHealth = new StoreHealth(config.clickhouseUrl ? 'on the ClickHouse server (CLICKHOUSE_URL)' : `under AGNER_DATA_DIR (${resolve(config.dataDir)})`)
  const rollups = new RollupRefresher(store.client, { tenant: config.tenant })
  await catchUpRollups(rollups, storeHealth)
  const writer = new StoreWriter(bus, store, {
    health: storeHealth,
    batchSize: config.batchSize, maxWaitMs: config.batchWaitMs, maxDeliver: config.maxDeliver, concurrency: config.writerConcurrency,
    onCommitted: (events) => {
      for (const e of events) engine.apply(e)
      feed.changed()
      rollups.markDirty(events)
    },
  })
  await writer.start()
  rollups.start(config.rollupRefreshMs, (err) => {
    const wasFull = storeHealth.diskFull
    if (storeHealth.failed(err)) { if (!wasFull) console.error(`the report rollups wait for room on the store's disk (${err.message}); they catch up by themselves`); return }
    console.error(`the report rollups could not refresh (${err.message}); retrying`)
  })
  await rebuildFromStore(engine, store)
  feed.changed()

  const { access, bootstrap } = await startAccess(store, config, engine)
  const { acd } = await startAcd(config, acdConfig, bus, store, (err) => console.error('the ACD could not publish its events', err))
  const sources = startSources(config, bus, engine)
  const desk = startDesk(config, acd, acdConfig, store, engine)
  const center = new CenterConfig({
    store, tenant: config.tenant, acd, engine, codes, teamExists: (id) => { const t = access.directory.get('teams', id); return !!t && !t.deleted },
    onChange: (setup) => { desk.reconfigure(setup); feed.changed() },
  }, acdConfig, center0.state)
  const alerts = await startAlerts({ store, tenant: config.tenant, timeZone: config.timeZone, engine, sources, ...(config.demo ? { wfmDefaults: DEMO_WFM_RULES } : {}), auxReasons: () => center.setup.auxReasons ?? [] })
  // The live demo's simulation starts once the server listens; the agents view reaches it through this.
  const floor: { sim?: RealtimeSimulation } = {}
  const app = await buildApp({
    bus, store, engine, feed, access, acd, rollups, tenant: config.tenant, timeZone: config.timeZone, outboxDir: config.outboxDir, maxBodyBytes: config.maxBodyBytes, publishTimeoutMs: config.publishTimeoutMs, storeHealth, codes, center, alerts,
    ...(config.demo ? { wfmDefaults: DEMO_WFM_RULES } : {}),
    sources: { service: sources, pbx: new PbxControl({ sources, bus, engine, tenant: config.tenant, publishTimeoutMs: config.publishTimeoutMs }) },
    simulated: {
      hosts: (id) => floor.sim?.hasAgent(id) ?? false,
      setStatus: (id, status, reasonCode) => { floor.sim?.control((e) => e.setStatus(id, status, reasonCode, 'supervisor')) },
    },
    security: securityOptions(config), desk: desk.desk, prompts: { dir: promptsFolder(config), audioDir: config.media.audioDir }, recordings: { dir: recordingsFolder(config), days: config.recordings.days },
    webRoot: opts.web === false ? undefined : opts.webRoot ?? WEB_ROOT, logLevel: config.logLevel,
  })
  // The demo's first start: this and next week's schedules, in the background (about half a minute).
  if (seededNow && config.demoSchedules) {
    void publishDemoWeeks({
      store, tenant: config.tenant, timeZone: config.timeZone, catalog: engineCatalog(engine), defaults: DEMO_WFM_RULES, now: Date.now(), timeLimitSec: 15,
    }).then(
      (weeks) => { if (weeks.length > 0) app.log.info(`demo: published the schedules of ${weeks.length} weeks`) },
      (err: Error) => { if (!closing) console.error(`agner: the demo's schedules could not be published (${err.message}); generate them on the Schedules page`) },
    )
  }
  let url = ''
  if (opts.listen !== false) {
    const address = await app.listen({ host: config.host, port: config.port })
    url = address.replace('://[::1]', '://localhost').replace('://127.0.0.1', '://localhost')
  }
  // The live demo: the demo center simulated against the wall clock (the agent a person drives
  // through the ACD is left out). AGNER_DEMO_RATE 5 is the center's real volume.
  const emitter: RealtimeSimulation | undefined = config.demo && config.demoRate > 0
    ? startRealtimeSimulation(demoHistoryScenario({
        start: Date.now(), hours: 24 * 366, utcOffsetHours: utcOffsetHours(config.timeZone), seed: Date.now() % 100_000,
        volumeScale: config.demoRate / 5, excludeAgents: DEMO_USERS.flatMap((u) => (u.agentId ? [u.agentId] : [])),
      }), (events) => bus.publish(events), {
        tenant: config.tenant, instance: `live-${Date.now().toString(36)}`,
        onError: (err) => app.log.warn({ err }, 'demo traffic could not be published'),
      })
    : undefined

  floor.sim = emitter
  let closing: Promise<void> | undefined
  return {
    config, app, bus, store, engine, feed, writer, rollups, storeHealth, access, acd, desk, sources, center, alerts, bootstrap, emitter, url,
    close: () => (closing ??= (async () => {
      await emitter?.stop()
      acd.stop()
      await desk.halt()
      await sources.stop()
      await alerts.stop()
      await app.close()
      await desk.close()
      access.directory.stop()
      feed.stop()
      await writer.stop()
      await rollups.stop()
      await bus.close()
      await store.close()
    })()),
  }
}
