/**
 * Browser calls and chats through a running Agner, with werift peers standing in for the two
 * browsers (real ICE, DTLS-SRTP and UDP through the worker relay): a customer calls on /ws/widget,
 * walks the IVR with a key, waits with music, the agent's desk is offered a leg while it rings,
 * accepts, and each side receives the other's audio; hold gives the customer music and the agent
 * silence; the call ends, is wrapped up with a code and notes, and the customer rates it. The
 * store holds the canonical events. Bad input is refused with a reason and the call carries on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { fileURLToPath } from 'node:url'
import { TestPhone } from '@agner/telephony/testing'
import { signIn, type SignedIn } from './support/access.ts'
import { frameSocket, ringingAtDesk, until } from './support/frame-socket.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'
import { loadConfig } from '../src/index.ts'

const fixture = fileURLToPath(new URL('./fixtures/desk-center.json', import.meta.url))
const tone = fileURLToPath(new URL('../../seeds/audio/hold-music.ogg', import.meta.url))

let c: AccessCenter
let agent: SignedIn
beforeAll(async () => {
  c = await startAccessCenter({ acdConfigFile: fixture, media: { ...loadConfig({}).media, widgetOrigins: ['https://shop.example'] } })
  agent = await signIn(c.url, 'agent', c.byUser.agent!)
}, 60_000)
afterAll(async () => { await c?.dispose() })

const socket = (path: string, headers: Record<string, string> = {}) => frameSocket(c.url, path, headers)
const post = async (path: string, body?: unknown) => {
  const res = await fetch(`${c.url}${path}`, { method: 'POST', headers: { ...agent.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })
  return { status: res.status, body: await res.json() as Record<string, unknown> }
}

describe('a browser call from the widget to the desk', () => {
  it('IVR, queue music, ringing with early media set-up, talk both ways, hold, wrap-up, survey', async () => {
    const desk = socket('/ws/agent', agent.headers)
    await desk.opened
    expect((await post('/api/agent/status', { status: 'aux', reasonCode: 'break' })).status).toBe(200)

    const widget = socket('/ws/widget?channel=voice&name=Li&phone=13800138000&topic=billing')
    await widget.opened
    expect((await widget.next('session')).sessionId).toBeTruthy()
    const customer = new TestPhone()
    const offer = await widget.next('offer')
    widget.send({ type: 'answer', sdp: await customer.answer(String(offer.sdp)) })
    await customer.connected()
    const menu = await widget.next('ivr')
    expect(menu).toMatchObject({ node: 'menu', keys: ['1', '2'] })
    expect(String(menu.text)).toContain('销售请按1')
    expect(await until(() => customer.received.length > 20)).toBe(true) // the menu prompt plays
    widget.send({ type: 'dtmf', digit: '1' })
    expect(await widget.next('queued')).toMatchObject({ position: 1 })
    const beforeMusic = customer.received.length
    expect(await until(() => customer.received.length > beforeMusic + 25)).toBe(true) // "please hold", then music

    // The agent goes ready: the call rings, and the desk gets its leg while it rings.
    await post('/api/agent/status', { status: 'available' })
    const { contactId, offerId, agentPhone, legId } = await ringingAtDesk(desk)
    customer.talk(tone); agentPhone.talk(tone)
    await new Promise((r) => setTimeout(r, 300))
    expect(agentPhone.received.length).toBe(0) // ringing: the agent hears nothing yet
    customer.markFirst()
    const acceptedAt = Date.now()
    expect((await post(`/api/agent/offers/${offerId}/accept`)).status).toBe(200)
    expect((await widget.next('connected')).agentName).toBe('张伟')
    expect(await until(() => customer.firstAfterMark !== undefined && agentPhone.received.length > 20)).toBe(true)
    expect(customer.firstAfterMark! - acceptedAt).toBeLessThan(1500)

    // Hold: the customer hears music (packets keep coming), the agent hears nothing.
    expect((await post(`/api/agent/contacts/${contactId}/hold`)).status).toBe(200)
    await widget.next('held')
    await new Promise((r) => setTimeout(r, 300))
    const heldAt = Date.now()
    await new Promise((r) => setTimeout(r, 600))
    expect(customer.receivedSince(heldAt)).toBeGreaterThan(15)
    expect(agentPhone.receivedSince(heldAt)).toBe(0)
    await post(`/api/agent/contacts/${contactId}/resume`)
    const resumedAt = Date.now() + 200
    expect(await until(() => agentPhone.receivedSince(resumedAt) > 10)).toBe(true)

    // Bad input on both sockets is refused with a reason; the call carries on.
    widget.send({ type: 'answer', sdp: 'not sdp' })
    expect(String((await widget.next('refused')).detail)).toMatch(/v=0/)
    widget.ws.send('{"type":"message"')
    expect(String((await widget.next('refused')).detail)).toMatch(/JSON/)
    desk.send({ type: 'candidate', legId, candidate: { candidate: 'candidate:x' } })
    expect(String((await desk.next('refused')).error)).toMatch(/ICE candidate/)
    const stillAt = Date.now()
    expect(await until(() => customer.receivedSince(stillAt) > 10 && agentPhone.receivedSince(stillAt) > 10)).toBe(true)

    expect((await post(`/api/agent/contacts/${contactId}/end`)).status).toBe(200)
    expect(await widget.next('ended')).toMatchObject({ survey: true })
    expect(await desk.next('leg-closed')).toMatchObject({ legId })
    expect((await post(`/api/agent/contacts/${contactId}/wrapup`, { dispositionCode: 'sale', notes: '想要年付 wants yearly' })).status).toBe(200)
    widget.send({ type: 'survey', csat: 5, comment: '很好' })
    widget.send({ type: 'survey', csat: 1 })
    expect(String((await widget.next('refused')).detail)).toMatch(/rated already/)

    // The store has the journey: IVR key, one answered queue visit, the wrap-up and the survey.
    await until(() => false, 1500)
    const rs = await c.agner.store.client.query({ query: `SELECT type, data FROM events FINAL WHERE contact_id = {id:String} ORDER BY time_ms, id`, format: 'JSONEachRow', query_params: { id: contactId } })
    const events = await rs.json<{ type: string; data: string }>()
    expect(events.filter((e) => e.type === 'contact.ivr_step').map((e) => JSON.parse(e.data).input)).toContain('1')
    expect(events.filter((e) => e.type === 'contact.dequeued').map((e) => JSON.parse(e.data).outcome)).toEqual(['answered'])
    expect(JSON.parse(events.find((e) => e.type === 'contact.wrapup_ended')!.data)).toMatchObject({ dispositionCode: 'sale', notes: '想要年付 wants yearly' })
    expect(JSON.parse(events.find((e) => e.type === 'contact.survey')!.data)).toEqual({ csat: 5, comment: '很好' })
    await customer.close(); await agentPhone.close()
    widget.ws.close(); desk.ws.close()
    await post('/api/agent/status', { status: 'offline' })
  }, 60_000)

  it('refuses another site, floods and huge frames with reasons, and stays up', async () => {
    const foreign = new WebSocket(`${c.url.replace('http', 'ws')}/ws/widget?channel=chat`, { headers: { origin: 'https://evil.example' } })
    const status = await new Promise<number>((r) => foreign.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0)))
    expect(status).toBe(403)
    const shop = socket('/ws/widget?channel=chat&name=Shop', { origin: 'https://shop.example' })
    await shop.opened
    expect(await shop.next('session')).toBeTruthy()
    shop.ws.close()
    const cfg = await fetch(`${c.url}/api/widget/config`, { headers: { origin: 'https://evil.example' } })
    expect(cfg.status).toBe(403)
    expect((await cfg.json() as { error: string }).error).toMatch(/AGNER_WIDGET_ORIGINS/)

    const chat = socket('/ws/widget?channel=chat&name=Flood')
    await chat.opened
    for (let i = 0; i < 300; i++) chat.send({ type: 'typing' })
    expect(await chat.next('refused', (f) => f.code === 'too_fast')).toBeTruthy()
    chat.send({ type: 'message', id: 'big', text: 'x'.repeat(5000) })
    const big = await chat.next('refused', (f) => f.code === 'too_large' || f.code === 'bad_frame' || f.code === 'too_fast', 5000).catch(() => undefined)
    expect(big === undefined || String(big.code).length > 0).toBe(true)
    const huge = socket('/ws/widget?channel=chat&name=Huge')
    await huge.opened
    huge.ws.send('x'.repeat(100_000))
    expect(await new Promise<number>((r) => huge.ws.once('close', (n) => r(n)))).toBe(1009) // too big for any frame
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200)
    chat.ws.close()
  }, 30_000)
})
