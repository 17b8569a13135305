/**
 * The access building blocks on their own: the sign-in backoff, password hashing, token format,
 * and sessions' idle and absolute timeouts (on chDB, with an injected clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempStore } from '@agner/analytics/testing'
import { AccessDirectory } from '../src/access/directory.ts'
import { LoginThrottle } from '../src/access/login-throttle.ts'
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from '../src/access/passwords.ts'
import { formatToken, hashSecret, parseToken } from '../src/access/secrets.ts'
import { Sessions } from '../src/access/sessions.ts'
import { accessTables } from '../src/access/store/access-tables.ts'

describe('LoginThrottle', () => {
  it('lets the first failures through, then doubles the wait per failure up to the cap, and forgets on success', () => {
    let now = 0
    const t = new LoginThrottle({ freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 5000, forgetAfterMs: 60_000 }, () => now)
    const k = ['user:x']
    for (let i = 0; i < 3; i++) { expect(t.waitMs(k)).toBe(0); t.failed(k) }
    expect(t.waitMs(k)).toBe(1000)
    now += 1000; t.failed(k); expect(t.waitMs(k)).toBe(2000)
    now += 2000; t.failed(k); expect(t.waitMs(k)).toBe(4000)
    now += 4000; t.failed(k); expect(t.waitMs(k)).toBe(5000)
    expect(t.waitMs(['user:someone-else'])).toBe(0)
    t.succeeded(k)
    expect(t.waitMs(k)).toBe(0)
  })

  it('forgets failures after a quiet spell', () => {
    let now = 0
    const t = new LoginThrottle({ freeAttempts: 0, baseDelayMs: 1000, maxDelayMs: 5000, forgetAfterMs: 60_000 }, () => now)
    t.failed(['ip:1']); t.failed(['ip:1'])
    expect(t.waitMs(['ip:1'])).toBe(4000)
    now += 61_000
    expect(t.waitMs(['ip:1'])).toBe(0)
  })
})

describe('passwords and tokens', () => {
  it('hashes with scrypt and a salt, verifies, and never matches the dummy hash', async () => {
    const a = await hashPassword('correct horse battery staple')
    const b = await hashPassword('correct horse battery staple')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true)
    expect(await verifyPassword('Correct horse battery staple', a)).toBe(false)
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false)
    expect(await verifyPassword('x', 'not a hash')).toBe(false)
    expect(passwordProblem('short')).toMatch(/at least 10/)
    expect(passwordProblem('口令也可以是中文的一句话')).toBeUndefined()
  })

  it('formats and parses tokens, and refuses anything else', () => {
    const id = '0190f5a2-1c2b-7d3e-8f40-123456789abc'
    const text = formatToken('display', id, 'A'.repeat(43))
    expect(parseToken(text)).toEqual({ kind: 'display', id, secret: 'A'.repeat(43) })
    expect(parseToken(formatToken('api', id, 'b'.repeat(43)))?.kind).toBe('api')
    for (const bad of ['', 'agn_x_' + id + '.' + 'a'.repeat(43), `agn_t_${id}`, `agn_t_${id}.short`, `agn_t_${id}.${'a'.repeat(43)}' OR 1=1`]) expect(parseToken(bad)).toBeUndefined()
    expect(hashSecret('x')).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('Sessions', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>
  beforeAll(async () => { ctx = await tempStore() })
  afterAll(async () => { await ctx?.dispose() })

  it('end after the idle timeout, after the absolute one however busy, and at sign-out; the store keeps only hashes', async () => {
    let now = Date.now()
    const dir = new AccessDirectory(accessTables(ctx.store.client, 'default'), () => now)
    await dir.load()
    const sessions = new Sessions(dir, { idleMs: 10 * 60_000, absoluteMs: 60 * 60_000 }, () => now)

    const idle = await sessions.open('u1', '127.0.0.1', 'test')
    now += 9 * 60_000
    expect(await sessions.resolve(idle.secret)).toBeDefined()
    now += 11 * 60_000
    expect(await sessions.resolve(idle.secret)).toBeUndefined()

    const busy = await sessions.open('u1', '127.0.0.1', 'test')
    for (let i = 0; i < 12; i++) { now += 5 * 60_000; expect(await sessions.resolve(busy.secret), `after ${(i + 1) * 5} min`).toBeDefined() }
    now += 1
    expect(await sessions.resolve(busy.secret)).toBeUndefined()

    const out = await sessions.open('u1', '127.0.0.1', 'test')
    await sessions.end(out.session)
    expect(await sessions.resolve(out.secret)).toBeUndefined()

    // A second process on the same store sees the session end too.
    const other = new Sessions(new AccessDirectory(accessTables(ctx.store.client, 'default'), () => now), { idleMs: 10 * 60_000, absoluteMs: 60 * 60_000 }, () => now)
    const live = await sessions.open('u2', '127.0.0.1', 'test')
    expect(await other.resolve(live.secret)).toBeDefined()
    await sessions.end(live.session)
    const reloaded = new Sessions(await (async () => { const d = new AccessDirectory(accessTables(ctx.store.client, 'default'), () => now); await d.load(); return d })(), { idleMs: 10 * 60_000, absoluteMs: 60 * 60_000 }, () => now)
    expect(await reloaded.resolve(live.secret)).toBeUndefined()

    const rows = await (await ctx.store.client.query({ query: 'SELECT id_hash FROM sessions', format: 'JSONEachRow' })).json<{ id_hash: string }>()
    for (const s of [idle, busy, out, live]) {
      expect(rows.some((r) => r.id_hash === s.secret)).toBe(false)
      expect(rows.some((r) => r.id_hash === hashSecret(s.secret))).toBe(true)
    }
  })
})
