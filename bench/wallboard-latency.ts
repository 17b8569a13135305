/**
 * npm run bench -- wallboard-latency [--seconds N]
 * Event published → value changed in the wallboard's DOM, in headless Chromium, while synthetic
 * traffic runs at 500 events/s through a board of 50 queues and ~500 agents. A probe queue's
 * waiting count flips between 0 and 1 every 200 ms; a MutationObserver in the page stamps each
 * change of the tile showing it. Baseline in the same run: publish → the board's WebSocket frame
 * at a Node client (the server's share; the rest is the browser's).
 */
import WebSocket from 'ws'
import { newToken } from '../ingest/src/access/tokens.ts'
import { mb, peakRss, percentile } from './_support.ts'
import { wallboardRig } from './_wallboard.ts'

const arg = (name: string, fallback: number): number => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : fallback }
const SECONDS = arg('seconds', 30)
const RATE = 500
const rig = await wallboardRig(RATE)
const { page } = rig

// In the page: every change of the probe tile's text, stamped with the wall clock.
await page.evaluate(() => {
  const el = document.querySelector('[data-widget=probe] [data-testid=kpi-value]')!
  const w = window as unknown as { probeLog: Array<[number, string]> }
  w.probeLog = []
  new MutationObserver(() => w.probeLog.push([performance.timeOrigin + performance.now(), el.textContent ?? ''])).observe(el, { childList: true, characterData: true, subtree: true })
})

// The baseline: the same board's feed at a Node client.
const { record, token } = newToken('display', { name: 'bench-ws', boardId: rig.boardId, createdBy: 'bench' })
await rig.agner.access.directory.save('tokens', record)
const wsLog: Array<[number, number]> = []
const ws = new WebSocket(`${rig.agner.url.replace('http', 'ws')}/ws/boards/${rig.boardId}/live?access_token=${token}`)
ws.on('message', (raw) => {
  const msg = JSON.parse(raw.toString()) as { queues?: Array<{ queueId: string; waiting: number }> }
  const q = msg.queues?.find((x) => x.queueId === 'probe')
  if (q) wsLog.push([performance.timeOrigin + performance.now(), q.waiting])
})
await new Promise((r) => ws.once('open', r))

rig.traffic(true)
await new Promise((r) => setTimeout(r, 3000)) // warm up
const sent: Array<[number, 0 | 1]> = []
const started = Date.now()
const t0Published = rig.published()
let next: 0 | 1 = 1
const probes = setInterval(() => { sent.push([performance.timeOrigin + performance.now(), next]); rig.probe(next); next = next === 1 ? 0 : 1 }, 200)
await new Promise((r) => setTimeout(r, SECONDS * 1000))
clearInterval(probes)
await new Promise((r) => setTimeout(r, 1500))
rig.traffic(false)
const secs = (Date.now() - started) / 1000
const rate = (rig.published() - t0Published) / secs
const domLog = await page.evaluate(() => (window as unknown as { probeLog: Array<[number, string]> }).probeLog)

/** For each probe, the first observation of its value after it was sent (and before the next probe's value could show). */
function latencies(log: Array<[number, string | number]>): number[] {
  const out: number[] = []
  let j = 0
  for (const [at, value] of sent) {
    while (j < log.length && log[j]![0] < at) j++
    const hit = log.slice(j).find(([, v]) => String(v) === String(value))
    if (hit) out.push(hit[0] - at)
  }
  return out.sort((a, b) => a - b)
}
const dom = latencies(domLog)
const frame = latencies(wsLog)
console.log(`wallboard-latency: ${rig.queues} queues + probe, ${rig.agents} agents, ${Math.round(rate)} events/s for ${Math.round(secs)} s, ${sent.length} probes, Chromium 1920×1080`)
console.log(`baseline publish → WebSocket frame (Node client): p50 ${percentile(frame, 50).toFixed(0)} ms  p99 ${percentile(frame, 99).toFixed(0)} ms  (${frame.length} seen)`)
console.log(`publish → value changed in the DOM:              p50 ${percentile(dom, 50).toFixed(0)} ms  p99 ${percentile(dom, 99).toFixed(0)} ms  max ${dom.at(-1)?.toFixed(0)} ms  (${dom.length} seen)`)
console.log(`DOM p99 / frame p99: ${(percentile(dom, 99) / percentile(frame, 99)).toFixed(2)}; target p99 ≤ 500 ms (${percentile(dom, 99) <= 500 ? 'met' : 'not met'})`)
console.log(`server peak RSS: ${mb(peakRss())}`)
ws.close()
await rig.close()
process.exit(0)
