/**
 * The planner's API on three weeks of the demo center's seeded history: next week's forecast with
 * every method's backtest, agents per interval for the goals, what-ifs that move them, the Excel
 * export, and bad input as a 4xx naming the field.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
let planner: Record<string, string>
beforeAll(async () => {
  c = await startAccessCenter({ demoHistoryWeeks: 3, timeZone: 'Asia/Shanghai' })
  planner = (await signIn(c.url, c.usernames.planner, c.passwords.planner)).headers
}, 180_000)
afterAll(async () => { await c?.dispose() })

interface PlanBody {
  method: string; perDay: number; backtest: Array<{ method: string; interval: { wape: number } }>
  requirements: Array<{ start: number; volume: number; agents: number; scheduledAgents: number; serviceLevel: number | null }>; totals: { volume: number; agentHours: number; scheduledHours: number }
}
const plan = async (query: string, headers = planner): Promise<Response> => fetch(`${c.url}/api/wfm/plan?queue=support&weeks=3&${query}`, { headers })

it('forecasts next week with a backtested method and sizes every interval for the goals', async () => {
  const res = await plan('interval=30&sl=0.8&threshold=30&shrinkage=0.3')
  expect(res.status).toBe(200)
  const p = await res.json() as PlanBody
  expect(p.perDay).toBe(48)
  expect(p.requirements).toHaveLength(7 * 48)
  expect(p.backtest.map((b) => b.method).sort()).toEqual(['holt-winters', 'profile-trend', 'same-interval-average'])
  expect(p.backtest.every((b) => b.interval.wape > 0 && b.interval.wape < 1)).toBe(true)
  expect(p.totals.volume).toBeGreaterThan(1000)
  const busy = p.requirements.filter((r) => r.volume > 20)
  expect(busy.length).toBeGreaterThan(50)
  for (const r of busy) {
    expect(r.serviceLevel!).toBeGreaterThanOrEqual(0.8)
    expect(r.scheduledAgents).toBeGreaterThanOrEqual(r.agents)
  }
})

it('what-ifs move the requirement: +20 % volume needs more agents, a looser goal fewer', async () => {
  const base = await (await plan('sl=0.8&threshold=30')).json() as PlanBody
  const more = await (await plan('sl=0.8&threshold=30&volumePct=20')).json() as PlanBody
  const looser = await (await plan('sl=0.6&threshold=30')).json() as PlanBody
  expect(more.totals.volume).toBeCloseTo(base.totals.volume * 1.2, 6)
  expect(more.totals.agentHours).toBeGreaterThan(base.totals.agentHours)
  expect(looser.totals.agentHours).toBeLessThan(base.totals.agentHours)
  const patient = await (await plan('sl=0.8&threshold=30&patience=120')).json() as PlanBody
  expect(patient.totals.agentHours).toBeLessThanOrEqual(base.totals.agentHours) // Erlang A: abandons relieve the queue
})

it('a manual adjustment scales its range only; a holiday is left out of the history', async () => {
  const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10) // in the center's zone, UTC+8
  const base = await (await plan("interval=30")).json() as PlanBody
  const adj = await (await plan(`interval=30&adjust=${encodeURIComponent(`${tomorrow}T09:00~${tomorrow}T12:00:+50`)}`)).json() as typeof base
  const nine = Date.parse(`${tomorrow}T01:00:00Z`), noon = Date.parse(`${tomorrow}T04:00:00Z`)
  base.requirements.forEach((r, i) => {
    const inside = r.start >= nine && r.start < noon
    expect(adj.requirements[i]!.volume).toBeCloseTo(r.volume * (inside ? 1.5 : 1), 9)
  })
  const bad = await plan('adjust=tomorrow:+5')
  expect(bad.status).toBe(400)
  expect(((await bad.json()) as { error: string }).error).toMatch(/^adjust:/)
  // The demo history's holiday, named as seedHistory names it: the UTC date 15 days before the seeding (a minute ago at most).
  const holiday = new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 10)
  // Same-interval average: the holiday's weekday no longer averages in the quiet day.
  const day = (p: PlanBody, d: number): number => p.requirements.slice(d * 48, (d + 1) * 48).reduce((a, r) => a + r.volume, 0)
  const without = await (await plan(`interval=30&method=same-interval-average&holidays=${holiday}`)).json() as PlanBody
  const withIt = await (await plan('interval=30&method=same-interval-average')).json() as PlanBody
  // The forecast day on the holiday's weekday (which one depends on today's weekday).
  const weekday = (ms: number): number => new Date(ms + 8 * 3_600_000).getUTCDay()
  const hd = [0, 1, 2, 3, 4, 5, 6].find((d) => weekday(withIt.requirements[d * 48]!.start) === new Date(`${holiday}T00:00:00Z`).getUTCDay())!
  expect(day(without, hd)).toBeGreaterThan(day(withIt, hd) * 1.2)
  for (const d of [0, 1, 2, 3, 4, 5, 6].filter((x) => x !== hd)) expect(day(without, d)).toBeCloseTo(day(withIt, d), 6)
})

it('saves forecast versions a planner can list and read back; a manager may read but not save', async () => {
  const post = (headers: Record<string, string>, name: string) => fetch(`${c.url}/api/wfm/forecasts?queue=support&weeks=3&volumePct=10`, {
    method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name }),
  })
  const saved = await post(planner, 'Week 48 +10 %')
  expect(saved.status).toBe(201)
  const v = await saved.json() as { id: string; volume: number; agentHours: number; params: { volumePct: number } }
  expect(v.params.volumePct).toBe(10)
  const planNow = await (await plan('volumePct=10')).json() as PlanBody
  expect(v.volume).toBeCloseTo(planNow.totals.volume, 6)
  const list = await (await fetch(`${c.url}/api/wfm/forecasts?queue=support`, { headers: planner })).json() as { versions: Array<{ id: string; name: string }> }
  expect(list.versions[0]).toMatchObject({ id: v.id, name: 'Week 48 +10 %' })
  const full = await (await fetch(`${c.url}/api/wfm/forecasts/${v.id}`, { headers: planner })).json() as { volume: number[]; agents: number[] }
  expect(full.volume).toHaveLength(7 * 48)
  const manager = (await signIn(c.url, c.usernames.manager, c.passwords.manager)).headers
  expect((await post(manager, 'nope')).status).toBe(403)
})

it('exports forecast and requirements to Excel', async () => {
  const res = await plan('format=xlsx&lang=zh-CN')
  expect(res.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['人力需求', '回测'])
})

it('bad input is a 4xx naming the field; another team\'s queue is refused', async () => {
  const sl = await plan('sl=80')
  expect(sl.status).toBe(400)
  expect(((await sl.json()) as { error: string }).error).toMatch(/^sl: must be a share/)
  const thr = await plan('interval=15&threshold=1200')
  expect(((await thr.json()) as { error: string }).error).toMatch(/^threshold: 1200 s is longer than the 900 s interval/)
  expect((await fetch(`${c.url}/api/wfm/plan?queue=nope`, { headers: planner })).status).toBe(400)
  const supervisor = (await signIn(c.url, c.usernames.supervisor, c.passwords.supervisor)).headers
  expect((await plan('', supervisor)).status).toBe(403)
  const admin = (await signIn(c.url, 'admin', ADMIN_PASSWORD)).headers
  expect((await plan('', admin)).status).toBe(200)
})

it('intraday: today so far and the rest of today re-forecast from it, without a published schedule', async () => {
  const res = await fetch(`${c.url}/api/wfm/intraday?queue=support&weeks=3&interval=30&sl=0.8&threshold=30`, { headers: planner })
  expect(res.status).toBe(200)
  const v = await res.json() as {
    schedule: null; volumeFactor: number; seen: { actual: number; forecast: number }
    rows: Array<{ start: number; forecast: number; volume: number; seen: boolean; scheduled: number | null; required: number; short: number | null }>
    rest: { volume: number; shortAgentHours: number | null }
  }
  expect(v.rows).toHaveLength(48)
  const seen = v.rows.filter((r) => r.seen)
  expect(seen.length).toBe(Math.floor((Date.now() - v.rows[0]!.start) / 1_800_000))
  expect(seen.reduce((s, r) => s + r.volume, 0)).toBe(v.seen.actual)
  expect(v.volumeFactor).toBeCloseTo((v.seen.actual + 20) / (v.seen.forecast + 20), 6)
  for (const r of v.rows.filter((x) => !x.seen)) expect(r.volume).toBeCloseTo(r.forecast * v.volumeFactor, 6)
  expect(v.schedule).toBeNull()
  expect(v.rows.every((r) => r.scheduled === null && r.short === null)).toBe(true)
  expect(v.rest.shortAgentHours).toBeNull()
  // Outside the caller's teams and unknown queues are refused with a sentence.
  expect((await fetch(`${c.url}/api/wfm/intraday?queue=nope`, { headers: planner })).status).toBe(400)
})
