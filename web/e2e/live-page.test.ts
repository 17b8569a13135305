/**
 * The first look, in a real browser (Debian's Chromium via playwright-core): the page lists the
 * queues from /ws/live, moves when events arrive, speaks both languages, and shows a stale state
 * when the server goes away.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner } from '../../ingest/src/index.ts'

const here = dirname(fileURLToPath(import.meta.url))
const shots = join(here, 'screenshots')
const dataDir = mkdtempSync(join(tmpdir(), 'agner-e2e-'))
const webRoot = join(dataDir, 'web')
let agner: Agner
let browser: Browser
let page: Page

beforeAll(async () => {
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  agner = await startAgner(loadConfig({}, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'Asia/Shanghai' }), { webRoot })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  page = await browser.newPage({ viewport: { width: 1600, height: 600 }, locale: 'zh-CN' })
  mkdirSync(shots, { recursive: true })
}, 120_000)
afterAll(async () => { await browser?.close(); await agner?.close().catch(() => undefined); rmSync(dataDir, { recursive: true, force: true }) })

const base = { tenant: 'default', source: { kind: 'test', instance: 'e2e' }, channel: 'voice' } as const
const ev = (e: Record<string, unknown>): CanonicalEvent => ({ id: uuidv7(), time: Date.now(), ...base, ...e }) as CanonicalEvent

const cell = (queue: string, metric: string) => page.locator(`[data-queue="${queue}"] [data-metric="${metric}"]`)

it('lists queues from the live socket and moves when events arrive', async () => {
  await agner.bus.publish([ev({ type: 'contact.queued', contactId: 'c1', queueId: 'sales', data: { priority: 0 } })])
  await page.goto(agner.url)
  await expect.poll(() => cell('sales', 'waiting').textContent(), { timeout: 10_000 }).toBe('1')
  await expect.poll(() => page.getByTestId('status').textContent()).toContain('实时')
  await agner.bus.publish([
    ev({ type: 'contact.dequeued', contactId: 'c1', queueId: 'sales', data: { waitMs: 12_000, outcome: 'answered' } }),
    ev({ type: 'contact.queued', contactId: 'c2', queueId: 'support', data: { priority: 0 } }),
  ])
  await expect.poll(() => cell('sales', 'waiting').textContent(), { timeout: 2000 }).toBe('0')
  await expect.poll(() => cell('sales', 'answered').textContent()).toBe('1')
  await expect.poll(() => cell('sales', 'serviceLevel').textContent()).toContain('100.0%')
  await expect.poll(() => cell('sales', 'asa').textContent()).toBe('0:12')
  await expect.poll(() => cell('support', 'waiting').textContent()).toBe('1')
  expect(await cell('sales', 'serviceLevel').getAttribute('title')).toContain('A≤T / (A + Ab − Ab≤S)')
  await page.screenshot({ path: join(shots, 'live-zh.png') })
})

it('switches to English and back', async () => {
  await page.getByRole('button', { name: 'English' }).click()
  await expect.poll(() => page.locator('thead').textContent()).toContain('Service level')
  await page.screenshot({ path: join(shots, 'live-en.png') })
  await page.getByRole('button', { name: '中文' }).click()
  await expect.poll(() => page.locator('thead').textContent()).toContain('服务水平')
})

it('shows a stale state when the server goes away', async () => {
  await agner.close()
  await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toContain('数据已过期')
})
