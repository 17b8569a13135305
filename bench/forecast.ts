/**
 * Forecasting 50 queues from 8 weeks of interval history in the store: history read from the
 * rollups (queue_intervals) and every queue forecast for the next week with the backtest choosing
 * the method; total time printed. The history is written straight into the rollup table from
 * known arrival rates (weekday × intraday shape × trend per queue, Poisson counts), one more week
 * is drawn as the actuals, and the chosen method's interval WAPE against those actuals is printed
 * next to the noise floor: the WAPE the true rates themselves score against the same actuals.
 * Method in bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStore, migrate } from '../analytics/src/index.ts'
import { accuracy, forecast } from '../wfm/src/index.ts'
import { seededRandom } from '../telephony/src/traffic/random.ts'
import { queueHistory } from '../ingest/src/wfm/history.ts'

const QUEUES = 50, WEEKS = 8, PER_DAY = 48, STEP = 1_800_000, DAY = 86_400_000
const FROM = Date.UTC(2026, 8, 6) // a Sunday, midnight UTC
const rng = seededRandom(17)
function poisson(mean: number): number {
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()))
  let k = 0, p = Math.exp(-mean), s = p
  const u = rng.next()
  while (u > s) { k++; p *= mean / k; s += p }
  return k
}
function gauss(): number { return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()) }

const queues = Array.from({ length: QUEUES }, (_, q) => {
  const daily = 300 + rng.next() * 4000
  const weekday = [0.45, 1.25, 1.15, 1.05, 1.05, 1.0, 0.6].map((f) => f * (0.9 + rng.next() * 0.2)) // Sunday first
  const peak = 20 + rng.next() * 10
  const shape = Array.from({ length: PER_DAY }, (_, i) => Math.exp(-((i - peak) ** 2) / (2 * 7 ** 2)) + 0.3 * Math.exp(-((i - peak - 14) ** 2) / (2 * 4 ** 2)))
  const sum = shape.reduce((a, b) => a + b, 0)
  const trend = (rng.next() - 0.3) * 0.03 // −0.9 % … +2.1 % a week
  return { id: `fq${q}`, rate: (day: number, i: number) => daily * (1 + trend * (day / 7)) * weekday[day % 7]! * (shape[i]! / sum) }
})

const dir = mkdtempSync(join(tmpdir(), 'agner-bench-forecast-'))
try {
  const store = await createStore({ dataDir: dir })
  await migrate(store.client)
  const actuals = new Map<string, { truth: number[]; actual: number[] }>()
  for (const q of queues) {
    const rows = []
    for (let d = 0; d < WEEKS * 7; d++) {
      for (let i = 0; i < PER_DAY; i++) {
        const offered = poisson(q.rate(d, i))
        const handled = Math.round(offered * 0.95)
        rows.push({ tenant: 'default', queue_id: q.id, channel: 'voice', interval_start: FROM + d * DAY + i * STEP, offered, answered: handled, handled, talk_ms: handled * 200_000, version: 1 })
      }
    }
    await store.client.insert({ table: 'queue_intervals', values: rows, format: 'JSONEachRow' })
    const truth: number[] = [], actual: number[] = []
    for (let d = WEEKS * 7; d < WEEKS * 7 + 7; d++) for (let i = 0; i < PER_DAY; i++) { const r = q.rate(d, i); truth.push(r); actual.push(poisson(r)) }
    actuals.set(q.id, { truth, actual })
  }
  console.log(`forecast: ${QUEUES} queues, ${WEEKS} weeks of 30-minute history each (${(QUEUES * WEEKS * 7 * PER_DAY).toLocaleString('en')} intervals), next 7 days`)
  const t0 = performance.now()
  const results = []
  for (const q of queues) {
    const h = await queueHistory(store.client, { tenant: 'default', timeZone: 'UTC', queue: q.id, from: FROM, days: WEEKS * 7, intervalMinutes: 30 })
    results.push({ id: q.id, f: forecast({ volume: h.volume, handleSec: h.handleSec, handled: h.handled, perDay: PER_DAY, horizonDays: 7 }) })
  }
  const ms = performance.now() - t0
  console.log(`  read and forecast ${QUEUES} queues (3 methods backtested each): ${(ms / 1000).toFixed(2)} s → ${ms <= 10_000 ? 'met' : 'NOT met'} (≤ 10 s)`)
  let sumAbs = 0, sumFloor = 0, sumA = 0
  const chosen = new Map<string, number>()
  for (const { id, f } of results) {
    const { truth, actual } = actuals.get(id)!
    for (let i = 0; i < actual.length; i++) { sumAbs += Math.abs(actual[i]! - f.volume[i]!); sumFloor += Math.abs(actual[i]! - truth[i]!); sumA += actual[i]! }
    chosen.set(f.method, (chosen.get(f.method) ?? 0) + 1)
  }
  const wape = sumAbs / sumA, floor = sumFloor / sumA
  console.log(`  methods chosen: ${[...chosen].map(([m, n]) => `${m} ${n}`).join(', ')}`)
  console.log(`  interval WAPE of the chosen methods ${(wape * 100).toFixed(2)} %; noise floor (true rates) ${(floor * 100).toFixed(2)} %; ratio ${(wape / floor).toFixed(2)}×`)
  const perQueue = results.map(({ id, f }) => accuracy(actuals.get(id)!.actual, f.volume).wape!).sort((a, b) => a - b)
  console.log(`  per-queue interval WAPE: median ${(perQueue[QUEUES >> 1]! * 100).toFixed(1)} %, worst ${(perQueue[QUEUES - 1]! * 100).toFixed(1)} %`)
  await store.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
