/**
 * Reports end to end on the real server: a hand-built fixture of queue visits goes through the bus
 * and the store writer; the figures worked out by hand below must come back exactly from the API,
 * the CSV, the Excel file (read back with exceljs) and the PDF (text extracted with pdftotext).
 * Then bad input: each a clear 4xx, never a 500, never data out of scope.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { visitEvents, type VisitSpec } from '@agner/analytics/testing'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

const S = 1000
const T10 = Date.UTC(2026, 10, 2, 10, 0) // the center's zone is UTC here
const Q = 'support' // T = 30 s, S = 5 s, formula ignore_short_abandons (demo configuration)

//            10:00–10:15                                                   handle = talk + hold + wrap
const FIXTURE: VisitSpec[] = [
  { contactId: 'h1', queueId: Q, at: T10 + 60 * S, waitMs: 10 * S, outcome: 'answered', agentId: 'agent-03', talkMs: 300 * S, wrapMs: 60 * S }, // A, ≤T; 360 s
  { contactId: 'h2', queueId: Q, at: T10 + 120 * S, waitMs: 30 * S, outcome: 'answered', agentId: 'agent-03', talkMs: 200 * S, holdMs: 40 * S, wrapMs: 20 * S }, // A, = T counts; 260 s
  { contactId: 'h3', queueId: Q, at: T10 + 180 * S, waitMs: 31 * S, outcome: 'answered', agentId: 'agent-04', talkMs: 100 * S, wrapMs: 20 * S }, // A, miss; 120 s
  { contactId: 'h4', queueId: Q, at: T10 + 240 * S, waitMs: 4 * S, outcome: 'abandoned', position: 1 }, // Ab, short (≤ S), ≤ T
  { contactId: 'h5', queueId: Q, at: T10 + 300 * S, waitMs: 5 * S, outcome: 'abandoned', position: 2 }, // Ab, short (= S), ≤ T
  { contactId: 'h6', queueId: Q, at: T10 + 360 * S, waitMs: 25 * S, outcome: 'abandoned', position: 3 }, // Ab, ≤ T
  { contactId: 'h7', queueId: Q, at: T10 + 420 * S, waitMs: 90 * S, outcome: 'abandoned', position: 7 }, // Ab
  { contactId: 'h8', queueId: Q, at: T10 + 480 * S, waitMs: 300 * S, outcome: 'timeout' }, // F; the max wait
  //          10:15–10:30
  { contactId: 'h9', queueId: Q, at: T10 + 960 * S, waitMs: 0, outcome: 'answered', agentId: 'agent-04', talkMs: 60 * S }, // A, ≤T; 60 s
  { contactId: 'h10', queueId: Q, at: T10 + 1000 * S, waitMs: 45 * S, outcome: 'answered', agentId: 'agent-03', talkMs: 120 * S, wrapMs: 30 * S }, // A, miss; 150 s
  { contactId: 'h11', queueId: Q, at: T10 + 1100 * S, waitMs: 20 * S, outcome: 'callback' }, // C, ≤ T
]
// Whole period: Q = 11, A = 5, A≤T = 3 (h1 h2 h9), Ab = 4, Ab≤S = 2 (h4 h5), Ab≤T = 3 (h4 h5 h6), F = 1, C = 1, C≤T = 1.
const SL = {
  answered: 3 / 5, //                               A≤T / A
  offered: 3 / 9, //                                A≤T / (A + Ab) = 3 / (5 + 4)
  ignore_short_abandons: 3 / 7, //                  A≤T / (A + Ab − Ab≤S) = 3 / (5 + 4 − 2)
  ignore_abandons_within_threshold: 3 / 6, //       A≤T / (A + Ab − Ab≤T) = 3 / (9 − 3)
  abandons_within_threshold_positive: 6 / 9, //     (A≤T + Ab≤T) / (A + Ab) = (3 + 3) / 9
  removed_within_threshold: 7 / 11, //              (A≤T + Ab≤T + C≤T) / Q = (3 + 3 + 1) / 11
}
const ASA = (10 + 30 + 31 + 0 + 45) * S / 5 //       116 s / 5 = 23.2 s
const AHT = (360 + 260 + 120 + 60 + 150) * S / 5 //  950 s / 5 = 190 s
const ABANDON_RATE = (4 - 2) / (11 - 2) //           (Ab − Ab≤S) / (Q − Ab≤S) = 2 / 9
// 10:00: Q 8, A 3, A≤T 2, Ab 4, Ab≤S 2 → SL 2 / (3 + 4 − 2) = 2/5; ASA 71 s / 3; AHT 740 s / 3; abandon rate 2 / (8 − 2)
// 10:15: Q 3, A 2, A≤T 1 → SL 1/2; ASA 45 s / 2; AHT 210 s / 2; abandon rate 0 / 3

let c: AccessCenter
let admin: Record<string, string>
let supervisor: Record<string, string>
const dir = mkdtempSync(join(tmpdir(), 'agner-report-files-'))
const PERIOD = 'from=2026-11-02T10:00&to=2026-11-02T10:30'

beforeAll(async () => {
  c = await startAccessCenter()
  admin = (await signIn(c.url, 'admin', ADMIN_PASSWORD)).headers
  supervisor = (await signIn(c.url, c.usernames.supervisor, c.passwords.supervisor)).headers
  await c.publishStored(FIXTURE.flatMap(visitEvents))
}, 90_000)
afterAll(async () => { await c?.dispose() })

const get = (path: string, headers = admin): Promise<Response> => fetch(`${c.url}${path}`, { headers })

describe('a hand-built fixture gives the figures worked out by hand', () => {
  it('in the API: every service-level formula, ASA, AHT, abandon rate, per interval and for the period', async () => {
    const res = await get(`/api/reports/queue-performance?${PERIOD}&interval=15m&queue=${Q}`)
    expect(res.status).toBe(200)
    const r = await res.json() as { sections: Array<{ id: string; rows: Array<Record<string, number | string | null>>; totals: Record<string, number> }> }
    const byInterval = r.sections.find((s) => s.id === 'byInterval')!
    expect(byInterval.rows.map((x) => [x.period, x.offered, x.answered, x.abandoned, x.shortAbandons, x.flowedOut])).toEqual([
      ['2026-11-02 10:00', 8, 3, 4, 2, 1], ['2026-11-02 10:15', 3, 2, 0, 0, 0],
    ])
    expect(byInterval.rows[0]!.serviceLevel).toBeCloseTo(2 / 5, 12)
    expect(byInterval.rows[0]!.asa).toBeCloseTo(71_000 / 3, 6)
    expect(byInterval.rows[0]!.aht).toBeCloseTo(740_000 / 3, 6)
    expect(byInterval.rows[0]!.abandonRate).toBeCloseTo(2 / 6, 12)
    expect(byInterval.rows[0]!.maxWait).toBe(300_000)
    expect(byInterval.rows[1]!.serviceLevel).toBeCloseTo(1 / 2, 12)
    expect(byInterval.rows[1]!.asa).toBe(22_500)
    expect(byInterval.rows[1]!.aht).toBe(105_000)
    expect(byInterval.rows[1]!.abandonRate).toBe(0)
    const t = byInterval.totals
    expect([t.offered, t.answered, t.abandoned, t.shortAbandons, t.flowedOut, t.callbacks, t.handled]).toEqual([11, 5, 4, 2, 1, 1, 5])
    expect(t.serviceLevel).toBeCloseTo(SL.ignore_short_abandons, 12)
    expect(t.asa).toBeCloseTo(ASA, 6)
    expect(t.aht).toBeCloseTo(AHT, 6)
    expect(t.abandonRate).toBeCloseTo(ABANDON_RATE, 12)

    const sl = await (await get(`/api/reports/service-level?${PERIOD}&queue=${Q}`)).json() as typeof r
    const row = sl.sections.find((s) => s.id === 'byQueue')!.rows[0]!
    for (const [formula, value] of Object.entries(SL)) expect({ formula, v: row[`sl:${formula}`] }).toEqual({ formula, v: expect.closeTo(value, 12) })
  })

  it('the abandon analysis buckets the waits and positions', async () => {
    const r = await (await get(`/api/reports/abandons?${PERIOD}&queue=${Q}`)).json() as { sections: Array<{ id: string; rows: Array<Record<string, number | string>> }> }
    const byWait = Object.fromEntries(r.sections.find((s) => s.id === 'byWait')!.rows.map((x) => [x.range, x.total]))
    expect(byWait).toMatchObject({ '0–5 s': 2, '5–10 s': 0, '20–30 s': 1, '60–120 s': 1 })
    const byPos = Object.fromEntries(r.sections.find((s) => s.id === 'byPosition')!.rows.map((x) => [x.range, x.total]))
    expect(byPos).toMatchObject({ 1: 1, 2: 1, 3: 1, '6–10': 1 })
  })

  it('in the CSV (UTF-8 with BOM): the same figures', async () => {
    const res = await get(`/api/reports/service-level?${PERIOD}&queue=${Q}&format=csv&lang=zh-CN&section=byQueue`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    // One table, its header on line 1 (no title or filter lines above it).
    expect(text.split('\r\n')[0]).toMatch(/^队列,/)
    const line = text.split('\r\n').find((l) => l.startsWith('技术支持'))!
    // queue, T (s), formula, offered, then the six formulas in percent with two decimals.
    expect(line.split(',')).toEqual(['技术支持 / Technical support', '30', '忽略短放弃', '11', '60', '33.33', '42.86', '50', '66.67', '63.64'])
    const perf = await (await get(`/api/reports/queue-performance?${PERIOD}&queue=${Q}&format=csv&section=byQueue`)).text()
    const row = perf.split('\r\n').find((l) => l.includes('Technical support'))!.split(',')
    // The queue's row is the period's total: offered, answered, abandoned, short, flowed out, SL %, ASA s, AHT s, abandon rate %, max wait s
    expect(row.slice(1)).toEqual(['11', '5', '4', '2', '1', '42.86', '23.2', '190', '22.22', '300'])
  })

  it('in the Excel file, read back with exceljs: typed cells, frozen header, autofilter, filters written', async () => {
    const res = await get(`/api/reports/queue-performance?${PERIOD}&interval=15m&queue=${Q}&format=xlsx`)
    expect(res.status).toBe(200)
    const file = join(dir, 'perf.xlsx')
    writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['By interval', 'By queue'])
    const ws = wb.getWorksheet('By queue')!
    const cells = (r: ExcelJS.Row): unknown[] => (r.values as unknown[]).slice(1)
    const headerAt = ws.getColumn(1).values.findIndex((v) => v === 'Queue')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerAt })
    expect(ws.autoFilter).toBeTruthy()
    expect(cells(ws.getRow(3))).toEqual(['Interval', '15 minutes']) // the filters used, under the title
    const row = cells(ws.getRow(headerAt + 1))
    expect(row.slice(0, 6)).toEqual(['技术支持 / Technical support', 11, 5, 4, 2, 1])
    expect(row[6]).toBeCloseTo(SL.ignore_short_abandons, 12)
    // Durations are stored as days and shown [h]:mm:ss; exceljs reads such cells back as dates from 1899-12-30.
    const ms = (v: unknown): number => (v instanceof Date ? v.getTime() - Date.UTC(1899, 11, 30) : Number(v) * 86_400_000)
    expect(ms(row[7])).toBeCloseTo(ASA, 3)
    expect(ms(row[8])).toBeCloseTo(AHT, 3)
    expect(row[9]).toBeCloseTo(ABANDON_RATE, 12)
    expect(ws.getRow(headerAt + 1).getCell(7).numFmt).toBe('0.0%')
    expect(ws.getRow(headerAt + 1).getCell(8).numFmt).toBe('[h]:mm:ss')
    const totals = cells(ws.getRow(headerAt + 2))
    expect(totals[0]).toBe('Total')
    expect(ws.getRow(headerAt + 2).getCell(1).font?.bold).toBe(true)
  })

  it('in the PDF (pdftotext): the same figures, Chinese included', async () => {
    const res = await get(`/api/reports/queue-performance?${PERIOD}&interval=15m&queue=${Q}&format=pdf&lang=zh-CN`)
    expect(res.status).toBe(200)
    const file = join(dir, 'perf.pdf')
    writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
    expect(text).toContain('队列表现')
    expect(text).toContain('技术支持 / Technical support')
    // The period row: offered 11, answered 5, abandoned 4, short 2, flowed out 1, SL 42.9 %, ASA 0:23, AHT 3:10, abandon rate 22.2 %, max wait 5:00.
    const total = text.split('\n').find((l) => l.trim().startsWith('合计'))!
    expect(total.trim().split(/\s{2,}|\s(?=\d)/).join(' ')).toMatch(/^合计 11 5 4 2 1 42\.9 % 0:23 3:10 22\.2 % 5:00$/)
    expect(text).toMatch(/页 1 \/ \d/)
  })

  it('codes are named in the reader\'s language: dispositions, channels (the center\'s own names)', async () => {
    const d = await (await get(`/api/reports/dispositions?${PERIOD}&queue=${Q}&lang=zh-CN`)).json() as { sections: Array<{ rows: Array<{ code: string; codeId: string }> }> }
    expect(d.sections[0]!.rows.map((r) => [r.codeId, r.code])).toEqual([['resolved', '已解决']])
    const c = await (await get(`/api/reports/contacts?${PERIOD}&queue=${Q}&limit=1&sort=-talk&lang=zh-CN`)).json() as { sections: Array<{ rows: Array<Record<string, string>> }> }
    expect(c.sections[0]!.rows[0]).toMatchObject({ channel: '语音', channelId: 'voice', disposition: '已解决', dispositionId: 'resolved' })
    const csv = await (await get(`/api/reports/dispositions?${PERIOD}&queue=${Q}&lang=en&format=csv`)).text()
    expect(csv.split('\r\n')[1]).toMatch(/^Resolved,/)
  })

  it('the contact list pages and sorts on the server, and says the total', async () => {
    const r = await (await get(`/api/reports/contacts?${PERIOD}&queue=${Q}&limit=4&offset=4&sort=wait`)).json() as { sections: Array<{ rows: Array<{ contact: string }>; page: { offset: number; limit: number; total: number; sort: string } }> }
    // Waits ascending: h9 0, h4 4, h5 5, h1 10 | h11 20, h6 25, h2 30, h3 31 | h10 45, h7 90, h8 300.
    expect(r.sections[0]!.rows.map((x) => x.contact)).toEqual(['h11', 'h6', 'h2', 'h3'])
    expect(r.sections[0]!.page).toEqual({ offset: 4, limit: 4, total: 11, sort: 'wait' })
    const desc = await (await get(`/api/reports/contacts?${PERIOD}&queue=${Q}&limit=2&sort=-wait`)).json() as typeof r
    expect(desc.sections[0]!.rows.map((x) => x.contact)).toEqual(['h8', 'h7'])
    const bad = await get(`/api/reports/contacts?${PERIOD}&sort=caller`)
    expect(bad.status).toBe(400)
    expect((await bad.json() as { error: string }).error).toContain('cannot be sorted by "caller"')
  })

  it('drills down from an interval to its contacts and to one contact\'s timeline', async () => {
    const r = await (await get(`/api/reports/contacts?from=2026-11-02T10:00&to=2026-11-02T10:15&queue=${Q}&outcome=abandoned`)).json() as { sections: Array<{ rows: Array<Record<string, unknown>> }> }
    expect(r.sections[0]!.rows.map((x) => x.contact).sort()).toEqual(['h4', 'h5', 'h6', 'h7'])
    expect(r.sections[0]!.rows[0]!.caller).toBe('13800001234') // the admin holds pii
    const manager = (await signIn(c.url, c.usernames.manager, c.passwords.manager)).headers
    const masked = await (await get(`/api/reports/contacts?from=2026-11-02T10:00&to=2026-11-02T10:15&queue=${Q}&outcome=abandoned`, manager)).json() as typeof r
    expect(masked.sections[0]!.rows.map((x) => x.caller)).toEqual(['138****1234', '138****1234', '138****1234', '138****1234'])
    const d = await (await get('/api/reports/contacts/h2')).json() as { sections: Array<{ id: string; rows: Array<Record<string, unknown>> }> }
    // The journey in words first, the raw events after it.
    expect(d.sections.map((s) => s.id)).toEqual(['journey', 'events'])
    expect(d.sections[0]!.rows.map((x) => x.step)).toEqual([
      'Contact came in from 13800001234 to 4008001234 (voice)', 'Entered queue 技术支持 / Technical support at position 1',
      'Left queue 技术支持 / Technical support: answered after waiting 30 s', 'Answered by 李娜 (waited 30 s, rang 0 s)',
      'The customer hung up after 3 min 20 s of talk and 40 s on hold (1×)', 'Wrap-up by 李娜: Resolved (20 s)',
    ])
    expect(d.sections[1]!.rows.map((x) => x.type)).toEqual(['contact.created', 'contact.queued', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended'])
  })

  it('every export is in the audit trail', async () => {
    const a = await (await get('/api/audit?action=export&limit=50')).json() as { entries: Array<{ target: string; detail: { format: string } }> }
    expect(a.entries.map((e) => `${e.target} ${e.detail.format}`)).toEqual(expect.arrayContaining(['report:service-level csv', 'report:queue-performance xlsx', 'report:queue-performance pdf']))
  })
})

describe('bad input gets a clear 4xx, never a 500, never data out of scope', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['from after to', '/api/reports/queue-performance?from=2026-11-03&to=2026-11-02', 400, /before "to"/],
    ['a ten-year range', '/api/reports/queue-performance?from=2016-01-01&to=2026-01-01&interval=month', 400, /longer than 400 days/],
    ['an unknown queue', '/api/reports/queue-performance?queue=nosuchqueue', 400, /Queue "nosuchqueue" is unknown/],
    ['interval 7m', '/api/reports/queue-performance?interval=7m', 400, /Interval "7m" is not offered/],
    ['SQL in a filter', `/api/reports/queue-performance?queue=${encodeURIComponent("sales' OR 1=1 --")}`, 400, /not a valid queue/],
    ['SQL in a date', `/api/reports/queue-performance?from=${encodeURIComponent("2026-11-01'; DROP TABLE events; --")}`, 400, /ISO date/],
    ['an unknown report', '/api/reports/everything', 404, /no report "everything"/],
    ['a date that does not exist', '/api/reports/queue-performance?from=2026-02-30', 400, /not a real date/],
    ['a start off the quarter hour', '/api/reports/queue-performance?from=2026-11-02T10:07', 400, /quarter hour/],
    ['an unknown language', '/api/reports/queue-performance?lang=fr', 400, /en or zh-CN/],
    ['a misspelled filter (queues= for queue=)', '/api/reports/queue-performance?queues=sales', 400, /Unknown query parameter "queues"; this endpoint takes from, to, interval, queue/],
    ['15-minute rows over a year', '/api/reports/queue-performance?from=2025-11-01&to=2026-11-01&interval=15m', 400, /more than 3000/],
  ]
  for (const [name, path, status, message] of cases) {
    it(name, async () => {
      const res = await get(path)
      expect(res.status).toBe(status)
      expect(((await res.json()) as { error: string }).error).toMatch(message)
    })
  }

  it('a team the supervisor does not supervise, and a queue outside their team: 403 with no data', async () => {
    const team = await get(`/api/reports/queue-performance?team=${c.teams.service}`, supervisor)
    expect(team.status).toBe(403)
    const body = await team.json() as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['error'])
    expect(body.error).toMatch(/do not supervise/)
    const queue = await get(`/api/reports/queue-performance?${PERIOD}&queue=${Q}`, supervisor)
    expect(queue.status).toBe(403)
    const contact = await get('/api/reports/contacts/h2', supervisor)
    expect(contact.status).toBe(404)
    // Without a queue filter the supervisor sees their own team's queues only: not the support fixture.
    const own = await (await get(`/api/reports/queue-performance?${PERIOD}`, supervisor)).json() as { filters: { queues: string[] }; sections: Array<{ rows: unknown[] }> }
    expect(own.filters.queues).not.toContain(Q)
    expect(own.sections[1]!.rows).toEqual([])
  })
})

describe('scheduled reports', () => {
  const post = (path: string, headers: Record<string, string>, body?: unknown): Promise<Response> =>
    fetch(`${c.url}${path}`, { method: 'POST', headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })

  it('a schedule runs, writes its file to the outbox, and lists it for download', async () => {
    const res = await post('/api/report-schedules', admin, { name: '每日队列', report: 'queue-performance', format: 'xlsx', locale: 'zh-CN', frequency: 'daily', atTime: '06:00', filters: { queue: [Q] } })
    expect(res.status).toBe(201)
    const s = await res.json() as { id: string; nextRunAt: number }
    expect(s.nextRunAt).toBeGreaterThan(Date.now())
    const run = await (await post(`/api/report-schedules/${s.id}/run`, admin)).json() as { id: string; ok: boolean; fileName: string; bytes: number }
    expect(run).toMatchObject({ ok: true })
    expect(run.fileName).toMatch(/agner-queue-performance-.*-zh-CN\.xlsx$/)
    const list = await (await get('/api/report-schedules')).json() as { schedules: Array<{ id: string }>; runs: Array<{ id: string; ok: boolean }> }
    expect(list.schedules.map((x) => x.id)).toContain(s.id)
    expect(list.runs.find((r) => r.id === run.id)?.ok).toBe(true)
    const file = await get(`/api/report-runs/${run.id}/file`)
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).length).toBe(run.bytes)
  })

  it('a failing run is recorded with its reason and shown, never silent', async () => {
    const manager = (await signIn(c.url, c.usernames.manager, c.passwords.manager)).headers
    const res = await post('/api/report-schedules', manager, { name: 'Weekly support', report: 'queue-performance', format: 'pdf', frequency: 'weekly', atTime: '07:00', filters: { queue: [Q] } })
    expect(res.status).toBe(201)
    const s = await res.json() as { id: string }
    // The manager is moved off the service team: the schedule's queue is now outside their scope.
    const dir = c.agner.access.directory
    const user = dir.userByName(c.usernames.manager)!
    await dir.save('users', { ...user, teamIds: user.teamIds.filter((t) => t !== c.teams.service) })
    const run = await (await post(`/api/report-schedules/${s.id}/run`, manager)).json() as { ok: boolean; error: string }
    expect(run.ok).toBe(false)
    expect(run.error).toMatch(/outside your teams/)
    const list = await (await get('/api/report-schedules', manager)).json() as { runs: Array<{ scheduleId: string; ok: boolean; error: string }> }
    expect(list.runs.find((r) => r.scheduleId === s.id)).toMatchObject({ ok: false, error: expect.stringMatching(/outside your teams/) })
    await dir.save('users', { ...dir.get('users', user.id)!, teamIds: user.teamIds })
  })
})

