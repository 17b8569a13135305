/**
 * Child of `npm run bench -- adapters`, with its own chDB store (AGNER_DATA_DIR from the parent):
 * `baseline FILE`: the store's bulk insert of the file's first 500,000 events, encoded before
 * timing in the import's batches, one insert at a time; `import FILE`: `agner import asterisk-queue-log FILE`. Prints time, events and the
 * kernel's peak RSS of this process.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { CanonicalEvent } from '@agner/events'
import { createStore, EventTsvBatch, insertEventTsv, migrate } from '@agner/analytics'
import { parseQueueLogLine, QueueLogMapper } from '@agner/telephony'
import { IMPORT_BATCH_EVENTS, importQueueLogs } from '../ingest/src/cli/queue-log-files.ts'
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
  // Encoded as the import encodes them, in its batch size, before timing.
  const batches: Array<{ tsv: Buffer; token: string }> = []
  for (let i = 0; i < events.length; i += IMPORT_BATCH_EVENTS) {
    const b = new EventTsvBatch(Date.now(), IMPORT_BATCH_EVENTS)
    for (const e of events.slice(i, i + IMPORT_BATCH_EVENTS)) b.add(e)
    batches.push(b.finish())
  }
  const t0 = performance.now()
  for (const b of batches) await insertEventTsv(store, b.tsv, b.token)
  const ms = performance.now() - t0
  await store.close()
  process.stdout.write(`${JSON.stringify({ ms, events: events.length, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`)
} else {
  let imported = 0
  const say = console.error
  console.error = (...a: unknown[]) => { const m = /imported: [\d,]+ lines, ([\d,]+) events/.exec(String(a[0])); if (m) imported = Number(m[1]!.replaceAll(',', '')); say(...a) }
  const t0 = performance.now()
  await importQueueLogs({ files: [file], instance: 'bench', store, tenant: 'default' })
  const ms = performance.now() - t0
  await store.close()
  process.stdout.write(`${JSON.stringify({ ms, events: imported, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`)
}
