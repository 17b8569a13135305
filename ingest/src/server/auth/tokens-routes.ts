/**
 * API tokens (admins) and wallboard display links (admins and supervisors, for boards they see).
 * The token text is returned once, at creation; the store keeps only its hash. Revoking takes
 * effect at once: requests are refused and open sockets are closed.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { boardVisibleTo } from '../../access/boards.ts'
import type { AccessDirectory } from '../../access/directory.ts'
import { TOKEN_SCOPES, type TokenScope } from '../../access/permissions.ts'
import { publicToken } from '../../access/records.ts'
import { newToken } from '../../access/tokens.ts'
import type { AuditLog } from '../../access/store/audit-log.ts'
import { actorOf } from './audit-actor.ts'
import { ID_PARAMS } from './schemas.ts'

export interface TokensRoutesOptions { directory: AccessDirectory; audit: AuditLog }

const NAME = { type: 'string', minLength: 1, maxLength: 128 } as const

export const tokensRoutes: FastifyPluginAsync<TokensRoutesOptions> = async (app, { directory, audit }) => {
  const tokensAccess = { permission: 'tokens:manage' } as const
  const displaysAccess = { permission: 'displays:manage' } as const
  const byNewest = <T extends { createdMs: number }>(a: T, b: T): number => b.createdMs - a.createdMs

  app.get('/api/tokens', { config: { access: tokensAccess } }, async () =>
    ({ tokens: directory.list('tokens').filter((t) => t.kind === 'api').sort(byNewest).map(publicToken) }))

  app.post('/api/tokens', {
    schema: { body: { type: 'object', required: ['name', 'scopes'], additionalProperties: false, properties: {
      name: NAME, scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: TOKEN_SCOPES } },
    } } },
    config: { access: tokensAccess },
  }, async (req, reply) => {
    const body = req.body as { name: string; scopes: TokenScope[] }
    const { record, token } = newToken('api', { name: body.name.trim(), scopes: body.scopes, createdBy: req.principal!.name })
    const saved = await directory.save('tokens', record)
    await audit.record({ ...actorOf(req), action: 'token.create', target: saved.name, ok: true, detail: { id: saved.id, scopes: saved.scopes } })
    return reply.status(201).send({ token: publicToken(saved), secret: token })
  })

  app.delete('/api/tokens/:id', { schema: { params: ID_PARAMS }, config: { access: tokensAccess } }, async (req, reply) =>
    revoke(req, reply, 'api'))

  app.get('/api/display-links', { config: { access: displaysAccess } }, async (req) => ({
    links: directory.list('tokens').filter((t) => t.kind === 'display').filter((t) => {
      const b = directory.get('boards', t.boardId)
      return b !== undefined && boardVisibleTo(req.principal!, b)
    }).sort(byNewest).map(publicToken),
  }))

  app.post('/api/display-links', {
    schema: { body: { type: 'object', required: ['boardId', 'name'], additionalProperties: false, properties: { boardId: { type: 'string', maxLength: 64 }, name: NAME } } },
    config: { access: displaysAccess },
  }, async (req, reply) => {
    const body = req.body as { boardId: string; name: string }
    const board = directory.get('boards', body.boardId)
    if (!board || board.deleted) return reply.status(404).send({ error: 'There is no such board; pick one from the list.' })
    if (!boardVisibleTo(req.principal!, board)) return reply.status(403).send({ error: 'This board shows queues outside your teams; ask an admin.' })
    const { record, token } = newToken('display', { name: body.name.trim(), boardId: board.id, createdBy: req.principal!.name })
    const saved = await directory.save('tokens', record)
    await audit.record({ ...actorOf(req), action: 'display.create', target: board.name, ok: true, detail: { id: saved.id, boardId: board.id, name: saved.name } })
    // The token rides in the fragment, which browsers never send to a server or a proxy log.
    return reply.status(201).send({ link: publicToken(saved), token, path: `/display/${board.id}#${token}` })
  })

  app.delete('/api/display-links/:id', { schema: { params: ID_PARAMS }, config: { access: displaysAccess } }, async (req, reply) =>
    revoke(req, reply, 'display'))

  async function revoke(req: FastifyRequest, reply: FastifyReply, kind: 'api' | 'display'): Promise<unknown> {
    const { id } = req.params as { id: string }
    const t = directory.get('tokens', id)
    const board = t?.kind === 'display' ? directory.get('boards', t.boardId) : undefined
    const visible = t && t.kind === kind && (kind === 'api' || (board !== undefined && boardVisibleTo(req.principal!, board)))
    if (!t || !visible) return reply.status(404).send({ error: `There is no such ${kind === 'api' ? 'token' : 'display link'}; reload the list.` })
    if (t.revokedMs === 0) await directory.save('tokens', { ...t, revokedMs: Date.now() })
    await audit.record({ ...actorOf(req), action: kind === 'api' ? 'token.revoke' : 'display.revoke', target: t.name, ok: true, detail: { id: t.id } })
    return { ok: true }
  }
}
