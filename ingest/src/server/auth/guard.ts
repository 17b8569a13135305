/**
 * The guard: authenticates every request (session cookie, `Authorization: Bearer` token, or a
 * display link's `access_token` on its board's routes), then checks the route's declared access.
 * 401 when nobody is signed in, 403 when the caller may not, each with one sentence. State-changing
 * requests from a session must carry its CSRF token, and any request whose Origin is another site
 * is refused.
 */
import fp from 'fastify-plugin'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import type { AccessDirectory } from '../../access/directory.ts'
import type { Principal } from '../../access/principal.ts'
import { displayPrincipal, tokenPrincipal, userPrincipal, type ScopeSources } from '../../access/principals.ts'
import { hashSecret, parseToken, sameHash } from '../../access/secrets.ts'
import type { Sessions } from '../../access/sessions.ts'
import { describeAccess, type Access } from './access.ts'
import { sentences, type Sentence } from '@agner/events/sentences'
import { sentenceBody } from '../errors.ts'

export const SESSION_COOKIE = 'agner_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const TOUCH_TOKEN_EVERY_MS = 60_000

export interface GuardOptions {
  directory: AccessDirectory
  sessions: Sessions
  scopes: ScopeSources
  /** Other sites' origins allowed to call with a token (CORS); never with a session cookie. */
  corsOrigins?: readonly string[]
}

export interface RegisteredRoute { method: string; url: string; access: Access; websocket: boolean }

declare module 'fastify' {
  interface FastifyInstance { guardedRoutes: RegisteredRoute[] }
}

const guardPlugin: FastifyPluginAsync<GuardOptions> = async (app, { directory, sessions, scopes, corsOrigins = [] }) => {
  const routes: RegisteredRoute[] = []
  app.decorate('guardedRoutes', routes)
  app.decorateRequest('principal', undefined)

  app.addHook('onRoute', (route: RouteOptions) => {
    // @fastify/cors answers preflights on its own OPTIONS route: public by nature.
    if (!route.config?.access && route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, access: 'public' }
    const access = route.config?.access
    const methods = ([] as string[]).concat(route.method)
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access; add config.access (see server/auth/access.ts).`)
    for (const method of methods) routes.push({ method, url: route.url, access, websocket: Boolean((route as { websocket?: boolean }).websocket) })
  })

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config.access
    if (!access) return // the not-found handler
    // A WebSocket upgrade is a GET, but it acts like a write (the socket reads live data with the
    // user's cookie, and the desk's socket changes state): other sites' pages may not open one.
    const acts = !SAFE_METHODS.has(req.method) || req.headers.upgrade !== undefined
    const allowedHere = access === 'public' && (req.routeOptions.config.origins ?? []).includes(req.headers.origin ?? '')
    if (acts && crossSite(req) && !allowedHere && !(corsOrigins.includes(req.headers.origin ?? '') && bearerOf(req) !== undefined && !req.cookies[SESSION_COOKIE])) {
      return deny(req, reply, 403, sayGuard('otherSite'))
    }
    // Public routes (sign-in, health, the web app's files) need nobody: no session lookup per asset.
    if (access === 'public') return
    const found = await authenticate(req)
    if (found === 'bad-token') return deny(req, reply, 401, sayGuard('badToken'))
    req.principal = found
    const p = found
    if (!p) return deny(req, reply, 401, sayGuard('signIn'))
    if (access === 'session') {
      if (p.kind !== 'user') return deny(req, reply, 403, sayGuard('userOnly'))
    } else if (p.kind === 'display') {
      if (!access.display) return deny(req, reply, 403, sayGuard('displayOnly'))
    } else if (!p.permissions.has(access.permission)) {
      return deny(req, reply, 403, p.kind === 'user' ? sayGuard('roleDenied', { role: p.role ?? '', needs: describeAccess(access) }) : sayGuard('tokenDenied', { needs: describeAccess(access) }))
    }
    if (p.kind === 'user' && !SAFE_METHODS.has(req.method)) {
      const session = p.sessionId ? directory.get('sessions', p.sessionId) : undefined
      const sent = req.headers[CSRF_HEADER]
      if (!session || typeof sent !== 'string' || sent !== session.csrfToken) {
        return deny(req, reply, 403, sayGuard('csrf'))
      }
    }
  })

  // A WebSocket upgrade refused by a hook is answered on a socket the HTTP server does not track
  // (@fastify/websocket hands it a response by hand): close it, or each refusal leaks a descriptor
  // and keeps the server from shutting down.
  app.addHook('onResponse', async (req, reply) => {
    const socket = req.raw.socket
    if (req.headers.upgrade && reply.statusCode !== 101 && socket && !socket.destroyed) {
      socket.end()
      setTimeout(() => socket.destroy(), 1000).unref()
    }
  })

  async function authenticate(req: FastifyRequest): Promise<Principal | undefined | 'bad-token'> {
    const bearer = bearerOf(req)
    if (bearer !== undefined) return tokenAuth(bearer)
    const cookie = req.cookies[SESSION_COOKIE]
    if (!cookie) return undefined
    const session = await sessions.resolve(cookie)
    if (!session) return undefined
    const user = directory.get('users', session.userId)
    if (!user || user.deleted || user.disabled) return undefined
    return userPrincipal(user, scopes, session.idHash)
  }

  async function tokenAuth(text: string): Promise<Principal | 'bad-token'> {
    const parsed = parseToken(text)
    const t = parsed ? directory.get('tokens', parsed.id) : undefined
    if (!parsed || !t || t.kind !== parsed.kind || t.revokedMs !== 0 || !sameHash(hashSecret(parsed.secret), t.secretHash)) return 'bad-token'
    const now = Date.now()
    if (now - t.lastUsedMs > TOUCH_TOKEN_EVERY_MS) {
      t.lastUsedMs = now // seen at once by this process; stored in the background
      void directory.save('tokens', { ...t, lastUsedMs: now }).catch(() => undefined)
    }
    if (t.kind === 'api') return tokenPrincipal(t)
    const board = directory.get('boards', t.boardId)
    if (!board || board.deleted) return 'bad-token'
    return displayPrincipal(t, board)
  }
}

/** `Authorization: Bearer …`, or `?access_token=` (browsers cannot set headers on a WebSocket or a TV's URL). */
function bearerOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization
  if (h) return /^Bearer\s+(\S+)$/i.exec(h)?.[1] ?? h
  const q = (req.query as Record<string, unknown> | undefined)?.access_token
  return typeof q === 'string' ? q : undefined
}

function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  try { return new URL(origin).host !== req.headers.host } catch { return true }
}

/** Refusals of the guard, in both languages: the API's English `error`, the user's-language `message`. */
const sayGuard = sentences({
  otherSite: { en: 'Requests from other sites are not accepted; use Agner from its own address.', 'zh-CN': '不接受来自其他网站的请求；请从 Agner 自己的地址使用。' },
  badToken: { en: 'The token is unknown or revoked; ask an admin for a new one.', 'zh-CN': '该令牌无效或已被撤销；请向管理员申请新令牌。' },
  signIn: { en: 'Sign in first, or send an API token in the Authorization header.', 'zh-CN': '请先登录，或在 Authorization 请求头中携带 API 令牌。' },
  userOnly: { en: 'This needs a signed-in user; tokens and display links cannot use it.', 'zh-CN': '此操作需要已登录的用户；令牌和大屏链接不能使用。' },
  displayOnly: { en: 'A display link opens its wallboard only.', 'zh-CN': '大屏链接只能打开它自己的看板。' },
  roleDenied: { en: 'Your role ({role}) does not allow this (it needs {needs}); ask an admin.', 'zh-CN': '您的角色（{role}）无权执行此操作（需要 {needs}）；请联系管理员。' },
  tokenDenied: { en: 'Your token does not allow this (it needs {needs}); ask an admin.', 'zh-CN': '您的令牌无权执行此操作（需要 {needs}）；请联系管理员。' },
  csrf: { en: 'The request has no valid CSRF token; reload the page and try again.', 'zh-CN': '请求缺少有效的 CSRF 令牌；请刷新页面后重试。' },
})

function deny(req: FastifyRequest, reply: FastifyReply, status: 401 | 403, said: Sentence): FastifyReply {
  return reply.status(status).send(sentenceBody(req, said))
}

export const guard = fp(guardPlugin, { name: 'agner-guard', dependencies: ['@fastify/cookie'] })
