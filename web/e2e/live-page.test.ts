/**
 * The web app in a real browser (Debian's Chromium via playwright-core): sign in, watch the live
 * queues move, switch language to English and back (remembered for the user, not the browser),
 * see the admin pages a role may open, sign out; then a wallboard display link opens its board
 * with no sign-in and shows a stale state when the server goes away.
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
const ADMIN_PASSWORD = 'e2e admin password'
let agner: Agner
let browser: Browser
let page: Page

beforeAll(async () => {
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  agner = await startAgner(loadConfig({}, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'Asia/Shanghai', adminPassword: ADMIN_PASSWORD }), { webRoot })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  page = await browser.newPage({ viewport: { width: 1600, height: 700 }, locale: 'zh-CN' })
  mkdirSync(shots, { recursive: true })
}, 120_000)
afterAll(async () => { await browser?.close(); await agner?.close().catch(() => undefined); rmSync(dataDir, { recursive: true, force: true }) })

const base = { tenant: 'default', source: { kind: 'test', instance: 'e2e' }, channel: 'voice' } as const
const ev = (e: Record<string, unknown>): CanonicalEvent => ({ id: uuidv7(), time: Date.now(), ...base, ...e }) as CanonicalEvent

const cell = (p: Page, queue: string, metric: string) => p.locator(`[data-queue="${queue}"] [data-metric="${metric}"]`)

it('asks for a sign-in, refuses a wrong password in plain words, and lets the admin in', async () => {
  await page.goto(agner.url)
  await page.waitForURL(/\/login/)
  await expect.poll(() => page.locator('h1').textContent()).toBe('登录 Agner')
  await page.screenshot({ path: join(shots, 'login-zh.png') })
  await page.fill('input[name=username]', 'admin')
  await page.fill('input[name=password]', 'not the password')
  await page.click('button[type=submit]')
  await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('用户名或密码不正确，请检查后重试。')
  await page.fill('input[name=password]', ADMIN_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
  await expect.poll(() => page.getByTestId('who').textContent()).toContain('管理员')
})

it('lists queues from the live socket and moves when events arrive', async () => {
  await agner.bus.publish([ev({ type: 'contact.queued', contactId: 'c1', queueId: 'sales', data: { priority: 0 } })])
  await expect.poll(() => cell(page, 'sales', 'waiting').textContent(), { timeout: 10_000 }).toBe('1')
  await expect.poll(() => page.getByTestId('status').textContent()).toContain('实时')
  await agner.bus.publish([
    ev({ type: 'contact.dequeued', contactId: 'c1', queueId: 'sales', data: { waitMs: 12_000, outcome: 'answered' } }),
    ev({ type: 'contact.queued', contactId: 'c2', queueId: 'support', data: { priority: 0 } }),
  ])
  await expect.poll(() => cell(page, 'sales', 'waiting').textContent(), { timeout: 2000 }).toBe('0')
  await expect.poll(() => cell(page, 'sales', 'answered').textContent()).toBe('1')
  await expect.poll(() => cell(page, 'sales', 'serviceLevel').textContent()).toContain('100.0%')
  await expect.poll(() => cell(page, 'sales', 'asa').textContent()).toBe('0:12')
  await expect.poll(() => cell(page, 'support', 'waiting').textContent()).toBe('1')
  expect(await cell(page, 'sales', 'serviceLevel').getAttribute('title')).toContain('A≤T / (A + Ab − Ab≤S)')
  await page.screenshot({ path: join(shots, 'live-zh.png') })
})

it('switches to English and back, and remembers the choice for the user', async () => {
  // The page changes language at once; the choice is saved by PATCH /api/me, which must land before the reload.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH')
  await page.getByTestId('language').click()
  expect((await saved).status()).toBe(200)
  await expect.poll(() => page.locator('thead').textContent()).toContain('Service level')
  await expect.poll(() => page.getByTestId('nav').textContent()).toContain('Audit trail')
  // The server remembers it: a browser with nothing stored still opens in English.
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await expect.poll(() => page.locator('thead').textContent(), { timeout: 10_000 }).toContain('Service level')
  await page.screenshot({ path: join(shots, 'live-en.png') })
  await page.getByTestId('language').click()
  await expect.poll(() => page.locator('thead').textContent()).toContain('服务水平')
})

it('shows the admin pages, in the dark theme too', async () => {
  await page.click('[data-testid=admin-menu] summary')
  await page.click('[data-nav=users]')
  await expect.poll(() => page.locator('[data-testid=users] [data-user=admin]').count()).toBe(1)
  await page.getByTestId('theme').selectOption('dark')
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
  await page.screenshot({ path: join(shots, 'admin-users-dark.png') })
  await page.click('[data-testid=admin-menu] summary')
  await page.click('[data-nav=audit]')
  await expect.poll(() => page.locator('[data-testid=audit] [data-action=login]').count()).toBeGreaterThanOrEqual(2)
  await page.screenshot({ path: join(shots, 'admin-audit-dark.png') })
  await page.getByTestId('theme').selectOption('light')
})

it('signs out: the session ends and the app asks for a sign-in again', async () => {
  await page.getByTestId('sign-out').click()
  await page.waitForURL(/\/login/)
  await page.goto(`${agner.url}/admin/users`)
  await page.waitForURL(/\/login/)
  const me = await page.evaluate(async () => (await fetch('/api/me')).status)
  expect(me).toBe(401)
})

it("a supervisor's navigation shows only what the role may open, and the live page only the team's queues", async () => {
  const admin = await agner.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })
  const headers = { cookie: String(admin.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': admin.json().csrfToken as string }
  const team = (await agner.app.inject({ method: 'POST', url: '/api/teams', headers, payload: { name: '销售组', queueIds: ['sales'] } })).json().team as { id: string }
  const created = await agner.app.inject({ method: 'POST', url: '/api/users', headers, payload: { username: 'wang', displayName: '王芳', role: 'supervisor', teamIds: [team.id], password: 'supervisor password' } })
  expect(created.statusCode).toBe(201)
  await page.goto(`${agner.url}/login`)
  await page.fill('input[name=username]', 'wang')
  await page.fill('input[name=password]', 'supervisor password')
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
  const nav = await page.getByTestId('nav').textContent()
  expect(nav).toContain('实时队列')
  expect(nav).toContain('大屏链接')
  for (const hidden of ['用户', '团队', 'API 令牌', '审计日志']) expect(nav).not.toContain(hidden)
  await expect.poll(() => cell(page, 'sales', 'answered').textContent(), { timeout: 10_000 }).toBe('1')
  expect(await page.locator('[data-queue="support"]').count()).toBe(0)
  await page.screenshot({ path: join(shots, 'live-supervisor-zh.png') })
  await page.goto(`${agner.url}/admin/users`)
  await page.waitForURL((u) => u.pathname === '/')
  await page.getByTestId('sign-out').click()
  await page.waitForURL(/\/login/)
})

it('a display link opens its board with no sign-in, and shows a stale state when the server goes away', async () => {
  const admin = await agner.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })
  const headers = { cookie: String(admin.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': admin.json().csrfToken as string }
  const board = (await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: '销售大屏 Sales', queueIds: ['sales'] } })).json().board as { id: string }
  const link = (await agner.app.inject({ method: 'POST', url: '/api/display-links', headers, payload: { boardId: board.id, name: 'TV' } })).json() as { path: string }
  const tv = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
  await tv.goto(`${agner.url}${link.path}`)
  await expect.poll(() => tv.locator('h1').textContent(), { timeout: 10_000 }).toBe('销售大屏 Sales')
  await expect.poll(() => cell(tv, 'sales', 'serviceLevel').textContent(), { timeout: 10_000 }).toContain('100.0%')
  expect(await tv.locator('[data-queue="support"]').count()).toBe(0)
  await tv.screenshot({ path: join(shots, 'display-zh.png') })
  await agner.close()
  await expect.poll(() => tv.getByTestId('stale').textContent(), { timeout: 10_000 }).toContain('数据已过期')
})
