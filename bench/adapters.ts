/**
 * npm run bench -- adapters
 * 1. Parse + map throughput of the AMI and queue_log adapters, against reading and splitting the
 *    same bytes alone (AMI: into blank-line-separated blocks; queue_log: into lines), in memory, in a
 *    process that only reads the fixture's bytes (`_adapter-throughput`).
 * 2. `agner import asterisk-queue-log` of a year of a 100-agent center (BENCH_IMPORT_LINES, default
 *    10,000,000 generated lines), in its own process with its own chDB: time and peak RSS.
 * 3. An AMI event on the socket → the wallboard's WebSocket frame (a fake Asterisk over TCP feeding a
 *    running Agner), p50/p99, against the same change published straight to the bus.
 * BENCH_PARTS=throughput,import,latency picks parts.
 */
import { spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { FakeAmiServer, syntheticCalls } from '@agner/telephony/testing'
import { loadConfig, startAgner } from '../ingest/src/index.ts'
import { newToken } from '../ingest/src/access/tokens.ts'
import { benchScript, mb, percentile, rate } from './_support.ts'

const PARTS = new Set((process.env.BENCH_PARTS ?? 'throughput,import,latency').split(','))
const work = mkdtempSync(join(tmpdir(), 'agner-bench-adapters-'))

/** Runs the benchmark script `name` in a child process (stderr passed through) and returns the JSON of its last stdout line. */
async function runChild<T>(name: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const p = spawn(process.execPath, [...benchScript(name), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  p.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  await new Promise((r) => p.once('exit', r))
  return JSON.parse(stdout.trim().split('\n').pop()!) as T
}
if (PARTS.has('throughput')) {
  const calls = Number(process.env.BENCH_CALLS ?? 100_000)
  // The fixture as bytes, written to files for the timing process.
  const fixture = (() => {
    const ami: string[] = []
    const ql: string[] = []
    for (const c of syntheticCalls({ start: Date.UTC(2026, 0, 1), calls, agents: 100, queues: ['sales', 'support', 'billing', 'vip'], meanGapSec: 10 })) {
      for (const r of c.records) { if (r.ami) ami.push(r.ami); if (r.queueLog) ql.push(r.queueLog) }
    }
    return { ami: Buffer.from(ami.join('')), ql: Buffer.from(`${ql.join('\n')}\n`), amiEvents: ami.length, qlLines: ql.length }
  })()
  const amiFile = join(work, 'ami.bin')
  const qlFile = join(work, 'ql.bin')
  writeFileSync(amiFile, fixture.ami)
  writeFileSync(qlFile, fixture.ql)
  console.log(`fixture: ${calls.toLocaleString('en')} calls = ${fixture.amiEvents.toLocaleString('en')} AMI events (${mb(fixture.ami.length)}), ${fixture.qlLines.toLocaleString('en')} queue_log lines (${mb(fixture.ql.length)})`)
  // Timed in a process of its own that only reads the bytes (not in this one, whose heap the fixture grew).
  const { amiSplit: aBase, amiMap: aMap, qlSplit: qBase, qlMap: qMap } = await runChild<{ amiSplit: number; amiMap: number; qlSplit: number; qlMap: number }>('_adapter-throughput', [amiFile, qlFile])
  console.log(`AMI: read + split alone ${aBase.toLocaleString('en')} events/s; frame + map ${aMap.toLocaleString('en')} events/s (${(aMap / aBase).toFixed(2)} × baseline; target ≥ 100,000/s)`)
  console.log(`queue_log: read + split alone ${qBase.toLocaleString('en')} lines/s; parse + map ${qMap.toLocaleString('en')} lines/s (${(qMap / qBase).toFixed(2)} × baseline; target ≥ 300,000/s)`)
}

if (PARTS.has('import')) {
  const lines = Number(process.env.BENCH_IMPORT_LINES ?? 10_000_000)
  const file = join(work, 'queue_log')
  const out = createWriteStream(file)
  let written = 0
  const t0 = performance.now()
  // A 100-agent center: a call every 10 s on average (about 8,600 a day), a year of them at ~3 lines a call.
  for (const c of syntheticCalls({ start: Date.UTC(2025, 11, 1), calls: Number.MAX_SAFE_INTEGER, agents: 100, queues: ['sales', 'support', 'billing', 'vip', 'callback'], meanGapSec: 10, seed: 21 })) {
    const text = `${c.records.filter((r) => r.queueLog).map((r) => r.queueLog).join('\n')}\n`
    written += c.records.filter((r) => r.queueLog).length
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()))
    if (written >= lines) break
  }
  await new Promise<void>((r) => out.end(() => r()))
  console.log(`generated ${written.toLocaleString('en')} queue_log lines (${mb(statSync(file).size)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const child = (mode: 'baseline' | 'import'): Promise<{ ms: number; events: number; maxRss: number }> =>
    runChild('_queue-log-import', [mode, file], { AGNER_DATA_DIR: join(work, `store-${mode}`), AGNER_TIMEZONE: 'UTC' })
  const base = await child('baseline')
  const baseRate = rate(base.events, base.ms)
  console.log(`baseline: the store bulk-inserts the file's first ${base.events.toLocaleString('en')} events at ${baseRate.toLocaleString('en')} events/s (encoded in the import's batches before timing, one insert at a time, its own process and store)`)
  const res = await child('import')
  console.log(`import: ${(res.ms / 1000).toFixed(1)} s for ${written.toLocaleString('en')} lines = ${res.events.toLocaleString('en')} events (${rate(written, res.ms).toLocaleString('en')} lines/s, ${rate(res.events, res.ms).toLocaleString('en')} events/s, ${(rate(res.events, res.ms) / baseRate).toFixed(2)} × baseline; target ≤ 120 s), peak RSS ${mb(res.maxRss)} (target < 600 MB)`)
  console.log(`  120 s for these events needs the store to take ${Math.round(res.events / 120).toLocaleString('en')} events/s`)
}

if (PARTS.has('latency')) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 20)
  const ami = new FakeAmiServer()
  await ami.listen()
  ami.queueStatus = ['Event: QueueMember\nQueue: sales\nMemberName: probe\nInterface: PJSIP/9999\nStatus: 1\nPaused: 0']
  const dataDir = join(work, 'latency')
  const agner = await startAgner(loadConfig({}, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'UTC' }), { web: false })
  await agner.sources.put({ id: 'pbx', kind: 'asterisk-ami', host: '127.0.0.1', port: ami.port, username: 'agner', secret: 'secret' }, 'create')
  while (agner.sources.get('pbx').status.phase !== 'connected') await new Promise((r) => setTimeout(r, 20))
  const { record, token } = newToken('api', { name: 'bench', scopes: ['live:read'], createdBy: 'bench' })
  await agner.access.directory.save('tokens', record)
  const ws = new WebSocket(`${agner.url.replace('http', 'ws')}/ws/live`, { headers: { authorization: `Bearer ${token}` } })
  await new Promise((r) => ws.once('open', r))
  const sent = new Map<string, number>()
  const viaAmi: number[] = []
  const viaBus: number[] = []
  ws.on('message', (raw) => {
    const now = performance.now()
    const msg = JSON.parse(raw.toString()) as { agents: Array<{ agentId: string; reasonCode: string | null }> }
    for (const a of msg.agents) {
      const at = a.reasonCode ? sent.get(a.reasonCode) : undefined
      if (at === undefined) continue
      sent.delete(a.reasonCode!)
      ;(a.reasonCode!.startsWith('a') ? viaAmi : viaBus).push(now - at)
    }
  })
  // Alternating probes: a pause with a fresh reason through AMI, then the same change on the bus.
  const end = Date.now() + seconds * 1000
  for (let i = 0; Date.now() < end; i++) {
    const viaSocket = i % 2 === 0
    const code = `${viaSocket ? 'a' : 'b'}${i}`
    sent.set(code, performance.now())
    if (viaSocket) await ami.event(`Event: QueueMemberPause\nPrivilege: agent,all\nQueue: sales\nMemberName: probe\nInterface: PJSIP/9999\nPaused: 1\nPausedReason: ${code}`)
    else await agner.bus.publish([{ id: uuidv7(), type: 'agent.status_changed', time: Date.now(), tenant: 'default', source: { kind: 'test', instance: 'bench' }, agentId: 'probe', data: { status: 'aux', reasonCode: code, origin: 'agent' } } as CanonicalEvent])
    await new Promise((r) => setTimeout(r, 70))
  }
  await new Promise((r) => setTimeout(r, 1000))
  const s1 = viaAmi.sort((a, b) => a - b)
  const s2 = viaBus.sort((a, b) => a - b)
  console.log(`AMI event on the socket → /ws/live frame: p50 ${percentile(s1, 50).toFixed(1)} ms, p99 ${percentile(s1, 99).toFixed(1)} ms over ${s1.length} probes (target p99 ≤ 250 ms)`)
  console.log(`baseline, the same change published to the bus → frame: p50 ${percentile(s2, 50).toFixed(1)} ms, p99 ${percentile(s2, 99).toFixed(1)} ms over ${s2.length} probes`)
  ws.close()
  await agner.close()
  await ami.close()
}

rmSync(work, { recursive: true, force: true })
