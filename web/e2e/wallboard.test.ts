/**
 * The wallboard in Debian's Chromium, against the demo center with the simulator running: a
 * display link opens the board in kiosk mode with no sign-in, its numbers move, a queue crossing
 * its red threshold turns red within a second (checked on the screenshot's pixels); killing the
 * server shows the stale banner and restarting it brings the board back by itself; an edit in the
 * editor reaches the TV; bad board JSON is refused on import with a sentence, and the editor never
 * saves a board that cannot render.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import { defaultLayout, type BoardLayout } from '@agner/boards'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { DEMO_AGENTS } from '@agner/seeds'
import { loadConfig, startAgner, type Agner, type Config } from '../../ingest/src/index.ts'

const here = dirname(fileURLToPath(import.meta.url))
const shots = join(here, 'screenshots')
const dataDir = mkdtempSync(join(tmpdir(), 'agner-board-e2e-'))
const webRoot = join(dataDir, 'web')
const ADMIN_PASSWORD = 'e2e admin password'
let config: Config
let agner: Agner
let browser: Browser
let tv: Page
let boardId = ''
let headers: Record<string, string> = {}

const layout: BoardLayout = {
  version: 1, theme: 'dark', rotateSeconds: 0, alerts: { mute: false, minGapSeconds: 30 },
  pages: [{
    id: 'main', widgets: [
      { id: 'vip-wait', type: 'kpi', x: 0, y: 0, w: 3, h: 3, metric: 'waiting', queues: ['vip'], thresholds: { amber: 20, red: 30, flash: false, sound: true } },
      { id: 'offered', type: 'kpi', x: 3, y: 0, w: 3, h: 3, metric: 'offered', window: 'today' },
      { id: 'sl', type: 'sl-gauge', x: 6, y: 0, w: 3, h: 3, metric: 'serviceLevel', window: 'today', thresholds: { amber: 80, red: 60 } },
      { id: 'clock', type: 'clock', x: 9, y: 0, w: 3, h: 3 },
      { id: 'queues', type: 'queue-table', x: 0, y: 3, w: 12, h: 4, metric: 'waiting', thresholds: { amber: 20, red: 30 } },
      { id: 'agents', type: 'agent-grid', x: 0, y: 7, w: 12, h: 5 },
    ],
  }],
}

async function start(): Promise<void> {
  agner = await startAgner(config, { webRoot })
}

beforeAll(async () => {
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  // The simulator at 20× the demo's volume, so numbers move whatever the hour.
  config = loadConfig({}, { demo: true, demoRate: 100, demoHistoryWeeks: 0, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'Asia/Shanghai', adminPassword: ADMIN_PASSWORD })
  await start()
  const admin = await agner.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })
  headers = { cookie: String(admin.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': admin.json().csrfToken as string }
  const board = await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: '全中心 Center', queueIds: ['sales', 'support', 'vip'], layout: JSON.stringify(layout) } })
  expect(board.statusCode).toBe(201)
  boardId = board.json().board.id as string
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'] })
  mkdirSync(shots, { recursive: true })
}, 180_000)
afterAll(async () => { await browser?.close(); await agner?.close().catch(() => undefined); rmSync(dataDir, { recursive: true, force: true }) })

const ev = (e: Record<string, unknown>): CanonicalEvent => ({ id: uuidv7(), time: Date.now(), tenant: 'default', source: { kind: 'test', instance: 'e2e' }, channel: 'voice', ...e }) as CanonicalEvent

/** A page signed in as the admin, in English. */
async function adminPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' })
  await page.goto(`${agner.url}/login`)
  await page.fill('input[name=username]', 'admin')
  await page.fill('input[name=password]', ADMIN_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/')
  return page
}

/** The mean colour of an element as it is on screen, from a screenshot decoded in the page. */
async function meanColour(page: Page, selector: string): Promise<{ r: number; g: number; b: number }> {
  const png = (await page.locator(selector).screenshot()).toString('base64')
  return page.evaluate(async (b64) => {
    const img = new Image(); img.src = `data:image/png;base64,${b64}`; await img.decode()
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height
    const ctx = c.getContext('2d')!; ctx.drawImage(img, 0, 0)
    const d = ctx.getImageData(0, 0, c.width, c.height).data
    let r = 0, g = 0, b = 0
    for (let i = 0; i < d.length; i += 4) { r += d[i]!; g += d[i + 1]!; b += d[i + 2]! }
    const n = d.length / 4
    return { r: r / n, g: g / n, b: b / n }
  }, png)
}

it('a display link opens the board in kiosk mode with no sign-in, and its numbers move as the simulator runs', async () => {
  const link = (await agner.app.inject({ method: 'POST', url: '/api/display-links', headers, payload: { boardId, name: 'TV 1' } })).json() as { path: string }
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  tv = await ctx.newPage()
  await tv.goto(`${agner.url}${link.path.replace('#', '?lang=zh-CN#')}`)
  await expect.poll(() => tv.locator('h1').textContent(), { timeout: 15_000 }).toBe('全中心 Center')
  expect(await tv.locator('nav, [data-testid=nav]').count()).toBe(0)
  await expect.poll(() => tv.locator('[data-widget=queues] tbody tr').count(), { timeout: 10_000 }).toBe(3)
  const offered = tv.locator('[data-widget=offered] [data-testid=kpi-value]')
  const agents = tv.locator('[data-testid=agent-grid]')
  const before = `${await offered.textContent()}|${await agents.textContent()}`
  await expect.poll(async () => `${await offered.textContent()}|${await agents.textContent()}`, { timeout: 30_000, interval: 500 }).not.toBe(before)
  expect(await tv.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
})

it('a queue crossing its red threshold turns red within a second, on screen', async () => {
  const calm = await meanColour(tv, '[data-widget=vip-wait]')
  const t0 = Date.now()
  await agner.bus.publish(Array.from({ length: 30 }, (_, i) => ev({ type: 'contact.queued', contactId: `red-${i}`, queueId: 'vip', data: { priority: 0 } })))
  await tv.waitForSelector('[data-widget=vip-wait][data-level=red]', { timeout: 5000 })
  const elapsed = Date.now() - t0
  expect(elapsed).toBeLessThan(1000)
  await expect.poll(() => tv.locator('[data-widget=queues] [data-queue=vip] [data-metric=waiting]').getAttribute('class')).toContain('lvl-red')
  await tv.screenshot({ path: join(shots, 'wallboard-red.png') })
  const red = await meanColour(tv, '[data-widget=vip-wait]')
  // The tile went from the dark panel to a red one.
  expect(red.r - red.g).toBeGreaterThan(calm.r - calm.g + 15)
  expect(red.r).toBeGreaterThan(calm.r + 10)
})

it('an edit saved in the editor reaches the TV without a reload', async () => {
  const next: BoardLayout = { ...layout, pages: [{ ...layout.pages[0]!, widgets: [...layout.pages[0]!.widgets.filter((w) => w.id !== 'clock'), { id: 'note', type: 'banner', x: 9, y: 0, w: 3, h: 3, text: '今日 18:00 系统维护 Maintenance at 18:00', level: 'warning' }] }] }
  const res = await agner.app.inject({ method: 'PATCH', url: `/api/boards/${boardId}`, headers, payload: { layout: JSON.stringify(next) } })
  expect(res.statusCode).toBe(200)
  await expect.poll(() => tv.getByTestId('banner').textContent(), { timeout: 5000 }).toContain('Maintenance at 18:00')
  expect(await tv.getByTestId('clock').count()).toBe(0)
})

it('a queue table in a narrow cell leaves out its least needed columns instead of cutting them off, and shows them again when widened', async () => {
  const patch = (w: number) => agner.app.inject({
    method: 'PATCH', url: `/api/boards/${boardId}`, headers,
    payload: { layout: JSON.stringify({ ...layout, pages: [{ ...layout.pages[0]!, widgets: layout.pages[0]!.widgets.map((x) => (x.id === 'queues' ? { ...x, w } : x)) }] }) },
  })
  const table = tv.locator('[data-widget=queues] table')
  const fits = () => table.evaluate((t: HTMLElement) => t.offsetWidth <= t.parentElement!.clientWidth + 1)
  const headers_ = () => table.locator('thead th').allInnerTexts()
  expect((await patch(4)).statusCode).toBe(200)
  await expect.poll(fits, { timeout: 5000 }).toBe(true)
  const narrow = await headers_()
  // 队列, 排队, 服务水平 and the agents ready, on contact and in aux always stay; ASA and AHT go first.
  for (const h of ['队列', '排队', '服务水平', '就绪', '通话', '小休']) expect(narrow).toContain(h)
  expect(narrow).not.toContain('平均应答速度')
  expect(await tv.locator('[data-widget=queues] [data-queue=vip] [data-metric=agents-ready]').count()).toBe(1)
  await tv.screenshot({ path: join(shots, 'wallboard-narrow-queues.png') })
  expect((await patch(12)).statusCode).toBe(200)
  await expect.poll(async () => (await headers_()).length, { timeout: 5000 }).toBe(12)
  expect(await fits()).toBe(true)
})

it('killing the server shows the stale banner; restarting it brings the board back by itself', async () => {
  await agner.close()
  await expect.poll(() => tv.getByTestId('stale').textContent(), { timeout: 10_000 }).toMatch(/数据已过期，自 \d{2}:\d{2}:\d{2} 起/)
  await tv.screenshot({ path: join(shots, 'wallboard-stale.png') })
  await start()
  await expect.poll(() => tv.getByTestId('stale').count(), { timeout: 40_000 }).toBe(0)
  await expect.poll(() => tv.getByTestId('status').textContent(), { timeout: 5000 }).toContain('实时')
  await expect.poll(() => tv.locator('[data-widget=queues] tbody tr').count()).toBe(3)
})

it('refuses bad board JSON on import with a sentence; the editor cannot save a board that cannot render', async () => {
  const page = await adminPage()
  await page.goto(`${agner.url}/boards`)
  const files = join(dataDir, 'imports')
  mkdirSync(files, { recursive: true })
  const tryImport = async (name: string, text: string): Promise<string> => {
    writeFileSync(join(files, name), text)
    await page.getByTestId('board-import').setInputFiles(join(files, name))
    await expect.poll(() => page.getByTestId('boards-error').count()).toBe(1)
    return (await page.getByTestId('boards-error').textContent())!
  }
  expect(await tryImport('broken.json', '{"agnerBoard": 1, "name": "x", ')).toContain('The file is not valid JSON')
  const unknownQueue = { agnerBoard: 1, name: 'x', queueIds: ['sales', 'lottery'], layout: defaultLayout() }
  expect(await tryImport('queue.json', JSON.stringify(unknownQueue))).toContain('There is no queue "lottery" here')
  const badMetric = { agnerBoard: 1, name: 'x', queueIds: ['sales'], layout: { version: 1, pages: [{ id: 'p', widgets: [{ id: 'a', type: 'kpi', metric: 'happiness', x: 0, y: 0, w: 2, h: 2 }] }] } }
  expect(await tryImport('metric.json', JSON.stringify(badMetric))).toContain('there is no metric "happiness"')
  // The server refuses it too, whoever sends it.
  const direct = await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: 'x', queueIds: ['sales'], layout: JSON.stringify(badMetric.layout) } })
  expect(direct.statusCode).toBe(400)
  expect(direct.json().error).toContain('there is no metric "happiness"')

  // A good export imports and opens in the editor; thresholds in the wrong order block Save.
  const good = { agnerBoard: 1, name: 'Imported board', queueIds: ['sales', 'vip'], layout: defaultLayout() }
  writeFileSync(join(files, 'good.json'), JSON.stringify(good))
  await page.getByTestId('board-import').setInputFiles(join(files, 'good.json'))
  await page.waitForURL(/\/boards\/[0-9a-f-]+$/)
  await expect.poll(() => page.getByTestId('board-title').inputValue()).toBe('Imported board')
  await page.locator('[data-edit=waiting]').click({ position: { x: 20, y: 20 } })
  await page.getByTestId('amber').fill('30')
  await page.getByTestId('red').fill('10')
  await expect.poll(() => page.getByTestId('board-problem').textContent()).toContain('"red" (10) must be at least "amber" (30)')
  expect(await page.getByTestId('board-save').isDisabled()).toBe(true)
  await page.getByTestId('red').fill('40')
  expect(await page.getByTestId('board-save').isDisabled()).toBe(false)
  await page.getByTestId('add-type').selectOption('clock')
  await page.getByTestId('add-widget').click()
  await page.getByTestId('board-save').click()
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved')
  await page.screenshot({ path: join(shots, 'board-editor-en.png') })
})

it('the editor: a new board leaves room, unsaved edits ask before leaving, boards duplicate, delete and change queues, an import never makes a silent twin, any board opens full screen', async () => {
  const page = await adminPage()
  if ((await page.getByTestId('sign-out').textContent()) !== 'Sign out') await page.getByTestId('language').click()
  // A new board made in the app leaves room: Add widget places one at once.
  await page.goto(`${agner.url}/boards`)
  await page.getByTestId('board-name').fill('Team board')
  await page.locator('.create input[value=sales]').check()
  await page.locator('.create button.primary').click()
  await page.waitForURL(/\/boards\/[0-9a-f-]+$/)
  const editorUrl = page.url()
  await expect.poll(() => page.locator('[data-edit]').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  // The starter's trend says what its number is.
  await expect.poll(() => page.getByTestId('trend').locator('.label').textContent(), { timeout: 10_000 }).toMatch(/per 15 min · last interval /)
  const before = await page.locator('[data-edit]').count()
  await page.getByTestId('add-type').selectOption('agent-grid')
  await page.getByTestId('add-widget').click()
  await expect.poll(() => page.locator('[data-edit]').count()).toBe(before + 1)
  expect(await page.locator('[role=alert]').count()).toBe(0)
  // Unsaved: leaving asks first; staying keeps the edit, saving lets the user go without a word.
  const asked: string[] = []
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss() })
  await page.click('[data-nav=live]')
  await expect.poll(() => asked.length).toBe(1)
  expect(asked[0]).toContain('changes that are not saved')
  expect(page.url()).toBe(editorUrl)
  // The board's queues change here too.
  await page.getByTestId('board-queues').locator('input[value=vip]').check()
  await page.getByTestId('board-save').click()
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved')
  const id = editorUrl.split('/').pop()!
  const saved = await agner.app.inject({ method: 'GET', url: `/api/boards/${id}`, headers })
  expect(saved.json().board.queueIds).toEqual(['sales', 'vip'])
  await page.click('[data-nav=boards]')
  await page.waitForURL(/\/boards$/)

  // Duplicate, then delete the copy (after a confirmation).
  const row = page.locator('tr', { hasText: 'Team board' }).first()
  await row.getByTestId('board-duplicate').click()
  await expect.poll(() => page.getByTestId('boards-notice').textContent()).toBe('Duplicated as “Team board (copy)”.')
  page.once('dialog', (d) => void d.accept())
  await page.locator('tr', { hasText: 'Team board (copy)' }).getByTestId('board-delete').click()
  await expect.poll(() => page.locator('tr', { hasText: 'Team board (copy)' }).count()).toBe(0)

  // An import whose name is taken gets the next free name, and says so; the API refuses a twin.
  const files = join(dataDir, 'imports2')
  mkdirSync(files, { recursive: true })
  writeFileSync(join(files, 'twin.json'), JSON.stringify({ agnerBoard: 1, name: 'Team board', queueIds: ['sales'], layout: defaultLayout() }))
  await page.getByTestId('board-import').setInputFiles(join(files, 'twin.json'))
  await page.waitForURL(/\/boards\/[0-9a-f-]+\?renamed=/)
  await expect.poll(() => page.getByTestId('board-title').inputValue()).toBe('Team board (2)')
  await expect.poll(() => page.getByRole('status').textContent()).toContain('imported as “Team board (2)”')
  const twin = await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: 'team board', queueIds: ['sales'] } })
  expect(twin.statusCode).toBe(409)
  expect(twin.json().error).toBe('There is already a board named "team board"; choose another name.')

  // Any board opens full screen from the app, with no display link.
  await page.goto(`${agner.url}/boards/${id}/screen`)
  await expect.poll(() => page.getByTestId('display').locator('h1').textContent(), { timeout: 10_000 }).toBe('Team board')
  await expect.poll(() => page.getByTestId('status').count(), { timeout: 10_000 }).toBe(1)
  await page.screenshot({ path: join(shots, 'board-full-screen-en.png') })
  // Opened in the app by someone who may act on agents, a queue's name opens its agents view.
  await expect.poll(() => page.locator('[data-test=queue-agents]').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  expect(await page.locator('[data-test=queue-agents]').first().getAttribute('href')).toMatch(/^\/agents\?queue=/)
  await page.close()
}, 120_000)

it('on the TV: queue names are not cut while there is room, no row is left empty behind "+N more"', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  // A short agent grid under a queue table: not every agent fits.
  const small: BoardLayout = { version: 1, pages: [{ id: 'p', widgets: [
    { id: 'queues', type: 'queue-table', x: 0, y: 0, w: 6, h: 4, window: 'today' },
    { id: 'agents', type: 'agent-grid', x: 0, y: 4, w: 12, h: 3 },
  ] }] }
  const created = await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: 'Short grid', queueIds: ['sales', 'support', 'vip'], layout: JSON.stringify(small) } })
  const link = (await agner.app.inject({ method: 'POST', url: '/api/display-links', headers, payload: { boardId: created.json().board.id as string, name: 'TV 2' } })).json() as { path: string }
  await page.goto(`${agner.url}${link.path}`)
  const names = page.locator('[data-testid=queue-table] td.name')
  await expect.poll(() => names.count(), { timeout: 20_000 }).toBeGreaterThan(0)
  const cut = await names.evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent))
  expect(cut).toEqual([])
  // A TV is nobody's desk: its queue names are not links.
  expect(await page.locator('[data-test=queue-agents]').count()).toBe(0)
  // All demo agents ready: the 44 of these queues are more than a 12 × 3 widget holds.
  await agner.bus.publish(DEMO_AGENTS.map((a) => ev({ type: 'agent.status_changed', agentId: a.id, data: { status: 'available', origin: 'agent' } })))
  await expect.poll(() => page.getByTestId('agents-more').count(), { timeout: 20_000 }).toBe(1)
  const room = await page.getByTestId('agent-grid').evaluate((g) => {
    const cards = [...g.querySelectorAll<HTMLElement>('.agent, .more')]
    const bottom = Math.max(...cards.map((c) => c.getBoundingClientRect().bottom))
    const height = Math.max(...cards.map((c) => c.getBoundingClientRect().height))
    return g.getBoundingClientRect().bottom - bottom - height // > 0: a whole row would still fit
  })
  expect(room).toBeLessThan(0)
  await page.screenshot({ path: join(shots, 'wallboard-agents-more.png') })
  await page.close()
})
