/**
 * Sign-in, sign-out and the signed-in user's own profile.
 *   POST /api/auth/login    {username, password} → session cookie (HTTP-only, SameSite=Strict)
 *   POST /api/auth/logout   ends the session in the store
 *   GET  /api/me            who am I, what may I do, my CSRF token
 *   PATCH /api/me           language, theme, display name
 *   POST /api/me/password   change my password (ends my other sessions)
 * A failed sign-in never says whether the user exists, and repeated failures slow down.
 */
import { SaidError, sentences, type CenterCodes } from '@agner/events'
import { refusalBody } from '../errors.ts'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AccessDirectory } from '../../access/directory.ts'
import { LoginThrottle } from '../../access/login-throttle.ts'
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from '../../access/passwords.ts'
import { publicUser } from '../../access/records.ts'
import type { Sessions } from '../../access/sessions.ts'
import type { AuditLog } from '../../access/store/audit-log.ts'
import { actorOf } from './audit-actor.ts'
import { SESSION_COOKIE } from './guard.ts'

export interface LoginLimits { userFreeAttempts: number; ipFreeAttempts: number; baseDelayMs: number; maxDelayMs: number }

export interface AuthRoutesOptions {
  /** The center's time zone: the web app's dates and weeks are the center's. */
  timeZone?: string
  /** The center's own code names, for the web app (built-in names are in @agner/events/code-names). */
  codes?: CenterCodes
  directory: AccessDirectory
  sessions: Sessions
  audit: AuditLog
  limits: LoginLimits
  absoluteMs: number
  /** Secure cookies: true, false, or undefined to follow the request's protocol. */
  secureCookies?: boolean
}

const LOGIN_BODY = {
  type: 'object', required: ['username', 'password'], additionalProperties: false,
  properties: { username: { type: 'string', maxLength: 128 }, password: { type: 'string', maxLength: 256 } },
} as const

const LOCALES = ['zh-CN', 'en'] as const
const THEMES = ['light', 'dark', 'auto'] as const

const sayLogin = sentences({
  wait: { en: 'Too many failed sign-ins; wait {seconds} seconds and try again.', 'zh-CN': '登录失败次数过多，请等待 {seconds} 秒后重试。' },
  waitOne: { en: 'Too many failed sign-ins; wait 1 second and try again.', 'zh-CN': '登录失败次数过多，请等待 1 秒后重试。' },
})

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, opts) => {
  const { directory, sessions, audit } = opts
  const forget = 15 * 60_000
  const byUser = new LoginThrottle({ freeAttempts: opts.limits.userFreeAttempts, baseDelayMs: opts.limits.baseDelayMs, maxDelayMs: opts.limits.maxDelayMs, forgetAfterMs: Math.max(forget, opts.limits.maxDelayMs * 2) })
  const byIp = new LoginThrottle({ freeAttempts: opts.limits.ipFreeAttempts, baseDelayMs: opts.limits.baseDelayMs, maxDelayMs: opts.limits.maxDelayMs, forgetAfterMs: Math.max(forget, opts.limits.maxDelayMs * 2) })

  app.post('/api/auth/login', { bodyLimit: 16 * 1024, schema: { body: LOGIN_BODY }, config: { access: 'public' } }, async (req, reply) => {
    const { username, password } = req.body as { username: string; password: string }
    const name = username.normalize('NFC').trim()
    if (!name || !password) return reply.status(400).send({ error: 'Enter both your user name and your password.' })
    const userKey = [`user:${name.toLowerCase()}`]
    const ipKey = [`ip:${req.ip}`]
    const wait = Math.max(byUser.waitMs(userKey), byIp.waitMs(ipKey))
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      const said = new SaidError(sayLogin(seconds === 1 ? 'waitOne' : 'wait', { seconds }))
      return reply.status(429).header('retry-after', String(seconds)).send({ ...refusalBody(req, said), retryAfterSeconds: seconds })
    }
    const user = directory.userByName(name)
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH) && user !== undefined && !user.disabled
    const entry = { actorId: user?.id ?? '', actorName: name.slice(0, 128), actorKind: 'user' as const, action: 'login' as const, target: name.slice(0, 128), ip: req.ip }
    if (!ok || !user) {
      byUser.failed(userKey); byIp.failed(ipKey)
      await audit.record({ ...entry, ok: false })
      return reply.status(401).send({ error: 'The user name or password is not right; check both and try again.' })
    }
    byUser.succeeded(userKey)
    const { secret, session } = await sessions.open(user.id, req.ip, String(req.headers['user-agent'] ?? ''))
    await audit.record({ ...entry, ok: true })
    setSessionCookie(reply, req, secret, opts)
    return { user: publicUser(user), csrfToken: session.csrfToken }
  })

  app.post('/api/auth/logout', { config: { access: 'session' } }, async (req, reply) => {
    const s = directory.get('sessions', req.principal!.sessionId ?? '')
    if (s) await sessions.end(s)
    await audit.record({ ...actorOf(req), action: 'logout', target: req.principal!.name, ok: true })
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return { ok: true }
  })

  app.get('/api/me', { config: { access: 'session' } }, async (req) => {
    const p = req.principal!
    const user = directory.get('users', p.id)!
    const session = directory.get('sessions', p.sessionId ?? '')
    return {
      user: publicUser(user), permissions: [...p.permissions].sort(), queues: p.queues === 'all' ? 'all' : [...p.queues].sort(),
      teams: user.teamIds.map((id) => directory.get('teams', id)).filter((t) => t && !t.deleted).map((t) => ({ id: t!.id, name: t!.name, queueIds: t!.queueIds })),
      csrfToken: session?.csrfToken ?? '', timeZone: opts.timeZone ?? 'UTC', codes: opts.codes ?? {},
    }
  })

  app.patch('/api/me', {
    schema: { body: { type: 'object', additionalProperties: false, minProperties: 1, properties: {
      locale: { type: 'string', enum: LOCALES }, theme: { type: 'string', enum: THEMES }, displayName: { type: 'string', minLength: 1, maxLength: 128 },
    } } },
    config: { access: 'session' },
  }, async (req) => {
    const user = directory.get('users', req.principal!.id)!
    const saved = await directory.save('users', { ...user, ...(req.body as object) })
    return { user: publicUser(saved) }
  })

  app.post('/api/me/password', {
    schema: { body: { type: 'object', required: ['current', 'next'], additionalProperties: false, properties: {
      current: { type: 'string', maxLength: 256 }, next: { type: 'string', maxLength: 1024 },
    } } },
    config: { access: 'session' },
  }, async (req, reply) => {
    const { current, next } = req.body as { current: string; next: string }
    const user = directory.get('users', req.principal!.id)!
    if (!await verifyPassword(current, user.passwordHash)) {
      await audit.record({ ...actorOf(req), action: 'password.change', target: user.username, ok: false })
      return reply.status(400).send({ error: 'The current password is not right; type it again.' })
    }
    const problem = passwordProblem(next)
    if (problem) return reply.status(400).send({ error: problem })
    await directory.save('users', { ...user, passwordHash: await hashPassword(next) })
    for (const s of directory.list('sessions')) if (s.userId === user.id && s.endedMs === 0 && s.idHash !== req.principal!.sessionId) await sessions.end(s)
    await audit.record({ ...actorOf(req), action: 'password.change', target: user.username, ok: true })
    return { ok: true }
  })
}

function setSessionCookie(reply: FastifyReply, req: FastifyRequest, secret: string, opts: AuthRoutesOptions): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/', httpOnly: true, sameSite: 'strict', secure: opts.secureCookies ?? req.protocol === 'https',
    // The cookie may outlive the idle timeout; the server decides. It never outlives the absolute one.
    maxAge: Math.floor(opts.absoluteMs / 1000),
  })
}
