/**
 * The export half of bench/reports.ts, in its own process so the peak RSS it prints is the
 * export's. Usage: node --import tsx bench/_report-exports.ts DIR [STORE_URL]
 * Without STORE_URL the chDB engine runs inside this process (embedded mode); with it, this process
 * reads through ClickHouse's HTTP interface (`agner store` serving DIR), as a server-mode Agner does.
 * Prints one `RESULT {json}` line.
 */
import { createWriteStream, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createStore, runReport, writeExport, type ReportFilters } from '../analytics/src/index.ts'
import { limitHeapGrowth } from '../ingest/src/heap-growth.ts'
import { peakRss, sampleMemory, type MemorySample } from './_support.ts'
import { ctx, DAY, END, timeIt } from './_report-context.ts'

export interface ExportResult { rssBefore: number; rssPeak: number; atPeak: MemorySample; xlsxMs: number; xlsxRows: number; xlsxBytes: number; pdfMs: number; pdfPages: string }

limitHeapGrowth() // as `agner start` and `agner report` do
const [dir, url] = process.argv.slice(2)
const store = await createStore({ dataDir: dir!, ...(url ? { clickhouseUrl: url, database: 'default' } : {}) })
const c = ctx(store)
const day: ReportFilters = { from: END - DAY, to: END, interval: '15m', queues: [], teams: [], agents: [], channels: [] }
const tag = url ? 'served' : 'embedded'
const out = join(dir!, `contacts-${tag}.xlsx`)
await runReport('contacts', c, { ...day, from: END - 900_000 }, { contacts: { limit: 10 } }) // the engine (or connection) warmed up
const rssBefore = process.memoryUsage().rss
const rss = sampleMemory()
const [, xlsxMs] = await timeIt(async () => {
  const r = await runReport('contacts', c, day, { contacts: { limit: 100_000, stream: true } })
  const body = new PassThrough()
  await Promise.all([writeExport(r, 'xlsx', body), pipeline(body, createWriteStream(out))])
})
const atPeak = rss.stop()
// The kernel's high-water mark (the process's whole life, which peaks here) catches a peak between two samples.
const rssPeak = Math.max(atPeak.rss, peakRss())
// Counted outside this process: the sheet's XML is over 100 MB.
const xlsxRows = Number(spawnSync('sh', ['-c', `unzip -p '${out}' xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l`]).stdout?.toString().trim() ?? 0) - 10
const pdf = join(dir!, `contacts-${tag}.pdf`)
const [, pdfMs] = await timeIt(async () => {
  const r = await runReport('contacts', c, day, { contacts: { limit: 800, stream: true } })
  const body = new PassThrough()
  await Promise.all([writeExport(r, 'pdf', body), pipeline(body, createWriteStream(pdf))])
})
const pdfPages = spawnSync('pdfinfo', [pdf]).stdout?.toString().match(/Pages:\s+(\d+)/)?.[1] ?? '?'
await store.close()
const result: ExportResult = { rssBefore, rssPeak, atPeak, xlsxMs, xlsxRows, xlsxBytes: statSync(out).size, pdfMs, pdfPages }
console.log(`RESULT ${JSON.stringify(result)}`)
