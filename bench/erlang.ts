/**
 * Erlang sizing speed: 96 intervals × 100 queues sized to 80/20 with Erlang C, then with Erlang A
 * (patience 120 s), each timed over the whole day; then one interval at 50,000 Erlangs. Baseline in
 * the same run: Erlang C sized by a linear search upwards from the traffic (what most calculators
 * do), to show what the galloping search saves. Method in bench/README.md.
 */
import { evaluate, size, type IntervalLoad } from '../wfm/src/index.ts'
import { seededRandom } from '../telephony/src/traffic/random.ts'

const QUEUES = 100, INTERVALS = 96, INTERVAL_SEC = 900
const rng = seededRandom(3)
// Each queue: a daily volume between 500 and 20,000 contacts, an intraday bell curve, AHT 120–600 s.
const loads: IntervalLoad[][] = Array.from({ length: QUEUES }, () => {
  const daily = 500 + rng.next() * 19_500
  const aht = 120 + rng.next() * 480
  const shape = Array.from({ length: INTERVALS }, (_, i) => Math.exp(-((i - 56) ** 2) / (2 * 14 ** 2)) + 0.02)
  const total = shape.reduce((a, b) => a + b, 0)
  return shape.map((s) => ({ volume: (daily * s) / total, intervalSec: INTERVAL_SEC, ahtSec: aht }))
})
const goals = { serviceLevel: 0.8, slThresholdSec: 20, maxOccupancy: 0.9 }

function time(name: string, f: () => number): number {
  f() // warm-up
  const t0 = performance.now()
  const agents = f()
  const ms = performance.now() - t0
  console.log(`  ${name}: ${ms.toFixed(1)} ms (${(QUEUES * INTERVALS).toLocaleString('en')} intervals, ${agents.toLocaleString('en')} agent-intervals)`)
  return ms
}

console.log(`erlang: ${QUEUES} queues × ${INTERVALS} intervals of ${INTERVAL_SEC / 60} minutes, goal 80/20, occupancy ≤ 90 %`)
const c = time('Erlang C, galloping search', () => loads.flat().reduce((s, l) => s + size(l, goals).agents, 0))
const linear = time('baseline: Erlang C, linear search from the traffic', () => loads.flat().reduce((s, l) => {
  let n = Math.floor((l.volume / l.intervalSec) * l.ahtSec) + 1
  for (;;) { const r = evaluate(l, n, 20); if (r.serviceLevel! >= 0.8 && r.occupancy <= 0.9) return s + n; n++ }
}, 0))
const a = time('Erlang A (patience 120 s), galloping search from 1', () => loads.flat().reduce((s, l) => s + size({ ...l, patienceSec: 120 }, goals).agents, 0))
console.log(`  ratio linear / galloping (Erlang C): ${(linear / c).toFixed(1)}×`)
console.log(`  targets: Erlang C ≤ 100 ms ${c <= 100 ? 'met' : 'NOT met'}; Erlang A ≤ 2 s ${a <= 2000 ? 'met' : 'NOT met'}`)

const big: IntervalLoad = { volume: (50_000 * 1800) / 300, intervalSec: 1800, ahtSec: 300 }
for (const [name, load] of [['Erlang C', big], ['Erlang A (patience 120 s)', { ...big, patienceSec: 120 }]] as const) {
  const t0 = performance.now()
  const r = size(load, { serviceLevel: 0.8, slThresholdSec: 20 })
  console.log(`  50,000 Erlangs, ${name}: ${r.agents.toLocaleString('en')} agents (SL ${(r.serviceLevel! * 100).toFixed(2)} %, occupancy ${(r.occupancy * 100).toFixed(2)} %${r.abandonRate !== undefined ? `, abandoned ${(r.abandonRate * 100).toFixed(2)} %` : ''}) in ${(performance.now() - t0).toFixed(1)} ms`)
}
