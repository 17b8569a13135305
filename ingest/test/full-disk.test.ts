/**
 * A full disk under the embedded store, for real: a 64 MB tmpfs holds AGNER_DATA_DIR and a filler
 * file takes the rest. The process stays up; POST /api/events answers 503 with one sentence and
 * Retry-After; /readyz says the same; a restart on the still-full disk comes up; events already
 * acknowledged stay safe, and ingestion resumes by itself once space is freed. Needs root (mount);
 * CI runs as root.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, sampleEvent } from '@agner/events/testing'
import type { CanonicalEvent } from '@agner/events'
import { loadConfig, startAgner, type Agner } from '../src/index.ts'
import { apiToken } from './support/access.ts'

const root = process.getuid?.() === 0
const mountPoint = mkdtempSync(join(tmpdir(), 'agner-full-disk-'))
const dataDir = join(mountPoint, 'data')
const filler = join(mountPoint, 'filler')
let agner: Agner | undefined
let token: string

beforeAll(() => {
  if (root) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint])
})
afterAll(async () => {
  await agner?.close().catch(() => undefined)
  if (root) execFileSync('umount', ['-l', mountPoint])
  rmSync(mountPoint, { recursive: true, force: true })
})

const start = async (): Promise<Agner> => startAgner(loadConfig({}, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'UTC', publishTimeoutMs: 3000 }), { web: false })
const post = (events: unknown[]): Promise<Response> =>
  fetch(`${agner!.url}/api/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(events) })
const batch = (n: number): CanonicalEvent[] => Array.from({ length: n }, () => sampleEvent({ raw: 'x'.repeat(400) } as Partial<CanonicalEvent>))

/** Writes zeros until the filesystem has no room left. */
function fillDisk(): void {
  const fd = openSync(filler, 'w')
  const chunk = Buffer.alloc(1 << 20)
  try { for (;;) writeSync(fd, chunk) } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err } finally { closeSync(fd) }
}

async function storedIds(ids: string[]): Promise<Map<string, number>> {
  const rs = await agner!.store.client.query({ query: 'SELECT id, count() AS n FROM events FINAL WHERE has({ids:Array(String)}, id) GROUP BY id', query_params: { ids }, format: 'JSONEachRow' })
  return new Map((await rs.json<{ id: string; n: string }>()).map((r) => [r.id, Number(r.n)]))
}

it.skipIf(!root)('stays up on a full disk, says so in one sentence, and resumes by itself once space is freed', async () => {
  agner = await start()
  token = await apiToken(agner.access.directory, ['events:write'])
  const acknowledged = batch(100)
  expect((await post(acknowledged)).status).toBe(202)

  fillDisk()
  const refused = batch(50)
  let res = await post(refused)
  expect(res.status).toBe(503)
  expect(res.headers.get('retry-after')).toBe('5')
  const sentence = (await res.json() as { error: string }).error
  expect(sentence).toMatch(new RegExp(`^The store's disk is full: free space under AGNER_DATA_DIR \\(${dataDir.replace(/[/.]/g, '\\$&')}\\)`))
  // Once known, refused at once; invalid events (dead letters) do not bring the process down either.
  const t0 = Date.now()
  res = await post(refused)
  expect(res.status).toBe(503)
  expect(Date.now() - t0).toBeLessThan(1000)
  const ready = await fetch(`${agner.url}/readyz`)
  expect(ready.status).toBe(503)
  expect((await ready.json() as { store: { error: string } }).store.error).toBe(sentence)

  // A restart on the still-full disk comes up and says the same.
  await agner.close()
  agner = await start()
  res = await post(refused)
  expect(res.status).toBe(503)
  expect((await res.json() as { error: string }).error).toBe(sentence)

  // Space freed: the client's retry is taken, and nothing acknowledged was lost or doubled.
  rmSync(filler)
  const until = Date.now() + 30_000
  do { res = await post(refused) } while (res.status !== 202 && Date.now() < until && (await new Promise((r) => setTimeout(r, 500)), true))
  expect(res.status).toBe(202)
  const ids = [...acknowledged, ...refused].map((e) => e.id)
  const stored = await storedIds(ids)
  expect(stored.size).toBe(ids.length)
  expect([...stored.values()].every((n) => n === 1)).toBe(true)
  expect((await fetch(`${agner.url}/readyz`)).status).toBe(200)
}, 120_000)

it.skipIf(!root)('dead letters refused by a full disk are kept and written once there is room', async () => {
  fillDisk()
  const bad = Array.from({ length: 20 }, (_, i) => ({ ...sampleEvent(), id: `full-bad-${i}`, type: 'contact.teleported' }))
  // Until the store knows it is full, the request is taken as usual and its rejections held.
  const res = await post(bad)
  expect([422, 503]).toContain(res.status)
  rmSync(filler)
  if (res.status === 503) expect((await post(bad)).status).toBe(422)
  const until = Date.now() + 20_000
  let n = 0
  while (Date.now() < until) {
    const rs = await agner!.store.client.query({ query: "SELECT count() AS n FROM dead_letters WHERE startsWith(event_id, 'full-bad-')", format: 'JSONEachRow' })
    n = Number((await rs.json<{ n: string }>())[0]!.n)
    if (n >= 20) break
    await new Promise((r) => setTimeout(r, 300))
  }
  expect(n).toBeGreaterThanOrEqual(20)
}, 60_000)
