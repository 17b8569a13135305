/**
 * npm run bench -- ingest
 * Sustained events/s from publish to committed in ClickHouse (chDB), against a baseline measured
 * in the same run: the same rows bulk-inserted straight into chDB. Embedded (in-process bus) and
 * JetStream (file storage, acked, spawned nats-server). Each pipeline runs in its own process
 * (bench/_ingest-pipeline.ts) with its own chDB, so its peak RSS is its own.
 */
import { spawn } from 'node:child_process'
import { NatsServerProcess } from '@agner/events/testing'
import type { PipelineResult } from './_ingest-pipeline.ts'
import { benchScript, mb, memText, rate } from './_support.ts'

const N = Number(process.env.BENCH_EVENTS ?? 300_000)
const BATCH = Number(process.env.BENCH_BATCH ?? 20_000)

function run(mode: 'baseline' | 'embedded' | 'jetstream', natsUrl?: string): Promise<PipelineResult> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', ...benchScript('_ingest-pipeline'), mode, String(N), String(BATCH), ...(natsUrl ? [natsUrl] : [])]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.on('exit', (code) => {
      const line = /RESULT (.*)/.exec(out)
      if (code === 0 && line) resolve(JSON.parse(line[1]!) as PipelineResult)
      else reject(new Error(`the ${mode} pipeline exited with ${code}: ${out.slice(-500)}`))
    })
  })
}

const fmt = (n: number): string => n.toLocaleString('en')
console.log(`ingest benchmark: ${fmt(N)} events of a 50-queue center (a 20,000-event template re-issued with fresh ids), chDB, batches of ${fmt(BATCH)}, each pipeline in its own process`)

// Baseline and embedded alternate, twice; the best of each is reported (this VM is noisy).
let base = 0, mem = 0, memRun: PipelineResult | undefined
for (let round = 1; round <= 2; round++) {
  const b = await run('baseline')
  const m = await run('embedded')
  const br = rate(N, b.ms), mr = rate(N, m.ms)
  console.log(`  round ${round}: baseline ${fmt(br)}/s, embedded ${fmt(mr)}/s (stored ${fmt(m.stored)}; RSS ${mb(m.rssBefore)} before, peak ${mb(m.rssPeak)})`)
  base = Math.max(base, br)
  if (mr > mem) { mem = mr; memRun = m }
}
console.log(`baseline  bulk insert straight into chDB:        ${fmt(base)} events/s`)
console.log(`embedded  in-process bus → writer → chDB:        ${fmt(mem)} events/s  (${(mem / base).toFixed(2)} × baseline; stored ${fmt(memRun!.stored)}; peak RSS of the process ${mb(memRun!.rssPeak)})`)
console.log(`          largest sample: ${memText(memRun!.atPeak!)}`)

const nats = await NatsServerProcess.start()
try {
  const js = await run('jetstream', nats.url)
  const jsRate = rate(N, js.ms)
  console.log(`jetstream publish (acked, file) → writer → chDB: ${fmt(jsRate)} events/s  (${(jsRate / base).toFixed(2)} × baseline; stored ${fmt(js.stored)}; the producer process published ${fmt(rate(N, js.publishMs!))}/s; peak RSS of the writer process ${mb(js.rssPeak)})`)
  console.log(`          largest sample: ${memText(js.atPeak!)}`)
} finally {
  await nats.dispose()
}
