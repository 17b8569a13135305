/** `agner seed`: simulated history lands in the store, from midnight a week ago up to now, and carries the center's weekly shape. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { validateEvent } from '@agner/events'
import { readEvents } from '@agner/analytics'
import { tempStore } from '@agner/analytics/testing'
import { startOfDayIn } from '../src/live/day.ts'
import { seedHistory, type SeedResult } from '../src/seed-history.ts'

let ctx: Awaited<ReturnType<typeof tempStore>>
let r: SeedResult
const TZ = 'Asia/Shanghai'
const now = Date.UTC(2026, 10, 21, 6, 0) // Saturday 14:00 in Shanghai

beforeAll(async () => {
  ctx = await tempStore()
  r = await seedHistory(ctx.store, { tenant: 'default', timeZone: TZ, weeks: 1, now })
}, 120_000)
afterAll(async () => { await ctx?.dispose() })

const rows = async <T>(query: string): Promise<T[]> => (await ctx.store.client.query({ query, format: 'JSONEachRow' })).json<T>()

it('stores a week of contacts and today up to now, every event valid', async () => {
  expect(r.to).toBe(now)
  expect(r.from).toBe(startOfDayIn(now, TZ) - 7 * 86_400_000)
  expect(r.contacts).toBeGreaterThan(10_000)
  const [span] = await rows<{ lo: string; hi: string; n: string }>('SELECT min(time_ms) lo, max(time_ms) hi, count() n FROM events FINAL')
  expect(Number(span!.n)).toBe(r.events)
  expect(Number(span!.lo)).toBeGreaterThanOrEqual(r.from)
  expect(Number(span!.hi)).toBeLessThanOrEqual(r.to)
  let checked = 0
  for await (const e of readEvents(ctx.store.client, 'default', r.to - 3_600_000, r.to)) {
    expect(validateEvent(e, { now }).ok).toBe(true)
    if (++checked >= 2000) break
  }
  expect(checked).toBeGreaterThan(100)
})

it('has the shape of a real center: busy weekdays, quiet nights and Sundays, some abandons, every visit closed once', async () => {
  const byDay = await rows<{ d: number; n: string }>(`SELECT toDayOfWeek(fromUnixTimestamp64Milli(time_ms), 0, '${TZ}') d, count() n FROM events WHERE type = 'contact.created' GROUP BY d ORDER BY d`)
  const n = (d: number) => Number(byDay.find((x) => x.d === d)!.n)
  expect(n(1)).toBeGreaterThan(n(7) * 1.8)
  const byHour = await rows<{ h: number; n: string }>(`SELECT toHour(fromUnixTimestamp64Milli(time_ms), '${TZ}') h, count() n FROM events WHERE type = 'contact.created' GROUP BY h`)
  const at = (h: number) => Number(byHour.find((x) => x.h === h)?.n ?? 0)
  expect(at(10)).toBeGreaterThan(at(3) * 10)
  const [outcomes] = await rows<{ answered: string; abandoned: string; closed: string; open: string; dequeues: string }>(`
    SELECT countIf(outcome = 'answered') answered, countIf(outcome = 'abandoned') abandoned, countIf(outcome != '') closed,
           countIf(outcome = '') open,            (SELECT count() FROM events FINAL WHERE type = 'contact.dequeued') dequeues
    FROM (SELECT contact_id, queue_id, max(queued_at_ms) queued_at_ms, max(outcome) outcome FROM queue_visits GROUP BY contact_id, queue_id)`)
  expect(Number(outcomes!.abandoned)).toBeGreaterThan(0)
  expect(Number(outcomes!.answered)).toBeGreaterThan(Number(outcomes!.abandoned) * 3)
  // Every visit was closed once: what was still waiting where history ends (now) left with `error` and the reason.
  expect(Number(outcomes!.dequeues)).toBe(Number(outcomes!.closed))
  expect(Number(outcomes!.open)).toBe(0)
  const [agentsOn] = await rows<{ n: string }>(`SELECT countIf(s != 'offline') n FROM (SELECT agent_id, argMax(JSONExtractString(data, 'status'), time_ms) s FROM events FINAL WHERE type = 'agent.status_changed' GROUP BY agent_id)`)
  expect(Number(agentsOn!.n)).toBe(0)
})

it('today holds today\'s traffic up to now: the demo\'s first start is not empty until midnight', async () => {
  const today = startOfDayIn(now, TZ)
  const [t] = await rows<{ n: string; hi: string }>(`SELECT count() n, max(time_ms) hi FROM events FINAL WHERE type = 'contact.created' AND time_ms >= ${today}`)
  expect(Number(t!.n)).toBeGreaterThan(500) // Saturday 00:00–14:00 in Shanghai
  expect(Number(t!.hi)).toBeGreaterThan(now - 10 * 60_000)
  expect(Number(t!.hi)).toBeLessThanOrEqual(now)
})
