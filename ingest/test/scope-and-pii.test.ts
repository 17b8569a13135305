/**
 * Supervisors and managers see their teams' queues, agents their own queues, admins everything;
 * callers' numbers are masked for roles without `pii` until an admin grants it; a change to a
 * user's access closes their open live socket so it reconnects with the new scope.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { CanonicalEvent } from '@agner/events'
import { sampleEvent } from '@agner/events/testing'
import { signIn, type SignedIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
const s = {} as Record<'admin' | 'supervisor' | 'manager' | 'agent' | 'planner', SignedIn>

beforeAll(async () => {
  c = await startAccessCenter()
  s.admin = await signIn(c.url, 'admin', ADMIN_PASSWORD)
  for (const r of ['supervisor', 'manager', 'agent', 'planner'] as const) s[r] = await signIn(c.url, r, c.passwords[r])
  const contact = (id: string, queueId: string, ani: string): CanonicalEvent[] => [
    sampleEvent({ type: 'contact.created', contactId: id, queueId: undefined, data: { direction: 'inbound', initiation: 'inbound', ani, dnis: '4008001234' } } as Partial<CanonicalEvent>),
    sampleEvent({ type: 'contact.queued', contactId: id, queueId }),
  ]
  await c.agner.bus.publish([...contact('c-sales', 'sales', '13812340000'), ...contact('c-support', 'support', '13998765432')])
}, 60_000)
afterAll(async () => { await c?.dispose() })

const get = async <T>(who: keyof typeof s, path: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${c.url}${path}`, { headers: s[who].headers })
  return { status: res.status, body: await res.json() as T }
}
type Live = { queues: Array<{ queueId: string }>; agents: Array<{ agentId: string; queues: string[] }> }
const queuesOf = (l: Live): string[] => l.queues.map((q) => q.queueId).sort()

it('each role sees the queues of its scope, and the agents serving them', async () => {
  expect(queuesOf((await get<Live>('admin', '/api/live')).body)).toEqual(['billing', 'chat', 'email', 'sales', 'support', 'vip'])
  expect(queuesOf((await get<Live>('planner', '/api/live')).body)).toEqual(['billing', 'chat', 'email', 'sales', 'support', 'vip'])
  expect(queuesOf((await get<Live>('manager', '/api/live')).body)).toEqual(['billing', 'chat', 'email', 'sales', 'support', 'vip'])
  const sup = (await get<Live>('supervisor', '/api/live')).body
  expect(queuesOf(sup)).toEqual(['sales', 'vip'])
  expect(sup.agents.length).toBeGreaterThan(0)
  for (const a of sup.agents) expect(a.queues.some((q) => q === 'sales' || q === 'vip'), a.agentId).toBe(true)
  // The demo's desk agent serves every call and chat queue (so the widget's calls reach a person): those are its scope.
  expect(queuesOf((await get<Live>('agent', '/api/live')).body)).toEqual(['billing', 'chat', 'sales', 'support', 'vip'])
  const boards = (await get<{ boards: Array<{ name: string }> }>('supervisor', '/api/boards')).body.boards.map((b) => b.name)
  expect(boards).toEqual(['销售看板 Sales board'])
  expect((await get('supervisor', `/api/boards/${c.boards.service}/live`)).status).toBe(403)
})

it("callers' numbers are masked without pii, shown with it, and an admin can grant it", async () => {
  type Contacts = { contacts: Array<{ contactId: string; ani: string; queueId: string }>; masked: boolean }
  const admin = (await get<Contacts>('admin', '/api/contacts')).body
  expect(admin.contacts.find((x) => x.contactId === 'c-sales')?.ani).toBe('13812340000')
  const sup = (await get<Contacts>('supervisor', '/api/contacts')).body
  expect(sup.masked).toBe(true)
  expect(sup.contacts.map((x) => x.contactId)).toEqual(['c-sales'])
  expect(sup.contacts[0]!.ani).toBe('138****0000')
  expect(JSON.stringify(sup)).not.toContain('13812340000')
  expect((await get('supervisor', '/api/contacts?queueId=support')).status).toBe(403)

  const users = (await get<{ users: Array<{ id: string; username: string }> }>('admin', '/api/users')).body.users
  const supervisorId = users.find((u) => u.username === 'supervisor')!.id
  const grant = await fetch(`${c.url}/api/users/${supervisorId}`, {
    method: 'PATCH', headers: { ...s.admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ pii: true }),
  })
  expect(grant.status).toBe(200)
  const after = (await get<Contacts>('supervisor', '/api/contacts')).body
  expect(after.masked).toBe(false)
  expect(after.contacts[0]!.ani).toBe('13812340000')
  const audit = (await get<{ entries: Array<{ action: string; target: string; detail: { pii?: boolean } }> }>('admin', '/api/audit?action=user.update')).body.entries
  expect(audit[0]).toMatchObject({ target: 'supervisor', detail: { pii: true } })
})

it("changing a user's teams closes their live socket, and the reconnect sees the new scope", async () => {
  const ws = new WebSocket(`${c.url.replace('http', 'ws')}/ws/live`, { headers: s.supervisor.headers })
  const snap = await new Promise<Live>((resolve) => ws.once('message', (m) => resolve(JSON.parse(m.toString()))))
  expect(queuesOf(snap)).toEqual(['sales', 'vip'])
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
  const users = (await get<{ users: Array<{ id: string; username: string }> }>('admin', '/api/users')).body.users
  const res = await fetch(`${c.url}/api/users/${users.find((u) => u.username === 'supervisor')!.id}`, {
    method: 'PATCH', headers: { ...s.admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ teamIds: [c.teams.service] }),
  })
  expect(res.status).toBe(200)
  expect(await closed).toBe(4409)
  expect(queuesOf((await get<Live>('supervisor', '/api/live')).body)).toEqual(['billing', 'chat', 'email', 'support'])
})

it('a disabled user is signed out everywhere at once', async () => {
  const users = (await get<{ users: Array<{ id: string; username: string }> }>('admin', '/api/users')).body.users
  const res = await fetch(`${c.url}/api/users/${users.find((u) => u.username === 'planner')!.id}`, {
    method: 'PATCH', headers: { ...s.admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }),
  })
  expect(res.status).toBe(200)
  expect((await get('planner', '/api/me')).status).toBe(401)
  const again = await fetch(`${c.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: c.passwords.planner }) })
  expect(again.status).toBe(401)
})
