/**
 * The NATS server goes down under a running Agner: POST /api/events answers 503 within the
 * publish-ack timeout with one sentence and Retry-After (it used to hang for about 65 s); once the
 * broker is back, the client's retry of the same request is taken and nothing is lost or doubled.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { NatsServerProcess, sampleEvent } from '@agner/events/testing'
import { apiToken } from './support/access.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'

let nats: NatsServerProcess
let c: AccessCenter
let auth: Record<string, string>

beforeAll(async () => {
  nats = await NatsServerProcess.start()
  c = await startAccessCenter({ natsUrl: nats.url, demo: false, publishTimeoutMs: 2000 })
  auth = { authorization: `Bearer ${await apiToken(c.agner.access.directory, ['events:write'])}`, 'content-type': 'application/json' }
}, 60_000)
afterAll(async () => { await c?.dispose(); await nats?.dispose() })

const post = (events: CanonicalEvent[]): Promise<Response> => fetch(`${c.url}/api/events`, { method: 'POST', headers: auth, body: JSON.stringify(events) })

it('with the broker down: a quick 503 with Retry-After; the retry after it is back loses nothing', async () => {
  const before = [sampleEvent(), sampleEvent()]
  expect((await post(before)).status).toBe(202)

  await nats.stop('SIGKILL')
  const batch = Array.from({ length: 50 }, () => sampleEvent())
  const t0 = Date.now()
  const res = await post(batch)
  const took = Date.now() - t0
  expect(res.status).toBe(503)
  expect(took).toBeLessThan(2000 + 1500) // the configured timeout, plus the sweep of pending acks
  expect(res.headers.get('retry-after')).toBe('2')
  const body = await res.json() as { error: string }
  expect(body.error).toMatch(/^The event bus did not take the events within 2 s .*send the same request again, the event ids make a repeat safe\.$/)
  const ready = await fetch(`${c.url}/readyz`)
  expect(ready.status).toBe(503)

  await nats.restart()
  // The client retries the same request until it is taken.
  let retry: Response | undefined
  for (let i = 0; i < 40 && retry?.status !== 202; i++) {
    retry = await post(batch)
    if (retry.status !== 202) await new Promise((r) => setTimeout(r, 500))
  }
  expect(retry!.status).toBe(202)
  const ids = [...before, ...batch].map((e) => e.id)
  const until = Date.now() + 20_000
  let rows: Array<{ id: string; n: string }> = []
  while (Date.now() < until) {
    const rs = await c.agner.store.client.query({ query: 'SELECT id, count() AS n FROM events FINAL WHERE has({ids:Array(String)}, id) GROUP BY id', query_params: { ids }, format: 'JSONEachRow' })
    rows = await rs.json()
    if (rows.length === ids.length) break
    await new Promise((r) => setTimeout(r, 200))
  }
  expect(rows.length).toBe(ids.length)
  expect(rows.every((r) => Number(r.n) === 1)).toBe(true)
}, 90_000)
