import { afterAll, beforeAll, expect, it } from 'vitest'
import { eventToRow, insertEventRows, intervalCounters, parseReportFilters, RollupRefresher, runReport, type ReportContext } from '../src/index.ts'
import { agentEvent, tempStore, visitEvents } from '../src/testing.ts'

let ctx: Awaited<ReturnType<typeof tempStore>>
beforeAll(async () => { ctx = await tempStore() })
afterAll(async () => { await ctx?.dispose() })

const T0 = Date.UTC(2026, 10, 2, 1, 0) // 09:00 in Asia/Shanghai
const MIN = 60_000
const report = (): ReportContext => ({
  client: ctx.store.client, tenant: 'default', timeZone: 'Asia/Shanghai', locale: 'en', pii: false,
  queue: (id) => ({ name: id, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'answered', flowOutsInDenominator: false }),
  agentName: (id) => id,
})

it('attributes a visit, its handle time included, to the interval it entered the queue in', async () => {
  const refresher = new RollupRefresher(ctx.store.client, { tenant: 'default', now: () => T0 + 120 * MIN })
  // Enters 09:14:50, answered 09:15:30 (wait 40 s), talks until 10:00: everything belongs to 09:00–09:15.
  const late = visitEvents({ contactId: 'c1', queueId: 'q1', at: T0 + 14 * MIN + 50_000, waitMs: 40_000, outcome: 'answered', agentId: 'a1', talkMs: 44 * MIN, wrapMs: 60_000 })
  // Enters 09:15:00 exactly: the next interval.
  const next = visitEvents({ contactId: 'c2', queueId: 'q1', at: T0 + 15 * MIN, waitMs: 3_000, outcome: 'abandoned' })
  const all = [...late, ...next]
  // The handle time arrives in a later batch than the answer: the refresher recomputes the same interval.
  const first = all.filter((e) => e.type !== 'contact.ended' && e.type !== 'contact.wrapup_ended')
  await insertEventRows(ctx.store, first.map((e) => eventToRow(e)))
  refresher.markDirty(first)
  await refresher.fresh()
  const rest = all.filter((e) => !first.some((x) => x.id === e.id))
  await insertEventRows(ctx.store, rest.map((e) => eventToRow(e)))
  refresher.markDirty(rest)
  await refresher.fresh()

  const f = parseReportFilters({ from: '2026-11-02T09:00', to: '2026-11-02T10:00', interval: '15m' }, 'Asia/Shanghai')
  const r = await runReport('queue-performance', report(), f)
  const rows = r.sections[0]!.rows
  expect(rows.map((x) => [x.period, x.offered, x.answered, x.abandoned, x.aht])).toEqual([
    ['2026-11-02 09:00', 1, 1, 0, 44 * MIN + 60_000],
    ['2026-11-02 09:15', 1, 0, 1, null],
  ])
  // The raw table, queried without rollups, agrees.
  const raw = await intervalCounters(ctx.store.client, { tenant: 'default', fromMs: T0, toMs: T0 + 60 * MIN, thresholds: { default: { serviceLevelMs: 20_000, shortAbandonMs: 5_000 } } })
  expect(raw.map((x) => [x.start, x.counters.offered, x.counters.talkMs])).toEqual([[T0, 1, 44 * MIN], [T0 + 15 * MIN, 1, 0]])
  // 60-minute periods in the center's zone: both in 09:00.
  const hourly = await runReport('queue-performance', report(), { ...f, interval: '60m' })
  expect(hourly.sections[0]!.rows.map((x) => [x.period, x.offered])).toEqual([['2026-11-02 09:00', 2]])
})

it('splits agent state time at interval boundaries and carries the state across', async () => {
  const now = T0 + 60 * MIN
  const events = [
    agentEvent('a9', T0 - 30 * MIN, { status: 'available' }),
    agentEvent('a9', T0 + 10 * MIN, { status: 'aux', reasonCode: 'break' }),
    agentEvent('a9', T0 + 20 * MIN, { status: 'available' }),
    agentEvent('a9', T0 + 25 * MIN, { activity: 'on_contact' }),
    agentEvent('a9', T0 + 35 * MIN, { activity: 'wrap_up' }),
    agentEvent('a9', T0 + 40 * MIN, { activity: 'idle' }),
    agentEvent('a9', T0 + 50 * MIN, { status: 'offline' }),
  ]
  await insertEventRows(ctx.store, events.map((e) => eventToRow(e)))
  const refresher = new RollupRefresher(ctx.store.client, { tenant: 'default', now: () => now })
  refresher.markDirty(events)
  await refresher.fresh()
  const f = parseReportFilters({ from: '2026-11-02T09:00', to: '2026-11-02T10:00', agent: 'a9' }, 'Asia/Shanghai')
  const r = await runReport('agent-performance', report(), f)
  const a = r.sections[0]!.rows[0]!
  // 09:00–09:10 ready, 09:10–09:20 break, 09:20–09:25 ready, 09:25–09:35 busy, 09:35–09:40 wrap, 09:40–09:50 ready, then offline.
  expect([a.ready, a.aux, a.busy, a.wrap, a.loggedIn]).toEqual([25 * MIN, 10 * MIN, 10 * MIN, 5 * MIN, 50 * MIN])
  expect(a.occupancy).toBeCloseTo(15 / 40, 10) // (busy 10 + wrap 5) / (15 + ready 25)
  expect(a.utilisation).toBeCloseTo(15 / 50, 10)
  expect(r.sections[1]!.rows[0]).toMatchObject({ agentId: 'a9', 'r:break': 10 * MIN, total: 10 * MIN })
  // The break 09:10–09:20 is 5 minutes in 09:00–09:15 and 5 in 09:15–09:30.
  const split = await ctx.store.client.query({ query: "SELECT interval_start, ms FROM agent_state_time FINAL WHERE agent_id = 'a9' AND state = 'aux' ORDER BY interval_start", format: 'JSONEachRow' })
  expect((await split.json<{ interval_start: string; ms: string }>()).map((x) => [Number(x.interval_start), Number(x.ms)])).toEqual([[T0, 5 * MIN], [T0 + 15 * MIN, 5 * MIN]])
})
