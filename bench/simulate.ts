/**
 * The simulator: `BENCH_WEEKS` (8) weeks of the demo center (4 queues, 60 agents on shifts) in
 * virtual time, written to a fresh chDB, as `agner seed` and the first `npm start` do. Baseline in
 * the same run: the same simulation with the events thrown away (no store), so the ratio shows
 * what writing costs. Method in bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStore, migrate } from '../analytics/src/index.ts'
import { demoHistoryScenario } from '../seeds/src/index.ts'
import { createSimulation } from '../telephony/src/index.ts'
import { seedHistory } from '../ingest/src/seed-history.ts'
import { startOfDayIn } from '../ingest/src/live/day.ts'

const WEEKS = Number(process.env.BENCH_WEEKS ?? 8)
const TZ = 'Asia/Shanghai'
const now = Date.now()

// Baseline: simulate only.
const to = startOfDayIn(now, TZ)
const from = to - WEEKS * 7 * 86_400_000
let baseEvents = 0
const t0 = performance.now()
const sim = createSimulation(demoHistoryScenario({ start: from, hours: (to - from) / 3_600_000, utcOffsetHours: 8 }), { onEvent: () => { baseEvents++ } })
sim.advance(sim.end)
const base = sim.finish()
const baseMs = performance.now() - t0

// Simulate and write to chDB.
const dir = mkdtempSync(join(tmpdir(), 'agner-bench-sim-'))
const store = await createStore({ dataDir: dir })
await migrate(store.client)
const r = await seedHistory(store, { tenant: 'default', timeZone: TZ, weeks: WEEKS, now })
await store.close()
rmSync(dir, { recursive: true, force: true })

console.log(`simulate: ${WEEKS} weeks of the demo center (${base.agents} agents, ${base.queues.length} queues), ${r.contacts.toLocaleString('en')} contacts, ${r.events.toLocaleString('en')} events`)
console.log(`baseline, simulation only:   ${(baseMs / 1000).toFixed(1)} s   ${Math.round(baseEvents / (baseMs / 1000)).toLocaleString('en')} events/s`)
console.log(`simulated and written to chDB: ${(r.wallMs / 1000).toFixed(1)} s   ${Math.round(r.events / (r.wallMs / 1000)).toLocaleString('en')} events/s   (${(r.wallMs / baseMs).toFixed(1)}× the baseline's time)`)
console.log(`target: ≤ 60 s wall time (${r.wallMs <= 60_000 ? 'met' : 'not met'})`)
