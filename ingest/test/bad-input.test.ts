/**
 * Must survive bad input: invalid JSON, unknown type, missing or mistyped fields, a 2 MB body,
 * invalid UTF-8, a negative duration, a timestamp a year ahead. Each gets a clear rejection (4xx
 * over HTTP, a dead letter with its reason on the bus); the valid events around it all land; the
 * process stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { MemoryBus, type CanonicalEvent, type DeadLetter } from '@agner/events'
import { sampleEvent } from '@agner/events/testing'
import { countStoredEvents } from '@agner/analytics'
import { tempStore } from '@agner/analytics/testing'
import { buildApp, LiveEngine, LiveFeed, loadConfig, StoreWriter } from '../src/index.ts'
import { securityOptions, startAccess } from '../src/access-runtime.ts'
import { apiToken } from './support/access.ts'
import { RealtimeAcd } from '@agner/telephony'

let ctx: Awaited<ReturnType<typeof tempStore>>
let bus: MemoryBus
let writer: StoreWriter
let app: FastifyInstance
const letters: DeadLetter[] = []
/** How many letters each call of the dead-letter listener carried. */
const letterBatches: number[] = []
let auth: Record<string, string>

beforeAll(async () => {
  ctx = await tempStore()
  bus = new MemoryBus()
  bus.onDeadLetter((l) => { letters.push(...l); letterBatches.push(l.length) })
  writer = new StoreWriter(bus, ctx.store, { batchSize: 500, maxWaitMs: 10, maxDeliver: 3 })
  await writer.start()
  const engine = new LiveEngine({ tenant: 'default', timeZone: 'UTC' })
  const feed = new LiveFeed(engine, 250)
  await feed.start(bus)
  const config = loadConfig({}, { demo: false, dataDir: ctx.dir, timeZone: 'UTC' })
  const { access } = await startAccess(ctx.store, config, engine)
  auth = { authorization: `Bearer ${await apiToken(access.directory, ['events:write'])}` }
  const acd = new RealtimeAcd({ tenant: 'default', instance: 'test', queues: [], agents: [], publish: (events) => bus.publish(events) })
  app = await buildApp({
    bus, store: ctx.store, engine, feed, access, acd, tenant: 'default', maxBodyBytes: config.maxBodyBytes,
    security: securityOptions(config),
  })
})
afterAll(async () => { await app?.close(); await writer?.stop(); await ctx?.dispose() })

const post = (payload: string | Buffer, contentType = 'application/json') =>
  app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': contentType, ...auth }, payload })

const stored = async (id: string): Promise<boolean> => {
  const rs = await ctx.store.client.query({ query: 'SELECT count() AS n FROM events WHERE id = {id:String}', query_params: { id }, format: 'JSONEachRow' })
  return Number((await rs.json<{ n: string }>())[0]!.n) > 0
}

describe('POST /api/events with bad input', () => {
  it('a mixed batch: every bad event rejected with its reason, every good one stored (202 means stored)', async () => {
    const good = [sampleEvent(), sampleEvent({ type: 'contact.dequeued', data: { waitMs: 4000, outcome: 'answered' } } as Partial<CanonicalEvent>), sampleEvent()]
    const bad = [
      { ...sampleEvent(), type: 'contact.teleported' },
      (() => { const { time: _t, ...e } = sampleEvent(); return e })(),
      { ...sampleEvent(), time: 'yesterday' },
      { ...sampleEvent(), type: 'contact.dequeued', data: { waitMs: -300, outcome: 'answered' } },
      { ...sampleEvent(), time: Date.now() + 365 * 86_400_000 },
    ]
    const res = await post(JSON.stringify([good[0], ...bad.slice(0, 3), good[1], ...bad.slice(3), good[2]]))
    expect(res.statusCode).toBe(202)
    const body = res.json()
    expect(body.accepted).toBe(3)
    expect(body.rejected).toBe(5)
    const reasons = body.rejections.map((r: { problems: string[] }) => r.problems.join('; '))
    expect(reasons[0]).toContain('type "contact.teleported" is not a known event type')
    expect(reasons[1]).toContain('time is missing')
    expect(reasons[2]).toContain('time must be a whole number, got "yesterday"')
    expect(reasons[3]).toContain('data.waitMs must be 0 or more, got -300')
    expect(reasons[4]).toContain('days in the future')
    for (const e of good) expect(await stored(e.id)).toBe(true)
    expect(letters.filter((l) => l.stage === 'http')).toHaveLength(5)
  })

  it('invalid JSON: 400 with a sentence, nothing stored', async () => {
    const res = await post('[{"id": "x", ')
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatch(/^The body is not valid JSON \(.+\); send a JSON array of events or NDJSON\.$/)
  })

  it('NDJSON: a broken line is rejected alone, the lines around it land', async () => {
    const a = sampleEvent(), b = sampleEvent()
    const res = await post(`${JSON.stringify(a)}\n{not json}\n${JSON.stringify(b)}\n`, 'application/x-ndjson')
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 1 })
    expect(res.json().rejections[0].problems[0]).toMatch(/^line 2 is not valid JSON/)
    expect(await stored(a.id)).toBe(true)
    expect(await stored(b.id)).toBe(true)
  })

  it('the documented 10,000-event batch fits the default body limit', async () => {
    const batch = Array.from({ length: 10_000 }, () => sampleEvent({ raw: 'x'.repeat(100) } as Partial<CanonicalEvent>))
    const body = JSON.stringify(batch)
    expect(body.length).toBeGreaterThan(2_000_000)
    const res = await post(body)
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ accepted: 10_000, rejected: 0 })
  }, 60_000)

  it('a body over the limit (17 MB): 413 with a sentence', async () => {
    const big = JSON.stringify(Array.from({ length: 9000 }, () => sampleEvent({ raw: 'x'.repeat(2000) } as Partial<CanonicalEvent>)))
    expect(big.length).toBeGreaterThan(17_000_000)
    const res = await post(big)
    expect(res.statusCode).toBe(413)
    expect(res.json().error).toBe('The request body is larger than 16777216 bytes; send it in smaller parts.')
  })

  it('a deeply nested event among valid ones: refused with its reason, dead-lettered cut to size; the rest 202', async () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 100_000; i++) deep = { x: deep }
    const good = [sampleEvent(), sampleEvent()]
    const nested = { ...sampleEvent(), data: deep }
    const body = `[${JSON.stringify(good[0])},${nestedText(nested)},${JSON.stringify(good[1])}]`
    const res = await post(body)
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 1 })
    expect(res.json().rejections[0]).toMatchObject({ index: 1, id: nested.id, problems: ['the event is nested deeper than 32 levels; no event type has that shape'] })
    for (const e of good) expect(await stored(e.id)).toBe(true)
    const rs = await ctx.store.client.query({ query: 'SELECT reason, length(payload) AS n FROM dead_letters WHERE event_id = {id:String}', query_params: { id: nested.id }, format: 'JSONEachRow' })
    const [row] = await rs.json<{ reason: string; n: number }>()
    expect(row!.reason).toContain('nested deeper than 32 levels')
    expect(Number(row!.n)).toBeGreaterThan(0)
    expect(Number(row!.n)).toBeLessThanOrEqual(16_384)
  })

  it('10,000 invalid events in one request are dead-lettered as one batch, every one recorded', async () => {
    const bad = Array.from({ length: 10_000 }, (_, i) => ({ ...sampleEvent(), type: 'contact.teleported', id: `tele-${i}` }))
    const callsBefore = letterBatches.length
    const res = await post(JSON.stringify(bad))
    expect(res.statusCode).toBe(422)
    expect(res.json().rejected).toBe(10_000)
    expect(letterBatches.slice(callsBefore)).toEqual([10_000])
    const rs = await ctx.store.client.query({ query: "SELECT count() AS n FROM dead_letters WHERE startsWith(event_id, 'tele-')", format: 'JSONEachRow' })
    expect(Number((await rs.json<{ n: string }>())[0]!.n)).toBe(10_000)
  }, 60_000)

  it('invalid UTF-8: 400 with a sentence', async () => {
    const good = Buffer.from(JSON.stringify([sampleEvent()]))
    const res = await post(Buffer.concat([good.subarray(0, 20), Buffer.from([0xff, 0xfe, 0xc3]), good.subarray(20)]))
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toBe('The body is not valid UTF-8; send the events encoded as UTF-8.')
  })

  it('only bad events: 422, and the process stays up', async () => {
    const res = await post(JSON.stringify([{ hello: 'world' }]))
    expect(res.statusCode).toBe(422)
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' })
  })
})

describe('bad messages on the bus', () => {
  it('go to the dead-letter subject and table with their reasons; the valid ones around them land', async () => {
    const before = await countStoredEvents(ctx.store.client)
    const good1 = sampleEvent(), good2 = sampleEvent()
    const p1 = bus.publish([good1])
    await bus.publishRaw('cc.default.events.contact.queued', Buffer.from('{"id": "broken'))
    await bus.publishRaw('cc.default.events.contact.queued', Buffer.from([0x7b, 0xff, 0x7d]))
    await bus.publishRaw('cc.default.events.contact.dequeued', Buffer.from(JSON.stringify({ ...sampleEvent(), type: 'contact.dequeued', data: { waitMs: -1, outcome: 'answered' } })))
    await Promise.all([p1, bus.publish([good2])])
    expect(await stored(good1.id)).toBe(true)
    expect(await stored(good2.id)).toBe(true)
    const after = await countStoredEvents(ctx.store.client)
    expect(after.distinctIds - before.distinctIds).toBe(2)
    const busLetters = letters.filter((l) => l.stage === 'bus').map((l) => l.reason)
    expect(busLetters).toEqual([
      expect.stringMatching(/^the message is not valid JSON/),
      'the message is not valid UTF-8',
      expect.stringContaining('data.waitMs must be 0 or more, got -1'),
    ])
    const rs = await ctx.store.client.query({ query: "SELECT stage, reason FROM dead_letters WHERE stage = 'bus' ORDER BY at_ms", format: 'JSONEachRow' })
    expect((await rs.json()).length).toBe(3)
  })
})

/** JSON text of a value nested too deep for JSON.stringify (built from the inside out, without recursion). */
function nestedText(e: Record<string, unknown>): string {
  let depth = 0
  for (let v = e.data as { x?: unknown } | string; typeof v === 'object'; v = v.x as { x?: unknown } | string) depth++
  const { data: _d, ...envelope } = e
  return `${JSON.stringify(envelope).slice(0, -1)},"data":${'{"x":'.repeat(depth)}"bottom"${'}'.repeat(depth)}}`
}
