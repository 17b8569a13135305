/**
 * A display link reads its own board's live feed and nothing else; revoking it closes its open
 * WebSocket within a second and refuses it from then on.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { sampleEvent } from '@agner/events/testing'
import { signIn, type SignedIn } from './support/access.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
let supervisor: SignedIn
let link: { token: string; path: string; link: { id: string } }

beforeAll(async () => {
  c = await startAccessCenter()
  supervisor = await signIn(c.url, 'supervisor', c.passwords.supervisor)
  const res = await fetch(`${c.url}/api/display-links`, {
    method: 'POST', headers: { ...supervisor.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ boardId: c.boards.sales, name: 'TV by the sales floor' }),
  })
  expect(res.status).toBe(201)
  link = await res.json() as typeof link
}, 60_000)
afterAll(async () => { await c?.dispose() })

const asDisplay = (path: string, init: RequestInit = {}) =>
  fetch(`${c.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${link.token}` } })

it('is shown once, and the list shows it without its secret', async () => {
  expect(link.token).toMatch(/^agn_d_/)
  expect(link.path).toBe(`/display/${c.boards.sales}#${link.token}`)
  const list = await (await fetch(`${c.url}/api/display-links`, { headers: supervisor.headers })).text()
  expect(list).toContain(link.link.id)
  expect(list).not.toContain(link.token.split('.')[1])
})

it("reads its board's configuration and live figures: that board's queues only", async () => {
  await c.agner.bus.publish([sampleEvent({ queueId: 'sales' }), sampleEvent({ queueId: 'support' })])
  const board = await (await asDisplay(`/api/boards/${c.boards.sales}`)).json() as { board: { queueIds: string[] } }
  expect(board.board.queueIds).toEqual(['sales', 'vip'])
  const live = await (await asDisplay(`/api/boards/${c.boards.sales}/live`)).json() as { queues: Array<{ queueId: string }>; agents: Array<{ queues: string[] }> }
  expect(live.queues.map((q) => q.queueId).sort()).toEqual(['sales', 'vip'])
  expect(live.agents.length).toBeGreaterThan(0)
  for (const a of live.agents) expect(a.queues.some((q) => q === 'sales' || q === 'vip')).toBe(true)
  // The token also works as ?access_token= (a TV's URL; browsers cannot set WebSocket headers).
  expect((await fetch(`${c.url}/api/boards/${c.boards.sales}/live?access_token=${link.token}`)).status).toBe(200)
  // The list says when the link was last used.
  const list = await (await fetch(`${c.url}/api/display-links`, { headers: supervisor.headers })).json() as { links: Array<{ id: string; lastUsedMs: number; active: boolean }> }
  const mine = list.links.find((l) => l.id === link.link.id)!
  expect(mine.active).toBe(true)
  expect(Date.now() - mine.lastUsedMs).toBeLessThan(10_000)
})

it('gets 403 on everything else: other boards, events, live, reports, contacts, admin', async () => {
  const denied: Array<[string, string, unknown?]> = [
    ['GET', `/api/boards/${c.boards.service}`], ['GET', `/api/boards/${c.boards.service}/live`], ['GET', `/api/boards/${c.boards.center}/live`],
    ['GET', '/api/boards'], ['POST', '/api/events', [sampleEvent()]], ['GET', '/api/live'], ['GET', '/api/queues'], ['GET', '/api/contacts'],
    ['GET', '/api/audit'], ['GET', '/api/users'], ['GET', '/api/tokens'], ['GET', '/api/display-links'], ['GET', '/api/me'],
    ['PATCH', `/api/boards/${c.boards.sales}`, { name: 'hacked' }], ['POST', '/api/auth/logout'],
  ]
  for (const [method, path, body] of denied) {
    const res = await asDisplay(path, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) })
    expect(res.status, `${method} ${path}`).toBe(403)
    expect((await res.json() as { error: string }).error).toMatch(/\.$/)
  }
  const otherWs = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/ws/boards/${c.boards.service}/live?access_token=${link.token}`)
    ws.once('unexpected-response', (_q, res) => { resolve(res.statusCode ?? 0); res.resume() })
    ws.once('open', () => { resolve(101); ws.close() })
  })
  expect(otherWs).toBe(403)
  const liveWs = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}/ws/live?access_token=${link.token}`)
    ws.once('unexpected-response', (_q, res) => { resolve(res.statusCode ?? 0); res.resume() })
    ws.once('open', () => { resolve(101); ws.close() })
  })
  expect(liveWs).toBe(403)
})

it('after revocation its open WebSocket is closed within a second, and it is refused', async () => {
  const ws = new WebSocket(`${c.url.replace('http', 'ws')}/ws/boards/${c.boards.sales}/live?access_token=${link.token}`)
  const first = await new Promise<{ type: string; queues: Array<{ queueId: string }> }>((resolve) => ws.once('message', (m) => resolve(JSON.parse(m.toString()))))
  expect(first.type).toBe('snapshot')
  expect(first.queues.map((q) => q.queueId).sort()).toEqual(['sales', 'vip'])
  const closed = new Promise<{ code: number; at: number }>((resolve) => ws.once('close', (code) => resolve({ code, at: Date.now() })))
  const revokedAt = Date.now()
  const res = await fetch(`${c.url}/api/display-links/${link.link.id}`, { method: 'DELETE', headers: supervisor.headers })
  expect(res.status).toBe(200)
  const { code, at } = await closed
  expect(code).toBe(4403)
  expect(at - revokedAt).toBeLessThan(1000)
  expect((await asDisplay(`/api/boards/${c.boards.sales}/live`)).status).toBe(401)
  const audit = await (await fetch(`${c.url}/api/audit?action=display.revoke`, { headers: (await signIn(c.url, 'admin', 'correct horse battery staple')).headers })).json() as { entries: Array<{ actorName: string; detail: { id: string } }> }
  expect(audit.entries[0]).toMatchObject({ actorName: 'supervisor', detail: { id: link.link.id } })
})
