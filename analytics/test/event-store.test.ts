import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { sampleEvent } from '@agner/events/testing'
import { countStoredEvents, eventsToTsv, eventToRow, insertEventRows, insertEvents, migrate, readEvents, rowsToTsv } from '../src/index.ts'
import { tempStore } from '../src/testing.ts'

let ctx: Awaited<ReturnType<typeof tempStore>>
beforeAll(async () => { ctx = await tempStore() })
afterAll(async () => { await ctx?.dispose() })

it('stores and reads back events exactly, whatever their text holds', async () => {
  const tricky = 'tab\there, newline\nthere, CR\r, back\\slash, "quotes", 中文备注 😀'
  const events: CanonicalEvent[] = [
    sampleEvent({ raw: tricky } as Partial<CanonicalEvent>),
    { ...sampleEvent(), type: 'contact.wrapup_ended', data: { durationMs: 5000, dispositionCode: '已解决', notes: tricky } } as CanonicalEvent,
    { ...sampleEvent(), type: 'contact.created', data: { direction: 'inbound', initiation: 'inbound', ani: '13800000000' } } as CanonicalEvent,
  ]
  // The writer's path (events straight to text) writes exactly what the row path writes.
  expect(eventsToTsv(events, 1).toString('utf8')).toBe(rowsToTsv(events.map((e) => eventToRow(e, 1))).toString('utf8'))
  const again = events.map((e) => ({ ...e, id: `${e.id}-again` }))
  await insertEventRows(ctx.store, events.map((e) => eventToRow(e, 1)))
  await insertEvents(ctx.store, again, 1)
  const back: CanonicalEvent[] = []
  for await (const e of readEvents(ctx.store.client, 'default', 0, Date.now() + 1000)) back.push(e)
  const byId = new Map(back.map((e) => [e.id, e]))
  for (const e of [...events, ...again]) expect(byId.get(e.id)).toEqual({ ...e, receivedAt: 1 })
})

it('a retried batch is dropped whole (dedup token), and migrations re-run as a no-op', async () => {
  const batch = Array.from({ length: 50 }, () => eventToRow(sampleEvent()))
  const before = await countStoredEvents(ctx.store.client)
  await insertEventRows(ctx.store, batch)
  await insertEventRows(ctx.store, batch)
  const after = await countStoredEvents(ctx.store.client)
  expect(after.rows - before.rows).toBe(50)
  expect(await migrate(ctx.store.client)).toEqual([])
})
