/**
 * The WFM week in Debian's Chromium on the demo center's seeded history (done means of issue 8):
 * a planner generates next week's schedule, moves a lunch by dragging it on the Gantt (checked on
 * the server, coverage updated), publishes it; an agent sees their own published schedule; the
 * real-time adherence view flags an agent who stays on break too long.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Agner } from '../../ingest/src/index.ts'
import { signIn } from '../../ingest/test/support/access.ts'
import { ADMIN_PASSWORD, shots, signedIn, startRig, type Rig } from './support.ts'

let rig: Rig
let agner: Agner
let page: Page
let admin: Record<string, string>

beforeAll(async () => {
  rig = await startRig('schedule', { demo: true, demoRate: 0, demoHistoryWeeks: 3, timeZone: 'Asia/Shanghai' }, { width: 1600, height: 1200 }, 'zh-CN')
  agner = rig.agner
  page = rig.page
  admin = (await signIn(agner.url, 'admin', ADMIN_PASSWORD)).headers
}, 180_000)
afterAll(async () => { await rig?.dispose() })

interface Shift { agentId: string; day: number; startMin: number; endMin: number; templateId: string; breaks: Array<{ kind: string; startMin: number; endMin: number }> }
const DAY = 86_400_000
function mondayOf(ms: number): string {
  const local = new Date(ms + 8 * 3_600_000)
  return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10)
}
const json = { 'content-type': 'application/json' }

it('with nothing published, the adherence page says what to do, with no error on the wire', async () => {
  const failed: string[] = []
  const onResponse = (r: { status(): number; url(): string }): void => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`) }
  page.on('response', onResponse)
  await page.goto(`${agner.url}/wfm/rta`)
  await expect.poll(() => page.getByTestId('rta-empty').textContent(), { timeout: 10_000 }).toContain('本周还没有已发布的排班')
  expect(await page.getByTestId('rta-empty').getByRole('link').getAttribute('href')).toBe('/wfm/schedule')
  await page.waitForTimeout(500)
  page.off('response', onResponse)
  expect(failed).toEqual([])
  await page.screenshot({ path: join(shots, 'rta-empty-zh.png') })
})

it('a planner generates next week, drags a lunch within its window, and publishes', async () => {
  await page.goto(`${agner.url}/wfm/schedule`)
  await page.fill('[data-testid=schedule-form] input[type=number]', '8')
  await page.click('[data-testid=generate]')
  await expect.poll(() => page.getByTestId('coverage-pct').count(), { timeout: 60_000 }).toBe(1)
  // What the scheduler says comes in the page's language: the demo week is short of paid hours.
  const problems = await page.getByTestId('schedule-problems').locator('li').allInnerTexts()
  expect(problems.join('\n')).toMatch(/无法完全覆盖/)
  for (const p of problems) expect(p).toMatch(/[\u4e00-\u9fff]/)
  // How each queue was sized, pooling included (the demo's agents share queues), in Chinese.
  const sizing = await page.getByTestId('sizing').innerText()
  expect(sizing).toMatch(/Erlang A，来电者耐心 \d+ 秒/)
  expect(sizing).toMatch(/多技能坐席共同分担乘以 0\.\d\d/)
  const week = mondayOf(Date.now() + 7 * DAY)
  const list = await (await fetch(`${agner.url}/api/wfm/schedules?week=${week}`, { headers: admin })).json() as { schedules: Array<{ id: string; status: string }> }
  const id = list.schedules.find((s) => s.status === 'draft')!.id
  const s = await (await fetch(`${agner.url}/api/wfm/schedules/${id}`, { headers: admin })).json() as { shifts: Shift[] }
  // A shift whose lunch can move 15 minutes later inside its window (210–300 minutes after the start).
  const shift = s.shifts.find((x) => x.breaks.some((b) => b.kind === 'lunch' && b.startMin - x.startMin <= 285))!
  const lunch = shift.breaks.find((b) => b.kind === 'lunch')!
  await page.click(`[data-testid=day-${shift.day}]`)
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(shots, 'schedule-zh.png'), fullPage: true })
  const gantt = page.getByTestId('gantt')
  const at = async (min: number): Promise<number[]> => gantt.evaluate((el, [agentId, m]) => (el as HTMLDivElement & { pixelOf: (a: string, m: number) => number[] }).pixelOf(agentId as string, m as number), [shift.agentId, min])
  await gantt.scrollIntoViewIfNeeded()
  const box = (await gantt.boundingBox())!
  const [x0, y0] = await at(lunch.startMin + 15)
  const [x1] = await at(lunch.startMin + 30)
  await page.mouse.move(box.x + x0!, box.y + y0!)
  await page.mouse.down()
  await page.mouse.move(box.x + (x0! + x1!) / 2, box.y + y0!, { steps: 4 })
  await page.mouse.move(box.x + x1!, box.y + y0!, { steps: 4 })
  await page.mouse.up()
  await expect.poll(() => page.getByTestId('schedule-notice').textContent(), { timeout: 20_000 }).toContain('已保存')
  const after = await (await fetch(`${agner.url}/api/wfm/schedules/${id}`, { headers: admin })).json() as { shifts: Shift[] }
  const moved = after.shifts.find((x) => x.agentId === shift.agentId && x.day === shift.day)!.breaks.find((b) => b.kind === 'lunch')!
  expect(moved.startMin).toBe(lunch.startMin + 15)
  await page.click('[data-testid=publish]')
  await expect.poll(() => page.getByTestId('schedule-notice').textContent(), { timeout: 10_000 }).toContain('第 1 版')
  // The page shows what was published: version 1 chosen, no Publish button, the Gantt read-only.
  await expect.poll(() => page.getByTestId('publish').count(), { timeout: 10_000 }).toBe(0)
  expect(await page.getByTestId('schedule-version').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('第 1 版')
  // Coming back later, the draft (unchanged since) is not what opens.
  await page.reload()
  await expect.poll(() => page.getByTestId('schedule-version').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent), { timeout: 10_000 }).toBe('第 1 版')
  await page.screenshot({ path: join(shots, 'schedule-published-zh.png'), fullPage: true })
}, 120_000)

it('in English the planner reads how each queue was sized, pooling included', async () => {
  const planner = agner.bootstrap.created.find((u) => u.role === 'planner')!
  const { context: ctx, page: p } = await signedIn(rig, planner.username, planner.password, { locale: 'en', viewport: { width: 1600, height: 1200 } })
  await p.goto(`${agner.url}/wfm/schedule`)
  await expect.poll(() => p.getByTestId('sizing').count(), { timeout: 20_000 }).toBe(1)
  const sizing = await p.getByTestId('sizing').innerText()
  expect(sizing).toMatch(/Erlang A, callers' patience \d+ s \(measured\)/)
  expect(sizing).toMatch(/× 0\.\d\d for pooling: agents with several skills share the load/)
  await p.screenshot({ path: join(shots, 'schedule-en.png'), fullPage: true })
  await ctx.close()
})

it('a planner enters an agent\'s leave on the schedule page; a backwards one is refused, saying why in Chinese', async () => {
  await page.goto(`${agner.url}/wfm/schedule`)
  await page.click('[data-testid=leave-panel] summary')
  const form = page.getByTestId('leave-form')
  await expect.poll(() => form.locator('select[name=agent] option').count(), { timeout: 10_000 }).toBeGreaterThan(10)
  const agentId = await form.locator('select[name=agent] option').nth(3).getAttribute('value')
  await form.locator('select[name=agent]').selectOption(agentId!)
  await form.locator('input[name=from]').fill('2027-01-04')
  await form.locator('input[name=to]').fill('2027-01-09')
  await form.locator('input[name=reason]').fill('年假')
  await page.click('[data-testid=leave-add]')
  await expect.poll(() => page.getByTestId('leave-notice').textContent(), { timeout: 10_000 }).toContain('休假已保存')
  await expect.poll(() => page.locator('[data-testid=leave-table] tbody tr').count()).toBe(1)
  const rules = await (await fetch(`${agner.url}/api/wfm/rules`, { headers: admin })).json() as { agents: Array<{ agentId: string; leave?: unknown[] }> }
  expect(rules.agents.find((a) => a.agentId === agentId)!.leave).toEqual([{ from: '2027-01-04', to: '2027-01-09', reason: '年假' }])
  // Back on before the start: refused, nothing saved.
  await form.locator('input[name=from]').fill('2027-02-10')
  await form.locator('input[name=to]').fill('2027-02-08')
  await page.click('[data-testid=leave-add]')
  await expect.poll(() => page.getByTestId('leave-error').textContent(), { timeout: 10_000 }).toBe('“返岗日”必须晚于“开始”；请选择重新上班的第一天。')
  expect(await page.locator('[data-testid=leave-table] tbody tr').count()).toBe(1)
  await page.screenshot({ path: join(shots, 'schedule-leave-zh.png'), fullPage: true })
  // Removed again, so the weeks the other tests generate are as before.
  await page.getByTestId('leave-table').getByRole('button').first().click()
  await expect.poll(() => page.getByTestId('leave-notice').textContent(), { timeout: 10_000 }).toContain('休假已删除')
}, 60_000)

it('a planner changes an agent\'s contract on the schedule page; the rules keep it', async () => {
  await page.goto(`${agner.url}/wfm/schedule`)
  await page.click('[data-testid=contracts-panel] summary')
  const rules = await (await fetch(`${agner.url}/api/wfm/rules`, { headers: admin })).json() as { contracts: Array<{ id: string }>; agents: Array<{ agentId: string; contractId: string }>; defaultContractId: string }
  const row = page.locator('[data-testid=contracts-table] tbody tr').nth(2)
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
  const agentId = (await row.getAttribute('data-agent'))!
  const before = rules.agents.find((a) => a.agentId === agentId)?.contractId ?? rules.defaultContractId
  // The demo has one contract of its own; the defaults' part-time one is there to pick.
  const other = (await row.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).find((v) => v !== before)!
  await row.locator('select').selectOption(other)
  await expect.poll(() => page.getByTestId('contracts-notice').textContent(), { timeout: 10_000 }).toContain('合同已保存')
  const after = await (await fetch(`${agner.url}/api/wfm/rules`, { headers: admin })).json() as typeof rules
  expect(after.agents.find((a) => a.agentId === agentId)!.contractId).toBe(other)
  await page.screenshot({ path: join(shots, 'schedule-contracts-zh.png'), fullPage: true })
  // Back as it was, so the weeks the other tests generate are as before.
  await row.locator('select').selectOption(before)
  await expect.poll(async () => ((await (await fetch(`${agner.url}/api/wfm/rules`, { headers: admin })).json()) as typeof rules).agents.find((a) => a.agentId === agentId)!.contractId).toBe(before)
}, 60_000)

it('the agent sees their own published schedule', async () => {
  const agentUser = agner.bootstrap.created.find((u) => u.role === 'agent')!
  const { context: ctx, page: p } = await signedIn(rig, agentUser.username, agentUser.password, { locale: 'zh-CN', viewport: { width: 1200, height: 900 }, landing: '/desk' })
  await p.goto(`${agner.url}/my-schedule`)
  await p.waitForTimeout(1500)
  await p.screenshot({ path: join(shots, 'my-schedule-zh.png'), fullPage: true })
  await expect.poll(() => p.locator('[data-testid=my-week-1] tbody tr').count(), { timeout: 10_000 }).toBe(7)
  const mine = await (await fetch(`${agner.url}/api/wfm/schedules?week=${mondayOf(Date.now() + 7 * DAY)}`, { headers: admin })).json() as { schedules: Array<{ id: string; status: string }> }
  const published = await (await fetch(`${agner.url}/api/wfm/schedules/${mine.schedules.find((s) => s.status === 'published')!.id}`, { headers: admin })).json() as { shifts: Shift[] }
  const own = published.shifts.filter((x) => x.agentId === 'agent-01') // the demo's agent user is agent 01
  const offDays = await p.locator('[data-testid=my-week-1] tbody td.muted').count()
  expect(offDays).toBe(7 - own.length)
  await p.screenshot({ path: join(shots, 'my-schedule-zh.png'), fullPage: true })
  await ctx.close()
}, 60_000)

it('an agent asks for a day off; the planner sees what it costs the published week and approves it; the agent sees the answer', async () => {
  const agentUser = agner.bootstrap.created.find((u) => u.role === 'agent')!
  const mine = await (await fetch(`${agner.url}/api/wfm/schedules?week=${mondayOf(Date.now() + 7 * DAY)}`, { headers: admin })).json() as { schedules: Array<{ id: string; status: string; weekStart: number }> }
  const week = mine.schedules.find((x) => x.status === 'published')!
  const published = await (await fetch(`${agner.url}/api/wfm/schedules/${week.id}`, { headers: admin })).json() as { weekStart: number; shifts: Shift[] }
  const shift = published.shifts.find((x) => x.agentId === 'agent-01')!
  const date = new Date(published.weekStart + shift.day * DAY + 12 * 3_600_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
  const { context: ctx, page: p } = await signedIn(rig, agentUser.username, agentUser.password, { locale: 'zh-CN', viewport: { width: 1200, height: 900 }, landing: '/desk' })
  await p.goto(`${agner.url}/my-schedule`)
  // A fresh form is not marked as wrong before anything is typed.
  expect(await p.getAttribute('[data-testid=time-off] input[name=from]', 'aria-invalid')).toBe('false')
  await p.fill('[data-testid=time-off] input[name=from]', date)
  await p.fill('[data-testid=time-off] input[name=to]', date)
  await p.fill('[data-testid=time-off] input[name=reason]', '看牙医')
  await p.click('[data-testid=time-off-ask]')
  await expect.poll(() => p.locator('[data-testid=my-requests] tr[data-status=pending]').count(), { timeout: 10_000 }).toBe(1)
  expect(await p.textContent('[data-testid=my-requests]')).toContain('等待排班员处理')

  await page.goto(`${agner.url}/wfm/time-off`)
  const card = page.locator('[data-agent=agent-01]').first()
  await expect.poll(() => card.locator('[data-testid=impact]').textContent(), { timeout: 10_000 }).toMatch(/1/)
  const impact = (await card.locator('[data-testid=impact]').textContent())!
  expect(impact).toMatch(new RegExp(`${(shift.paidMin / 60).toFixed(1)}`))
  await page.screenshot({ path: join(shots, 'time-off-planner.png'), fullPage: true })
  expect(await card.locator('[data-action=decline]').isDisabled()).toBe(true) // declining needs a reason the agent reads
  await card.locator('[data-action=approve]').click()
  await expect.poll(async () => ((await (await fetch(`${agner.url}/api/wfm/rules`, { headers: admin })).json()) as { agents: Array<{ agentId: string; leave?: Array<{ from: string; reason?: string }> }> }).agents.find((a) => a.agentId === 'agent-01')?.leave?.[0]).toMatchObject({ from: date, reason: '看牙医' })
  await p.reload()
  await expect.poll(() => p.locator('[data-testid=my-requests] tr[data-status=approved]').count(), { timeout: 10_000 }).toBe(1)
  expect(await p.textContent('[data-testid=my-requests]')).toContain('已批准')
  // Part of a day, typed as the form shows it (2026-12-07 14:00, whatever the browser's locale), then withdrawn.
  await p.uncheck('[data-testid=time-off] input[name=wholeDays]')
  expect(await p.getAttribute('[data-testid=time-off] input[name=from]', 'placeholder')).toBe('2026-12-07 08:30')
  await p.fill('[data-testid=time-off] input[name=from]', `${date} 14:00`)
  await p.fill('[data-testid=time-off] input[name=to]', `${date} 16:30`)
  await p.fill('[data-testid=time-off] input[name=reason]', '接孩子')
  await p.click('[data-testid=time-off-ask]')
  const partDay = p.locator('[data-testid=my-requests] tr[data-status=pending]')
  await expect.poll(() => partDay.count(), { timeout: 10_000 }).toBe(1)
  expect(await partDay.textContent()).toMatch(/14:00.*16:30/)
  await partDay.locator('button').click()
  await expect.poll(() => partDay.count(), { timeout: 10_000 }).toBe(0)
  await p.screenshot({ path: join(shots, 'time-off-agent-zh.png'), fullPage: true })
  await ctx.close()
}, 60_000)

it('two agents trade a day\'s shifts: one proposes, the other accepts, the planner sees what it does and approves; the week is published again, traded', async () => {
  const byRole = (name: string) => agner.bootstrap.created.find((u) => u.username === name)!
  const weekOf = async () => {
    const list = await (await fetch(`${agner.url}/api/wfm/schedules?week=${mondayOf(Date.now() + 7 * DAY)}`, { headers: admin })).json() as { schedules: Array<{ id: string; status: string; version: number }> }
    const newest = list.schedules.filter((x) => x.status === 'published').sort((x, y) => y.version - x.version)[0]!
    return await (await fetch(`${agner.url}/api/wfm/schedules/${newest.id}`, { headers: admin })).json() as { version: number; weekStart: number; shifts: Shift[] }
  }
  const before = await weekOf()
  const ownShifts = before.shifts.filter((x) => x.agentId === 'agent-01')
  const shift = ownShifts[ownShifts.length - 1]!
  const theirs = before.shifts.find((x) => x.agentId === 'agent-04' && x.day === shift.day) ?? null
  const date = new Date(before.weekStart + shift.day * DAY + 12 * 3_600_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })

  const a = await signedIn(rig, byRole('agent').username, byRole('agent').password, { locale: 'zh-CN', viewport: { width: 1200, height: 1000 }, landing: '/desk' })
  await a.page.goto(`${agner.url}/my-schedule`)
  await a.page.fill('[data-testid=swaps] input[name=swapDate]', date)
  await a.page.waitForSelector('[data-testid=swaps] select[name=colleague]')
  await a.page.selectOption('[data-testid=swaps] select[name=colleague]', 'agent-04')
  await a.page.fill('[data-testid=swaps] input[name=swapReason]', '家里有事')
  await a.page.click('[data-testid=swap-propose]')
  await expect.poll(() => a.page.locator('[data-testid=my-swaps] tr[data-status=awaiting_colleague]').count(), { timeout: 10_000 }).toBe(1)

  const b = await signedIn(rig, byRole('agent2').username, byRole('agent2').password, { locale: 'en', viewport: { width: 1200, height: 1000 }, landing: '/desk' })
  await b.page.goto(`${agner.url}/my-schedule`)
  await b.page.waitForSelector('[data-testid=my-swaps] [data-action=accept]')
  expect(await b.page.textContent('[data-testid=my-swaps]')).toContain('asks you')
  await b.page.click('[data-testid=my-swaps] [data-action=accept]')
  await expect.poll(() => b.page.locator('[data-testid=my-swaps] tr[data-status=pending]').count(), { timeout: 10_000 }).toBe(1)

  await page.goto(`${agner.url}/wfm/time-off`)
  const card = page.locator('[data-testid=swap-decisions] .panel').first()
  await expect.poll(() => card.locator('[data-testid=swap-impact]').textContent(), { timeout: 10_000 }).toContain('⇄')
  await page.screenshot({ path: join(shots, 'swap-planner.png'), fullPage: true })
  // A planner who reads English sees the same decision row in English.
  const planner = agner.bootstrap.created.find((u) => u.role === 'planner')!
  const en = await signedIn(rig, planner.username, planner.password, { locale: 'en', viewport: { width: 1200, height: 1000 } })
  await en.page.goto(`${agner.url}/wfm/time-off`)
  await en.page.waitForSelector('[data-testid=swap-decisions] [data-action=approve-swap]')
  expect(await en.page.locator('[data-testid=swap-decisions] [data-action=decline-swap]').textContent()).toBe('Decline')
  await en.page.screenshot({ path: join(shots, 'swap-planner-en.png'), fullPage: true })
  await en.context.close()
  await card.locator('[data-action=approve-swap]').click()
  await expect.poll(async () => (await weekOf()).version, { timeout: 10_000 }).toBe(before.version + 1)
  const after = await weekOf()
  const moved = after.shifts.find((x) => x.agentId === 'agent-04' && x.day === shift.day)!
  expect([moved.startMin, moved.endMin]).toEqual([shift.startMin, shift.endMin])
  const back = after.shifts.find((x) => x.agentId === 'agent-01' && x.day === shift.day) ?? null
  expect(back ? [back.startMin, back.endMin] : null).toEqual(theirs ? [theirs.startMin, theirs.endMin] : null)
  await a.page.reload()
  await expect.poll(() => a.page.locator('[data-testid=my-swaps] tr[data-status=approved]').count(), { timeout: 10_000 }).toBe(1)
  await a.page.screenshot({ path: join(shots, 'swap-agent-zh.png'), fullPage: true })
  await a.context.close()
  await b.context.close()
}, 90_000)

it('the adherence view flags an agent still on break after it ended', async () => {
  const now = Date.now()
  const gen = await fetch(`${agner.url}/api/wfm/schedules`, { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify({ week: mondayOf(now), timeLimitSec: 4 }) })
  const s = await gen.json() as { id: string; weekStart: number }
  const minNow = Math.floor((now - s.weekStart) / 60_000 / 15) * 15
  const day = Math.floor(minNow / 1440)
  const start = Math.max(day * 1440, minNow - 120)
  const brk = { kind: 'break', startMin: minNow - 30, endMin: minNow - 15 }
  // The seeded history runs up to now: take an agent logged out since before the break (agent-02 when it is).
  const live = await (await fetch(`${agner.url}/api/live`, { headers: admin })).json() as { agents: Array<{ agentId: string; state: string; stateSince: number }> }
  const quiet = live.agents.filter((a) => /^agent-\d+$/.test(a.agentId) && a.state === 'offline' && a.stateSince < s.weekStart + brk.startMin * 60_000).map((a) => a.agentId).sort()
  const agentId = quiet.includes('agent-02') ? 'agent-02' : quiet[0] ?? 'agent-02'
  const put = await fetch(`${agner.url}/api/wfm/schedules/${s.id}/agents/${agentId}/days/${day}`, {
    method: 'PUT', headers: { ...admin, ...json }, body: JSON.stringify({ force: true, shift: { startMin: start, endMin: start + 510, templateId: 'full-day', breaks: brk.startMin >= start ? [brk] : [] } }),
  })
  expect(put.status).toBe(200)
  expect((await fetch(`${agner.url}/api/wfm/schedules/${s.id}/publish`, { method: 'POST', headers: admin })).status).toBe(201)
  await fetch(`${agner.url}/api/events`, {
    method: 'POST', headers: { ...admin, ...json },
    body: JSON.stringify([{ id: `e2e-rta-${now}`, type: 'agent.status_changed', time: s.weekStart + brk.startMin * 60_000 + 5_000, tenant: 'default', source: { kind: 'test', instance: 'e2e' }, agentId, data: { status: 'aux', reasonCode: 'break', origin: 'agent' } }]),
  })
  await page.goto(`${agner.url}/wfm/rta`)
  await expect.poll(() => page.locator(`[data-testid=rta-${agentId}]`).getAttribute('class'), { timeout: 20_000 }).toContain('alert')
  // The result and the alert read as two words ("未遵从 · 告警"), not run together.
  expect(await page.locator(`[data-testid=rta-${agentId}] [data-testid=rta-result]`).innerText()).toBe('未遵从 · 告警')
  // This week's historical adherence per agent and day sits below.
  await expect.poll(() => page.locator('[data-testid=adherence-history] tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  await page.screenshot({ path: join(shots, 'rta-zh.png'), fullPage: true })
}, 120_000)
