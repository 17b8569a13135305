/**
 * Every report in the catalogue, for every interval, in every format and both languages, over HTTP
 * and through the CLI, on a simulated week of the demo center (surveys, answers, abandons) plus
 * hand-built visits with every other outcome (transfers, callbacks, overflow, time-outs, no agents,
 * caller exits). Each answer must be a 200 whose file opens: JSON with sections, a CSV whose first
 * line is the header row, an Excel workbook exceljs reads, a PDF pdftotext reads.
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, REPORT_INTERVALS, REPORT_NAMES } from '@agner/analytics'
import { visitEvents, type VisitSpec } from '@agner/analytics/testing'
import type { CanonicalEvent } from '@agner/events'
import { apiToken, signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

const run = promisify(execFile)
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const DAY = 86_400_000
const S = 1000
const dir = mkdtempSync(join(tmpdir(), 'agner-every-report-'))

let c: AccessCenter
let admin: Record<string, string>
let today: number
const iso = (t: number): string => new Date(t).toISOString().slice(0, 16)

/** The other outcomes, yesterday at 10:00 (the center's zone is UTC here). */
function otherOutcomes(at: number): CanonicalEvent[] {
  const visits: VisitSpec[] = [
    { contactId: 'x-cb', queueId: 'support', at, waitMs: 40 * S, outcome: 'callback' },
    { contactId: 'x-ov', queueId: 'sales', at: at + 60 * S, waitMs: 120 * S, outcome: 'overflow' },
    { contactId: 'x-to', queueId: 'billing', at: at + 120 * S, waitMs: 300 * S, outcome: 'timeout' },
    { contactId: 'x-na', queueId: 'vip', at: at + 180 * S, waitMs: 0, outcome: 'no_agents' },
    { contactId: 'x-ce', queueId: 'support', at: at + 240 * S, waitMs: 12 * S, outcome: 'caller_exit' },
    { contactId: 'x-tr', queueId: 'sales', at: at + 300 * S, waitMs: 8 * S, outcome: 'answered', agentId: 'agent-01', talkMs: 90 * S, wrapMs: 10 * S, disposition: 'follow_up', csat: 2 },
    { contactId: 'x-tr2', queueId: 'support', at: at + 400 * S, waitMs: 15 * S, outcome: 'answered', agentId: 'agent-03', talkMs: 200 * S, wrapMs: 20 * S, csat: 5 },
  ]
  const events = visits.flatMap(visitEvents)
  // x-tr is transferred by its agent to support as x-tr2.
  const tr = events.find((e) => e.contactId === 'x-tr' && e.type === 'contact.connected')!
  events.push({ ...tr, id: 'x-tr-transfer', type: 'contact.transferred', time: tr.time + 90 * S, data: { mode: 'queue', target: 'support', newContactId: 'x-tr2' } } as CanonicalEvent)
  return events
}

beforeAll(async () => {
  c = await startAccessCenter({ demoHistoryWeeks: 1 })
  admin = (await signIn(c.url, 'admin', ADMIN_PASSWORD)).headers
  today = Math.floor(Date.now() / DAY) * DAY
  await c.publishStored(otherOutcomes(today - DAY + 10 * 3_600_000))
}, 120_000)
afterAll(async () => { await c?.dispose(); rmSync(dir, { recursive: true, force: true }) })

/** A period that suits the interval: a day for the short ones, the simulated week for the rest. */
function period(interval: string): string {
  const from = interval.endsWith('m') ? today - DAY : today - 7 * DAY
  return `from=${iso(from)}&to=${iso(today)}`
}

async function checkFile(name: string, format: string, body: Buffer): Promise<void> {
  const file = join(dir, `${name}.${format}`)
  writeFileSync(file, body)
  if (format === 'csv') {
    const first = body.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]!
    expect(first.split(',').length, `${name}: the CSV's first line is its header row`).toBeGreaterThan(1)
  } else if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.length).toBeGreaterThan(0)
  } else if (format === 'pdf') {
    expect(body.subarray(0, 5).toString()).toBe('%PDF-')
    expect(execFileSync('pdftotext', [file, '-']).toString().length).toBeGreaterThan(20)
  }
}

describe('exports import into other tools', () => {
  it('a CSV is one table with its header on line 1, another section by name, the filters in the file name', async () => {
    const base = `${c.url}/api/reports/queue-performance?${period('60m')}&interval=60m&queue=support&format=csv`
    const res = await fetch(base, { headers: admin })
    expect(res.headers.get('content-disposition')).toContain(`filename="agner-queue-performance-byInterval-${iso(today - DAY).slice(0, 10)}-60m-support-en.csv"`)
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toMatch(/^Period,Offered,/)
    // The header and a row per hour with traffic: no title, filters, totals or notes.
    expect(lines.length).toBeGreaterThan(12)
    expect(lines.length).toBeLessThanOrEqual(1 + 24)
    expect(lines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2} \d{2}:00,\d+,/.test(l))).toBe(true)
    const byQueue = await fetch(`${base}&section=byQueue`, { headers: admin })
    expect((await byQueue.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Queue,/)
    const wrong = await fetch(`${base}&section=nope`, { headers: admin })
    expect(wrong.status).toBe(400)
    expect((await wrong.json() as { error: string }).error).toContain('its sections are byInterval, byQueue')
  })

  it('in Excel the period column holds real dates', async () => {
    const res = await fetch(`${c.url}/api/reports/queue-performance?${period('day')}&interval=day&format=xlsx`, { headers: admin })
    const file = join(dir, 'period.xlsx')
    writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.worksheets[0]!
    let header = 0
    ws.eachRow((row, n) => { if (header === 0 && row.getCell(1).value === 'Period' && row.getCell(2).value === 'Offered') header = n })
    const first = ws.getRow(header + 1).getCell(1)
    expect(first.value).toBeInstanceOf(Date)
    expect((first.value as Date).toISOString()).toBe(new Date(today - 7 * DAY).toISOString())
    expect(first.numFmt).toBe('yyyy-mm-dd')
  })
})

/**
 * JSON in both languages for every interval; each export format once per interval, in English and
 * Chinese by turns, so every format is read back in both languages and every interval in every
 * format (all 2 × 4 × 6 combinations took a quarter of CI's time for little more).
 */
function requests(): Array<{ interval: string; lang: string; format: string }> {
  return REPORT_INTERVALS.flatMap((interval, i) => [
    { interval, lang: 'en', format: 'json' }, { interval, lang: 'zh-CN', format: 'json' },
    ...EXPORT_FORMATS.map((format, j) => ({ interval, lang: (i + j) % 2 === 0 ? 'en' : 'zh-CN', format })),
  ])
}

describe('every report, every interval, every format, both languages', () => {
  for (const report of REPORT_NAMES) {
    it(`${report} over HTTP`, async () => {
      for (const { interval, lang, format } of requests()) {
        // The timeline is per agent; the contact list is held to a page (the full week's PDF is another test's business).
        const agent = report === 'agent-timeline' ? '&agent=agent-01&agent=agent-03' : report === 'contacts' ? '&limit=300' : ''
        const url = `${c.url}/api/reports/${report}?${period(interval)}&interval=${interval}&lang=${lang}&format=${format}${agent}`
        const res = await fetch(url, { headers: admin })
        const body = Buffer.from(await res.arrayBuffer())
        expect(res.status, `${report} ${interval} ${lang} ${format}: ${body.toString().slice(0, 300)}`).toBe(200)
        if (format === 'json') {
          const r = JSON.parse(body.toString()) as { sections: Array<{ rows: unknown[] }> }
          expect(r.sections.length).toBeGreaterThan(0)
        } else {
          await checkFile(`${report}-${interval}-${lang}`, format, body)
        }
      }
    }, 180_000)
  }

  it('the simulated week has figures in every report that reads them: surveys, transfers, callbacks and each outcome', async () => {
    const json = async (report: string): Promise<{ sections: Array<{ id: string; rows: Array<Record<string, unknown>>; totals?: Record<string, unknown> }> }> =>
      (await fetch(`${c.url}/api/reports/${report}?${period('day')}&interval=day`, { headers: admin })).json() as never
    const csat = await json('csat')
    expect(Number(csat.sections[0]!.totals!.surveys)).toBeGreaterThan(100)
    const abandons = await json('abandons')
    expect(abandons.sections.some((s) => s.rows.length > 0)).toBe(true)
    const perf = await json('queue-performance')
    const totals = perf.sections.find((s) => s.id === 'byInterval')!.totals!
    expect(Number(totals.answered)).toBeGreaterThan(1000)
    expect(Number(totals.abandoned)).toBeGreaterThan(0)
    expect(Number(totals.flowedOut)).toBeGreaterThanOrEqual(3) // overflow, timeout, no agents
    expect(Number(totals.callbacks)).toBeGreaterThanOrEqual(1)
  })

  it('through the CLI (agner report --url): every report, every format, both languages', async () => {
    const token = await apiToken(c.agner.access.directory, ['reports:read', 'reports:export', 'contacts:read'])
    const jobs: Array<Promise<void>> = []
    for (const [r, report] of REPORT_NAMES.entries()) {
      jobs.push((async () => {
        // JSON for each report and one export format by turns (each format two or three times):
        // the CLI writes what the server answers, so the file checks above are not repeated here.
        for (const format of ['json', EXPORT_FORMATS[r % EXPORT_FORMATS.length]!]) {
          const lang = format === 'pdf' || format === 'json' ? 'zh-CN' : 'en'
          const out = join(dir, `cli-${report}.${format}`)
          await run(process.execPath, [join(ROOT, 'bin', 'agner.mjs'), 'report', report, '--from', iso(today - 7 * DAY), '--to', iso(today), '--interval', 'day', '--lang', lang, '--format', format, '--out', out, '--url', c.url, ...(report === 'agent-timeline' ? ['--agent', 'agent-01'] : report === 'contacts' ? ['--limit', '300'] : [])],
            { cwd: ROOT, env: { ...process.env, AGNER_TOKEN: token, AGNER_URL: '' }, timeout: 120_000 }).catch((e: { stderr?: string }) => { throw new Error(`${report} ${format}: ${e.stderr}`) })
          const body = readFileSync(out)
          if (format === 'json') expect((JSON.parse(body.toString()) as { report: string }).report).toBe(report)
          else await checkFile(`cli-${report}`, format, body)
        }
      })())
      if (jobs.length === 2) { await Promise.all(jobs); jobs.length = 0 }
    }
    await Promise.all(jobs)
  }, 300_000)
})
