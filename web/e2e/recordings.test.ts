/**
 * Recordings with real browsers and real media: a customer (fake microphone: 440 Hz) calls from the
 * widget, an agent (660 Hz) answers on the desk, pauses the recording for a stretch and ends the
 * call. The file's length is the talk time, the customer's track decodes to 440 Hz and the agent's
 * to 660 Hz, the paused stretch has no packets and is marked. The team's supervisor plays it from
 * the contact's journey (audited); another team's supervisor is refused; a chat's transcript shows
 * in its journey. A supervisor (880 Hz) listening hears both parties; whispering reaches only the
 * agent (the customer gets no leg from the supervisor: its level stays 0); barge reaches both; a
 * supervisor signed out mid-listen is dropped at once. Screenshots in both languages.
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
let staffBrowser: Browser
let supervisorBrowser: Browser
let passwords: Record<string, string>

const mediaArgs = (tone: string) => ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${tone}`, '--autoplay-policy=no-user-gesture-required']
const toneFile = (hz: number): string => {
  const file = join(dataDir, `tone-${hz}.wav`)
  execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000:duration=60`, '-ac', '1', '-c:a', 'pcm_s16le', file])
  return file
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'agner-rec-e2e-'))
  const webRoot = join(dataDir, 'web')
  await build({ root: join(here, '..'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } })
  agner = await startAgner(loadConfig({}, { dataDir, port: await freePort(), logLevel: 'silent', adminPassword: 'e2e admin password', demo: true, demoRate: 0, demoHistoryWeeks: 0, demoSchedules: false, timeZone: 'UTC', acdConfigFile: fixture }), { webRoot })
  passwords = Object.fromEntries(agner.bootstrap.created.map((c) => [c.username, c.password]))
  customerBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: mediaArgs(toneFile(440)) })
  agentBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: mediaArgs(toneFile(660)) })
  supervisorBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: mediaArgs(toneFile(880)) })
  staffBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'] })
  mkdirSync(shots, { recursive: true })
}, 180_000)
afterAll(async () => {
  for (const b of [customerBrowser, agentBrowser, staffBrowser, supervisorBrowser]) await b?.close()
  await agner?.close().catch(() => undefined)
  rmSync(dataDir, { recursive: true, force: true })
})

// Each test starts from a quiet center: whatever a failed test left (calls, chats, wrap-ups) is closed.
afterEach(async () => { await agner.acd.run((engine) => engine.closeAll('test reset')).catch(() => undefined) })

async function signedIn(browser: Browser, username: string, password: string, locale: string, landing: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale })
  const page = await context.newPage()
  await page.goto(`${agner.url}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => u.pathname === landing)
  return { context, page }
}

async function widget(locale: string): Promise<Page> {
  const context = await customerBrowser.newContext({ viewport: { width: 420, height: 760 }, locale })
  const page = await context.newPage()
  await page.goto(`${agner.url}/widget?lang=${locale}`)
  return page
}

async function ready(p: Page): Promise<void> {
  if (await p.locator('[data-status=available]').count() === 0) await p.click('[data-action=ready]')
  await p.waitForSelector('[data-status=available]')
}

/** The dominant frequency of one track, from its zero crossings over two seconds in the middle of the talk. */
function frequencyOf(file: string, stream: number, fromSec: number): number {
  const pcm = execFileSync('ffmpeg', ['-v', 'error', '-ss', String(fromSec), '-t', '2', '-i', file, '-map', `0:${stream}`, '-ac', '1', '-ar', '48000', '-f', 's16le', '-'], { maxBuffer: 64 * 1024 * 1024 })
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2))
  let crossings = 0
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1]! < 0) !== (samples[i]! < 0)) crossings++
  return crossings / 2 / (samples.length / 48_000)
}

const packetTimes = (file: string, stream: number): number[] =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', String(stream), '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]).toString().trim().split('\n').map((t) => Number(t) * 1000)

/** The agent (desk in `deskLocale`) goes ready; a customer (widget in `widgetLocale`) calls, presses 1 for sales, and the agent accepts. */
async function answeredCall(deskLocale: string, widgetLocale: string): Promise<{ desk: { context: BrowserContext; page: Page }; customer: Page; contactId: string }> {
  const desk = await signedIn(agentBrowser, 'agent', passwords.agent!, deskLocale, '/desk')
  await desk.page.waitForSelector('[data-test=status-bar]')
  await ready(desk.page)
  const customer = await widget(widgetLocale)
  await customer.click('[data-action=call]')
  await customer.waitForSelector('[data-phase=ivr]')
  await customer.click('[data-key="1"]')
  await desk.page.waitForSelector('[data-test=offer]')
  await desk.page.click('[data-action=accept]')
  await customer.waitForSelector('[data-phase=talking]')
  await desk.page.waitForSelector('[data-test=voice]')
  const contactId = await desk.page.evaluate(() => (window as unknown as { agnerDesk: { agent: { contacts: Array<{ contactId: string }> } } }).agnerDesk.agent.contacts[0]!.contactId)
  return { desk, customer, contactId }
}

interface Recording { id: string; durationMs: number; status: string; pauses: Array<{ startMs: number; endMs: number }>; agentName: string }

describe('recordings', () => {
  it('records a call (length, both voices, a marked pause), the team\'s supervisor plays it, another team\'s cannot, playback is audited', async () => {
    const { desk, customer, contactId } = await answeredCall('en', 'zh-CN')
    await desk.page.waitForSelector('[data-test=recording][data-recording=on]')
    await new Promise((r) => setTimeout(r, 3000))
    // The customer reads out a card number: the agent pauses the recording, then resumes it.
    await desk.page.click('[data-action=pause-recording]')
    await desk.page.waitForSelector('[data-test=recording][data-recording=paused]')
    await desk.page.screenshot({ path: join(shots, 'desk-recording-paused-en.png') })
    await new Promise((r) => setTimeout(r, 2000))
    await desk.page.click('[data-action=pause-recording]')
    await desk.page.waitForSelector('[data-test=recording][data-recording=on]')
    await new Promise((r) => setTimeout(r, 3000))
    await desk.page.click('[data-action=end]')
    await desk.page.waitForSelector('[data-test=wrapup]')
    await customer.waitForSelector('[data-phase=ended]')

    // The talk time, from the contact's own events.
    const times = await (await agner.store.client.query({
      query: `SELECT type, time_ms AS t FROM events WHERE contact_id = {id:String} AND type IN ('contact.connected', 'contact.ended') ORDER BY time_ms`, format: 'JSONEachRow', query_params: { id: contactId },
    })).json<{ type: string; t: string }>()
    const talkMs = Number(times.find((x) => x.type === 'contact.ended')!.t) - Number(times.find((x) => x.type === 'contact.connected')!.t)

    // The index row appears once the file is closed.
    const supervisor = await signedIn(staffBrowser, 'supervisor', passwords.supervisor!, 'zh-CN', '/')
    let rec: Recording | undefined
    await expect.poll(async () => {
      const media = await supervisor.page.evaluate(async (id) => (await fetch(`/api/contacts/${id}/media`)).json(), contactId) as { recordings: Recording[] }
      rec = media.recordings[0]
      return rec?.status
    }, { timeout: 15_000 }).toBe('recorded')
    const row = await (await agner.store.client.query({ query: `SELECT path FROM recordings FINAL WHERE recording_id = {id:String}`, format: 'JSONEachRow', query_params: { id: rec!.id } })).json<{ path: string }>()
    const file = join(dataDir, 'recordings', row[0]!.path)

    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]).toString()) as { streams: Array<{ codec_name: string }>; format: { duration: string } }
    expect(probe.streams.map((s) => s.codec_name)).toEqual(['opus', 'opus'])
    expect(Math.abs(Number(probe.format.duration) * 1000 - talkMs)).toBeLessThan(500)
    // The customer's voice is the 440 Hz tone, the agent's the 660 Hz one (Opus keeps pitch within a few hertz).
    expect(frequencyOf(file, 0, 0.5)).toBeCloseTo(440, -1)
    expect(frequencyOf(file, 1, 0.5)).toBeCloseTo(660, -1)
    // The paused two seconds: marked, and no packet of either voice inside them.
    expect(rec!.pauses).toHaveLength(1)
    const { startMs, endMs } = rec!.pauses[0]!
    expect(endMs - startMs).toBeGreaterThan(1500)
    for (const stream of [0, 1]) {
      const t = packetTimes(file, stream)
      expect(t.filter((x) => x > startMs + 60 && x < endMs - 60)).toEqual([])
      expect(t.filter((x) => x > endMs).length).toBeGreaterThan(100)
    }

    // The team's supervisor plays it from the journey page.
    await supervisor.page.goto(`${agner.url}/reports/contacts/${contactId}`)
    await supervisor.page.waitForSelector('[data-test=contact-media] [data-test=player]')
    await expect.poll(() => supervisor.page.evaluate(() => { const a = document.querySelector('[data-test=player]') as HTMLAudioElement; return a.readyState }), { timeout: 10_000 }).toBeGreaterThanOrEqual(1)
    expect(await supervisor.page.textContent('[data-test=contact-media] [data-test=pause]')).toMatch(/坐席暂停录音 0:0\d–0:0\d/)
    await supervisor.page.evaluate(() => (document.querySelector('[data-test=player]') as HTMLAudioElement).play())
    await expect.poll(() => supervisor.page.evaluate(() => (document.querySelector('[data-test=player]') as HTMLAudioElement).currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5)
    await supervisor.page.screenshot({ path: join(shots, 'contact-recording-zh.png'), fullPage: true })
    const en = await signedIn(staffBrowser, 'manager', passwords.manager!, 'en', '/')
    await en.page.goto(`${agner.url}/reports/contacts/${contactId}`)
    await en.page.waitForSelector('[data-test=contact-media] [data-test=player]')
    await en.page.screenshot({ path: join(shots, 'contact-recording-en.png'), fullPage: true })

    // Another team's supervisor: one sentence, 403.
    const admin = await signedIn(staffBrowser, 'admin', 'e2e admin password', 'en', '/')
    const made = await admin.page.evaluate(async () => {
      const csrf = (await (await fetch('/api/me')).json() as { csrfToken: string }).csrfToken
      const teams = (await (await fetch('/api/teams')).json() as { teams: Array<{ id: string; queueIds: string[] }> }).teams
      const service = teams.find((t) => t.queueIds.includes('support'))!
      const r = await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ username: 'svc-sup', displayName: 'Service lead', role: 'supervisor', teamIds: [service.id], password: 'service lead pass 1' }) })
      return r.status
    })
    expect(made).toBe(201)
    const other = await signedIn(staffBrowser, 'svc-sup', 'service lead pass 1', 'en', '/')
    const refused = await other.page.evaluate(async (id) => { const r = await fetch(`/api/recordings/${id}/audio`); return { status: r.status, body: await r.json() as { error: string } } }, rec!.id)
    expect(refused.status).toBe(403)
    expect(refused.body.error).toBe('This recording is of a call outside your teams\' queues; ask an admin or the team\'s supervisor.')
    const missing = await supervisor.page.evaluate(async () => { const r = await fetch('/api/recordings/r-none/audio'); return { status: r.status, body: await r.json() as { error: string } } })
    expect(missing).toEqual({ status: 404, body: { error: 'There is no recording r-none.' } })

    // Each playback is in the audit trail, by whom and of which contact.
    const audit = await admin.page.evaluate(async () => (await (await fetch('/api/audit?action=recording.play&limit=50')).json()) as { entries?: Array<{ actorName: string; target: string; detail: { contactId: string } }>; rows?: Array<{ actorName: string; target: string; detail: { contactId: string } }> })
    const rows = audit.entries ?? audit.rows ?? []
    expect(rows.some((r) => r.actorName === 'supervisor' && r.target === `recording:${rec!.id}` && r.detail.contactId === contactId)).toBe(true)
    expect(rows.some((r) => r.actorName === 'manager')).toBe(true)

    await desk.page.click('[data-action=wrapup]').catch(() => undefined)
    for (const x of [desk, supervisor, en, admin, other]) await x.context.close()
    await customer.context().close()
  }, 180_000)

  it('a chat\'s transcript shows in its journey', async () => {
    const desk = await signedIn(agentBrowser, 'agent', passwords.agent!, 'zh-CN', '/desk')
    await desk.page.waitForSelector('[data-test=status-bar]')
    await ready(desk.page)
    const customer = await widget('en')
    await customer.fill('input[name=name]', 'Ms Chen')
    await customer.click('[data-action=chat]')
    await customer.waitForSelector('[data-phase=waiting]')
    await customer.fill('input[name=message]', 'My invoice is wrong')
    await customer.press('input[name=message]', 'Enter')
    await desk.page.waitForSelector('[data-test=offer]')
    await desk.page.click('[data-action=accept]')
    await desk.page.waitForSelector('[data-test=chat]')
    await desk.page.fill('input[name=reply]', '我来帮您核对发票')
    await desk.page.press('input[name=reply]', 'Enter')
    await customer.waitForSelector('.log li.agent:has-text("我来帮您核对发票")')
    const contactId = await desk.page.evaluate(() => (window as unknown as { agnerDesk: { agent: { contacts: Array<{ contactId: string }> } } }).agnerDesk.agent.contacts[0]!.contactId)
    await desk.page.click('[data-action=end-chat]')
    await desk.page.selectOption('select[name=disposition]', 'resolved')
    await desk.page.click('[data-action=wrapup]')

    const manager = await signedIn(staffBrowser, 'manager', passwords.manager!, 'zh-CN', '/')
    await expect.poll(async () => {
      await manager.page.goto(`${agner.url}/reports/contacts/${contactId}`)
      await manager.page.waitForSelector('[data-test=contact-media]')
      return manager.page.locator('[data-test=transcript] li').count()
    }, { timeout: 15_000 }).toBe(2)
    const text = await manager.page.textContent('[data-test=transcript]')
    expect(text).toContain('My invoice is wrong')
    expect(text).toContain('我来帮您核对发票')
    expect(text).toContain('客户')
    await manager.page.screenshot({ path: join(shots, 'contact-transcript-zh.png'), fullPage: true })
    await desk.page.click('[data-action=offline]')
    for (const x of [desk, manager]) await x.context.close()
    await customer.context().close()
  }, 120_000)

  it('a supervisor listens (hears both), whispers (only the agent hears), barges (both hear), and is dropped at once when signed out', async () => {
    const { desk, customer, contactId } = await answeredCall('zh-CN', 'en')

    type Level = { level: number; bytes: number } | undefined
    const sup = await signedIn(supervisorBrowser, 'supervisor', passwords.supervisor!, 'zh-CN', '/')
    const supHears = () => sup.page.evaluate(async () => (window as unknown as { agnerMonitor: { inbound(): Promise<Record<string, Level>> } }).agnerMonitor.inbound())
    const agentCoach = () => desk.page.evaluate(async () => (await (window as unknown as { agnerDesk: { coachInbound(): Promise<Level> } }).agnerDesk.coachInbound()) ?? null)
    const customerExtra = () => customer.evaluate(async () => (await (window as unknown as { agnerWidget: { extraInbound(): Promise<Level> | undefined } }).agnerWidget.extraInbound()) ?? null)

    await sup.page.waitForSelector(`[data-test=live-calls] tr[data-contact="${contactId}"]`, { timeout: 10_000 })
    await sup.page.click(`tr[data-contact="${contactId}"] [data-action=monitor-listen]`)
    await sup.page.waitForSelector('[data-test=monitoring][data-mode=listen]')
    // Listening: the supervisor hears the customer and the agent; neither gets anything from the supervisor.
    await expect.poll(async () => { const h = await supHears(); return Math.min(h.customer?.level ?? 0, h.agent?.level ?? 0) }, { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await agentCoach()).toBeNull()
    expect(await customerExtra()).toBeNull()
    await sup.page.screenshot({ path: join(shots, 'live-monitor-listen-zh.png'), fullPage: true })

    // Whisper: the agent hears the supervisor; the customer has no leg from the supervisor (level 0).
    await sup.page.click('[data-mode-button=whisper]')
    await sup.page.waitForSelector('[data-test=monitoring][data-mode=whisper]')
    await desk.page.waitForSelector('[data-test=coach][data-mode=whisper]')
    await expect.poll(async () => (await agentCoach())?.level ?? 0, { timeout: 10_000 }).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 1000))
    expect((await customerExtra())?.level ?? 0).toBe(0)
    await desk.page.screenshot({ path: join(shots, 'desk-whisper-zh.png') })

    // Barge: both hear the supervisor.
    await sup.page.click('[data-mode-button=barge]')
    await sup.page.waitForSelector('[data-test=monitoring][data-mode=barge]')
    await expect.poll(async () => (await customerExtra())?.level ?? 0, { timeout: 10_000 }).toBeGreaterThan(0)
    expect((await agentCoach())?.level ?? 0).toBeGreaterThan(0)
    const en = await signedIn(staffBrowser, 'admin', 'e2e admin password', 'en', '/')
    await en.page.waitForSelector(`[data-test=live-calls] tr[data-contact="${contactId}"]`)
    await en.page.screenshot({ path: join(shots, 'live-calls-en.png'), fullPage: true })

    // The supervisor's session ends mid-barge: dropped at once from both sides.
    const signedOutAt = Date.now()
    await sup.page.evaluate(async () => {
      const csrf = (await (await fetch('/api/me')).json() as { csrfToken: string }).csrfToken
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } })
    })
    await desk.page.waitForSelector('[data-test=coach]', { state: 'detached', timeout: 3000 })
    await expect.poll(customerExtra, { timeout: 3000 }).toBeNull()
    expect(Date.now() - signedOutAt).toBeLessThan(3000)

    // The journey and the audit trail have each start, change and stop.
    await desk.page.click('[data-action=end]')
    await desk.page.waitForSelector('[data-test=wrapup]')
    const steps = await en.page.evaluate(async (id) => (await (await fetch(`/api/reports/contacts/${id}?lang=en`)).json()) as { sections: Array<{ id: string; rows: Array<{ step: string }> }> }, contactId)
    const journey = steps.sections.find((x) => x.id === 'journey')!.rows.map((r) => r.step)
    expect(journey).toEqual(expect.arrayContaining(['王芳 started to listen in', '王芳 switched to whisper to the agent', '王芳 switched to barge in (both hear)', '王芳 stopped barge in (both hear)']))
    const audit = await en.page.evaluate(async () => (await (await fetch('/api/audit?action=call.listen&limit=20')).json()) as { entries: Array<{ actorName: string; target: string; detail: { action: string; mode: string } }> })
    expect(audit.entries.filter((e) => e.target === `contact:${contactId}`).map((e) => `${e.detail.action}:${e.detail.mode}`).sort()).toEqual(['change:barge', 'change:whisper', 'start:listen', 'stop:barge'])
    for (const x of [desk, sup, en]) await x.context.close()
    await customer.context().close()
  }, 180_000)
})
