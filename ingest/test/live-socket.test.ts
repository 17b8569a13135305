/** WS /ws/live: a snapshot on connect, then updates no more often than the frame interval, and only when something changed. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner } from '../src/index.ts'
import { apiToken } from './support/access.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'agner-ws-'))
let agner: Agner
beforeAll(async () => {
  agner = await startAgner(loadConfig({}, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'UTC' }), { web: false })
})
afterAll(async () => { await agner?.close(); rmSync(dataDir, { recursive: true, force: true }) })

const queued = (contactId: string): CanonicalEvent => ({
  id: uuidv7(), type: 'contact.queued', time: Date.now(), tenant: 'default', source: { kind: 'test', instance: 'ws' },
  contactId, queueId: 'sales', data: {},
}) as CanonicalEvent

it('sends a snapshot, then paced updates only when something changed', async () => {
  await agner.bus.publish([queued('first')])
  // The first event is in the engine and its own frame has gone out (to nobody) before the socket
  // connects, so the socket's first frame is its snapshot and nothing follows it, however slow the machine.
  const frameMs = agner.config.liveFrameMs
  await expect.poll(() => agner.engine.snapshot().queues.find((q) => q.queueId === 'sales')?.waiting, { timeout: 5000, interval: 10 }).toBe(1)
  await new Promise((r) => setTimeout(r, 2 * frameMs + 100))
  const token = await apiToken(agner.access.directory, ['live:read'])
  const ws = new WebSocket(`${agner.url.replace('http', 'ws')}/ws/live`, { headers: { authorization: `Bearer ${token}` } })
  const frames: Array<{ at: number; msg: { type: string; queues: Array<{ queueId: string; waiting: number }> } }> = []
  ws.on('message', (raw) => frames.push({ at: Date.now(), msg: JSON.parse(raw.toString()) }))
  await new Promise((r) => ws.once('open', r))
  await expect.poll(() => frames.length).toBe(1)
  expect(frames[0]!.msg.type).toBe('snapshot')
  expect(frames[0]!.msg.queues.find((q) => q.queueId === 'sales')?.waiting).toBe(1)

  // 40 events over about a second: at most one frame per AGNER_LIVE_FRAME_MS.
  const started = Date.now()
  for (let i = 0; i < 40; i++) { void agner.bus.publish([queued(`c${i}`)]); await new Promise((r) => setTimeout(r, 25)) }
  await new Promise((r) => setTimeout(r, 600))
  const updates = frames.slice(1)
  expect(updates.length).toBeGreaterThanOrEqual(3)
  // However long the timers took on this machine: no more than one frame per interval of it.
  expect(updates.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / frameMs) + 1)
  for (let i = 1; i < updates.length; i++) expect(updates[i]!.at - updates[i - 1]!.at).toBeGreaterThanOrEqual(frameMs - 10)
  expect(updates.at(-1)!.msg.queues.find((q) => q.queueId === 'sales')?.waiting).toBe(41)

  // Nothing happens: nothing is sent.
  const count = frames.length
  await new Promise((r) => setTimeout(r, 800))
  expect(frames.length).toBe(count)
  ws.close()
})
