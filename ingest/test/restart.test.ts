/** Accounts, tokens and revocations live in the store: a restart keeps them, and creates nothing twice. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter } from './support/access-center.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'agner-restart-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

it('users, passwords, tokens and revocations survive a restart; first-run accounts are made once', async () => {
  const first = await startAccessCenter({ dataDir })
  expect(first.agner.bootstrap.created.map((c) => c.username).sort()).toEqual(['admin', 'agent', 'agent2', 'manager', 'planner', 'supervisor'])
  const admin = await signIn(first.url, 'admin', ADMIN_PASSWORD)
  const post = (path: string, body: unknown) => fetch(`${first.url}${path}`, { method: 'POST', headers: { ...admin.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect((await post('/api/users', { username: 'night-lead', role: 'supervisor', password: 'a night shift password' })).status).toBe(201)
  const kept = await (await post('/api/tokens', { name: 'kept', scopes: ['live:read'] })).json() as { secret: string }
  const gone = await (await post('/api/tokens', { name: 'gone', scopes: ['live:read'] })).json() as { secret: string; token: { id: string } }
  expect((await fetch(`${first.url}/api/tokens/${gone.token.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)
  await first.dispose()

  const second = await startAccessCenter({ dataDir, adminPassword: 'a different password now' })
  try {
    expect(second.agner.bootstrap.created).toEqual([])
    await signIn(second.url, 'night-lead', 'a night shift password')
    await signIn(second.url, 'admin', ADMIN_PASSWORD)
    expect((await fetch(`${second.url}/api/live`, { headers: { authorization: `Bearer ${kept.secret}` } })).status).toBe(200)
    expect((await fetch(`${second.url}/api/live`, { headers: { authorization: `Bearer ${gone.secret}` } })).status).toBe(401)
    // The old session cookie still works after the restart (sessions are in the store too).
    expect((await fetch(`${second.url}/api/me`, { headers: admin.headers })).status).toBe(200)
  } finally {
    await second.dispose()
  }
}, 60_000)
