/**
 * The planner page in Debian's Chromium on three weeks of the demo center's seeded history: next
 * week's forecast with its backtest, agents per interval, and a what-if that moves them at once.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Agner } from '../../ingest/src/index.ts'
import { shots, startRig, type Rig } from './support.ts'

let rig: Rig
let agner: Agner
let page: Page

beforeAll(async () => {
  rig = await startRig('planner', { demo: true, demoRate: 0, demoHistoryWeeks: 3, timeZone: 'Asia/Shanghai' }, { width: 1600, height: 1100 }, 'en-US')
  agner = rig.agner
  page = rig.page
}, 180_000)
afterAll(async () => { await rig?.dispose() })

const hours = async (p: Page): Promise<number> => Number((await p.getByTestId('plan-summary').textContent())!.match(/([\d,.]+) agent hours/)![1]!.replace(/,/g, ''))

it('shows next week\'s forecast, its backtest and the agents needed, and a what-if moves them', async () => {
  await page.goto(`${agner.url}/wfm`)
  await expect.poll(() => page.locator('[data-testid=backtest] tbody tr').count(), { timeout: 20_000 }).toBe(3)
  await expect.poll(() => page.locator('[data-testid=requirements] tbody tr').count()).toBe(7)
  await expect.poll(() => page.locator('.chart canvas').count()).toBeGreaterThan(0)
  expect(await page.locator('[data-testid=backtest] tr.chosen').count()).toBe(1)
  const before = await hours(page)
  expect(before).toBeGreaterThan(10)
  await page.screenshot({ path: join(shots, 'planner-en.png'), fullPage: true })
  await page.fill('input[name=volumePct]', '25')
  await expect.poll(() => hours(page), { timeout: 10_000 }).toBeGreaterThan(before)
  await page.fill('[data-testid=save-version] input[name=versionName]', 'Next week +25 %')
  await page.click('[data-testid=save-version] button[type=submit]')
  await expect.poll(() => page.locator('[data-testid=versions] tbody').textContent(), { timeout: 10_000 }).toContain('Next week +25 %')
  const href = await page.getByTestId('plan-export').getAttribute('href')
  const res = await page.request.get(`${agner.url}${href}`)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('spreadsheetml')
})

it('intraday: today so far against the forecast and the rest of the day re-forecast, in both languages', async () => {
  await page.goto(`${agner.url}/wfm/intraday`)
  await page.waitForSelector('[data-testid=intraday-rows] tbody tr')
  // Half-hour rows for the whole day; the ones already over are marked as seen.
  expect(await page.locator('[data-testid=intraday-rows] tbody tr').count()).toBe(48)
  const seen = await page.locator('[data-testid=intraday-rows] tbody tr[data-seen=true]').count()
  const shanghaiMinutes = (Date.now() / 60_000 + 8 * 60) % 1440
  expect(seen).toBe(Math.floor(shanghaiMinutes / 30))
  expect(await page.getByTestId('intraday-factor').textContent()).toMatch(/^×\d+\.\d\d$/)
  expect(await page.getByTestId('intraday-summary').textContent()).toContain('no schedule published for this week')
  await page.screenshot({ path: join(shots, 'intraday-en.png'), fullPage: true })
  await page.getByTestId('language').click()
  await expect.poll(() => page.locator('[data-testid=intraday] h2').textContent()).toBe('日内管理')
  await page.screenshot({ path: join(shots, 'intraday-zh.png'), fullPage: true })
  await page.getByTestId('language').click()
})
