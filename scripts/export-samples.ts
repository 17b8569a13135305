/**
 * Sample exports for the README: a week of the demo center's history in a temporary store, then a
 * Chinese PDF of queue performance and an English Excel file of agent performance, rendered to PNG
 * (pdftoppm; the xlsx through LibreOffice headless → PDF → pdftoppm) under docs/screenshots/.
 *   npx tsx scripts/export-samples.ts
 */
import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { createStore, migrate, parseReportFilters, runReport, writeExport, type ExportFormat, type Locale, type ReportName } from '../analytics/src/index.ts'
import { DEMO_QUEUES } from '../seeds/src/index.ts'
import { seedHistory } from '../ingest/src/seed-history.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'docs', 'screenshots')
const dir = mkdtempSync(join(tmpdir(), 'agner-samples-'))
const TZ = 'Asia/Shanghai'
try {
  const store = await createStore({ dataDir: join(dir, 'data') })
  await migrate(store.client)
  const seeded = await seedHistory(store, { tenant: 'default', timeZone: TZ, weeks: 1 })
  const day = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
  const queues = new Map(DEMO_QUEUES.map((q) => [q.id, q]))
  const make = async (name: ReportName, locale: Locale, format: ExportFormat, query: Record<string, string>, file: string): Promise<string> => {
    const ctx = {
      client: store.client, tenant: 'default', timeZone: TZ, locale, pii: false, requestedBy: 'manager',
      queue: (id: string) => { const q = queues.get(id); return { name: q ? `${q.name['zh-CN']} / ${q.name.en}` : id, serviceLevelMs: q?.serviceLevelMs ?? 20_000, shortAbandonMs: q?.shortAbandonMs ?? 5000, formula: q?.formula ?? 'ignore_short_abandons', flowOutsInDenominator: false } },
      agentName: (id: string) => id,
    }
    const r = await runReport(name, ctx, parseReportFilters(query, TZ))
    const path = join(dir, file)
    const body = new PassThrough()
    await Promise.all([writeExport(r, format, body), pipeline(body, createWriteStream(path))])
    return path
  }
  const pdf = await make('queue-performance', 'zh-CN', 'pdf', { from: day(seeded.from), to: day(seeded.to), interval: 'day' }, 'queue-performance-zh-CN.pdf')
  execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '2', pdf, join(out, 'export-pdf-queue-performance-zh-CN')])
  const xlsx = await make('agent-performance', 'en', 'xlsx', { from: day(seeded.to - 86_400_000), to: day(seeded.to), interval: 'day' }, 'agent-performance-en.xlsx')
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore' })
  execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', xlsx.replace(/\.xlsx$/, '.pdf'), join(out, 'export-xlsx-agent-performance-en')])
  await store.close()
  console.log(`wrote ${out}/export-*.png`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
