/**
 * Two people talk through Agner: a customer calls from the widget in one Chromium, walks the IVR
 * with the keypad, waits with music, and an agent accepts on the desk in another Chromium (fake
 * microphones playing a 440 Hz tone). Both sides' inbound audio grows with a level above zero; on
 * hold the customer hears music and the agent nothing; a consult with a second agent is completed,
 * the call is blind-transferred back, wrapped up with a code, and the customer rates it. One agent
 * takes three chats at once. A denied microphone keeps the agent not ready; an agent whose browser
 * vanishes mid-call hands the customer back to the queue within 10 s. Screenshots in both languages.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from 'vite'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner } from '../../ingest/src/index.ts'
import { shots } from './support'

const here = dirname(fileURLToPath(import.meta.url))
const fixture = join(here, '../../ingest/test/fixtures/desk-center.json')
let agner: Agner
let dataDir: string
let customerBrowser: Browser
let agentBrowser: Browser
let passwords: Record<string, string>

function browserArgs(tone: string, extra: string[] = []): string[] {
  return ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${tone}`, '--autoplay-policy=no-user-gesture-required', ...extra]
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agner-desk-e2e-'))
  const tone = join(dataDir, 'tone.wav')
  execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=60', '-ac', '1', '-c:a', 'pcm_s16le', tone])
  const webRoot = join(dataDir, 'web')
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  agner = await startAgner(loadConfig({}, { dataDir, port: await freePort(), logLevel: 'silent', adminPassword: 'e2e admin password', demo: true, demoRate: 0, demoHistoryWeeks: 0, demoSchedules: false, timeZone: 'UTC', acdConfigFile: fixture }), { webRoot })
  passwords = Object.fromEntries(agner.bootstrap.created.map((c) => [c.username, c.password]))
  const fakeUi = ['--use-fake-ui-for-media-stream']
  customerBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: browserArgs(tone, fakeUi) })
  agentBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: browserArgs(tone, fakeUi) })
  mkdirSync(shots, { recursive: true })
}, 180_000)
afterAll(async () => {
  await customerBrowser?.close(); await agentBrowser?.close()
  await agner?.close().catch(() => undefined)
  rmSync(dataDir, { recursive: true, force: true })
})

// Each test starts from a quiet center: whatever a failed test left (chats, calls, ready agents) is closed.
afterEach(async () => { await agner.acd.run((engine) => engine.closeAll('test reset')).catch(() => undefined) })

async function deskFor(username: string, locale = 'en', browser = agentBrowser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale })
  const page = await context.newPage()
  await page.goto(`${agner.url}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', passwords[username]!)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === '/desk')
  await page.waitForSelector('[data-test=status-bar]')
  return { context, page }
}

async function widget(locale = 'zh-CN'): Promise<Page> {
  const context = await customerBrowser.newContext({ viewport: { width: 420, height: 760 }, locale })
  const page = await context.newPage()
  await page.goto(`${agner.url}/widget?lang=${locale}`)
  return page
}

/** A customer calls from the widget, presses `key` in the IVR, and the agent on `desk` accepts. */
async function callAnswered(desk: Page, locale: string, key: string): Promise<Page> {
  const customer = await widget(locale)
  await customer.click('[data-action=call]')
  await customer.waitForSelector('[data-phase=ivr]')
  await customer.click(`[data-key="${key}"]`)
  await desk.waitForSelector('[data-test=offer]')
  await desk.click('[data-action=accept]')
  await customer.waitForSelector('[data-phase=talking]')
  return customer
}

type Inbound = { bytes: number; packets: number; level: number }
const customerAudio = (p: Page) => p.evaluate(async () => ((await (window as unknown as { agnerWidget: { inbound(): Promise<Inbound | undefined> } }).agnerWidget.inbound()) ?? { bytes: 0, packets: 0, level: 0 }))
const agentAudio = (p: Page, contactId: string) => p.evaluate(async (id) => {
  const desk = (window as unknown as { agnerDesk: { legOf(id: string): { inbound(): Promise<Inbound> } | undefined } }).agnerDesk
  return (await desk.legOf(id)?.inbound()) ?? { bytes: 0, packets: 0, level: 0 }
}, contactId)
/** The level rises above zero and the bytes keep growing over the next second. */
async function hears(read: () => Promise<Inbound>): Promise<void> {
  await expect.poll(async () => (await read()).level, { timeout: 10_000 }).toBeGreaterThan(0)
  const a = await read()
  await new Promise((r) => setTimeout(r, 1000))
  expect((await read()).bytes).toBeGreaterThan(a.bytes + 1000)
}
/** The contact the agent is talking on (waits for the desk to show it). */
async function currentContact(p: Page): Promise<string> {
  const read = () => p.evaluate(() => (window as unknown as { agnerDesk: { agent: { contacts: Array<{ contactId: string; state: string }> } } }).agnerDesk.agent.contacts.find((c) => c.state === 'connected' || c.state === 'held')?.contactId ?? '')
  await expect.poll(read, { timeout: 10_000 }).not.toBe('')
  return read()
}
/** Goes ready unless ready already (a test before may have left the agent ready). */
async function ready(p: Page): Promise<void> {
  if (await p.locator('[data-status=available]').count() === 0) await p.click('[data-action=ready]')
  await p.waitForSelector('[data-status=available]')
}

describe('the agent desk and the customers\u2019 widget', () => {
  it('a call: IVR keypad, queue, accept, audio both ways, hold with music, consult and blind transfer, wrap-up, survey', async () => {
    const a1 = await deskFor('agent', 'en')
    const a2 = await deskFor('agent2', 'zh-CN')
    await ready(a1.page)

    const customer = await widget('zh-CN')
    await customer.fill('input[name=name]', '李先生')
    await customer.fill('input[name=phone]', '13800138000')
    await customer.fill('input[name=topic]', '账单问题')
    await customer.click('[data-action=call]')
    await customer.waitForSelector('[data-phase=ivr]')
    expect(await customer.textContent('[data-test=status]')).toContain('销售请按1')
    await customer.click('[data-key="1"]')
    await customer.waitForSelector('[data-phase=waiting], [data-phase=talking]')

    await a1.page.waitForSelector('[data-test=offer]')
    await a1.page.click('[data-action=accept]')
    await customer.waitForSelector('[data-phase=talking]')
    const first = await currentContact(a1.page)
    await hears(() => customerAudio(customer))
    await hears(() => agentAudio(a1.page, first))
    await a1.page.waitForSelector('[data-test=screen-pop]')
    expect(await a1.page.textContent('[data-test=pop-ivr]')).toContain('pressed 1')
    expect(await a1.page.textContent('[data-test=pop-number]')).not.toContain('13800138000') // masked: agents have no pii
    await a1.page.screenshot({ path: join(shots, 'desk-call-en.png') })
    await customer.screenshot({ path: join(shots, 'widget-call-zh.png') })

    // Hold: music to the customer, silence to the agent.
    await a1.page.click('[data-action=hold]')
    await customer.waitForSelector('[data-phase=held]')
    await hears(() => customerAudio(customer))
    await new Promise((r) => setTimeout(r, 500))
    const held = await agentAudio(a1.page, first)
    await new Promise((r) => setTimeout(r, 1000))
    expect((await agentAudio(a1.page, first)).bytes - held.bytes).toBeLessThan(500)
    await a1.page.click('[data-action=hold]') // resume
    await customer.waitForSelector('[data-phase=talking]')

    // Consult agent2, then complete: the customer talks to agent2.
    await ready(a2.page)
    await a1.page.reload() // the directory shows who is ready now (a reload mid-call keeps the call)
    await a1.page.waitForSelector('[data-test=voice]')
    await a1.page.selectOption('select[name=transfer-target]', 'agent:agent-04')
    await a1.page.click('[data-action=consult]')
    await a2.page.waitForSelector('[data-test=offer]')
    await a2.page.click('[data-action=accept]')
    await a1.page.waitForSelector('[data-test=consult]')
    const consult = await currentContact(a2.page)
    await hears(() => agentAudio(a2.page, consult))
    await a2.page.screenshot({ path: join(shots, 'desk-consult-zh.png') })
    await a1.page.click('[data-action=complete]')
    await a1.page.waitForSelector('[data-test=wrapup]')
    await hears(() => customerAudio(customer))
    await a1.page.selectOption('select[name=disposition]', 'resolved')
    await a1.page.fill('textarea[name=notes]', 'Transferred to billing specialist')
    await a1.page.click('[data-action=wrapup]')
    await a1.page.waitForSelector('[data-status=available]')

    // agent2 blind-transfers back to agent1, who accepts; then ends, wraps up; the customer rates.
    await a2.page.reload()
    await a2.page.waitForSelector('[data-test=voice]')
    await a2.page.selectOption('select[name=transfer-target]', 'agent:agent-01')
    await a2.page.click('[data-action=blind]')
    await a2.page.waitForSelector('[data-test=wrapup]')
    await a1.page.waitForSelector('[data-test=offer]')
    await a1.page.click('[data-action=accept]')
    const back = await currentContact(a1.page)
    await hears(() => agentAudio(a1.page, back))
    await a1.page.click('[data-action=end]')
    await a1.page.waitForSelector('[data-test=wrapup]')
    await a1.page.selectOption('select[name=disposition]', 'sale')
    await a1.page.click('[data-action=wrapup]')
    await customer.waitForSelector('[data-phase=ended]')
    await customer.click('[data-score="4"]')
    await customer.fill('textarea[name=comment]', '解决得很快')
    await customer.screenshot({ path: join(shots, 'widget-survey-zh.png') })
    await customer.click('.survey button[type=submit]')
    await customer.waitForSelector('[data-test=thanks]')
    await a2.page.selectOption('select[name=disposition]', 'resolved')
    await a2.page.click('[data-action=wrapup]')

    await expect.poll(async () => {
      const rs = await agner.store.client.query({ query: `SELECT type, data FROM events FINAL WHERE type IN ('contact.survey', 'contact.transferred') ORDER BY time_ms`, format: 'JSONEachRow' })
      return (await rs.json<{ type: string; data: string }>()).map((e) => `${e.type}:${JSON.parse(e.data).mode ?? JSON.parse(e.data).csat}`)
    }, { timeout: 10_000 }).toEqual(['contact.transferred:attended', 'contact.transferred:blind', 'contact.survey:4'])
    for (const p of [a1.page, a2.page]) await p.click('[data-action=offline]')
    await a1.context.close(); await a2.context.close(); await customer.context().close()
  }, 180_000)

  it('one agent takes three chats at once; the transcripts are kept', async () => {
    const a1 = await deskFor('agent', 'zh-CN')
    await ready(a1.page)
    const customers = await Promise.all([0, 1, 2].map(() => widget('en')))
    for (const [i, c] of customers.entries()) {
      await c.fill('input[name=name]', `Customer ${i + 1}`)
      await c.click('[data-action=chat]')
      await c.waitForSelector('[data-phase=waiting]')
      await c.fill('input[name=message]', `Hello from customer ${i + 1}`)
      await c.press('input[name=message]', 'Enter')
    }
    for (let i = 0; i < 3; i++) {
      await a1.page.waitForSelector('[data-test=offer]')
      await a1.page.click('[data-action=accept]')
      await expect.poll(() => a1.page.locator('[role=tab]').count()).toBe(i + 1)
    }
    for (const [i, c] of customers.entries()) await c.waitForSelector('[data-phase=talking]').then(() => c.waitForSelector(`.log li.customer .tick[data-status=delivered], .log li.customer .tick[data-status=read]`)).catch(() => { throw new Error(`chat ${i + 1} never reached the agent`) })
    const tabs = a1.page.locator('[role=tab]')
    for (let i = 0; i < 3; i++) {
      await tabs.nth(i).click()
      const text = await a1.page.textContent('[data-test=chat] .log')
      const n = /customer (\d)/.exec(text ?? '')![1]
      await a1.page.fill('input[name=reply]', `您好 customer ${n}`)
      await a1.page.press('input[name=reply]', 'Enter')
      await customers[Number(n) - 1]!.waitForSelector(`.log li.agent:has-text("您好 customer ${n}")`)
    }
    // The agent has read each chat's first message (its tab was opened).
    for (const c of customers) await c.waitForSelector('.log li.customer .tick[data-status=read]')
    await customers[0]!.screenshot({ path: join(shots, 'widget-chat-en.png') })
    await a1.page.screenshot({ path: join(shots, 'desk-chats-zh.png') })
    await expect.poll(async () => {
      const rs = await agner.store.client.query({ query: `SELECT count() AS n FROM chat_messages FINAL WHERE text LIKE '%customer%'`, format: 'JSONEachRow' })
      return Number((await rs.json<{ n: string }>())[0]!.n)
    }, { timeout: 10_000 }).toBe(6)
    for (let i = 0; i < 3; i++) {
      await tabs.nth(0).click()
      await a1.page.click('[data-action=end-chat]')
      await a1.page.selectOption('select[name=disposition]', 'resolved')
      await a1.page.click('[data-action=wrapup]')
    }
    for (const c of customers) await c.waitForSelector('[data-phase=ended]')
    await a1.page.click('[data-action=offline]')
    await a1.context.close()
    for (const c of customers) await c.context().close()
  }, 120_000)

  it('a denied microphone keeps the agent not ready; a vanished agent browser hands the caller back within 10 s', async () => {
    const tone = join(dataDir, 'tone.wav')
    const denying = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: browserArgs(tone, ['--deny-permission-prompts']) })
    const noMic = await deskFor('agent2', 'en', denying)
    await noMic.page.waitForSelector('[data-test=mic-problem]')
    expect(await noMic.page.textContent('[data-test=mic-problem]')).toMatch(/did not allow the microphone/)
    await noMic.page.click('[data-action=ready]')
    await noMic.page.waitForSelector('[data-test=desk-error]')
    expect(await noMic.page.locator('[data-status=available]').count()).toBe(0)
    await noMic.page.screenshot({ path: join(shots, 'desk-mic-denied-en.png') })
    await denying.close()

    const lost = await deskFor('agent2', 'en')
    await ready(lost.page)
    const customer = await callAnswered(lost.page, 'en', '2')
    const gone = Date.now()
    await lost.context.close() // the agent's browser vanishes
    await customer.waitForSelector('.notice', { timeout: 10_000 })
    expect(Date.now() - gone).toBeLessThan(10_000)
    expect(await customer.textContent('.notice')).toMatch(/back at the front of the line/)
    expect(await customer.getAttribute('main', 'data-phase')).toBe('waiting')
    await customer.screenshot({ path: join(shots, 'widget-agent-lost-en.png') })
    await customer.click('[data-action=hangup]')
    await customer.context().close()
  }, 90_000)

  it('a server restart mid-call: the widget says the connection was lost; after the restart the call is closed by the system', async () => {
    const a = await deskFor('agent', 'en')
    await ready(a.page)
    const customer = await callAnswered(a.page, 'zh-CN', '1')
    const contactId = await currentContact(a.page)
    await agner.close()
    await customer.waitForSelector('[data-phase=ended]')
    expect(await customer.textContent('[data-test=end-reason]')).toContain('与客服中心的连接中断了')
    await customer.screenshot({ path: join(shots, 'widget-server-lost-zh.png') })
    await a.context.close(); await customer.context().close()
    agner = await startAgner(loadConfig({}, { dataDir, port: await freePort(), logLevel: 'silent', demo: true, demoRate: 0, demoHistoryWeeks: 0, demoSchedules: false, timeZone: 'UTC', acdConfigFile: fixture }), { web: false })
    await expect.poll(async () => {
      const rs = await agner.store.client.query({ query: `SELECT JSONExtractString(data, 'endedBy') AS endedBy FROM events FINAL WHERE contact_id = {id:String} AND type = 'contact.ended'`, format: 'JSONEachRow', query_params: { id: contactId } })
      return (await rs.json<{ endedBy: string }>()).map((r) => r.endedBy)
    }, { timeout: 15_000 }).toEqual(['system'])
  }, 90_000)
})
