/**
 * npx tsx scripts/screenshots.ts: the README's wallboard screenshots (docs/screenshots/), from the
 * demo center with a week of history and the simulator running: the whole-center board at 1080p
 * and 4K, dark and light, Chinese and English.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner } from '../ingest/src/index.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'agner-shots-'))
const webRoot = join(dataDir, 'web')
await build({ root: 'web', logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
const agner = await startAgner(loadConfig({}, { demo: true, demoRate: 5, demoHistoryWeeks: 1, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'Asia/Shanghai', adminPassword: 'screenshots admin' }), { webRoot })
const login = await agner.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'screenshots admin' } })
const headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken as string }
const boards = (await agner.app.inject({ method: 'GET', url: '/api/boards', headers })).json().boards as Array<{ id: string; name: string; layout: string }>
const board = boards.find((b) => b.name.includes('Whole'))!
const layout = JSON.parse(board.layout)
layout.rotateSeconds = 0
layout.pages[0].widgets = layout.pages[0].widgets.map((w: { id: string }) => (w.id === 'banner' ? { ...w, text: '今日 18:00 起系统维护 · Maintenance from 18:00 today', level: 'warning' } : w))
const link = (await agner.app.inject({ method: 'POST', url: '/api/display-links', headers, payload: { boardId: board.id, name: 'screenshots' } })).json() as { path: string }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
await new Promise((r) => setTimeout(r, 20_000)) // the simulator logs agents in and calls arrive
for (const [w, h, theme, lang] of [[1920, 1080, 'dark', 'zh-CN'], [1920, 1080, 'light', 'en'], [3840, 2160, 'dark', 'en'], [3840, 2160, 'light', 'zh-CN']] as const) {
  await agner.app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers, payload: { layout: JSON.stringify({ ...layout, theme }) } })
  const page = await browser.newPage({ viewport: { width: w, height: h } })
  await page.goto(`${agner.url}${link.path.replace('#', `?lang=${lang}#`)}`)
  await page.waitForSelector('[data-widget=queues] tbody tr')
  await page.waitForTimeout(3000)
  const file = `docs/screenshots/wallboard-${h === 1080 ? '1080p' : '4k'}-${theme}-${lang}.png`
  await page.screenshot({ path: file })
  console.log(file)
  await page.close()
}
await browser.close()
await agner.close()
rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
