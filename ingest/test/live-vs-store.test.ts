/**
 * Live and stored agree: a fixture goes through the real path (bus → writer → chDB, tap → live
 * engine), twice, the second time shuffled within each minute. Every live counter for today must
 * equal the same figure computed by ClickHouse, for the engine that saw the stream, for one
 * rebuilt from the store, and for one that saw only the shuffled copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodePayload, MemoryBus, type CanonicalEvent } from '@agner/events'
import { COUNTER_KEYS, figures, queueCounters, RollupRefresher, runReport, type Counters } from '@agner/analytics'
import { tempStore } from '@agner/analytics/testing'
import { seededRandom, TrafficModel, trafficForRate } from '@agner/telephony'
import { LiveEngine, rebuildFromStore, startOfDayIn, StoreWriter } from '../src/index.ts'

const TZ = 'Asia/Shanghai'
// 2026-10-01 in Shanghai starts at 2026-09-30T16:00Z. Traffic from 23:00 the day before to 10:30.
const DAY = Date.UTC(2026, 8, 30, 16, 0, 0)
const START = DAY - 3600_000
const END = DAY + 10.5 * 3600_000
const NOW = END + 60_000

let ctx: Awaited<ReturnType<typeof tempStore>>
let fixture: CanonicalEvent[]
let engine: LiveEngine

function shuffledWithinMinutes(events: CanonicalEvent[], seed: number): CanonicalEvent[] {
  const rnd = seededRandom(seed)
  const byMinute = new Map<number, CanonicalEvent[]>()
  for (const e of events) {
    const m = Math.floor(e.time / 60_000)
    if (!byMinute.has(m)) byMinute.set(m, [])
    byMinute.get(m)!.push(e)
  }
  const out: CanonicalEvent[] = []
  for (const group of byMinute.values()) {
    for (let i = group.length - 1; i > 0; i--) { const j = Math.floor(rnd.next() * (i + 1)); [group[i], group[j]] = [group[j]!, group[i]!] }
    out.push(...group)
  }
  return out
}

async function throughThePipeline(events: CanonicalEvent[], live: LiveEngine): Promise<void> {
  // A fresh bus each time: its door-side dedup must not hide duplicates from the store.
  const bus = new MemoryBus()
  await bus.tap((p) => { const d = decodePayload(p); if (d.ok) live.apply(d.value as CanonicalEvent) })
  const writer = new StoreWriter(bus, ctx.store, { batchSize: 2000, maxWaitMs: 20, maxDeliver: 3 })
  await writer.start()
  for (let i = 0; i < events.length; i += 5000) await bus.publish(events.slice(i, i + 5000))
  await writer.stop()
  await bus.close()
}

const thresholds = { default: { serviceLevelMs: 20_000, shortAbandonMs: 5_000 } }

beforeAll(async () => {
  ctx = await tempStore()
  const cfg = { ...trafficForRate({ eventsPerSecond: 6, queues: 3, seed: 42, tenant: 'default' }), meanPatienceMs: 45_000 }
  fixture = new TrafficModel(cfg, START).advance(END)
  engine = new LiveEngine({ tenant: 'default', timeZone: TZ, now: NOW })
  await throughThePipeline(fixture, engine)
  await throughThePipeline(shuffledWithinMinutes(fixture, 7), engine)
}, 120_000)
afterAll(async () => { await ctx?.dispose() })

async function storedToday(): Promise<Map<string, Counters>> {
  return queueCounters(ctx.store.client, { tenant: 'default', fromMs: startOfDayIn(NOW, TZ), toMs: NOW + 3600_000, thresholds })
}

function expectSameCounters(live: LiveEngine, stored: Map<string, Counters>): void {
  expect(stored.size).toBe(3)
  for (const [queueId, c] of stored) {
    const l = live.todayCounters(queueId)
    for (const k of COUNTER_KEYS) expect({ queueId, k, v: l[k] }).toEqual({ queueId, k, v: c[k] })
  }
}

describe('live and stored agree', () => {
  it('the fixture is substantial and crosses midnight', () => {
    expect(fixture.length).toBeGreaterThan(50_000)
    expect(fixture.some((e) => e.time < DAY)).toBe(true)
  })

  it('stores every event once although the fixture was published twice', async () => {
    const rs = await ctx.store.client.query({ query: 'SELECT count() AS n, uniqExact(id) AS u FROM events FINAL', format: 'JSONEachRow' })
    const [r] = await rs.json<{ n: string; u: string }>()
    expect(Number(r!.n)).toBe(fixture.length)
    expect(Number(r!.u)).toBe(fixture.length)
  })

  it('every live counter for today equals the ClickHouse figure (engine fed by the stream, duplicates and shuffles included)', async () => {
    const stored = await storedToday()
    expectSameCounters(engine, stored)
    const total = [...stored.values()].reduce((s, c) => s + c.offered, 0)
    expect(total).toBeGreaterThan(1000)
    expect([...stored.values()].reduce((s, c) => s + c.abandoned, 0)).toBeGreaterThan(10)
    expect([...stored.values()].reduce((s, c) => s + c.handled, 0)).toBeGreaterThan(500)
  })

  it('an engine rebuilt from the store after a restart has the same figures', async () => {
    const rebuilt = new LiveEngine({ tenant: 'default', timeZone: TZ, now: NOW })
    await rebuildFromStore(rebuilt, ctx.store, NOW)
    expectSameCounters(rebuilt, await storedToday())
    expect(rebuilt.snapshot(NOW).agents).toEqual(engine.snapshot(NOW).agents)
  })

  it('an engine that saw only the shuffled copy has the same figures and agent states', async () => {
    const shuffled = new LiveEngine({ tenant: 'default', timeZone: TZ, now: NOW })
    for (const e of shuffledWithinMinutes(fixture, 99)) shuffled.apply(e)
    expectSameCounters(shuffled, await storedToday())
    expect(shuffled.snapshot(NOW)).toEqual(engine.snapshot(NOW))
  })

  it('agents: handled today, handle time and current state match the store', async () => {
    const rs = await ctx.store.client.query({
      query: `SELECT agent_id AS agentId, uniqExact(contact_id) AS handled FROM events FINAL
              WHERE type = 'contact.wrapup_ended' AND time_ms >= {day:Int64} GROUP BY agent_id`,
      query_params: { day: startOfDayIn(NOW, TZ) }, format: 'JSONEachRow',
    })
    const handled = new Map((await rs.json<{ agentId: string; handled: string }>()).map((r) => [r.agentId, Number(r.handled)]))
    const states = await ctx.store.client.query({ query: 'SELECT agent_id AS agentId, state FROM agent_state_timeline WHERE end_ms = 0', format: 'JSONEachRow' })
    const stateOf = new Map((await states.json<{ agentId: string; state: string }>()).map((r) => [r.agentId, r.state]))
    // Handle time today (talk + hold + wrap-up of the contacts each agent wrapped up today), as the store has it.
    const ht = await ctx.store.client.query({
      query: `SELECT w.agent_id AS agentId, sum(w.wrap + e.th) AS ms FROM
                (SELECT agent_id, contact_id, any(JSONExtractInt(data, 'durationMs')) AS wrap FROM events FINAL
                 WHERE type = 'contact.wrapup_ended' AND time_ms >= {day:Int64} GROUP BY agent_id, contact_id) AS w
              LEFT JOIN
                (SELECT agent_id, contact_id, any(JSONExtractInt(data, 'talkMs') + JSONExtractInt(data, 'holdMs')) AS th FROM events FINAL
                 WHERE type = 'contact.ended' AND time_ms >= {day:Int64} GROUP BY agent_id, contact_id) AS e
              ON e.agent_id = w.agent_id AND e.contact_id = w.contact_id
              GROUP BY agentId`,
      query_params: { day: startOfDayIn(NOW, TZ) }, format: 'JSONEachRow',
    })
    const handleMs = new Map((await ht.json<{ agentId: string; ms: string }>()).map((r) => [r.agentId, Number(r.ms)]))
    const snap = engine.snapshot(NOW)
    expect(snap.agents.length).toBeGreaterThan(5)
    for (const a of snap.agents) {
      expect({ agent: a.agentId, handled: a.handledToday }).toEqual({ agent: a.agentId, handled: handled.get(a.agentId) ?? 0 })
      expect({ agent: a.agentId, handleMs: a.handleMsToday }).toEqual({ agent: a.agentId, handleMs: handleMs.get(a.agentId) ?? 0 })
      expect({ agent: a.agentId, state: a.state }).toEqual({ agent: a.agentId, state: stateOf.get(a.agentId) })
    }
  })

  it("today's live figures at the end of the day equal the day's report (rollups, per queue and in total)", async () => {
    const day = startOfDayIn(NOW, TZ)
    // The writer's batches reach the refresher in production; here the day is rolled up from the store.
    const refresher = new RollupRefresher(ctx.store.client, { tenant: 'default', now: () => NOW })
    await refresher.catchUp()
    const settings = { name: '', serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons' as const, flowOutsInDenominator: false }
    const report = await runReport('queue-performance', {
      client: ctx.store.client, tenant: 'default', timeZone: TZ, locale: 'en', pii: false, now: NOW,
      queue: (id) => ({ ...settings, name: id }), agentName: (id) => id,
    }, { from: day, to: day + 86_400_000, interval: '60m', queues: [], teams: [], agents: [], channels: [] })
    const byQueue = report.sections.find((s) => s.id === 'byQueue')!.rows
    expect(byQueue.length).toBe(3)
    for (const row of byQueue) {
      const live = figures(engine.todayCounters(String(row.queueId)), settings)
      expect({ q: row.queueId, offered: row.offered, answered: row.answered, abandoned: row.abandoned, short: row.shortAbandons, flowed: row.flowedOut, handled: row.handled })
        .toEqual({ q: row.queueId, offered: live.offered, answered: live.answered, abandoned: live.abandoned, short: live.shortAbandons, flowed: live.flowedOut, handled: live.handled })
      expect(row.serviceLevel).toBeCloseTo(live.serviceLevel!, 12)
      expect(row.asa).toBeCloseTo(live.asaMs!, 6)
      expect(row.aht).toBeCloseTo(live.ahtMs!, 6)
      expect(row.abandonRate).toBeCloseTo(live.abandonRate!, 12)
    }
    // The hourly rows add up to the day.
    const hours = report.sections.find((s) => s.id === 'byInterval')!.rows
    expect(hours.reduce((s, r) => s + Number(r.offered), 0)).toBe(byQueue.reduce((s, r) => s + Number(r.offered), 0))
  })
})
