/**
 * The agent-control API on the embedded ACD: an agent logs in, a call arrives, the offer reaches
 * the agent's socket, the agent answers, holds, ends and wraps up; illegal commands get 409 with
 * the reason and change nothing; supervisors force status for agents of their teams only; the
 * store ends up with exactly one dequeue for the visit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { CanonicalEvent } from '@agner/events'
import { apiToken, signIn, type SignedIn } from './support/access.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
let agent: SignedIn
let supervisor: SignedIn
let adapter: Record<string, string>

beforeAll(async () => {
  c = await startAccessCenter()
  agent = await signIn(c.url, 'agent', c.passwords.agent)
  supervisor = await signIn(c.url, 'supervisor', c.passwords.supervisor)
  adapter = { authorization: `Bearer ${await apiToken(c.agner.access.directory, ['events:write'])}` }
}, 60_000)
afterAll(async () => { await c?.dispose() })

const post = async (who: Record<string, string>, path: string, body?: unknown) => {
  const res = await fetch(`${c.url}${path}`, { method: 'POST', headers: { ...who, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })
  return { status: res.status, body: await res.json() as Record<string, unknown> & { error?: string } }
}

it('an agent takes a call from offer to wrap-up, with the offer pushed to the socket', async () => {
  const ws = new WebSocket(`${c.url.replace('http', 'ws')}/ws/agent`, { headers: agent.headers })
  const messages: Array<{ type: string; event?: CanonicalEvent; status?: string }> = []
  ws.on('message', (m) => messages.push(JSON.parse(m.toString())))
  await new Promise((r) => ws.once('open', r))
  await expect.poll(() => messages[0]?.type).toBe('state')
  expect(messages[0]).toMatchObject({ agentId: 'agent-01', status: 'offline' })

  expect((await post(agent.headers, '/api/agent/status', { status: 'available' })).body).toMatchObject({ status: 'available', activity: 'idle' })
  const call = await post(adapter, '/api/acd/contacts', { queueId: 'sales', ani: '13812345678' })
  expect(call.status).toBe(201)
  const contactId = call.body.contactId as string
  await expect.poll(() => messages.find((m) => m.event?.type === 'contact.offered')).toBeDefined()
  const offerId = (messages.find((m) => m.event?.type === 'contact.offered')!.event!.data as { offerId: string }).offerId

  expect((await post(agent.headers, `/api/agent/offers/${offerId}/accept`)).body).toMatchObject({ activity: 'on_contact', contacts: [{ contactId, state: 'connected' }] })
  // Answering it again: 409 with the reason.
  const again = await post(agent.headers, `/api/agent/offers/${offerId}/accept`)
  expect(again.status).toBe(409)
  expect(again.body.error).toMatch(/has no offer .* ringing/)
  expect((await post(agent.headers, `/api/agent/contacts/${contactId}/hold`)).body).toMatchObject({ activity: 'on_hold' })
  expect((await post(agent.headers, `/api/agent/contacts/${contactId}/resume`)).body).toMatchObject({ activity: 'on_contact' })
  expect((await post(agent.headers, `/api/agent/contacts/${contactId}/end`)).body).toMatchObject({ activity: 'wrap_up' })
  expect((await post(agent.headers, `/api/agent/contacts/${contactId}/wrapup`, { dispositionCode: 'sale' })).body).toMatchObject({ activity: 'idle', contacts: [] })
  const twice = await post(agent.headers, `/api/agent/contacts/${contactId}/wrapup`, { dispositionCode: 'sale' })
  expect(twice.status).toBe(409)
  expect(twice.body.error).toMatch(/not wrapping up/)
  expect((await fetch(`${c.url}/api/agent`, { headers: agent.headers }).then((r) => r.json()))).toMatchObject({ status: 'available', activity: 'idle' })

  const types = messages.filter((m) => m.type === 'event').map((m) => m.event!.type)
  expect(types).toEqual(expect.arrayContaining(['agent.status_changed', 'contact.offered', 'contact.connected', 'contact.held', 'contact.resumed', 'contact.ended', 'contact.wrapup_ended']))
  ws.close()

  // In the store: one queue visit, answered, with its wait; and the live view knows the agent.
  await expect.poll(async () => {
    const rs = await c.agner.store.client.query({ query: "SELECT count() AS n FROM events WHERE contact_id = {id:String} AND type = 'contact.dequeued'", query_params: { id: contactId }, format: 'JSONEachRow' })
    return Number((await rs.json<{ n: string }>())[0]!.n)
  }).toBe(1)
  const live = await fetch(`${c.url}/api/live`, { headers: supervisor.headers }).then((r) => r.json()) as { agents: Array<{ agentId: string; state: string; handledToday: number }> }
  expect(live.agents.find((a) => a.agentId === 'agent-01')).toMatchObject({ state: 'ready', handledToday: 1 })
})

it('supervisors force the status of agents in their teams only; logging out on a call is refused', async () => {
  const forced = await post(supervisor.headers, '/api/agents/agent-01/status', { status: 'aux', reasonCode: 'coaching' })
  expect(forced.status).toBe(200)
  expect(forced.body).toMatchObject({ status: 'aux', reasonCode: 'coaching' })
  // agent-02 serves support and billing, outside the Sales team.
  expect((await post(supervisor.headers, '/api/agents/agent-02/status', { status: 'offline' })).status).toBe(404)
  // The agent cannot act on anyone else: the API has no agent id to choose.
  await post(agent.headers, '/api/agent/status', { status: 'available' })
  const call = await post(adapter, '/api/acd/contacts', { queueId: 'vip' })
  const state = await fetch(`${c.url}/api/agent`, { headers: agent.headers }).then((r) => r.json()) as { offer: { offerId: string } }
  await post(agent.headers, `/api/agent/offers/${state.offer.offerId}/accept`)
  const logout = await post(supervisor.headers, '/api/agents/agent-01/status', { status: 'offline' })
  expect(logout.status).toBe(409)
  expect(logout.body.error).toMatch(/is on a contact; end it before logging out/)
  await post(agent.headers, `/api/agent/contacts/${call.body.contactId as string}/end`)
})

it('bad commands: unknown queue 404, bad status 400, an agent with no agent id 409', async () => {
  expect((await post(adapter, '/api/acd/contacts', { queueId: 'nope' })).status).toBe(404)
  expect((await post(agent.headers, '/api/agent/status', { status: 'sleeping' })).status).toBe(400)
  const admin = await signIn(c.url, 'admin', 'correct horse battery staple')
  const users = await fetch(`${c.url}/api/users`, { headers: admin.headers }).then((r) => r.json()) as { users: Array<{ id: string; username: string }> }
  const created = await post(admin.headers, '/api/users', { username: 'new-agent', role: 'agent', password: 'a long agent password' })
  expect(created.status).toBe(201)
  expect(users.users.length).toBeGreaterThan(0)
  const unlinked = await signIn(c.url, 'new-agent', 'a long agent password')
  const res = await post(unlinked.headers, '/api/agent/status', { status: 'available' })
  expect(res.status).toBe(409)
  expect(res.body.error).toMatch(/not linked to an agent/)
})

it('a call through the demo IVR: key 1 takes it to sales (or, out of hours, the closed message ends it)', async () => {
  const call = await post({ ...adapter, 'content-type': 'application/json' }, '/api/acd/ivr/main/calls', { ani: '13800002222' })
  expect(call.status).toBe(201)
  const id = call.body.contactId as string
  const key = await post({ ...adapter, 'content-type': 'application/json' }, `/api/acd/contacts/${id}/dtmf`, { digit: '1' })
  const rows = async () => (await c.agner.store.client.query({
    query: 'SELECT type, queue_id, data FROM events FINAL WHERE contact_id = {c:String} ORDER BY time_ms, id', query_params: { c: id }, format: 'JSONEachRow',
  })).json<{ type: string; queue_id: string; data: string }>()
  if (key.status === 200) {
    await expect.poll(async () => (await rows()).find((r) => r.type === 'contact.queued')?.queue_id).toBe('sales')
    expect((await rows()).filter((r) => r.type === 'contact.ivr_step').map((r) => JSON.parse(r.data) as { node: string; input?: string })).toEqual([{ node: 'hours' }, { node: 'menu', input: '1' }, { node: 'sales' }])
  } else {
    // The center is closed at this hour (its time zone: 08:00–22:00 weekdays, 09:00–18:00 weekends):
    // the message played and the call ended, so there is no contact left to press a key in.
    expect(key.status).toBe(404)
    await expect.poll(async () => (await rows()).map((r) => r.type)).toContain('contact.ended')
  }
  expect((await post({ ...adapter, 'content-type': 'application/json' }, '/api/acd/ivr/nope/calls', {})).status).toBe(404)
})
