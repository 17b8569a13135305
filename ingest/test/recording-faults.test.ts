/**
 * Recordings that go wrong, and recordings that age out, through a running Agner with werift phones
 * as the browsers. A recordings folder that cannot be made: the call goes on with audio both ways,
 * the agent's desk and the alert log say why, the journey shows the recording failed with that
 * reason, and playing it is a 404 with that sentence. Retention: an expired recording's file is
 * deleted, the job says so, its row stays marked deleted, and playing it is a 404 that says when.
 */
import { mkdirSync, existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { insertRecording } from '@agner/analytics'
import { TestPhone } from '@agner/telephony/testing'
import { signIn, type SignedIn } from './support/access.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'
import { frameSocket, ringingAtDesk, until } from './support/frame-socket.ts'
import { deleteExpiredRecordings } from '../src/recordings/retention.ts'

const fixture = fileURLToPath(new URL('./fixtures/desk-center.json', import.meta.url))
const tone = fileURLToPath(new URL('../../seeds/audio/hold-music.ogg', import.meta.url))
const DAY = 86_400_000

let c: AccessCenter
let agent: SignedIn
let supervisor: SignedIn
const alerts: string[] = []
beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { alerts.push(args.join(' ')) })
  // /dev/null is a file: no folder can be made under it, as with a mount that is missing or read-only.
  c = await startAccessCenter({ acdConfigFile: fixture, recordings: { enabled: true, dir: '/dev/null/recordings', days: 90 } })
  agent = await signIn(c.url, 'agent', c.byUser.agent!)
  supervisor = await signIn(c.url, 'supervisor', c.byUser.supervisor!)
}, 60_000)
afterAll(async () => { await c?.dispose(); vi.restoreAllMocks() })

const post = async (path: string, body?: unknown) => {
  const res = await fetch(`${c.url}${path}`, { method: 'POST', headers: { ...agent.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })
  return { status: res.status, body: await res.json() as Record<string, unknown> }
}
const get = async (path: string) => { const r = await fetch(`${c.url}${path}`, { headers: supervisor.headers }); return { status: r.status, body: await r.json() as Record<string, unknown> } }

describe('recording faults and retention', () => {
  it('a recordings folder that cannot be made: the call goes on, the desk, the alert and the journey say why', async () => {
    const desk = frameSocket(c.url, '/ws/agent', agent.headers)
    await desk.opened
    await post('/api/agent/status', { status: 'available' })
    const widget = frameSocket(c.url, '/ws/widget?channel=voice&name=Li')
    await widget.opened
    const customer = new TestPhone()
    widget.send({ type: 'answer', sdp: await customer.answer(String((await widget.next('offer')).sdp)) })
    await customer.connected()
    await widget.next('ivr')
    widget.send({ type: 'dtmf', digit: '1' })
    const { contactId, offerId, agentPhone } = await ringingAtDesk(desk)
    customer.talk(tone); agentPhone.talk(tone)
    expect((await post(`/api/agent/offers/${offerId}/accept`)).status).toBe(200)

    const failed = await desk.next('recording', (f) => f.state === 'failed')
    expect(failed).toMatchObject({ contactId, reason: 'the recordings folder does not exist and could not be made' })
    expect(alerts.some((a) => a.includes(`the recording of contact ${contactId} failed: the recordings folder does not exist and could not be made`))).toBe(true)
    // The call goes on: audio both ways after the failure.
    const at = Date.now()
    expect(await until(() => customer.receivedSince(at) > 20 && agentPhone.receivedSince(at) > 20)).toBe(true)
    // Pausing a failed recording is refused with a reason, not a crash.
    desk.send({ type: 'recording', contactId, paused: true })
    expect(String((await desk.next('refused', (f) => f.frame === 'recording')).error)).toBe('This call is not being recorded (the recordings folder does not exist and could not be made); there is nothing to pause.')
    desk.send({ type: 'recording', contactId, paused: 'yes' })
    expect(String((await desk.next('refused')).error)).toBe('"paused" must be true or false')

    expect((await post(`/api/agent/contacts/${contactId}/end`)).status).toBe(200)
    await widget.next('ended')
    let media: { recordings: Array<{ id: string; status: string; error?: string }> } = { recordings: [] }
    for (let i = 0; i < 40 && media.recordings.length === 0; i++) {
      media = (await get(`/api/contacts/${contactId}/media`)).body as typeof media
      if (media.recordings.length === 0) await new Promise((r) => setTimeout(r, 250))
    }
    expect(media.recordings).toMatchObject([{ status: 'failed', error: 'the recordings folder does not exist and could not be made' }])
    expect(await get(`/api/recordings/${media.recordings[0]!.id}/audio`)).toEqual({ status: 404, body: { error: 'This call was not recorded: the recordings folder does not exist and could not be made.' } })
    await post(`/api/agent/contacts/${contactId}/wrapup`, { dispositionCode: 'sale' })
    await post('/api/agent/status', { status: 'offline' })
    await customer.close(); await agentPhone.close()
    widget.ws.close(); desk.ws.close()
  }, 60_000)

  it('retention deletes what is older than the kept days, keeps the row marked, and says when on playback', async () => {
    const dir = join(c.dataDir, 'kept-recordings')
    mkdirSync(join(dir, '2026-09-01'), { recursive: true })
    const file = join(dir, '2026-09-01', 'old.webm')
    writeFileSync(file, Buffer.alloc(2048, 1))
    const startedMs = Date.parse('2026-09-01T10:00:00Z')
    const row = {
      recordingId: 'old', interactionId: 'i-old', contactId: 'c-old', agentId: 'agent-01', queueId: 'sales', startedMs, durationMs: 60_000, bytes: 2048, sha256: 'x',
      path: '2026-09-01/old.webm', status: 'recorded' as const, error: '', pauses: [], packetsRelayed: 6000, packetsWritten: 6000, deletedMs: 0,
    }
    await insertRecording(c.agner.store.client, 'default', row)
    await insertRecording(c.agner.store.client, 'default', { ...row, recordingId: 'new', path: '2026-09-01/new.webm', startedMs: startedMs + 80 * DAY })
    const now = startedMs + 91 * DAY
    expect(await deleteExpiredRecordings({ store: c.agner.store, tenant: 'default', dir, days: 90 }, now)).toEqual({ deleted: 1, bytes: 2048 })
    expect(existsSync(file)).toBe(false)
    // Again: nothing more to delete.
    expect(await deleteExpiredRecordings({ store: c.agner.store, tenant: 'default', dir, days: 90 }, now)).toEqual({ deleted: 0, bytes: 0 })
    const played = await get('/api/recordings/old/audio')
    expect(played.status).toBe(404)
    expect(played.body.error).toBe(`This recording was deleted on ${new Date(now).toISOString().slice(0, 10)}: recordings are kept 90 days.`)
  }, 30_000)
})
