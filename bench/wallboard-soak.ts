/**
 * npm run bench -- wallboard-soak [--minutes N]   (default 30)
 * The wallboard-latency board in headless Chromium for N minutes at 200 events/s. Each minute:
 * a forced GC, then the JS heap (CDP Runtime.getHeapUsage) and the main thread's busy share over
 * that minute (CDP Performance.getMetrics TaskDuration). Printed: every sample, the heap's slope
 * (least squares, MB/min) and growth first → last, and the busy share. Baseline in the same run:
 * one minute of the same board with no traffic (idle heap and busy share).
 */
import { wallboardRig } from './_wallboard.ts'

const arg = (name: string, fallback: number): number => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback }
const MINUTES = arg('minutes', 30)
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 60_000)
const rig = await wallboardRig(200)
const cdp = await rig.page.context().newCDPSession(rig.page)
await cdp.send('Performance.enable')

const taskSeconds = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
async function heapMb(): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1_048_576
}
async function window(ms: number): Promise<{ heap: number; busy: number }> {
  const t0 = performance.now(), b0 = await taskSeconds()
  await new Promise((r) => setTimeout(r, ms))
  const busy = (await taskSeconds() - b0) / ((performance.now() - t0) / 1000)
  return { heap: await heapMb(), busy }
}

await heapMb()
const idle = await window(SAMPLE_MS)
console.log(`wallboard-soak: ${rig.queues} queues + probe, ${rig.agents} agents, 200 events/s, ${MINUTES} min, a sample every ${SAMPLE_MS / 1000} s`)
console.log(`baseline (no traffic): heap ${idle.heap.toFixed(2)} MB, main thread busy ${(idle.busy * 100).toFixed(1)} %`)
rig.traffic(true)
const started = Date.now()
const samples: Array<{ min: number; heap: number; busy: number }> = []
for (let i = 1; i <= Math.round((MINUTES * 60_000) / SAMPLE_MS); i++) {
  const s = await window(SAMPLE_MS)
  samples.push({ min: (i * SAMPLE_MS) / 60_000, ...s })
  console.log(`  ${String(((i * SAMPLE_MS) / 60_000).toFixed(1)).padStart(5)} min  heap ${s.heap.toFixed(2)} MB  busy ${(s.busy * 100).toFixed(1)} %`)
}
rig.traffic(false)
const rate = rig.published() / ((Date.now() - started) / 1000)
const n = samples.length
const mx = samples.reduce((a, s) => a + s.min, 0) / n, my = samples.reduce((a, s) => a + s.heap, 0) / n
const slope = samples.reduce((a, s) => a + (s.min - mx) * (s.heap - my), 0) / (samples.reduce((a, s) => a + (s.min - mx) ** 2, 0) || 1)
const growth = samples[n - 1]!.heap - samples[0]!.heap
const busy = samples.reduce((a, s) => a + s.busy, 0) / n
const maxBusy = Math.max(...samples.map((s) => s.busy))
console.log(`traffic: ${Math.round(rate)} events/s`)
console.log(`heap: first ${samples[0]!.heap.toFixed(2)} MB, last ${samples[n - 1]!.heap.toFixed(2)} MB, growth ${growth.toFixed(2)} MB (target < 2 MB: ${growth < 2 ? 'met' : 'not met'}), slope ${slope.toFixed(3)} MB/min; last / idle baseline ${(samples[n - 1]!.heap / idle.heap).toFixed(2)}`)
console.log(`main thread busy: mean ${(busy * 100).toFixed(1)} %, worst minute ${(maxBusy * 100).toFixed(1)} % (target < 25 %: ${maxBusy < 0.25 ? 'met' : 'not met'}); mean / idle baseline ${(busy / Math.max(idle.busy, 1e-6)).toFixed(1)}×`)
await rig.close()
process.exit(0)
