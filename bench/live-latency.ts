/**
 * npm run bench -- live-latency
 * Publish → WebSocket frame at a client, at 2,000 events/s of synthetic traffic, p50 and p99.
 * Probe events (an agent whose aux reason changes every 50 ms) are timed from the moment they are
 * published to the first /ws/live frame that shows them. Baseline in the same run: publish → the
 * bus tap inside the server (the floor before the live engine and the 250 ms frame pacing).
 * BENCH_NATS=1 runs it over a spawned JetStream server instead of the in-process bus.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort, NatsServerProcess } from '@agner/events/testing'
import { TrafficModel, trafficForRate } from '@agner/telephony'
import { loadConfig, startAgner } from '../ingest/src/index.ts'
import { newToken } from '../ingest/src/access/tokens.ts'
import { mb, peakRss, percentile } from './_support.ts'

const RATE = Number(process.env.BENCH_RATE ?? 2000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const dataDir = mkdtempSync(join(tmpdir(), 'agner-bench-live-'))
const nats = process.env.BENCH_NATS ? await NatsServerProcess.start() : undefined
const agner = await startAgner(loadConfig({}, {
  demo: false, dataDir, port: await freePort(), natsUrl: nats?.url, logLevel: 'silent', timeZone: 'UTC',
}), { web: false })

const probeSent = new Map<number, number>()
const tapLatency: number[] = []
const frameLatency: number[] = []
let frames = 0
let resolvedUpTo = 0
await agner.bus.tap((payload) => {
  const e = (payload instanceof Uint8Array ? JSON.parse(Buffer.from(payload).toString()) : payload) as CanonicalEvent
  if (e.agentId === 'probe' && e.type === 'agent.status_changed') {
    const seq = Number(e.data.reasonCode?.slice(1))
    const sent = probeSent.get(seq)
    if (sent !== undefined) tapLatency.push(performance.now() - sent)
  }
})

// The feed is guarded like any client's: a token with live:read.
const { record, token } = newToken('api', { name: 'bench', scopes: ['live:read'], createdBy: 'bench' })
await agner.access.directory.save('tokens', record)
const ws = new WebSocket(`${agner.url.replace('http', 'ws')}/ws/live`, { headers: { authorization: `Bearer ${token}` } })
await new Promise((r) => ws.once('open', r))
ws.on('message', (raw) => {
  const now = performance.now()
  frames++
  const msg = JSON.parse(raw.toString()) as { agents: Array<{ agentId: string; reasonCode: string | null }> }
  const probe = msg.agents.find((a) => a.agentId === 'probe')
  const seq = probe?.reasonCode ? Number(probe.reasonCode.slice(1)) : -1
  for (let s = resolvedUpTo + 1; s <= seq; s++) {
    const sent = probeSent.get(s)
    if (sent !== undefined) frameLatency.push(now - sent)
  }
  if (seq > resolvedUpTo) resolvedUpTo = seq
})

const model = new TrafficModel(trafficForRate({ eventsPerSecond: RATE, queues: 50, seed: 3 }), Date.now())
let published = 0
let seq = 0
const started = Date.now()
const tick = setInterval(() => {
  const events = model.advance(Date.now())
  published += events.length
  void agner.bus.publish(events)
}, 20)
const probes = setInterval(() => {
  seq++
  probeSent.set(seq, performance.now())
  void agner.bus.publish([{
    id: uuidv7(), type: 'agent.status_changed', time: Date.now(), tenant: 'default', source: { kind: 'test', instance: 'bench' },
    agentId: 'probe', data: { status: 'aux', reasonCode: `p${seq}`, origin: 'system' },
  }])
}, 50)
await new Promise((r) => setTimeout(r, SECONDS * 1000))
clearInterval(tick); clearInterval(probes)
await new Promise((r) => setTimeout(r, 1000))
const secs = (Date.now() - started) / 1000
ws.close()

const f = [...frameLatency].sort((a, b) => a - b)
const t = [...tapLatency].sort((a, b) => a - b)
console.log(`live-latency: ${agner.bus.kind} bus, ${Math.round(published / secs)} events/s for ${Math.round(secs)} s, ${seq} probes, ${(frames / secs).toFixed(1)} frames/s`)
console.log(`baseline publish → bus tap:        p50 ${percentile(t, 50).toFixed(1)} ms  p99 ${percentile(t, 99).toFixed(1)} ms`)
console.log(`publish → WebSocket frame:         p50 ${percentile(f, 50).toFixed(1)} ms  p99 ${percentile(f, 99).toFixed(1)} ms  max ${f.at(-1)?.toFixed(1)} ms  (${f.length} probes seen)`)
console.log(`frame p99 / frame interval (${agner.config.liveFrameMs} ms): ${(percentile(f, 99) / agner.config.liveFrameMs).toFixed(2)}; frame p99 − tap p99: ${(percentile(f, 99) - percentile(t, 99)).toFixed(1)} ms`)
console.log(`peak RSS: ${mb(peakRss())}`)
await agner.close()
await nats?.dispose()
rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
