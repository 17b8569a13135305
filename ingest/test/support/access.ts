/** Test helpers for the guarded API: tokens made straight in the directory, and signing in over HTTP. */
import type { FastifyInstance } from 'fastify'
import type { AccessDirectory } from '../../src/access/directory.ts'
import type { TokenScope } from '../../src/access/permissions.ts'
import { newToken } from '../../src/access/tokens.ts'

/** An API token with these scopes, as an admin would create it; returns the bearer text. */
export async function apiToken(directory: AccessDirectory, scopes: TokenScope[], name = 'test'): Promise<string> {
  const { record, token } = newToken('api', { name, scopes, createdBy: 'test' })
  await directory.save('tokens', record)
  return token
}

export interface SignedIn { cookie: string; csrf: string; headers: Record<string, string> }

/** Signs in through POST /api/auth/login (over HTTP at `url`, or injected into `app`). */
export async function signIn(target: string | FastifyInstance, username: string, password: string): Promise<SignedIn> {
  const payload = JSON.stringify({ username, password })
  let status: number
  let setCookie: string
  let body: { csrfToken?: string; error?: string }
  if (typeof target === 'string') {
    const res = await fetch(`${target}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload })
    status = res.status; setCookie = res.headers.get('set-cookie') ?? ''; body = await res.json() as typeof body
  } else {
    const res = await target.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload })
    status = res.statusCode; setCookie = String(res.headers['set-cookie'] ?? ''); body = res.json()
  }
  if (status !== 200) throw new Error(`sign-in as ${username} failed: ${status} ${body.error}`)
  const cookie = setCookie.split(';')[0]!
  return { cookie, csrf: body.csrfToken!, headers: { cookie, 'x-csrf-token': body.csrfToken! } }
}
