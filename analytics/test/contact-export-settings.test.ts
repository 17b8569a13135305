/**
 * A contact export reads single-threaded, and only its own statements do: chDB applies client
 * settings with SET on its one session, so a setting passed that way would slow every later report.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { insertEvents, runReport, type ReportContext } from '../src/index.ts'
import { tempStore, visitEvents } from '../src/testing.ts'

let ctx: Awaited<ReturnType<typeof tempStore>>
beforeAll(async () => { ctx = await tempStore() })
afterAll(async () => { await ctx?.dispose() })

it('leaves max_threads at its default after streaming a contact export', async () => {
  const at = Date.UTC(2026, 10, 2, 9)
  const events = Array.from({ length: 5 }, (_, i) => visitEvents({ contactId: `c${i}`, queueId: 'q1', at: at + i * 60_000, waitMs: 10_000, outcome: 'answered', agentId: 'a1', talkMs: 60_000 })).flat()
  await insertEvents(ctx.store, events, at)
  const report: ReportContext = {
    client: ctx.store.client, tenant: 'default', timeZone: 'UTC', locale: 'en', pii: false, now: at + 3_600_000,
    queue: (id) => ({ name: id, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', flowOutsInDenominator: false }),
    agentName: (id) => id,
  }
  const r = await runReport('contacts', report, { from: at - 3_600_000, to: at + 3_600_000, interval: '15m', queues: [], teams: [], agents: [], channels: [] }, { contacts: { stream: true, limit: 100 } })
  const rows = []
  for await (const row of r.sections[0]!.stream!()) rows.push(row)
  expect(rows).toHaveLength(5)
  const rs = await ctx.store.client.query({ query: "SELECT changed FROM system.settings WHERE name = 'max_threads'", format: 'JSONEachRow' })
  expect(await rs.json()).toEqual([{ changed: 0 }])
})
