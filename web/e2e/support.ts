/**
 * Browser-test rig: the web app built into a temporary directory, Agner started on it with the
 * given settings, Debian's Chromium, and a page signed in as the admin.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner, type Config } from '../../ingest/src/index.ts'

const here = dirname(fileURLToPath(import.meta.url))
export const shots = join(here, 'screenshots')
export const ADMIN_PASSWORD = 'e2e admin password'

export interface Rig { agner: Agner; browser: Browser; page: Page; dispose(): Promise<void> }

/** A new browser context signed in as `username` (its own cookies), on the start page (`landing`: where that role starts). */
export async function signedIn(rig: Pick<Rig, 'agner' | 'browser'>, username: string, password: string, o: { locale?: string; viewport?: { width: number; height: number }; landing?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await rig.browser.newContext({ viewport: o.viewport ?? { width: 1366, height: 860 }, locale: o.locale ?? 'en' })
  const page = await context.newPage()
  await page.goto(`${rig.agner.url}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === (o.landing ?? '/')) // agents start at their desk
  return { context, page }
}

export async function startRig(name: string, config: Partial<Config>, viewport: { width: number; height: number }, locale: string): Promise<Rig> {
  const dataDir = mkdtempSync(join(tmpdir(), `agner-${name}-e2e-`))
  const webRoot = join(dataDir, 'web')
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  const agner = await startAgner(loadConfig({}, { dataDir, port: await freePort(), logLevel: 'silent', adminPassword: ADMIN_PASSWORD, demoSchedules: false, ...config }), { webRoot })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  const page = await browser.newPage({ viewport, locale })
  mkdirSync(shots, { recursive: true })
  await page.goto(`${agner.url}/login`)
  await page.fill('input[name=username]', 'admin')
  await page.fill('input[name=password]', ADMIN_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
  return {
    agner, browser, page,
    dispose: async () => { await browser.close(); await agner.close().catch(() => undefined); rmSync(dataDir, { recursive: true, force: true }) },
  }
}
