/**
 * The reports pages in Debian's Chromium, on a week of the demo center's seeded history: a
 * manager picks a day and queues, sees the chart and the tables, drills from an hour into its
 * contacts and from a contact into its timeline, exports the same figures (the Excel and PDF
 * links answer files), and schedules a report whose run is listed with its file.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Agner } from '../../ingest/src/index.ts'
import { shots, startRig, type Rig } from './support.ts'

let rig: Rig
let agner: Agner
let page: Page

// The last seeded day: yesterday in the center's zone.
const yesterday = new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)

beforeAll(async () => {
  rig = await startRig('reports', { demo: true, demoRate: 0, demoHistoryWeeks: 1, timeZone: 'Asia/Shanghai' }, { width: 1600, height: 1000 }, 'zh-CN')
  agner = rig.agner
  page = rig.page
}, 180_000)
afterAll(async () => { await rig?.dispose() })

it('shows a day of queue performance with its chart, drills into an hour, then into one contact', async () => {
  await page.goto(`${agner.url}/reports/queue-performance?from=${yesterday}&interval=60m&queue=sales&queue=support`)
  const rows = page.locator('[data-section=byInterval] tbody tr.open')
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(8)
  await expect.poll(() => page.locator('.chart canvas').count()).toBeGreaterThan(0)
  expect(await page.locator('h2').first().textContent()).toBe('报表')
  expect(await page.locator('[data-section=byQueue] tbody tr').count()).toBe(2)
  await page.screenshot({ path: join(shots, 'reports-queue-performance-zh.png'), fullPage: true })

  // The busiest hour's offered count is what its contacts list holds.
  const texts = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, Number(tr.children[1]!.textContent!.replace(/,/g, ''))] as [string, number]))
  const [hour, offered] = texts.reduce((a, b) => (b[1] > a[1] ? b : a))
  await rows.filter({ hasText: hour! }).first().click()
  await page.waitForURL(/\/reports\/contacts\?/)
  const contacts = page.locator('[data-report=contacts] tbody tr.open')
  // A page at a time, saying where it sits in the whole.
  await expect.poll(() => contacts.count(), { timeout: 10_000 }).toBe(Math.min(offered, 100))
  if (offered > 100) {
    expect(await page.getByTestId('pager-range').textContent()).toBe(`第 1–100 条，共 ${offered} 条`)
    await page.getByTestId('pager').getByRole('button').last().click()
    await expect.poll(() => page.getByTestId('pager-range').textContent(), { timeout: 10_000 }).toBe(`第 101–${Math.min(offered, 200)} 条，共 ${offered} 条`)
    await page.goBack()
  }
  // Sorted by wait on the server, longest first after a second click.
  await page.click('[data-report=contacts] th[data-sort=wait]')
  await page.waitForURL(/sort=wait/)
  await expect.poll(() => page.locator('[data-report=contacts] th[data-sort=wait]').textContent(), { timeout: 10_000 }).toContain('▲')
  await page.click('[data-report=contacts] th[data-sort=wait]')
  await page.waitForURL(/sort=-wait/)
  await expect.poll(() => page.locator('[data-report=contacts] th[data-sort=wait]').textContent(), { timeout: 10_000 }).toContain('▼')
  await page.screenshot({ path: join(shots, 'reports-contacts-zh.png') })
  await page.goBack(); await page.goBack()
  await page.waitForURL((u) => !u.search.includes('sort='))
  await contacts.first().click()
  await page.waitForURL(/\/reports\/contacts\/[^?]+$/)
  // The journey in plain words (Chinese here); the raw events only behind their toggle.
  const journey = page.locator('[data-report=contact] [data-section=journey] tbody')
  await expect.poll(() => journey.locator('tr').count(), { timeout: 10_000 }).toBeGreaterThan(2)
  const steps = await journey.textContent()
  expect(steps).toMatch(/进入队列/)
  expect(steps).not.toMatch(/contact\.|talkMs|waitMs/)
  expect(await page.locator('[data-section=events] tbody').isVisible()).toBe(false)
  await page.getByTestId('show-events').click()
  await expect.poll(() => page.locator('[data-section=events] tbody').textContent()).toContain('contact.queued')
  await page.screenshot({ path: join(shots, 'reports-contact-journey-zh.png'), fullPage: true })
  await page.goBack()
  await page.waitForURL(/\/reports\/contacts\?/)
})

it('a long table shows a page at a time and sorts in the browser: a week of three agents\' timeline', async () => {
  const weekAgo = new Date(Date.now() - 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  await page.goto(`${agner.url}/reports/agent-timeline?from=${weekAgo}&to=${yesterday}&agent=agent-02&agent=agent-03&agent=agent-04`)
  const range = page.getByTestId('pager-range')
  await expect.poll(() => range.textContent(), { timeout: 20_000 }).toMatch(/^第 1–100 条，共 [\d,]+ 条$/)
  expect(await page.locator('[data-report=agent-timeline] tbody tr').count()).toBe(100)
  await page.click('[data-report=agent-timeline] th[data-sort=duration]')
  await expect.poll(() => page.locator('[data-report=agent-timeline] th[data-sort=duration]').textContent()).toContain('▲')
  const durations = await page.locator('[data-report=agent-timeline] tbody tr td.duration').allInnerTexts()
  const seconds = durations.map((d) => d.split(':').reduce((a, x) => a * 60 + Number(x), 0))
  expect(seconds).toEqual([...seconds].sort((x, y) => x - y))
  await page.getByTestId('pager').getByRole('button').last().click()
  await expect.poll(() => range.textContent()).toMatch(/^第 101–/)
})

it('exports the report as CSV, Excel and PDF from its links', async () => {
  await page.goto(`${agner.url}/reports/service-level?from=${yesterday}&interval=day`)
  await expect.poll(() => page.locator('[data-testid=exports] a[data-format=csv], [data-testid=exports] a[data-format=xlsx], [data-testid=exports] a[data-format=pdf]').count(), { timeout: 20_000 }).toBe(3)
  for (const [format, type] of [['csv', 'text/csv'], ['xlsx', 'spreadsheetml'], ['pdf', 'application/pdf']] as const) {
    const href = await page.locator(`[data-testid=exports] a[data-format=${format}]`).getAttribute('href')
    expect(href).toContain('lang=zh-CN')
    const res = await page.request.get(`${agner.url}${href}`)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toContain(type)
    // A CSV is one table (its header on line 1); the Excel and PDF files hold every section.
    if (format === 'csv') expect((await res.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^时段,/)
    else expect((await res.body()).length).toBeGreaterThan(500)
  }
  const bySection = page.locator('[data-testid=exports] a[data-format=csv-section]')
  expect(await bySection.count()).toBeGreaterThan(0)
  const other = await page.request.get(`${agner.url}${await bySection.first().getAttribute('href')}`)
  expect((await other.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^队列,/)
})

it('refuses a bad period with the server\'s sentence, in Chinese on the Chinese page', async () => {
  await page.goto(`${agner.url}/reports/queue-performance?from=2026-11-10&to=2026-11-01`)
  await expect.poll(() => page.locator('[role=alert]').textContent(), { timeout: 10_000 }).toContain('“开始”必须早于“结束”。')
  expect(await page.locator('[role=alert]').textContent()).not.toMatch(/must be before/)
})

it('schedules a report, runs it now, and lists the file', async () => {
  await page.goto(`${agner.url}/reports/schedules`)
  await page.fill('[data-testid=schedule-form] input[name=name]', '每日销售')
  await page.click('[data-testid=schedule-form] button[type=submit]')
  const row = page.locator('[data-testid=schedules] tr[data-schedule]')
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
  await row.locator('button', { hasText: '立即运行' }).click()
  await expect.poll(() => row.locator('[data-run-ok=true] a').count(), { timeout: 20_000 }).toBe(1)
  await page.screenshot({ path: join(shots, 'reports-schedules-zh.png') })
})
