/**
 * The planner page in Debian's Chromium on three weeks of the demo center's seeded history: next
 * week's forecast with its backtest, agents per interval, and a what-if that moves them at once.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner } from '../../ingest/src/index.ts'

const here = dirname(fileURLToPath(import.meta.url))
const shots = join(here, 'screenshots')
const dataDir = mkdtempSync(join(tmpdir(), 'agner-planner-e2e-'))
const webRoot = join(dataDir, 'web')
const ADMIN_PASSWORD = 'e2e admin password'
let agner: Agner
let browser: Browser
let page: Page

beforeAll(async () => {
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  agner = await startAgner(loadConfig({}, { demo: true, demoRate: 0, demoHistoryWeeks: 3, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'Asia/Shanghai', adminPassword: ADMIN_PASSWORD }), { webRoot })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  page = await browser.newPage({ viewport: { width: 1600, height: 1100 }, locale: 'en-US' })
  mkdirSync(shots, { recursive: true })
  await page.goto(`${agner.url}/login`)
  await page.fill('input[name=username]', 'admin')
  await page.fill('input[name=password]', ADMIN_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
}, 180_000)
afterAll(async () => { await browser?.close(); await agner?.close().catch(() => undefined); rmSync(dataDir, { recursive: true, force: true }) })

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
  const href = await page.getByTestId('plan-export').getAttribute('href')
  const res = await page.request.get(`${agner.url}${href}`)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('spreadsheetml')
})
