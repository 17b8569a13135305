/** The agner CLI: replay (to the store, and to a server), emit, migrate; run as a user would. */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleEvent } from '@agner/events/testing'
import { visitEvents } from '@agner/analytics/testing'
import { readFileSync, existsSync } from 'node:fs'
import { countStoredEvents, createStore } from '@agner/analytics'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner } from '../src/index.ts'
import { apiToken } from './support/access.ts'

const run = promisify(execFile)
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const work = mkdtempSync(join(tmpdir(), 'agner-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const agner = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [join(ROOT, 'bin', 'agner.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 })

function fixtureFile(): { file: string; good: number } {
  const good = Array.from({ length: 25 }, () => JSON.stringify(sampleEvent()))
  const lines = [...good.slice(0, 10), '{broken json', JSON.stringify({ ...sampleEvent(), type: 'nope' }), ...good.slice(10), '']
  const file = join(work, 'events.ndjson')
  writeFileSync(file, lines.join('\n'))
  return { file, good: good.length }
}

describe('agner CLI', () => {
  it('migrate is idempotent', async () => {
    const dataDir = join(work, 'migrate')
    const first = await agner(['migrate'], { AGNER_DATA_DIR: dataDir })
    expect(first.stdout).toContain('applied: 0001_events, 0002_queue_visits, 0003_agent_state_intervals, 0004_dead_letters')
    const second = await agner(['migrate'], { AGNER_DATA_DIR: dataDir })
    expect(second.stdout).toContain('the schema is up to date')
  })

  it('replay FILE with no server writes straight into the store and prints the counts and reasons', async () => {
    const { file, good } = fixtureFile()
    const dataDir = join(work, 'replay-store')
    const { stdout } = await agner(['replay', file], { AGNER_DATA_DIR: dataDir })
    expect(stdout).toContain(`accepted ${good}, rejected 2`)
    expect(stdout).toContain('line 11: not valid JSON')
    expect(stdout).toContain('line 12: type "nope" is not a known event type')
    const store = await createStore({ dataDir })
    expect((await countStoredEvents(store.client)).finalRows).toBe(good)
    await store.close()
  })

  it('replay FILE --url and emit --url go through a running server', async () => {
    const server = await startAgner(loadConfig({}, { demo: false, dataDir: join(work, 'server'), port: await freePort(), logLevel: 'silent' }), { web: false })
    try {
      const { file, good } = fixtureFile()
      const env = { AGNER_TOKEN: await apiToken(server.access.directory, ['events:write']) }
      const refused = await agner(['replay', file, '--url', server.url], { AGNER_TOKEN: 'agn_t_nope' }).catch((e: { stderr: string }) => e)
      expect(refused.stderr).toContain('Agner refused the token (401')
      const replay = await agner(['replay', file, '--url', server.url], env)
      expect(replay.stdout).toContain(`accepted ${good}, rejected 2`)
      const emit = await agner(['emit', '--rate', '200', '--duration', '2', '--url', server.url], env)
      const published = Number(/published (\d+) events/.exec(emit.stdout)?.[1])
      expect(published).toBeGreaterThan(100)
      expect((await countStoredEvents(server.store.client)).finalRows).toBe(good + published)
    } finally {
      await server.close()
    }
  })

  it('simulate runs a scenario in virtual time and prints per-queue figures; a bad scenario stops with one sentence', async () => {
    const scenario = join(ROOT, 'telephony', 'scenarios', 'single-queue.json')
    const { stdout } = await agner(['simulate', '--scenario', scenario, '--hours', '4', '--json'], {})
    const report = JSON.parse(stdout) as { hours: number; agents: number; occupancy: number; queues: Array<{ queueId: string; offered: number; answered: number; abandoned: number; serviceLevel: number; asaSeconds: number; ahtSeconds: number }> }
    expect(report).toMatchObject({ hours: 4, agents: 20 })
    const q = report.queues[0]!
    expect(q.queueId).toBe('support')
    expect(q.offered).toBeGreaterThan(1100)
    expect(q.answered + q.abandoned).toBeLessThanOrEqual(q.offered)
    expect(q.serviceLevel).toBeGreaterThan(0.3)
    expect(q.ahtSeconds).toBeGreaterThan(120)
    expect(report.occupancy).toBeGreaterThan(0.5)
    const bad = join(work, 'bad-scenario.json')
    writeFileSync(bad, JSON.stringify({ queues: [{ id: 'q', arrivalsPerHour: 10, handleTime: { distribution: 'exponential', meanSeconds: 60 }, requiredSkills: { klingon: 2 } }], agents: { count: 3 } }))
    await expect(agner(['simulate', '--scenario', bad], {})).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('needs skill "klingon", which no agent has') })
    writeFileSync(bad, '{ "queues": [')
    await expect(agner(['simulate', '--scenario', bad], {})).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('is not valid JSON') })
  })

  it('a bad setting stops with one sentence', async () => {
    await expect(agner(['migrate'], { AGNER_TIMEZONE: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 2, stderr: expect.stringContaining('AGNER_TIMEZONE "Mars/Olympus" is not an IANA time zone; use a name such as Asia/Shanghai'),
    })
  })
})

describe('agner report', () => {
  const T = Date.UTC(2026, 10, 2, 10, 0)
  const dataDir = join(work, 'report-store')
  // Two answered within 20 s, one answered at 40 s, one abandoned after 10 s, in queue "line1":
  // SL (ignore short abandons, T 20 s, S 5 s) = 2 / (3 + 1 − 0) = 50 %; ASA = (5 + 15 + 40) / 3 = 20 s.
  const visits = [
    visitEvents({ contactId: 'r1', queueId: 'line1', at: T, waitMs: 5000, outcome: 'answered', agentId: 'x1', talkMs: 60_000 }),
    visitEvents({ contactId: 'r2', queueId: 'line1', at: T + 60_000, waitMs: 15_000, outcome: 'answered', agentId: 'x1', talkMs: 60_000 }),
    visitEvents({ contactId: 'r3', queueId: 'line1', at: T + 120_000, waitMs: 40_000, outcome: 'answered', agentId: 'x2', talkMs: 60_000 }),
    visitEvents({ contactId: 'r4', queueId: 'line1', at: T + 180_000, waitMs: 10_000, outcome: 'abandoned' }),
  ].flat()
  const env = { AGNER_DATA_DIR: dataDir, AGNER_DEMO: 'false', AGNER_TIMEZONE: 'UTC' }

  it('writes a CSV for cron from events replayed straight into the store', async () => {
    const file = join(work, 'visits.ndjson')
    writeFileSync(file, visits.map((e) => JSON.stringify(e)).join('\n'))
    await agner(['replay', file], env)
    const out = join(work, 'day.csv')
    const { stderr } = await agner(['report', 'queue-performance', '--from', '2026-11-02', '--to', '2026-11-03', '--interval', 'day', '--queue', 'line1', '--format', 'csv', '--out', out], env)
    expect(stderr).toContain(`wrote Queue performance to ${out}`)
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
    // One table: the header on line 1, then the day: offered 4, answered 3, abandoned 1, short 0,
    // flowed out 0, SL 50 %, ASA 20 s, AHT 60 s, abandon rate 25 %, max wait 40 s.
    expect(lines[0]).toMatch(/^Period,Offered,Answered,/)
    expect(lines.slice(1).map((l) => l.split(','))).toEqual([['2026-11-02', '4', '3', '1', '0', '0', '50', '20', '60', '25', '40']])
  })

  it('writes Excel and PDF files, and refuses bad input with one sentence', async () => {
    for (const format of ['xlsx', 'pdf']) {
      const out = join(work, `day.${format}`)
      await agner(['report', 'agent-performance', '--from', '2026-11-02', '--format', format, '--out', out, '--lang', 'zh-CN'], env)
      expect(existsSync(out) && readFileSync(out).length > 1000).toBe(true)
    }
    const bad = await agner(['report', 'queue-performance', '--interval', '7m'], env).catch((e: { code: number; stderr: string }) => e)
    expect(bad).toMatchObject({ code: 2 })
    expect((bad as { stderr: string }).stderr).toContain('Interval "7m" is not offered')
  })
})

describe('agner erlang', () => {
  it('sizes the classic case and evaluates a given staffing, with the documented JSON keys', async () => {
    // 100 calls per 30 min, AHT 180 s, 80/20, 30 % shrinkage → 14 agents, 20 scheduled (callcentrehelper worked example).
    const sized = JSON.parse((await agner(['erlang', '--volume', '100', '--interval', '1800', '--aht', '180', '--threshold', '20', '--sl', '0.8', '--shrinkage', '0.3', '--json'], {})).stdout)
    expect(Object.keys(sized).sort()).toEqual(['agents', 'asaSec', 'model', 'occupancy', 'probWait', 'scheduledAgents', 'serviceLevel', 'trafficErlangs'])
    expect(sized).toMatchObject({ model: 'erlang-c', trafficErlangs: 10, agents: 14, scheduledAgents: 20 })
    expect(sized.probWait).toBeCloseTo(0.1741, 4)
    const a = JSON.parse((await agner(['erlang', '--volume', '100', '--interval', '1800', '--aht', '180', '--patience', '300', '--agents', '14', '--json'], {})).stdout)
    expect(a).toMatchObject({ model: 'erlang-a', agents: 14 })
    expect(a.abandonRate).toBeCloseTo(0.013984, 5) // EA-1, pyworkforce test_erlanga_regression_metrics
    const bad = await agner(['erlang', '--volume', '100', '--aht', '0'], {}).catch((e: { code: number; stderr: string }) => e)
    expect(bad).toMatchObject({ code: 2 })
    expect((bad as { stderr: string }).stderr).toContain('aht: must be a handle time in seconds > 0')
  })
})

