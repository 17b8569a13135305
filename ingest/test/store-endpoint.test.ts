/**
 * `agner store`: the embedded store served over ClickHouse's HTTP interface, driven by Agner's own
 * server-mode store (createStore with a CLICKHOUSE_URL), as another Agner process would use it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { sampleEvent } from '@agner/events/testing'
import { countStoredEvents, createStore, eventToRow, insertEvents, migrate, readEvents, type Store } from '@agner/analytics'
import type { CanonicalEvent } from '@agner/events'
import { buildStoreEndpoint } from '../src/store-endpoint.ts'

const PASSWORD = 's3cret'
let dir: string
let app: FastifyInstance
let url: string
let store: Store

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agner-store-endpoint-'))
  app = await buildStoreEndpoint({ dataDir: dir, password: PASSWORD })
  url = await app.listen({ host: '127.0.0.1', port: 0 })
  store = await createStore({ clickhouseUrl: url, password: PASSWORD, dataDir: dir })
  await migrate(store.client)
})
afterAll(async () => {
  await store?.close()
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('takes migrations, TabSeparated inserts with a dedup token, and parameterized reads from a server-mode store', async () => {
  expect(store.kind).toBe('server')
  const events: CanonicalEvent[] = [
    sampleEvent({ raw: 'tab\there, 中文 😀' } as Partial<CanonicalEvent>),
    { ...sampleEvent(), type: 'contact.wrapup_ended', data: { durationMs: 5000, dispositionCode: '已解决' } } as CanonicalEvent,
  ]
  await insertEvents(store, events, 1)
  await insertEvents(store, events, 1) // the same batch again: dropped by its dedup token
  const counts = await countStoredEvents(store.client)
  expect(counts).toEqual({ rows: 2, distinctIds: 2, finalRows: 2 })
  const back: CanonicalEvent[] = []
  for await (const e of readEvents(store.client, 'default', 0, Date.now() + 1000)) back.push(e)
  expect(new Map(back.map((e) => [e.id, e]))).toEqual(new Map(events.map((e) => [e.id, { ...e, receivedAt: 1 }])))
})

it('binds array and string parameters and applies URL settings', async () => {
  const rs = await store.client.query({
    query: 'SELECT has({ids:Array(String)}, {id:String}) AS hit, getSetting(\'max_threads\') AS threads',
    query_params: { ids: ['a', "o'brien", '中'], id: "o'brien" }, clickhouse_settings: { max_threads: 1 }, format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ hit: number; threads: number | string }>()
  expect(row!.hit).toBe(1)
  expect(Number(row!.threads)).toBe(1)
})

it('keeps settings to the statement that gave them: a dedup token or max_threads never carries over', async () => {
  const changed = async (): Promise<number> => {
    const rs = await store.client.query({ query: "SELECT changed FROM system.settings WHERE name = 'max_threads'", format: 'JSONEachRow' })
    return Number((await rs.json<{ changed: number }>())[0]!.changed)
  }
  await store.client.query({ query: 'SELECT 1', clickhouse_settings: { max_threads: 1 }, format: 'JSONEachRow' }).then((r) => r.json())
  expect(await changed()).toBe(0)
  // An insert after one that carried a dedup token, with none of its own: it lands (the events
  // table deduplicates by token, so a token left on the session would drop it silently).
  await insertEvents(store, [sampleEvent()], 1)
  const loose = eventToRow(sampleEvent(), 1)
  await store.client.insert({ table: 'events', format: 'JSONEachRow', values: [loose] })
  const rs = await store.client.query({ query: 'SELECT count() AS n FROM events WHERE id = {id:String}', query_params: { id: loose.id }, format: 'JSONEachRow' })
  expect(await rs.json()).toEqual([{ n: 1 }])
})

it('refuses a setting or parameter name that is not an identifier', async () => {
  const auth = `Basic ${Buffer.from(`default:${PASSWORD}`).toString('base64')}`
  const res = await fetch(`${url}/?${encodeURIComponent('max_threads = 1; DROP TABLE events; --')}=1`, { method: 'POST', body: 'SELECT 1', headers: { authorization: auth } })
  expect(res.status).toBe(400)
  expect(await res.text()).toMatch(/is not a setting or parameter name/)
  expect((await countStoredEvents(store.client)).rows).toBeGreaterThan(0)
})

it('answers a bad statement with ClickHouse\'s error, which the client reads as one', async () => {
  const err = await store.client.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' }).catch((e: unknown) => e)
  expect(err).toMatchObject({ code: '60', type: 'UNKNOWN_TABLE' })
  expect(await store.ping()).toBe(true)
})

it('refuses a request without the password, and one that is not a statement', async () => {
  const noAuth = await fetch(`${url}/?query_id=x`, { method: 'POST', body: 'SELECT 1' })
  expect(noAuth.status).toBe(401)
  expect(await noAuth.text()).toMatch(/^Code: 516\. DB::Exception: Authentication failed/)
  const auth = `Basic ${Buffer.from(`default:${PASSWORD}`).toString('base64')}`
  const empty = await fetch(`${url}/`, { method: 'POST', body: '  ', headers: { authorization: auth } })
  expect(empty.status).toBe(500)
  expect(await empty.text()).toMatch(/Empty query/)
  const ok = await fetch(`${url}/`, { method: 'POST', body: 'SELECT 41 + 1 FORMAT TabSeparated', headers: { authorization: auth } })
  expect(await ok.text()).toBe('42\n')
})
