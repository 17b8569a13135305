import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { sampleEvent } from '@agner/events/testing'
import { BULK_INSERT_BYTES, countStoredEvents, EventTsvBatch, eventToRow, insertEventRows, insertEventTsv, parseReportFilters, readEvents, rebuildRollups, runReport, type ReportContext } from '../src/index.ts'
import { tempStore, visitEvents } from '../src/testing.ts'

let ctx: Awaited<ReturnType<typeof tempStore>>
beforeAll(async () => { ctx = await tempStore() })
afterAll(async () => { await ctx?.dispose() })

const DAY = 86_400_000
const MIN = 60_000
const T0 = Date.UTC(2026, 9, 1, 2, 0) // 10:00 in Asia/Shanghai, 1 October 2026

it('a bulk batch goes through the engine\'s file reader: every event lands exactly, a retry is dropped, no file is left', async () => {
  const tricky = 'tab\there, newline\nthere, back\\slash, 中文备注 😀'
  const pad = 'x'.repeat(300)
  const events: CanonicalEvent[] = Array.from({ length: 30_000 }, (_, i) => ({
    ...sampleEvent(), id: `bulk-${i}`, time: T0 - 30 * DAY + i * 1000, raw: i % 1000 === 0 ? tricky : `${pad}${i}`,
  }) as CanonicalEvent)
  const batch = new EventTsvBatch(7, events.length)
  for (const e of events) batch.add(e)
  const { tsv, token } = batch.finish()
  expect(tsv.length).toBeGreaterThanOrEqual(BULK_INSERT_BYTES) // so the file route is what is tested
  const before = (await countStoredEvents(ctx.store.client)).rows
  await insertEventTsv(ctx.store, tsv, token)
  await insertEventTsv(ctx.store, tsv, token) // retried after a timeout: the same bytes and token
  expect((await countStoredEvents(ctx.store.client)).rows - before).toBe(events.length)
  const back = new Map<string, CanonicalEvent>()
  for await (const e of readEvents(ctx.store.client, 'default', T0 - 31 * DAY, T0 - 29 * DAY)) back.set(e.id, e)
  for (const i of [0, 1, 999, 1000, 29_999]) expect(back.get(`bulk-${i}`)).toEqual({ ...events[i], receivedAt: events[i]!.receivedAt ?? 7 })
  expect(readdirSync(join(ctx.dir, 'bulk-insert'))).toEqual([])
})

const report = (): ReportContext => ({
  client: ctx.store.client, tenant: 'default', timeZone: 'Asia/Shanghai', locale: 'en', pii: false,
  queue: (id) => ({ name: id, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'answered', flowOutsInDenominator: false }),
  agentName: (id) => id,
})

it('rebuilding a long range (staged visits) rolls up every visit to the day it entered, as a short one does', async () => {
  // Ten days: day 0 one answered (wait 10 s, talk 3 min, wrap 1 min) and one abandoned after 40 s;
  // day 4 one answered after 30 s (talk 5 min); day 9 one answered just before midnight whose talk runs into day 10.
  const visits = [
    visitEvents({ contactId: 'r1', queueId: 'rq', at: T0, waitMs: 10_000, outcome: 'answered', agentId: 'ra', talkMs: 3 * MIN, wrapMs: MIN }),
    visitEvents({ contactId: 'r2', queueId: 'rq', at: T0 + 30 * MIN, waitMs: 40_000, outcome: 'abandoned' }),
    visitEvents({ contactId: 'r3', queueId: 'rq', at: T0 + 4 * DAY, waitMs: 30_000, outcome: 'answered', agentId: 'rb', talkMs: 5 * MIN }),
    visitEvents({ contactId: 'r4', queueId: 'rq', at: T0 + 9 * DAY + 13 * 3_600_000 + 55 * MIN, waitMs: 5_000, outcome: 'answered', agentId: 'ra', talkMs: 20 * MIN }),
  ].flat()
  await insertEventRows(ctx.store, visits.map((e) => eventToRow(e)))
  await rebuildRollups(ctx.store.client, 'default', T0 - DAY, T0 + 11 * DAY, T0 + 12 * DAY)
  const f = parseReportFilters({ from: '2026-10-01T00:00', to: '2026-10-12T00:00', interval: 'day', queue: 'rq' }, 'Asia/Shanghai')
  const rows = (await runReport('queue-performance', report(), f)).sections[0]!.rows
  expect(rows.filter((r) => Number(r.offered) > 0).map((r) => [r.period, r.offered, r.answered, r.abandoned, r.aht])).toEqual([
    ['2026-10-01', 2, 1, 1, 4 * MIN],
    ['2026-10-05', 1, 1, 0, 5 * MIN],
    ['2026-10-10', 1, 1, 0, 20 * MIN],
  ])
  const agents = (await runReport('agent-performance', report(), parseReportFilters({ from: '2026-10-01T00:00', to: '2026-10-12T00:00' }, 'Asia/Shanghai'))).sections[0]!.rows
  expect(agents.filter((a) => a.agentId === 'ra' || a.agentId === 'rb').map((a) => [a.agentId, a.handled])).toEqual([['ra', 2], ['rb', 1]])
  // Rebuilding again, and over two days only (the unstaged path), changes nothing.
  await rebuildRollups(ctx.store.client, 'default', T0 + 9 * DAY, T0 + 11 * DAY, T0 + 12 * DAY)
  const again = (await runReport('queue-performance', report(), f)).sections[0]!.rows
  expect(again).toEqual(rows)
})
