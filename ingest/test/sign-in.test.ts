/**
 * Signing in with bad input (SQL-ish, oversized, unicode, empty): a clear 4xx and no stack trace.
 * Twenty wrong passwords slow the next attempts down; the right one still works after the wait.
 * Sessions: HTTP-only SameSite cookie, CSRF on changes, logout ends the session server-side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
beforeAll(async () => { c = await startAccessCenter({ loginBackoffMs: 300, loginBackoffMaxMs: 5000 }) }, 60_000)
afterAll(async () => { await c?.dispose() })

const login = (body: unknown, headers: Record<string, string> = {}) => fetch(`${c.url}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body),
})

function noStack(text: string): void {
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|Error:|stack/i)
}

describe('sign-in with bad input', () => {
  const cases: Array<[string, unknown, number]> = [
    ['SQL-ish user name', { username: "admin' OR '1'='1' --", password: "x' OR 1=1; DROP TABLE users; --" }, 401],
    ['SQL-ish password for a real user', { username: 'manager', password: "' OR ''='" }, 401],
    ['unicode user name and password', { username: '张伟🙂', password: 'пароль-密码' }, 401],
    ['empty fields', { username: '', password: '' }, 400],
    ['blank user name', { username: '   ', password: 'something' }, 400],
    ['missing password', { username: 'admin' }, 400],
    ['a number for a user name (read as text)', { username: 42, password: 'x' }, 401],
    ['an oversized user name', { username: 'a'.repeat(10_000), password: 'x' }, 400],
    ['an oversized password', { username: 'admin', password: 'p'.repeat(100_000) }, 413],
    ['not JSON', '{"username": "admin", "password": ', 400],
    ['extra fields (ignored: sign-in cannot set a role)', { username: 'planner', password: 'x', role: 'admin' }, 401],
  ]
  for (const [name, body, status] of cases) {
    it(`${name}: ${status}, one sentence, no stack trace`, async () => {
      const res = await login(body)
      expect(res.status).toBe(status)
      const text = await res.text()
      noStack(text)
      expect((JSON.parse(text) as { error: string }).error).toMatch(/^[A-Z].{10,200}[.;]/)
      expect(res.headers.get('set-cookie')).toBeNull()
    })
  }

  it('never says whether the user exists', async () => {
    const a = await login({ username: 'planner', password: 'wrong password' })
    const b = await login({ username: 'no-such-person', password: 'wrong password' })
    expect([a.status, b.status]).toEqual([401, 401])
    expect(await a.text()).toBe(await b.text())
  })
})

describe('sign-in backoff', () => {
  it('twenty wrong passwords slow the next attempts down; the right one works after the wait', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await login({ username: 'supervisor', password: `guess ${i}` })).status)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses).toContain(429)
    // Even the right password must wait now…
    const early = await login({ username: 'supervisor', password: c.passwords.supervisor })
    expect(early.status).toBe(429)
    const retryAfter = Number(early.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect((await early.json() as { error: string }).error).toMatch(/^Too many failed sign-ins; wait \d+ seconds? and try again\.$/)
    // …and each further failure after a wait doubles it.
    await new Promise((r) => setTimeout(r, retryAfter * 1000))
    expect((await login({ username: 'supervisor', password: 'one more guess' })).status).toBe(401)
    const longer = await login({ username: 'supervisor', password: c.passwords.supervisor })
    expect(longer.status).toBe(429)
    await new Promise((r) => setTimeout(r, Number(longer.headers.get('retry-after')) * 1000))
    const ok = await login({ username: 'supervisor', password: c.passwords.supervisor })
    expect(ok.status).toBe(200)
    // Other users are not locked out by someone guessing at this one.
    expect((await login({ username: 'manager', password: c.passwords.manager })).status).toBe(200)
    const failures = await (await fetch(`${c.url}/api/audit?action=login&ok=false&actor=supervisor&limit=500`, { headers: (await signIn(c.url, 'admin', ADMIN_PASSWORD)).headers })).json() as { total: number }
    expect(failures.total).toBeGreaterThanOrEqual(6)
  }, 30_000)
})

describe('sessions', () => {
  it('the cookie is HTTP-only and SameSite=Strict; the login answer carries no hash', async () => {
    const res = await login({ username: 'admin', password: ADMIN_PASSWORD })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^agner_session=[A-Za-z0-9_-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const text = await res.text()
    expect(text).not.toMatch(/scrypt|passwordHash/)
  })

  it('a change without the CSRF token, or from another site, is refused', async () => {
    const s = await signIn(c.url, 'admin', ADMIN_PASSWORD)
    const body = JSON.stringify({ name: 'x', scopes: ['live:read'] })
    const noCsrf = await fetch(`${c.url}/api/tokens`, { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body })
    expect(noCsrf.status).toBe(403)
    expect((await noCsrf.json() as { error: string }).error).toContain('CSRF')
    const wrong = await fetch(`${c.url}/api/tokens`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': 'nope', 'content-type': 'application/json' }, body })
    expect(wrong.status).toBe(403)
    const crossSite = await fetch(`${c.url}/api/tokens`, { method: 'POST', headers: { ...s.headers, origin: 'https://evil.example', 'content-type': 'application/json' }, body })
    expect(crossSite.status).toBe(403)
    const crossLogin = await login({ username: 'admin', password: ADMIN_PASSWORD }, { origin: 'https://evil.example' })
    expect(crossLogin.status).toBe(403)
    const ok = await fetch(`${c.url}/api/tokens`, { method: 'POST', headers: { ...s.headers, 'content-type': 'application/json' }, body })
    expect(ok.status).toBe(201)
  })

  it('logout ends the session on the server: the same cookie is refused afterwards', async () => {
    const s = await signIn(c.url, 'planner', c.passwords.planner)
    expect((await fetch(`${c.url}/api/me`, { headers: s.headers })).status).toBe(200)
    const out = await fetch(`${c.url}/api/auth/logout`, { method: 'POST', headers: s.headers })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/agner_session=;/)
    const replay = await fetch(`${c.url}/api/me`, { headers: s.headers })
    expect(replay.status).toBe(401)
  })

  it('security headers are set and CORS stays closed', async () => {
    const res = await fetch(`${c.url}/healthz`, { headers: { origin: 'https://elsewhere.example' } })
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await fetch(`${c.url}/api/events`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })
})
