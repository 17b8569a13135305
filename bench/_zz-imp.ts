/** Import with CPU sampling: main thread vs the rest, per second. */
import { readFileSync, readdirSync } from 'node:fs'
import { createStore, migrate } from '@agner/analytics'
import { importQueueLogs } from '../ingest/src/cli/queue-log-files.ts'
import { limitHeapGrowth } from '../ingest/src/heap-growth.ts'
import { loadConfig, storeConfig } from '../ingest/src/config.ts'

limitHeapGrowth()
const file = process.argv[2]!
const store = await createStore(storeConfig(loadConfig()))
await migrate(store.client)
const tick = (): { main: number; other: number } => {
  let main = 0, other = 0
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const ns = Number(readFileSync(`/proc/self/task/${t}/schedstat`, 'utf8').split(' ')[0])
      if (Number(t) === process.pid) main += ns; else other += ns
    } catch { /* gone */ }
  }
  return { main: main / 1e6, other: other / 1e6 }
}
const c0 = tick(); const t0 = performance.now()
let prev = c0, prevT = t0, maxRss = 0
const samples: string[] = []
const timer = setInterval(() => {
  const c = tick(), t = performance.now()
  const rss = process.memoryUsage().rss
  maxRss = Math.max(maxRss, rss)
  samples.push(`${((t - t0) / 1000).toFixed(0)}s main ${((c.main - prev.main) / (t - prevT) * 100).toFixed(0)}% other ${((c.other - prev.other) / (t - prevT) * 100).toFixed(0)}% rss ${(rss / 1e6).toFixed(0)}`)
  prev = c; prevT = t
}, 5000)
await importQueueLogs({ files: [file], instance: 'bench', store, tenant: 'default' })
clearInterval(timer)
const c = tick(), ms = performance.now() - t0
console.log(samples.join('\n'))
console.log(`total ${(ms / 1000).toFixed(1)} s; main thread CPU ${((c.main - c0.main) / 1000).toFixed(1)} s, other threads ${((c.other - c0.other) / 1000).toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
await store.close()
