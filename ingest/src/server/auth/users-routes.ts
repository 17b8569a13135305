/**
 * Users (admins only): list, create (a generated password is shown once when none is given),
 * change role, teams, agent, PII grant, disable, reset password, delete. A change that withdraws
 * access ends the user's sessions and closes their live sockets.
 */
import type { FastifyPluginAsync } from 'fastify'
import { uuidv7 } from '@agner/events'
import type { AccessDirectory } from '../../access/directory.ts'
import { generatePassword, hashPassword, passwordProblem } from '../../access/passwords.ts'
import { ROLES } from '../../access/permissions.ts'
import { publicUser, type UserRecord } from '../../access/records.ts'
import type { Sessions } from '../../access/sessions.ts'
import type { AuditLog } from '../../access/store/audit-log.ts'
import { actorOf } from './audit-actor.ts'
import { ID_PARAMS } from './schemas.ts'

export interface UsersRoutesOptions { directory: AccessDirectory; sessions: Sessions; audit: AuditLog }

const USER_FIELDS = {
  displayName: { type: 'string', minLength: 1, maxLength: 128 },
  role: { type: 'string', enum: ROLES },
  teamIds: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', maxLength: 64 } },
  agentId: { type: 'string', maxLength: 128 },
  pii: { type: 'boolean' },
  password: { type: 'string', maxLength: 1024 },
} as const

const USERNAME = /^[\p{L}\p{N}._@-]{1,64}$/u

interface UserInput { username?: string; displayName?: string; role?: UserRecord['role']; teamIds?: string[]; agentId?: string; pii?: boolean; password?: string; disabled?: boolean }

export const usersRoutes: FastifyPluginAsync<UsersRoutesOptions> = async (app, { directory, sessions, audit }) => {
  const access = { permission: 'users:manage' } as const
  const live = (): UserRecord[] => directory.list('users').filter((u) => !u.deleted)
  const activeAdmins = (): UserRecord[] => live().filter((u) => u.role === 'admin' && !u.disabled)
  const unknownTeam = (ids: string[] | undefined): string | undefined => ids?.find((id) => { const t = directory.get('teams', id); return !t || t.deleted })

  app.get('/api/users', { config: { access } }, async () =>
    ({ users: live().sort((a, b) => a.username.localeCompare(b.username)).map(publicUser) }))

  app.post('/api/users', {
    schema: { body: { type: 'object', required: ['username', 'role'], additionalProperties: false, properties: { username: { type: 'string', maxLength: 64 }, ...USER_FIELDS } } },
    config: { access },
  }, async (req, reply) => {
    const body = req.body as UserInput & { username: string }
    const username = body.username.normalize('NFC').trim()
    if (!USERNAME.test(username)) return reply.status(400).send({ error: 'A user name is 1–64 letters, digits, ".", "_", "@" or "-", with no spaces.' })
    if (directory.userByName(username)) return reply.status(409).send({ error: `There is already a user named "${username}"; pick another name.` })
    const badTeam = unknownTeam(body.teamIds)
    if (badTeam) return reply.status(400).send({ error: `There is no team "${badTeam}"; create it first or pick another.` })
    const generated = body.password === undefined
    const password = body.password ?? generatePassword()
    const problem = passwordProblem(password)
    if (problem) return reply.status(400).send({ error: problem })
    const now = Date.now()
    const user = await directory.save('users', {
      id: uuidv7(), username, displayName: body.displayName ?? username, passwordHash: await hashPassword(password), role: body.role!,
      teamIds: body.teamIds ?? [], agentId: body.agentId ?? '', pii: body.pii ?? false, locale: '', theme: '',
      disabled: false, deleted: false, createdMs: now, updatedMs: 0,
    })
    await audit.record({ ...actorOf(req), action: 'user.create', target: username, ok: true, detail: { role: user.role, teamIds: user.teamIds, pii: user.pii } })
    return reply.status(201).send({ user: publicUser(user), ...(generated ? { password } : {}) })
  })

  app.patch('/api/users/:id', {
    schema: { params: ID_PARAMS, body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...USER_FIELDS, disabled: { type: 'boolean' } } } },
    config: { access },
  }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const body = req.body as UserInput
    const user = directory.get('users', id)
    if (!user || user.deleted) return reply.status(404).send({ error: 'There is no such user; reload the list.' })
    const badTeam = unknownTeam(body.teamIds)
    if (badTeam) return reply.status(400).send({ error: `There is no team "${badTeam}"; create it first or pick another.` })
    const losesAdmin = user.role === 'admin' && ((body.role && body.role !== 'admin') || body.disabled === true)
    if (losesAdmin && activeAdmins().length <= 1) return reply.status(409).send({ error: 'This is the last active admin; make another admin first.' })
    if (body.password !== undefined) {
      const problem = passwordProblem(body.password)
      if (problem) return reply.status(400).send({ error: problem })
    }
    const { password, ...fields } = body
    const saved = await directory.save('users', { ...user, ...fields, ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}) })
    if (password !== undefined || saved.disabled) await sessions.endAllFor(saved.id)
    const changed = Object.keys(fields).concat(password !== undefined ? ['password'] : [])
    await audit.record({ ...actorOf(req), action: 'user.update', target: saved.username, ok: true, detail: { changed, ...fields } })
    return { user: publicUser(saved) }
  })

  app.delete('/api/users/:id', { schema: { params: ID_PARAMS }, config: { access } }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const user = directory.get('users', id)
    if (!user || user.deleted) return reply.status(404).send({ error: 'There is no such user; reload the list.' })
    if (id === req.principal!.id) return reply.status(409).send({ error: 'You cannot delete yourself; ask another admin.' })
    if (user.role === 'admin' && activeAdmins().length <= 1) return reply.status(409).send({ error: 'This is the last active admin; make another admin first.' })
    await directory.save('users', { ...user, deleted: true, disabled: true })
    await sessions.endAllFor(id)
    await audit.record({ ...actorOf(req), action: 'user.delete', target: user.username, ok: true })
    return { ok: true }
  })
}
