/**
 * Schedules end to end on the demo center's seeded history: a planner generates next week (shifts
 * for named agents, coverage, predicted and simulated service level), moves a break by the rules
 * (a move outside its window is refused with the rule named), publishes versions, an agent sees
 * only their own published shifts, exports to Excel and PDF, and the live adherence view flags an
 * agent still on break after it ended.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { say, type Said } from '@agner/wfm'
import { signIn } from './support/access.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
let planner: Record<string, string>
let supervisor: Record<string, string>
let agent: Record<string, string>
let admin: Record<string, string>
const TZ = 'Asia/Shanghai'
beforeAll(async () => {
  c = await startAccessCenter({ demoHistoryWeeks: 3, timeZone: TZ })
  planner = (await signIn(c.url, c.usernames.planner, c.passwords.planner)).headers
  supervisor = (await signIn(c.url, c.usernames.supervisor, c.passwords.supervisor)).headers
  agent = (await signIn(c.url, c.usernames.agent, c.passwords.agent)).headers
  admin = (await signIn(c.url, c.usernames.admin, c.passwords.admin)).headers
}, 180_000)
afterAll(async () => { await c?.dispose() })

const DAY = 86_400_000
/** Monday of the week holding `ms`, in the center's zone (UTC+8), as YYYY-MM-DD. */
function mondayOf(ms: number): string {
  const local = new Date(ms + 8 * 3_600_000)
  const back = (local.getUTCDay() + 6) % 7
  return new Date(local.getTime() - back * DAY).toISOString().slice(0, 10)
}
const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' })

/** A demo agent logged out since before `since` (agent-02 when it is), found on the live feed. */
async function quietAgent(url: string, headers: Record<string, string>, since: number): Promise<string> {
  const live = await (await fetch(`${url}/api/live`, { headers })).json() as { agents: Array<{ agentId: string; state: string; stateSince: number }> }
  const quiet = live.agents.filter((a) => /^agent-\d+$/.test(a.agentId) && a.state === 'offline' && a.stateSince < since).map((a) => a.agentId).sort()
  return quiet.includes('agent-02') ? 'agent-02' : quiet[0] ?? 'agent-02'
}

interface Shift { agentId: string; day: number; templateId: string; startMin: number; endMin: number; paidMin: number; breaks: Array<{ kind: 'break' | 'lunch'; startMin: number; endMin: number }> }
interface Stored {
  id: string; status: string; version: number; weekStart: number; shifts: Shift[]; agents: Array<{ id: string; name: string; skills: string[] }>
  coverage: { totals: { paidHours: number; coveragePct: number; underHours: number; meanServiceLevel: number | null }; intervals: Array<{ required: number; scheduled: number; serviceLevel: number | null }> }
  solver: { status: string; gap: number; lpBound?: { paidHours: number } }; simulation: { serviceLevel: Array<number | null> }; problems: Array<{ message: string }>; violations: unknown[]
}

let draft: Stored
it('generates next week for the demo center: named shifts, coverage, Erlang and simulated service level', async () => {
  const week = mondayOf(Date.now() + 7 * DAY)
  const res = await fetch(`${c.url}/api/wfm/schedules`, { method: 'POST', headers: json(planner), body: JSON.stringify({ week, timeLimitSec: 8 }) })
  draft = await res.json() as Stored
  expect(res.status, JSON.stringify(draft).slice(0, 300)).toBe(201)
  expect(draft.status).toBe('draft')
  expect(draft.shifts.length).toBeGreaterThan(100)
  expect(new Set(draft.shifts.map((s) => s.agentId)).size).toBeGreaterThan(20)
  expect(draft.violations).toEqual([])
  expect(draft.coverage.totals.paidHours).toBeGreaterThan(0)
  expect(draft.coverage.totals.coveragePct).toBeGreaterThan(0.5)
  expect(draft.coverage.intervals).toHaveLength(672)
  expect(draft.simulation.serviceLevel.filter((x) => x !== null).length).toBeGreaterThan(300)
  // The LP bound is there when the relaxation solved within half the limit (a loaded machine may not).
  if (draft.solver.lpBound) expect(draft.solver.lpBound.paidHours).toBeGreaterThan(0)
  else expect(draft.problems.map((p) => p.message).join(' ')).toMatch(/time limit/)
  const listed = await (await fetch(`${c.url}/api/wfm/schedules?week=${week}`, { headers: planner })).json() as { schedules: Array<{ id: string }> }
  expect(listed.schedules.map((s) => s.id)).toContain(draft.id)
}, 120_000)

it('a break moved outside its window is refused naming the rule; a move inside it is saved with new coverage', async () => {
  const shift = draft.shifts.find((s) => s.breaks.some((b) => b.kind === 'lunch'))!
  const lunch = shift.breaks.find((b) => b.kind === 'lunch')!
  const url = `${c.url}/api/wfm/schedules/${draft.id}/agents/${shift.agentId}/days/${shift.day}`
  const moved = (by: number) => ({ startMin: shift.startMin, endMin: shift.endMin, breaks: shift.breaks.map((b) => (b === lunch ? { ...b, startMin: b.startMin + by, endMin: b.endMin + by } : b)) })
  const bad = await fetch(url, { method: 'PUT', headers: json(planner), body: JSON.stringify({ shift: moved(-4 * 60) }) })
  expect(bad.status).toBe(422)
  const badBody = await bad.json() as { error: string; violations: Array<{ rule: string; code: string; params: Record<string, string | number>; message: string }> }
  expect(badBody.violations.map((v) => v.rule)).toContain('break-window')
  expect(badBody.error).toMatch(/lunch .* is outside its window/)
  // The code and values say the same in Chinese for the web (the agent's name, the lunch, its window).
  const v = badBody.violations.find((x) => x.rule === 'break-window')!
  expect(say(v as Said)).toBe(v.message)
  // The refusal itself, for a planner reading Chinese: the rule, then what to do.
  const zh = await (await fetch(`${url}?lang=zh-CN`, { method: 'PUT', headers: json(planner), body: JSON.stringify({ shift: moved(-4 * 60) }) })).json() as { message: string }
  expect(zh.message).toBe(`${say(v as Said, 'zh-CN')}；请修改，或强制保存。`)
  expect(say(v as Said, 'zh-CN')).toMatch(new RegExp(`^${v.params.name} 在 \\d\\d:\\d\\d 的用餐不在允许时段内（\\d\\d:\\d\\d–\\d\\d:\\d\\d，\\d+ 分钟）$`))
  // Inside the window: find a start that is allowed (the window is 210–300 minutes after the shift start).
  const target = shift.startMin + 300 === lunch.startMin ? -15 : 15
  const ok = await fetch(url, { method: 'PUT', headers: json(planner), body: JSON.stringify({ shift: moved(target) }) })
  expect(ok.status).toBe(200)
  const saved = await ok.json() as { saved: boolean; violations: unknown[]; paidHours: number }
  expect(saved.saved).toBe(true)
  expect(saved.violations).toEqual([])
  const after = await (await fetch(`${c.url}/api/wfm/schedules/${draft.id}`, { headers: planner })).json() as Stored
  expect(after.shifts.find((s) => s.agentId === shift.agentId && s.day === shift.day)!.breaks.find((b) => b.kind === 'lunch')!.startMin).toBe(lunch.startMin + target)
  draft = after
})

it('publishes versions; an agent sees only their own published shifts; a supervisor cannot edit', async () => {
  const week = mondayOf(Date.now() + 7 * DAY)
  const v1 = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/publish`, { method: 'POST', headers: planner })
  expect(v1.status).toBe(201)
  expect((await v1.json() as { version: number }).version).toBe(1)
  const v2 = await (await fetch(`${c.url}/api/wfm/schedules/${draft.id}/publish`, { method: 'POST', headers: planner })).json() as { id: string; version: number }
  expect(v2.version).toBe(2)
  const again = await fetch(`${c.url}/api/wfm/schedules/${v2.id}/publish`, { method: 'POST', headers: planner })
  expect(again.status).toBe(409)
  const mine = await (await fetch(`${c.url}/api/wfm/my-schedule?week=${week}`, { headers: agent })).json() as { published: boolean; version: number; shifts: Shift[] }
  expect(mine.published).toBe(true)
  expect(mine.version).toBe(2)
  expect(mine.shifts.every((s) => s.agentId === 'agent-01')).toBe(true)
  expect(mine.shifts).toEqual(draft.shifts.filter((s) => s.agentId === 'agent-01'))
  const edit = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/agents/agent-01/days/0`, { method: 'PUT', headers: json(supervisor), body: JSON.stringify({ shift: null }) })
  expect(edit.status).toBe(403)
})

it('the week after counts the published shifts that run into it (the requirement, the note, the rest before Monday) and dated leave', async () => {
  const WEEK_MIN = 7 * 1440
  const published = await (await fetch(`${c.url}/api/wfm/schedules?week=${mondayOf(Date.now() + 7 * DAY)}`, { headers: planner })).json() as { schedules: Array<{ id: string; status: string; version: number }> }
  const v2 = published.schedules.find((x) => x.status === 'published' && x.version === 2)!
  const shifts = (await (await fetch(`${c.url}/api/wfm/schedules/${v2.id}`, { headers: planner })).json() as Stored).shifts
  // The demo center answers around the clock: Sunday's night shifts end on Monday.
  const into = shifts.filter((x) => x.endMin > WEEK_MIN)
  expect(into.length).toBeGreaterThan(0)
  // Dated leave for one of them on that week's Wednesday (center time, `to` exclusive).
  const weekAfter = mondayOf(Date.now() + 14 * DAY)
  const wednesday = new Date(Date.parse(`${weekAfter}T00:00:00Z`) + 2 * DAY).toISOString().slice(0, 10)
  const thursday = new Date(Date.parse(`${weekAfter}T00:00:00Z`) + 3 * DAY).toISOString().slice(0, 10)
  const onLeave = shifts.find((x) => x.endMin <= WEEK_MIN)!.agentId
  const rules = await (await fetch(`${c.url}/api/wfm/rules`, { headers: planner })).json() as { agents: Array<{ agentId: string; contractId: string; leave?: unknown[] }>; defaultContractId: string }
  const own = rules.agents.find((a) => a.agentId === onLeave) ?? { agentId: onLeave, contractId: rules.defaultContractId }
  const withLeave = { ...rules, agents: [...rules.agents.filter((a) => a.agentId !== onLeave), { ...own, leave: [{ from: wednesday, to: thursday, reason: 'holiday' }] }] }
  expect((await fetch(`${c.url}/api/wfm/rules`, { method: 'PUT', headers: json(planner), body: JSON.stringify(withLeave) })).status).toBe(200)
  const backwards = { ...withLeave, agents: [{ ...own, leave: [{ from: thursday, to: wednesday }] }] }
  const refused = await fetch(`${c.url}/api/wfm/rules`, { method: 'PUT', headers: json(planner), body: JSON.stringify(backwards) })
  expect(refused.status).toBe(400)
  expect((await refused.json() as { error: string }).error).toMatch(/agents\[0\]\.leave\[0\]: "from" must be before "to"/)

  const res = await fetch(`${c.url}/api/wfm/schedules`, { method: 'POST', headers: json(planner), body: JSON.stringify({ week: weekAfter, timeLimitSec: 5 }) })
  const next = await res.json() as Omit<Stored, 'problems'> & { problems: Array<{ code: string; params: Record<string, number | string> }> }
  expect(res.status).toBe(201)
  // Nothing of the agent's on leave touches Wednesday (week minutes 2880–4320).
  for (const x of next.shifts.filter((y) => y.agentId === onLeave)) expect(x.endMin <= 2 * 1440 || x.startMin >= 3 * 1440).toBe(true)
  expect(next.problems[0]).toMatchObject({ code: 'note.carry-in', params: { count: into.length } })
  // Each of those agents starts this week no sooner than their shift's end plus the contract's rest (11 h here).
  for (const x of into) {
    const first = next.shifts.filter((y) => y.agentId === x.agentId).sort((a, b) => a.startMin - b.startMin)[0]
    if (first) expect(first.startMin - (x.endMin - WEEK_MIN)).toBeGreaterThanOrEqual(11 * 60)
  }
}, 120_000)

it('exports the schedule to Excel by interval and to PDF', async () => {
  const xlsx = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/export?format=xlsx&layout=interval&lang=zh-CN`, { headers: planner })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const sheet = wb.worksheets[0]!
  expect(sheet.actualColumnCount).toBeGreaterThanOrEqual(672)
  const pdf = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/export?format=pdf&lang=zh-CN`, { headers: planner })
  expect(pdf.status).toBe(200)
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
}, 60_000)

it('flags an agent who stays on break after it ended, past the grace time', async (ctx) => {
  const now = Date.now()
  const week = mondayOf(now)
  const gen = await fetch(`${c.url}/api/wfm/schedules`, { method: 'POST', headers: json(planner), body: JSON.stringify({ week, timeLimitSec: 4 }) })
  expect(gen.status).toBe(201)
  const s = await gen.json() as Stored
  // An agent works now, on a shift that began two hours ago (the day before, just after midnight:
  // shifts cross midnight), with a break that ended 15 minutes ago.
  const q = 15
  const minNow = Math.floor((now - s.weekStart) / 60_000 / q) * q
  // In the week's first half hour no break of this week can have ended 15 minutes ago.
  if (minNow < 30) ctx.skip()
  const start = Math.max(0, minNow - 120)
  const day = Math.floor(start / 1440)
  const brk = { kind: 'break' as const, startMin: minNow - 30, endMin: minNow - 15 }
  // The demo's seeded history runs up to now: the agent is one logged out since before the break, so
  // nothing of theirs after it changes what the test says happened.
  const agentId = await quietAgent(c.url, planner, s.weekStart + brk.startMin * 60_000)
  const put = await fetch(`${c.url}/api/wfm/schedules/${s.id}/agents/${agentId}/days/${day}`, {
    method: 'PUT', headers: json(planner), body: JSON.stringify({ force: true, shift: { startMin: start, endMin: start + 510, templateId: 'full-day', breaks: [brk] } }),
  })
  expect(put.status).toBe(200)
  expect((await fetch(`${c.url}/api/wfm/schedules/${s.id}/publish`, { method: 'POST', headers: planner })).status).toBe(201)
  // The agent went on break 30 minutes ago and is still on it.
  const ev = await fetch(`${c.url}/api/events`, {
    method: 'POST', headers: json(admin),
    body: JSON.stringify([{ id: `rta-${now}`, type: 'agent.status_changed', time: s.weekStart + brk.startMin * 60_000 + 5_000, tenant: 'default', source: { kind: 'test', instance: 't' }, agentId, data: { status: 'aux', reasonCode: 'break', origin: 'agent' } }]),
  })
  expect(ev.status).toBeLessThan(300)
  let row: { agentId: string; result: string; alert: boolean; outForSec: number; activity: string } | undefined
  for (let i = 0; i < 50 && !row?.alert; i++) {
    const rta = await (await fetch(`${c.url}/api/wfm/rta`, { headers: planner })).json() as { agents: Array<NonNullable<typeof row>> }
    row = rta.agents.find((a) => a.agentId === agentId)
    if (!row?.alert) await new Promise((r) => setTimeout(r, 100))
  }
  expect(row).toMatchObject({ activity: 'work', result: 'out', alert: true })
  expect(row!.outForSec).toBeGreaterThanOrEqual(14 * 60)
  // A supervisor sees only the agents of their teams' queues.
  const scoped = await (await fetch(`${c.url}/api/wfm/rta`, { headers: supervisor })).json() as { agents: Array<{ agentId: string }> }
  const all = await (await fetch(`${c.url}/api/wfm/rta`, { headers: planner })).json() as { agents: Array<{ agentId: string }> }
  expect(scoped.agents.length).toBeLessThan(all.agents.length)
  const adh = await fetch(`${c.url}/api/wfm/adherence?week=${week}`, { headers: planner })
  expect(adh.status).toBe(200)
  const rows = (await adh.json() as { rows: Array<{ agentId: string; day: number; adherence: number | null; outSec: number }> }).rows
  const today = rows.find((r) => r.agentId === agentId && r.day === day)!
  expect(today.outSec).toBeGreaterThanOrEqual(14 * 60)
}, 120_000)

it('bad input: a week that is not a Monday, an unknown schedule, an edit off the interval grid', async () => {
  const notMonday = await fetch(`${c.url}/api/wfm/schedules`, { method: 'POST', headers: json(planner), body: JSON.stringify({ week: '2026-12-02' }) })
  expect(notMonday.status).toBe(400)
  expect((await notMonday.json() as { error: string }).error).toMatch(/not a Monday/)
  expect((await fetch(`${c.url}/api/wfm/schedules/nope`, { headers: planner })).status).toBe(404)
  const off = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/agents/agent-02/days/0`, { method: 'PUT', headers: json(planner), body: JSON.stringify({ shift: { startMin: 487, endMin: 900, breaks: [] } }) })
  expect(off.status).toBe(400)
  expect((await off.json() as { error: string }).error).toMatch(/15-minute boundaries/)
  const nobody = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/agents/nobody/days/0`, { method: 'PUT', headers: json(planner), body: JSON.stringify({ shift: null }) })
  expect(nobody.status).toBe(404)
  // Said in the planner's language too: the English `error` for the API, `message` for the page.
  const zh = await fetch(`${c.url}/api/wfm/schedules/${draft.id}/agents/agent-02/days/0?lang=zh-CN`, { method: 'PUT', headers: json(planner), body: JSON.stringify({ shift: { startMin: 487, endMin: 900, breaks: [] } }) })
  expect(await zh.json()).toMatchObject({ error: 'Times must fall on 15-minute boundaries.', code: 'editStep', message: '时间必须落在 15 分钟的整点上。' })
  const noSwap = await fetch(`${c.url}/api/wfm/swaps/nope/decision?lang=zh-CN`, { method: 'POST', headers: json(planner), body: JSON.stringify({ approve: true }) })
  expect(noSwap.status).toBe(404)
  expect(await noSwap.json()).toMatchObject({ error: 'There is no such swap.', code: 'noSwap', message: '没有这条换班申请。' })
})
