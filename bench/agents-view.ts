/**
 * npm run bench -- agents-view [--seconds N] [--agents N] [--rate N]
 * The agents view (/agents) in headless Chromium with 2,000 agents changing state at 200 events/s.
 * A probe agent (sorted first, so its row is drawn) takes a new aux reason every 200 ms; a
 * MutationObserver in the page stamps each change of its state cell. Baseline in the same run:
 * publish → the /ws/live frame that carries it at a Node client (the server's share; the rest is
 * the browser's). The page's main-thread busy share is Chromium's TaskDuration over the run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner } from '../ingest/src/index.ts'
import { newToken } from '../ingest/src/access/tokens.ts'
import { ROOT, percentile } from './_support.ts'

const arg = (name: string, fallback: number): number => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback }
const SECONDS = arg('seconds', 30)
const AGENTS = arg('agents', 2000)
const RATE = arg('rate', 200)
const PASSWORD = 'bench admin password'

const dataDir = mkdtempSync(join(tmpdir(), 'agner-bench-agents-'))
const webRoot = join(dataDir, 'web')
await build({ root: join(ROOT, 'web'), logLevel: 'silent', build: { outDir: webRoot, emptyOutDir: true } })
const agner = await startAgner(loadConfig({}, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'UTC', adminPassword: PASSWORD }), { webRoot })
const tenant = agner.config.tenant
const status = (agentId: string, aux: string | null, time = Date.now()): CanonicalEvent => ({
  id: uuidv7(), type: 'agent.status_changed', time, tenant, source: { kind: 'test', instance: 'bench' }, agentId,
  data: aux ? { status: 'aux', reasonCode: aux, origin: 'system' } : { status: 'available', origin: 'system' },
} as CanonicalEvent)
const ids = Array.from({ length: AGENTS }, (_, i) => `agent-${String(i + 1).padStart(4, '0')}`)
const PROBE = 'agent-0000-probe'
await agner.bus.publish([status(PROBE, null), ...ids.map((id) => status(id, null))])
for (let i = 0; i < 100 && agner.engine.snapshot(Date.now()).agents.length < AGENTS + 1; i++) await new Promise((r) => setTimeout(r, 50))

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en' })
await page.goto(`${agner.url}/login`)
await page.fill('input[name=username]', 'admin')
await page.fill('input[name=password]', PASSWORD)
await page.click('button[type=submit]')
await page.waitForURL((u) => u.pathname === '/')
await page.goto(`${agner.url}/agents`)
await page.waitForSelector(`.row[data-agent="${PROBE}"]`)
const drawn = await page.locator('[data-test=agents-view] .scroller .row').count()

// In the page: every change of the probe's state cell, stamped with the wall clock.
await page.evaluate((probe) => {
  const el = document.querySelector(`.row[data-agent="${probe}"] .state`)!
  const w = window as unknown as { probeLog: Array<[number, string]> }
  w.probeLog = []
  new MutationObserver(() => w.probeLog.push([performance.timeOrigin + performance.now(), el.textContent ?? ''])).observe(el, { childList: true, characterData: true, subtree: true })
}, PROBE)

// Baseline: the live feed at a Node client.
const { record, token } = newToken('api', { name: 'bench-agents', scopes: ['live:read'], createdBy: 'bench' })
await agner.access.directory.save('tokens', record)
const wsLog: Array<[number, string]> = []
const ws = new WebSocket(`${agner.url.replace('http', 'ws')}/ws/live`, { headers: { authorization: `Bearer ${token}` } })
ws.on('message', (raw) => {
  const msg = JSON.parse(raw.toString()) as { agents?: Array<{ agentId: string; reasonCode: string | null }> }
  const a = msg.agents?.find((x) => x.agentId === PROBE)
  if (a?.reasonCode) wsLog.push([performance.timeOrigin + performance.now(), a.reasonCode])
})
await new Promise((r) => ws.once('open', r))

const cdp = await page.context().newCDPSession(page)
await cdp.send('Performance.enable')
const taskSeconds = async (): Promise<number> => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0)

// Load: RATE status changes a second over the 2,000 agents (ready ↔ aux with a reason), in 20 ms batches.
let published = 0
const load = setInterval(() => {
  const batch: CanonicalEvent[] = []
  for (let i = 0; i < RATE / 50; i++) { const id = ids[Math.floor(Math.random() * AGENTS)]!; batch.push(status(id, Math.random() < 0.5 ? null : 'break')) }
  published += batch.length
  void agner.bus.publish(batch)
}, 20)
await new Promise((r) => setTimeout(r, 3000)) // warm up
const sent: Array<[number, string]> = []
let seq = 0
const started = Date.now()
const t0Published = published
const task0 = await taskSeconds()
const probes = setInterval(() => { seq++; const code = `p${seq}`; sent.push([performance.timeOrigin + performance.now(), code]); void agner.bus.publish([status(PROBE, code)]) }, 200)
await new Promise((r) => setTimeout(r, SECONDS * 1000))
clearInterval(probes)
const busy = (await taskSeconds() - task0) / ((Date.now() - started) / 1000)
await new Promise((r) => setTimeout(r, 1500))
clearInterval(load)
const rate = (published - t0Published) / ((Date.now() - started) / 1000)
const domLog = await page.evaluate(() => (window as unknown as { probeLog: Array<[number, string]> }).probeLog)

/** For each probe, the first observation showing its code after it was sent. */
function latencies(log: Array<[number, string]>): number[] {
  const out: number[] = []
  for (const [at, code] of sent) {
    const hit = log.find(([t, v]) => t >= at && (v === code || v.endsWith(` ${code}`)))
    if (hit) out.push(hit[0] - at)
  }
  return out.sort((a, b) => a - b)
}
const dom = latencies(domLog)
const frame = latencies(wsLog)
console.log(`agents-view: ${AGENTS} agents + probe, ${Math.round(rate)} status changes/s for ${SECONDS} s, ${sent.length} probes, Chromium 1920×1080, ${drawn} rows drawn of ${AGENTS + 1}`)
console.log(`baseline publish → /ws/live frame (Node client): p50 ${percentile(frame, 50).toFixed(0)} ms  p99 ${percentile(frame, 99).toFixed(0)} ms  (${frame.length} seen)`)
console.log(`publish → the probe's row changed in the DOM:    p50 ${percentile(dom, 50).toFixed(0)} ms  p99 ${percentile(dom, 99).toFixed(0)} ms  max ${dom.at(-1)?.toFixed(0)} ms  (${dom.length} seen)`)
console.log(`DOM p99 / frame p99: ${(percentile(dom, 99) / percentile(frame, 99)).toFixed(2)}; target p99 ≤ 500 ms (${percentile(dom, 99) <= 500 ? 'met' : 'not met'})`)
console.log(`page main thread busy: ${(busy * 100).toFixed(1)} % of the time`)
ws.close()
await browser.close()
await agner.close()
rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
