/**
 * WebSocket upgrades follow the same rule as other requests: a page on another site cannot open
 * Agner's sockets with the user's session cookie (cross-site WebSocket hijacking). Same-site pages
 * and clients that send no Origin (scripts with a token) still connect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
let cookie: string
let agentCookie: string
beforeAll(async () => {
  c = await startAccessCenter()
  cookie = (await signIn(c.url, 'admin', ADMIN_PASSWORD)).cookie
  agentCookie = (await signIn(c.url, c.usernames.agent, c.passwords.agent)).cookie
})
afterAll(async () => { await c?.dispose() })

/** Opens a socket; resolves with the first frame's type, or the refusal's status and sentence. */
function open(path: string, headers: Record<string, string>): Promise<{ status: number; first?: string; error?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${c.url.replace('http', 'ws')}${path}`, { headers })
    ws.once('message', (raw) => { resolve({ status: 101, first: (JSON.parse(raw.toString()) as { type: string }).type }); ws.close() })
    ws.once('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (d: Buffer) => { body += d.toString() })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, error: body }))
    })
    ws.once('error', () => undefined)
  })
}

describe('WebSocket upgrades check Origin', () => {
  const sockets = (): Array<[string, string]> => [['/ws/live', cookie], [`/ws/boards/${c.boards.center}/live`, cookie], ['/ws/agent', agentCookie]]

  it('another site\'s page with the session cookie is refused with a sentence, on every socket', async () => {
    for (const [path, ck] of sockets()) {
      const r = await open(path, { cookie: ck, origin: 'http://evil.example' })
      expect(r.status, path).toBe(403)
      expect(r.error).toContain('Requests from other sites are not accepted')
    }
  })

  it('Agner\'s own pages, and clients that send no Origin, connect', async () => {
    const own = new URL(c.url).origin
    for (const [path, ck] of sockets()) {
      expect((await open(path, { cookie: ck, origin: own })).status, path).toBe(101)
      expect((await open(path, { cookie: ck })).status, path).toBe(101)
    }
  })
})
