/**
 * A 24/7 board across the center's midnight, in Debian's Chromium: the server's clock is set to
 * 40 s before midnight in Asia/Shanghai (Date shifted in this process; the board follows the
 * server's clock through the snapshot's serverTime). At midnight, "today" starts again from zero
 * without a reload, while a 15-minute sliding window keeps the contacts from before midnight.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { BoardLayout } from '@agner/boards'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner } from '../../ingest/src/index.ts'
import { startOfNextDayIn } from '../../ingest/src/live/day.ts'

const here = dirname(fileURLToPath(import.meta.url))
const shots = join(here, 'screenshots')
const dataDir = mkdtempSync(join(tmpdir(), 'agner-midnight-e2e-'))
const webRoot = join(dataDir, 'web')
const ZONE = 'Asia/Shanghai'
const ADMIN_PASSWORD = 'e2e admin password'
const RealDate = Date
let agner: Agner
let browser: Browser
let tv: Page
let midnight = 0

/** Moves this process's wall clock by `offsetMs` (Date.now and new Date()); timers are untouched. */
function shiftClock(offsetMs: number): void {
  class ShiftedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(RealDate.now() + offsetMs)
      else super(...(args as ConstructorParameters<DateConstructor>))
    }
    static override now(): number { return RealDate.now() + offsetMs }
  }
  globalThis.Date = ShiftedDate as DateConstructor
}

const layout: BoardLayout = {
  version: 1, theme: 'dark', rotateSeconds: 0, alerts: { mute: true, minGapSeconds: 30 },
  pages: [{
    id: 'main', widgets: [
      { id: 'today', type: 'kpi', x: 0, y: 0, w: 4, h: 3, metric: 'offered', queues: ['sales'], window: 'today' },
      { id: 'win15', type: 'kpi', x: 4, y: 0, w: 4, h: 3, metric: 'offered', queues: ['sales'], window: '15m' },
      { id: 'clock', type: 'clock', x: 8, y: 0, w: 4, h: 3 },
      { id: 'queues', type: 'queue-table', x: 0, y: 3, w: 12, h: 4 },
    ],
  }],
}

/** `n` sales contacts that queue and are answered after 2 s, entering the queue now. */
function answered(n: number): CanonicalEvent[] {
  const now = Date.now()
  const base = { tenant: 'default', source: { kind: 'test', instance: 'e2e' }, channel: 'voice', queueId: 'sales' }
  return Array.from({ length: n }, () => {
    const contactId = uuidv7()
    return [
      { ...base, id: uuidv7(), type: 'contact.queued', time: now - 2000, contactId, data: { priority: 0 } },
      { ...base, id: uuidv7(), type: 'contact.dequeued', time: now, contactId, data: { waitMs: 2000, outcome: 'answered', position: 1 } },
    ] as CanonicalEvent[]
  }).flat()
}

const kpi = (id: string) => tv.locator(`[data-widget=${id}] [data-testid=kpi-value]`)

beforeAll(async () => {
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  // 40 s before the center's next midnight, from here on.
  midnight = startOfNextDayIn(RealDate.now(), ZONE)
  shiftClock(midnight - 40_000 - RealDate.now())
  const config = loadConfig({}, { demo: true, demoRate: 0, demoHistoryWeeks: 0, dataDir, port: await freePort(), logLevel: 'silent', timeZone: ZONE, adminPassword: ADMIN_PASSWORD })
  agner = await startAgner(config, { webRoot })
  const admin = await agner.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })
  const headers = { cookie: String(admin.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': admin.json().csrfToken as string }
  const board = await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: '24/7', queueIds: ['sales', 'support'], layout: JSON.stringify(layout) } })
  expect(board.statusCode).toBe(201)
  const link = (await agner.app.inject({ method: 'POST', url: '/api/display-links', headers, payload: { boardId: board.json().board.id as string, name: 'Night TV' } })).json() as { path: string }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  tv = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' })
  await tv.goto(`${agner.url}${link.path}`)
  mkdirSync(shots, { recursive: true })
}, 180_000)
afterAll(async () => {
  globalThis.Date = RealDate
  await browser?.close(); await agner?.close().catch(() => undefined); rmSync(dataDir, { recursive: true, force: true })
})

it('rolls "today" over at the center midnight without a reload, while the sliding window keeps counting across it', async () => {
  await expect.poll(() => tv.locator('[data-widget=queues] tbody tr').count(), { timeout: 15_000 }).toBe(2)
  await tv.evaluate(() => { (window as unknown as { loadedOnce: boolean }).loadedOnce = true })
  expect(Date.now()).toBeLessThan(midnight - 5_000) // the setup left time before midnight

  await agner.bus.publish(answered(5))
  await expect.poll(() => kpi('today').textContent(), { timeout: 5_000 }).toBe('5')
  await expect.poll(() => kpi('win15').textContent()).toBe('5')
  // The board shows the server's time, not the browser's.
  expect(await tv.getByTestId('clock').textContent()).toContain('23:59')

  // Midnight passes: today starts again from zero, the last 15 minutes still hold the 5.
  await expect.poll(() => tv.getByTestId('clock').textContent(), { timeout: 60_000, interval: 500 }).toMatch(/00:00:\d\d/)
  await expect.poll(() => kpi('today').textContent(), { timeout: 3_000 }).toBe('0')
  expect(await kpi('win15').textContent()).toBe('5')

  // The new day counts from there (contacts that entered the queue after midnight), the window across both days.
  while (Date.now() < midnight + 2_500) await new Promise((r) => setTimeout(r, 100))
  await agner.bus.publish(answered(2))
  await expect.poll(() => kpi('today').textContent(), { timeout: 5_000 }).toBe('2')
  await expect.poll(() => kpi('win15').textContent()).toBe('7')
  expect(await tv.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true)
  await tv.screenshot({ path: join(shots, 'wallboard-after-midnight.png') })
})
