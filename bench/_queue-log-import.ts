/**
 * Child of `npm run bench -- adapters`, with its own chDB store (AGNER_DATA_DIR from the parent):
 * `baseline FILE`: the store's bulk insert of the file's first 500,000 events, rows prepared before
 * timing; `import FILE`: `agner import asterisk-queue-log FILE`. Prints time, events and the
 * kernel's peak RSS of this process.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { CanonicalEvent } from '@agner/events'
import { createStore, eventToRow, insertEventRows, migrate } from '@agner/analytics'
import { parseQueueLogLine, QueueLogMapper } from '@agner/telephony'
import { importQueueLogs } from '../ingest/src/cli/queue-log-files.ts'
import { limitHeapGrowth } from '../ingest/src/heap-growth.ts'
import { loadConfig, storeConfig } from '../ingest/src/config.ts'

limitHeapGrowth()
const [mode, file] = [process.argv[2]!, process.argv[3]!]
const store = await createStore(storeConfig(loadConfig()))
await migrate(store.client)
if (mode === 'baseline') {
  const mapper = new QueueLogMapper({ instance: 'baseline' })
  const events: CanonicalEvent[] = []
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const p = parseQueueLogLine(text)
    if (p.ok) events.push(...mapper.map(p.line, text))
    if (events.length >= 500_000) break
  }
  const rows = events.map(eventToRow)
  const t0 = performance.now()
  for (let i = 0; i < rows.length; i += 10_000) await insertEventRows(store, rows.slice(i, i + 10_000))
  const ms = performance.now() - t0
  await store.close()
  process.stdout.write(`${JSON.stringify({ ms, events: rows.length, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`)
} else {
  let imported = 0
  const say = console.error
  console.error = (...a: unknown[]) => { const m = /imported: \d+ lines, (\d+) events/.exec(String(a[0])); if (m) imported = Number(m[1]); say(...a) }
  const t0 = performance.now()
  await importQueueLogs({ files: [file], instance: 'bench', store, tenant: 'default' })
  const ms = performance.now() - t0
  await store.close()
  process.stdout.write(`${JSON.stringify({ ms, events: imported, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`)
}
