/**
 * Reports over a large history: 20 million queue visits (BENCH_VISITS) over 90 days, 20 queues,
 * 500 agents, written straight into the store with one SQL generator, then rolled up. Prints the
 * time to roll up, p50/p95 of a 30-day queue-interval report and a 30-day agent report (through
 * the same code as the API), and the same queue figures computed from the raw visits without
 * rollups as a ratio. Then, in a fresh process (its own RSS): an Excel export of 100,000 contact
 * rows (time, peak RSS) and a 20-page PDF (time). Method in bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createStore, intervalCounters, migrate, rebuildRollups, runReport, type ReportFilters, type Store,
} from '../analytics/src/index.ts'
import { benchScript, mb, memText, NODE_FLAGS, percentile, ROOT } from './_support.ts'
import { ctx, DAY, END, timeIt } from './_report-context.ts'
import type { ExportResult } from './_report-exports.ts'


const VISITS = Number(process.env.BENCH_VISITS ?? 20_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const DAYS = Number(process.env.BENCH_DAYS ?? 90)
const QUEUES = 20
const AGENTS = 500
const START = END - DAYS * DAY
const last30 = (interval: ReportFilters['interval']): ReportFilters => ({ from: END - 30 * DAY, to: END, interval, queues: [], teams: [], agents: [], channels: [] })

// One merged row per visit: the shape queue_visits has after its parts merge.
const VISITS_SQL = `
INSERT INTO queue_visits (tenant, queue_id, contact_id, channel, queued_at_ms, dequeued_at_ms, wait_ms, outcome, agent_id, talk_ms, hold_ms, hold_count, wrap_ms, handled, disposition, priority, dequeue_position)
SELECT 'default', concat('q', toString(n % ${QUEUES})), concat('b', toString(n)), 'voice', queued, queued + wait, wait, outcome,
    if(outcome = 'answered', concat('a', toString(h2 % ${AGENTS})), ''), if(outcome = 'answered', 30000 + h2 % 400000, 0), if(outcome = 'answered' AND h2 % 5 = 0, 20000, 0),
    if(outcome = 'answered' AND h2 % 5 = 0, 1, 0), if(outcome = 'answered', 5000 + h2 % 60000, 0), if(outcome = 'answered', 1, 0),
    if(outcome = 'answered', ['resolved', 'follow_up', 'sale'][1 + h2 % 3], ''), 0, 1 + h % 12
FROM
(
    SELECT number AS n, cityHash64(number) AS h, cityHash64(number, 7) AS h2,
        toInt64(${START} + (n * ${DAYS * DAY}) / {total:UInt64}) AS queued,
        toInt64(h % 90000) AS wait,
        multiIf(h % 100 < 85, 'answered', h % 100 < 95, 'abandoned', h % 100 < 98, 'timeout', 'callback') AS outcome
    FROM numbers({offset:UInt64}, {count:UInt64})
)`

// Agents work 08:00–18:00; a state change about every 6 minutes: ready, ringing, on contact, wrap, and a break now and then.
const STATES_SQL = `
INSERT INTO agent_state_intervals (tenant, agent_id, time_ms, id, kind, status, reason_code, origin, activity, contact_id, queue_id)
SELECT 'default', concat('a', toString(agent)), t, concat('s', toString(n)), kind, status, reason, 'agent', activity, '', ''
FROM
(
    SELECT number AS n, n % ${AGENTS} AS agent, intDiv(n, ${AGENTS} * 100) AS day, intDiv(n, ${AGENTS}) % 100 AS k,
        toInt64(${START} + day * ${DAY} + 8 * 3600000 + k * 360000 + cityHash64(n) % 60000) AS t,
        multiIf(k = 0 OR k = 99 OR k % 25 = 12 OR k % 25 = 13, 'status', 'activity') AS kind,
        multiIf(k = 0, 'available', k = 99, 'offline', k % 25 = 12, 'aux', k % 25 = 13, 'available', '') AS status,
        if(k % 25 = 12, ['break', 'lunch', 'training'][1 + day % 3], '') AS reason,
        if(kind = 'activity', ['offered', 'on_contact', 'wrap_up', 'idle'][1 + k % 4], '') AS activity
    FROM numbers(${AGENTS * DAYS * 100})
)`


function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b)
  return `p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms (${s.length} runs)`
}

async function main(): Promise<void> {
  // BENCH_DIR keeps the generated store (then `--queries DIR` or `--exports DIR` re-runs the reports or the exports alone on it).
  const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'agner-bench-reports-'))
  try {
    const store = await createStore({ dataDir: dir })
    await migrate(store.client)
    console.log(`reports: ${VISITS.toLocaleString('en')} queue visits over ${DAYS} days, ${QUEUES} queues, ${AGENTS} agents (chDB, ${dir})`)
    const [, genMs] = await timeIt(async () => {
      const CHUNK = 2_000_000
      for (let off = 0; off < VISITS; off += CHUNK) {
        await store.client.command({ query: VISITS_SQL, query_params: { offset: off, count: Math.min(CHUNK, VISITS - off), total: VISITS } })
      }
      await store.client.command({ query: STATES_SQL })
      await store.client.command({ query: 'OPTIMIZE TABLE queue_visits FINAL' })
    })
    console.log(`  generated and merged in ${(genMs / 1000).toFixed(1)} s (${(AGENTS * DAYS * 100).toLocaleString('en')} agent state changes)`)
    const [, rollMs] = await timeIt(() => rebuildRollups(store.client, 'default', START, END, END))
    const rows = await (await store.client.query({ query: 'SELECT (SELECT count() FROM queue_intervals FINAL) AS q, (SELECT count() FROM agent_intervals FINAL) AS a, (SELECT count() FROM agent_state_time FINAL) AS s', format: 'JSONEachRow' })).json<Record<string, string>>()
    console.log(`  rolled up in ${(rollMs / 1000).toFixed(1)} s: ${Number(rows[0]!.q).toLocaleString('en')} queue-interval rows, ${Number(rows[0]!.a).toLocaleString('en')} agent-interval rows, ${Number(rows[0]!.s).toLocaleString('en')} agent-state rows`)

    await measureReports(store)
    await store.close()

    await exportsBoth(dir)
  } finally {
    if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true })
  }
}

/** The timed reports on a store holding the generated data (p50/p95 each, and the raw baseline). */
async function measureReports(store: Store): Promise<void> {
  const c = ctx(store)
  const measure = async (name: string, f: () => Promise<unknown>, runs = RUNS): Promise<number[]> => {
    await f() // warm-up
    const ms: number[] = []
    for (let i = 0; i < runs; i++) ms.push((await timeIt(f))[1])
    console.log(`  ${name}: ${stats(ms)}`)
    return ms
  }
  const queueMs = await measure('30-day queue-performance report, 30-minute intervals, all queues (rollups)', () => runReport('queue-performance', c, last30('30m')))
  await measure('30-day service-level report (six formulas), daily', () => runReport('service-level', c, last30('day')))
  const agentMs = await measure('30-day agent-performance report, all agents (rollups)', () => runReport('agent-performance', c, last30('day')))
  const rawMs = await measure('baseline: the same 30-day queue counters per 15-minute interval from the raw visits (no rollups)', () => intervalCounters(store.client, {
    tenant: 'default', fromMs: END - 30 * DAY, toMs: END, thresholds: { default: { serviceLevelMs: 20_000, shortAbandonMs: 5_000 } },
  }), 3)
  const p50 = (x: number[]): number => percentile([...x].sort((a, b) => a - b), 50)
  console.log(`  ratio raw / rollup (p50): ${(p50(rawMs) / p50(queueMs)).toFixed(1)}×`)
  console.log(`  targets: p50 ≤ 500 ms each → queue ${p50(queueMs) <= 500 ? 'met' : 'NOT met'}, agent ${p50(agentMs) <= 500 ? 'met' : 'NOT met'}`)
}

/** One export process (bench/_report-exports.ts); its RESULT line. */
function runExports(dir: string, url?: string): ExportResult {
  const r = spawnSync(process.execPath, [...benchScript('_report-exports'), dir, ...(url ? [url] : [])], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = /RESULT (.*)/.exec(r.stdout?.toString() ?? '')
  if (r.status !== 0 || !line) throw new Error(`the export process exited with ${r.status}`)
  return JSON.parse(line[1]!) as ExportResult
}

/**
 * Exports in fresh processes, so each peak RSS is the export's: first with chDB inside the export
 * process (embedded mode), then reading over ClickHouse's HTTP interface from `agner store`
 * serving the same directory (server mode, the engine in another process).
 */
async function exportsBoth(dir: string): Promise<void> {
  const show = (label: string, r: ExportResult, extra = ''): void => {
    console.log(`  Excel export of ${r.xlsxRows.toLocaleString('en')} contact rows, ${label}: ${(r.xlsxMs / 1000).toFixed(1)} s, peak RSS ${mb(r.rssPeak)} ` +
      `(${mb(r.rssBefore)} before it; the export added ${mb(r.rssPeak - r.rssBefore)}; ${mb(r.xlsxBytes)} file)${extra}`)
    console.log(`    largest sample: ${memText(r.atPeak)}`)
    console.log(`    targets ≤ 15 s: ${r.xlsxMs <= 15_000 ? 'met' : 'NOT met'}; ≤ 400 MB peak RSS: ${r.rssPeak <= 400 * 1_048_576 ? 'met' : 'NOT met'}`)
    console.log(`  PDF of 800 contact rows: ${r.pdfPages} pages in ${(r.pdfMs / 1000).toFixed(1)} s → ${r.pdfMs <= 5000 ? 'met' : 'NOT met'} (20 pages ≤ 5 s)`)
  }
  show('chDB inside the export process (embedded mode)', runExports(dir))
  const env: NodeJS.ProcessEnv = { ...process.env, AGNER_DATA_DIR: dir }
  delete env.CLICKHOUSE_URL
  const storeProc = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'bin', 'agner.mjs'), 'store', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      storeProc.stdout.on('data', (d: Buffer) => { out += d.toString(); const m = /served at (http:\/\/\S+?);/.exec(out); if (m) resolve(m[1]!) })
      storeProc.once('exit', (code) => reject(new Error(`agner store exited with ${code}`)))
    })
    const served = runExports(dir, url)
    const storeHwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${storeProc.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
    show('reading from `agner store` over HTTP (server mode)', served, `; the store process peaked at ${mb(storeHwm)}`)
  } finally {
    storeProc.kill('SIGTERM')
  }
}

if (process.argv[2] === '--exports') await exportsBoth(process.argv[3]!)
else if (process.argv[2] === '--queries') {
  const store = await createStore({ dataDir: process.argv[3]! })
  await measureReports(store)
  await store.close()
} else await main()
