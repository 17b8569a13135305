/** CORS opened to one configured origin: its pages may call with a token, never with a session cookie; other sites stay out. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sampleEvent } from '@agner/events/testing'
import { apiToken, signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

const CRM = 'https://crm.example.com'
let c: AccessCenter
let token: string
beforeAll(async () => {
  c = await startAccessCenter({ corsOrigins: [CRM] })
  token = await apiToken(c.agner.access.directory, ['events:write'])
}, 60_000)
afterAll(async () => { await c?.dispose() })

it('answers the allowed origin\'s preflight, and no other', async () => {
  const ok = await fetch(`${c.url}/api/events`, { method: 'OPTIONS', headers: { origin: CRM, 'access-control-request-method': 'POST' } })
  expect(ok.headers.get('access-control-allow-origin')).toBe(CRM)
  const other = await fetch(`${c.url}/api/events`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })
  expect(other.headers.get('access-control-allow-origin')).toBeNull()
})

it('the allowed origin posts with a token; with a session cookie, or from another site, it is refused', async () => {
  const body = JSON.stringify([sampleEvent()])
  const withToken = await fetch(`${c.url}/api/events`, { method: 'POST', headers: { origin: CRM, authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body })
  expect(withToken.status).toBe(202)
  const admin = await signIn(c.url, 'admin', ADMIN_PASSWORD)
  const withCookie = await fetch(`${c.url}/api/events`, { method: 'POST', headers: { origin: CRM, ...admin.headers, 'content-type': 'application/json' }, body })
  expect(withCookie.status).toBe(403)
  const elsewhere = await fetch(`${c.url}/api/events`, { method: 'POST', headers: { origin: 'https://evil.example', authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body })
  expect(elsewhere.status).toBe(403)
})
