/**
 * Child of `npm run bench -- adapters`: `agner import asterisk-queue-log FILE` in its own process
 * with its own chDB store (AGNER_DATA_DIR from the parent), then its time and kernel peak RSS.
 */
import { importQueueLogs } from '../ingest/src/cli/queue-log-files.ts'
import { limitHeapGrowth } from '../ingest/src/heap-growth.ts'

limitHeapGrowth()
const file = process.argv[2]!
const t0 = performance.now()
await importQueueLogs({ files: [file], instance: 'bench' })
const ms = performance.now() - t0
process.stdout.write(`${JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`)
