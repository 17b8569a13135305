/**
 * npm run bench -- voice
 * Browser calls relayed by Agner (werift in worker threads), with the browsers stood in for by
 * werift phones in a separate process (bench/_voice-phones.ts) over real sockets:
 *   1. call set-up: the agent's accept → the first packet of the agent's voice at the customer,
 *      p50 and p95 over BENCH_CALLS (50) calls one after another;
 *   2. the server process's CPU (all its threads) and RSS with 0 (baseline), 1, 10 and 25 calls
 *      talking both ways, over BENCH_SECONDS (10) each: CPU per call = (CPU − baseline) ÷ calls;
 *   3. recordings: at each load, the same calls once with recording off and once on (CPU per call
 *      of both), and every recording's packets written against packets relayed (none lost);
 *      Beside it, the floor (bench/_relay-floor.ts): a bare Node worker thread passing one call's
 *      packets between two UDP sockets, plain and with the relay's AES-GCM work, in the same run;
 *      before the loads, one call talks for BENCH_SECONDS unmeasured (warm-up);
 *   4. live-latency (probe events → /ws/live frame) at BENCH_RATE (1,000) events/s of synthetic
 *      traffic, p50/p99, without calls and with 25 calls, in the same run.
 */
import { execFileSync, fork } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner } from '../ingest/src/index.ts'
import { benchScript, mb, percentile } from './_support.ts'
import { measureLiveLatency } from './_live-probe.ts'
import { measureRelayFloor } from './_relay-floor.ts'

const CALLS = Number(process.env.BENCH_CALLS ?? 50)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const LOADS = (process.env.BENCH_LOADS ?? '1,10,25').split(',').map(Number)
const RATE = Number(process.env.BENCH_RATE ?? 1000)
const AGENTS = Math.max(...LOADS)
const PASSWORD = 'bench voice password'

const dir = mkdtempSync(join(tmpdir(), 'agner-bench-voice-'))
const acdFile = join(dir, 'acd.json')
writeFileSync(acdFile, JSON.stringify({
  queues: [{ id: 'q', name: 'Bench', channel: 'voice', requiredSkills: { q: 1 }, strategy: 'longest_idle', serviceLevelSeconds: 20, ringTimeoutSeconds: 60 }],
  agents: Array.from({ length: AGENTS }, (_, i) => ({ id: `bench-${String(i + 1).padStart(2, '0')}`, skills: { q: 5 } })),
  ivrs: [],
}))
// One address (this machine) starts every call: the per-address widget limits are raised for it.
const config = loadConfig({ AGNER_WIDGET_SESSIONS_PER_ADDRESS: '1000', AGNER_WIDGET_STARTS_PER_MINUTE: '100000' }, { demo: false, dataDir: join(dir, 'data'), port: await freePort(), logLevel: 'silent', timeZone: 'UTC', adminPassword: PASSWORD, acdConfigFile: acdFile })
const agner = await startAgner(config, { web: false })

// The agents are users (role agent) created by the admin, as a center would.
const login = await fetch(`${agner.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })
const admin = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken }
for (let i = 1; i <= AGENTS; i++) {
  const id = `bench-${String(i).padStart(2, '0')}`
  const res = await fetch(`${agner.url}/api/users`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ username: id, displayName: id, role: 'agent', agentId: id, password: PASSWORD, teamIds: [] }) })
  if (res.status !== 201) throw new Error(`user ${id}: ${res.status} ${await res.text()}`)
}

// The agents talk a steady tone (made here with ffmpeg), so the first packet of their voice is recognised at once.
const agentVoice = join(dir, 'agent-voice.ogg')
execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=20', '-ac', '1', '-c:a', 'libopus', '-b:a', '32k', '-frame_duration', '20', agentVoice])
const phones = fork(benchScript('_voice-phones')[benchScript('_voice-phones').length - 1]!, [JSON.stringify({ url: agner.url, agents: AGENTS, password: PASSWORD, audioDir: config.media.audioDir, agentVoice })], {
  execArgv: benchScript('_voice-phones').slice(0, -1), stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
})
const ask = <T>(msg: object): Promise<T> => new Promise((resolve) => { phones.once('message', (m) => resolve(m as T)); phones.send(msg) })
await new Promise((r) => phones.once('message', r))

/**
 * The server process's CPU (every thread) as a share of one core, and its RSS, over SECONDS; and the
 * media worker threads' own CPU (the relay's, read per thread from the kernel).
 */
async function cpuOver(seconds: number): Promise<{ cpu: number; rss: number; relay: number; wakeups: number }> {
  const c0 = process.cpuUsage(), t0 = performance.now()
  const r0 = relayCpu()
  let rss = 0
  const sampler = setInterval(() => { rss = Math.max(rss, process.memoryUsage().rss) }, 250)
  await new Promise((r) => setTimeout(r, seconds * 1000))
  clearInterval(sampler)
  const c = process.cpuUsage(c0)
  const ms = performance.now() - t0
  const r = relayCpu()
  return { cpu: (c.user + c.system) / 1000 / ms, rss, relay: (r.ms - r0.ms) / ms, wakeups: (r.runs - r0.runs) / (ms / 1000) }
}
/** The media worker threads' CPU time and the times they were woken, summed. */
function relayCpu(): { ms: number; runs: number } {
  const per = agner.desk.media.threadCpu()
  if (per.some((v) => v === undefined)) throw new Error('the media workers\' CPU can only be read on Linux (/proc/<pid>/task/<tid>/schedstat)')
  return per.reduce<{ ms: number; runs: number }>((a, b) => ({ ms: a.ms + b!.ms, runs: a.runs + b!.runs }), { ms: 0, runs: 0 })
}

console.log(`voice: ${AGENTS} agents, media workers ${config.media.workers ?? 'auto'}, phones in a separate process`)
const { setupMs } = await ask<{ setupMs: number[] }>({ cmd: 'setup', n: CALLS })
const s = setupMs.filter(Number.isFinite).sort((a, b) => a - b)
console.log(`call set-up, accept → first agent packet at the customer (${s.length} of ${CALLS} calls): p50 ${percentile(s, 50).toFixed(0)} ms  p95 ${percentile(s, 95).toFixed(0)} ms  max ${s.at(-1)?.toFixed(0)} ms`)

const base = await cpuOver(SECONDS)
console.log(`baseline, no calls: CPU ${(base.cpu * 100).toFixed(1)} % of a core (media worker threads ${(base.relay * 100).toFixed(2)} %), RSS ${mb(base.rss)}`)
const floor = await measureRelayFloor(SECONDS)
console.log(`floor, one call's packets through a bare Node worker thread (no WebRTC): ${(floor.plain.cpu * 100).toFixed(2)} % of a core plain, ${(floor.crypto.cpu * 100).toFixed(2)} % with one AES-GCM open and seal per packet; woken ${floor.crypto.wakeups.toFixed(0)} times/s`)
// Warm-up: a relay that has just taken its first call runs code not yet optimised (consecutive 1-call
// windows read 2.3, 1.7, 1.3 % on 2026-12-07); a server that has been up is measured warm.
await ask({ cmd: 'open', n: 1 })
await new Promise((r) => setTimeout(r, SECONDS * 1000))
await ask({ cmd: 'close' })
console.log(`warm-up: one call talked for ${SECONDS} s (not measured)`)
const director = agner.desk.desk.director
/** Packets relayed and written by the recordings that started since `since`, once they are all indexed. */
async function recorded(since: number, calls: number): Promise<{ recordings: number; relayed: number; written: number; failed: number }> {
  for (let i = 0; i < 40; i++) {
    const rs = await agner.store.client.query({
      query: `SELECT count() AS n, sum(packets_relayed) AS relayed, sum(packets_written) AS written, countIf(status = 'failed') AS failed FROM recordings FINAL WHERE started_ms >= {since:Int64}`,
      format: 'JSONEachRow', query_params: { since },
    })
    const r = (await rs.json<{ n: string; relayed: string; written: string; failed: string }>())[0]!
    if (Number(r.n) >= calls || i === 39) return { recordings: Number(r.n), relayed: Number(r.relayed), written: Number(r.written), failed: Number(r.failed) }
    await new Promise((res) => setTimeout(res, 250))
  }
  throw new Error('unreachable')
}
let lastOnSince = 0
for (const n of LOADS) {
  const measured: Record<string, { perCall: number; relayPerCall: number }> = {}
  for (const recording of [false, true]) {
    director.setRecording(recording)
    const since = Date.now()
    await ask({ cmd: 'open', n })
    await new Promise((r) => setTimeout(r, 1500))
    const stats = await agner.desk.media.stats()
    const load = await cpuOver(SECONDS)
    const perCall = (load.cpu - base.cpu) / n
    const relayPerCall = (load.relay - base.relay) / n
    measured[recording ? 'on' : 'off'] = { perCall, relayPerCall }
    console.log(`${String(n).padStart(2)} calls, recording ${recording ? 'on ' : 'off'} (${stats.length} legs, ${stats.filter((l) => l.state === 'connected').length} connected, ${stats.filter((l) => l.rtp === 'direct').length} on the direct RTP path): process CPU ${(load.cpu * 100).toFixed(1)} % of a core, ${(perCall * 100).toFixed(2)} % per call over the baseline; media worker threads ${(load.relay * 100).toFixed(1)} %, relay ${(relayPerCall * 100).toFixed(2)} % of a core per call, woken ${load.wakeups.toFixed(0)} times/s; RSS ${mb(load.rss)}`)
    if (n === 1) console.log(`   1 call's relay against the floor with crypto: ${(relayPerCall / floor.crypto.cpu).toFixed(2)}×`)
    if (recording && n === LOADS.at(-1)) { lastOnSince = since; break } // the last load stays up for the live-latency run below
    await ask({ cmd: 'close' })
    if (recording) {
      const r = await recorded(since, n)
      console.log(`   recordings: ${r.recordings} of ${n} calls, packets written ${r.written} of ${r.relayed} relayed (${r.relayed - r.written} lost, ${r.failed} failed)`)
    }
  }
  console.log(`   recording on against off: ${(measured.on!.perCall / measured.off!.perCall).toFixed(2)}× process CPU per call, ${(measured.on!.relayPerCall / measured.off!.relayPerCall).toFixed(2)}× media-worker CPU per call`)
}

const withCalls = await measureLiveLatency(agner, { rate: RATE, seconds: SECONDS * 2 })
await ask({ cmd: 'close' })
const last = await recorded(lastOnSince, LOADS.at(-1)!)
console.log(`   recordings at ${LOADS.at(-1)} calls: ${last.recordings}, packets written ${last.written} of ${last.relayed} relayed (${last.relayed - last.written} lost, ${last.failed} failed)`)
await new Promise((r) => setTimeout(r, 1000))
const without = await measureLiveLatency(agner, { rate: RATE, seconds: SECONDS * 2 })
console.log(`live-latency at ${RATE} events/s without calls: p50 ${without.p50.toFixed(1)} ms  p99 ${without.p99.toFixed(1)} ms (${without.probes} probes)`)
console.log(`live-latency with ${LOADS.at(-1)} calls:            p50 ${withCalls.p50.toFixed(1)} ms  p99 ${withCalls.p99.toFixed(1)} ms (${withCalls.probes} probes); ratio p99 ${(withCalls.p99 / without.p99).toFixed(2)}×`)

phones.send({ cmd: 'exit' })
await agner.close()
rmSync(dir, { recursive: true, force: true })
process.exit(0)
