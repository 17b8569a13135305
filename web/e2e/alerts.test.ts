/**
 * Alerts in Chromium against a running Agner (the desk fixture's center) and a webhook receiver the
 * test runs: an admin adds a JSON webhook (a test message arrives) and a rule on Sales' waiting
 * callers; callers wait, the alert fires once (the bell counts it, a desktop notification shows it,
 * the receiver gets one message however long it lasts), the admin marks it seen, the callers leave
 * and it ends (the receiver is told). Screenshots in both languages.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shots, startRig, type Rig } from './support'

const fixture = fileURLToPath(new URL('../../ingest/test/fixtures/desk-center.json', import.meta.url))
let rig: Rig
let receiver: Server
let hookUrl = ''
const got: Array<{ event: string; text?: { en: string }; alert?: { id: string; severity: string } }> = []

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => { body += c.toString('utf8') })
    req.on('end', () => { got.push(JSON.parse(body) as (typeof got)[number]); res.writeHead(200, { 'content-type': 'application/json' }).end('{}') })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  rig = await startRig('alerts', { demo: true, demoRate: 0, demoHistoryWeeks: 0, timeZone: 'UTC', acdConfigFile: fixture }, { width: 1366, height: 900 }, 'en')
}, 180_000)
afterAll(async () => { await rig?.dispose(); await new Promise<void>((r) => receiver.close(() => r())) })

it('an alert fires once, reaches the bell, a desktop notification and the webhook, is seen, and ends', async () => {
  const { page, agner } = rig
  // The browser's notifications, recorded (headless Chromium shows none).
  await page.addInitScript(() => {
    const w = window as unknown as { agnerNotes: string[]; Notification: unknown }
    w.agnerNotes = []
    w.Notification = class { static permission = 'granted'; static requestPermission = async () => 'granted'; onclick: unknown = null; constructor(title: string, o?: { body?: string }) { w.agnerNotes.push(`${title} | ${o?.body ?? ''}`) } }
  })
  await page.goto(`${agner.url}/admin/alerts`)
  await page.click('[data-testid=hook-add]')
  await page.fill('[data-hook=hook-1] input[name=hookName]', 'Ops receiver')
  await page.fill('[data-hook=hook-1] input[name=url]', hookUrl)
  await page.click('[data-testid=rule-add]')
  const rule = '[data-rule=rule-1]'
  await page.fill(`${rule} input[name=ruleName]`, 'Sales callers waiting')
  await page.selectOption(`${rule} select[name=queues]`, ['sales'])
  await page.fill(`${rule} input[name=amber]`, '2')
  await page.fill(`${rule} input[name=red]`, '10')
  await page.fill(`${rule} input[name=forSeconds]`, '2')
  await page.fill(`${rule} input[name=clearSeconds]`, '2')
  await page.selectOption(`${rule} select[name=webhooks]`, ['hook-1'])
  await page.click('[data-testid=alert-settings-save]')
  await page.waitForSelector('[data-testid=alert-settings-saved]')
  await page.click('[data-testid=test-hook-1]')
  await expect.poll(() => page.textContent('[data-hook=hook-1] [role=status]')).toBe('Delivered.')
  expect(got.map((g) => g.event)).toEqual(['alert.fired'])
  expect(got[0]!.text?.en).toContain('a test message from Agner')
  got.length = 0
  await page.screenshot({ path: join(shots, 'alert-rules-en.png'), fullPage: true })

  // Three callers wait in Sales with nobody ready: past the amber line (2) for 2 s.
  const callers = await agner.acd.run((e) => [1, 2, 3].map(() => e.arrive({ queueId: 'sales' })))
  await page.goto(`${agner.url}/`)
  await page.waitForSelector('[data-testid=alert-unread]', { timeout: 15_000 })
  expect(await page.textContent('[data-testid=alert-unread]')).toBe('1')
  await expect.poll(() => got.filter((g) => g.event === 'alert.fired').length, { timeout: 10_000 }).toBe(1)
  expect(got[0]!.text?.en).toBe('Alert [AMBER]: Sales callers waiting — Sales: 3 waiting')
  // A fourth caller: still the same alert, no second message, still one unread.
  await agner.acd.run((e) => e.arrive({ queueId: 'sales' }))
  await new Promise((r) => setTimeout(r, 3000))
  expect(got.filter((g) => g.event === 'alert.fired')).toHaveLength(1)
  expect(await page.textContent('[data-testid=alert-unread]')).toBe('1')
  await page.click('[data-testid=alert-bell]')
  await page.waitForSelector('[data-testid=alert-panel] li')
  await expect.poll(() => page.textContent('[data-testid=alert-panel]')).toContain('Sales callers waiting — Sales: 4 waiting')
  await page.screenshot({ path: join(shots, 'alert-bell-en.png') })
  // The desktop notification came once, when it started.
  const notes = await page.evaluate(() => (window as unknown as { agnerNotes: string[] }).agnerNotes)
  expect(notes).toEqual(['🟠 Sales callers waiting | Sales: 3 waiting'])

  await page.click('[data-testid=alert-seen-all]')
  await page.waitForSelector('[data-testid=alert-unread]', { state: 'detached' })
  await page.click('[data-testid=alert-all]')
  await page.waitForSelector('[data-testid=alerts] tr[data-rule=rule-1]')
  expect(await page.textContent('[data-testid=alerts] tr[data-rule=rule-1] [data-testid=alert-seen]')).toContain('admin · ')
  expect(await page.textContent('[data-testid=alerts] tr[data-rule=rule-1] [data-testid=alert-ended]')).toBe('Going on')

  // The callers hang up: clear for 2 s, the alert ends and the receiver is told.
  await agner.acd.run((e) => { for (const c of [...callers, ...e.queueOf('sales').line.map((x) => x.id)]) if (e.peekContact(c)) e.callerHangup(c) })
  await expect.poll(() => got.filter((g) => g.event === 'alert.ended').length, { timeout: 15_000 }).toBe(1)
  await expect.poll(() => page.textContent('[data-testid=alerts] tr[data-rule=rule-1] [data-testid=alert-ended]'), { timeout: 10_000 }).not.toBe('Going on')
  expect(await page.textContent('[data-testid=alerts] tr[data-rule=rule-1] [data-testid=alert-deliveries]')).toContain('hook-1 ✓')
  await page.screenshot({ path: join(shots, 'alerts-en.png'), fullPage: true })

  await page.click('[data-testid=language]')
  await expect.poll(() => page.textContent('[data-testid=alerts-page] h2')).toBe('告警')
  // Earlier dates, typed as the page shows them (2026-12-07, not the browser's mm/dd/yyyy).
  const today = new Date().toISOString().slice(0, 10) // the center's day (UTC here)
  expect(await page.getAttribute('[data-testid=alerts-page] input[name=from]', 'placeholder')).toBe('2026-12-07')
  await page.fill('[data-testid=alerts-page] input[name=from]', today)
  await page.fill('[data-testid=alerts-page] input[name=to]', today)
  await page.click('[data-testid=alerts-page] button[type=submit]')
  await page.waitForSelector('[data-testid=alerts] tr[data-rule=rule-1]')
  await page.screenshot({ path: join(shots, 'alerts-zh.png'), fullPage: true })
  await page.goto(`${agner.url}/admin/alerts`)
  await page.waitForSelector('[data-rule=rule-1]')
  await page.screenshot({ path: join(shots, 'alert-rules-zh.png'), fullPage: true })
  await page.click('[data-testid=language]')
}, 120_000)
