/**
 * The desk for an agent who lives on Asterisk: the agent's user is linked to the PBX's member
 * name; a call seen on AMI shows on the desk (GET /api/agent) as a call on the phone, the screen
 * pop reads it from the store with the number masked, and the wrap-up goes to the PBX call's
 * queue visit. No media: the voice stays on the phone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FakeAmiServer } from '@agner/telephony/testing'
import { signIn, type SignedIn } from './support/access.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'

const work = mkdtempSync(join(tmpdir(), 'agner-pbx-desk-'))
const ami = new FakeAmiServer()
let c: AccessCenter
let agent: SignedIn
const T0 = Math.floor(Date.now() / 1000) - 30

beforeAll(async () => {
  await ami.listen()
  ami.queueStatus = ['Event: QueueMember\nQueue: pbx-sales\nMemberName: agent1001\nInterface: PJSIP/1001\nStatus: 1\nPaused: 0']
  const file = join(work, 'sources.json')
  writeFileSync(file, JSON.stringify({ sources: [{ id: 'pbx1', kind: 'asterisk-ami', host: '127.0.0.1', port: ami.port, username: 'agner', secret: 'secret', agents: { agent1001: { name: 'Ann' } } }] }))
  c = await startAccessCenter({ sourcesFile: file })
  const admin = await signIn(c.url, c.usernames.admin, c.passwords.admin)
  const made = await fetch(`${c.url}/api/users`, { method: 'POST', headers: { ...admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ann', role: 'agent', agentId: 'agent1001', password: 'ann pbx password 1' }) })
  expect(made.status).toBe(201)
  agent = await signIn(c.url, 'ann', 'ann pbx password 1')
}, 60_000)
afterAll(async () => { await c?.dispose(); await ami.close(); rmSync(work, { recursive: true, force: true }) })

const get = async (path: string) => { const r = await fetch(`${c.url}${path}`, { headers: agent.headers }); return { status: r.status, body: await r.json() as Record<string, unknown> } }
const call = { Channel: 'SIP/trunk-00000001', CallerIDNum: '13900001111', Uniqueid: `${T0}.7`, Linkedid: `${T0}.7`, Queue: 'pbx-sales' }
/** One AMI event, then a pause: a real call's events are apart in time (ringing takes seconds), and events of one millisecond tie. */
const event = async (fields: Record<string, string>) => { await ami.event(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')); await new Promise((r) => setTimeout(r, 50)) }

it('a PBX agent\'s call shows on the desk, pops with a masked number, and is wrapped up against the PBX call', { timeout: 90_000 }, async () => {
  await expect.poll(async () => (await get('/api/agent')).body.status, { timeout: 20_000 }).toBe('available')
  expect((await get('/api/agent/desk')).body).toMatchObject({ agentId: 'agent1001', onPbx: true, embedded: false })

  await event({ Event: 'QueueCallerJoin', Privilege: 'agent,all', ...call, Position: '1', Count: '1' })
  await event({ Event: 'AgentCalled', Privilege: 'agent,all', ...call, MemberName: 'agent1001', Interface: 'PJSIP/1001' })
  await event({ Event: 'AgentConnect', Privilege: 'agent,all', ...call, MemberName: 'agent1001', Interface: 'PJSIP/1001', HoldTime: '4', RingTime: '2' })
  const contactId = `${T0}.7@pbx-sales`
  await expect.poll(async () => (await get('/api/agent')).body.contacts, { timeout: 20_000 }).toEqual([expect.objectContaining({ contactId, state: 'connected', onPbx: true, channel: 'voice' })])

  await expect.poll(async () => (await get(`/api/agent/contacts/${encodeURIComponent(contactId)}/pop`)).status, { timeout: 20_000 }).toBe(200)
  const pop = (await get(`/api/agent/contacts/${encodeURIComponent(contactId)}/pop`)).body
  expect(pop).toMatchObject({ contactId, queueId: 'pbx-sales', masked: true })
  expect(String(pop.ani)).toMatch(/^139\*+1111$/)

  await event({ Event: 'AgentComplete', Privilege: 'agent,all', ...call, MemberName: 'agent1001', Interface: 'PJSIP/1001', HoldTime: '4', TalkTime: '20', Reason: 'caller' })
  await expect.poll(async () => ((await get('/api/agent')).body.contacts as unknown[]).filter((x) => (x as { state: string }).state === 'connected'), { timeout: 20_000 }).toEqual([])
  const wrap = await fetch(`${c.url}/api/agent/pbx-calls/${encodeURIComponent(contactId)}/wrapup`, { method: 'POST', headers: { ...agent.headers, 'content-type': 'application/json' }, body: JSON.stringify({ dispositionCode: 'resolved', notes: '电话上解决 solved on the phone' }) })
  expect(wrap.status).toBe(202)
})
