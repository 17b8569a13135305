/** Teams (admins only): a name and the queues it covers. Supervisors and managers see their teams' queues. */
import type { FastifyPluginAsync } from 'fastify'
import { uuidv7 } from '@agner/events'
import type { AccessDirectory } from '../../access/directory.ts'
import type { AuditLog } from '../../access/store/audit-log.ts'
import { actorOf } from './audit-actor.ts'
import { ID_PARAMS, QUEUE_IDS } from './schemas.ts'

export interface TeamsRoutesOptions { directory: AccessDirectory; audit: AuditLog; knownQueue: (id: string) => boolean }

export const teamsRoutes: FastifyPluginAsync<TeamsRoutesOptions> = async (app, { directory, audit, knownQueue }) => {
  const access = { permission: 'users:manage' } as const
  const name = { type: 'string', minLength: 1, maxLength: 128 } as const

  app.get('/api/teams', { config: { access } }, async () => ({
    teams: directory.list('teams').filter((t) => !t.deleted).sort((a, b) => a.name.localeCompare(b.name))
      .map(({ id, name: n, queueIds }) => ({ id, name: n, queueIds, members: directory.list('users').filter((u) => !u.deleted && u.teamIds.includes(id)).length })),
  }))

  app.post('/api/teams', {
    schema: { body: { type: 'object', required: ['name', 'queueIds'], additionalProperties: false, properties: { name, queueIds: QUEUE_IDS } } },
    config: { access },
  }, async (req, reply) => {
    const body = req.body as { name: string; queueIds: string[] }
    const unknown = body.queueIds.find((q) => !knownQueue(q))
    if (unknown) return reply.status(400).send({ error: `There is no queue "${unknown}"; pick queues from the list.` })
    const team = await directory.save('teams', { id: uuidv7(), name: body.name.trim(), queueIds: body.queueIds, deleted: false, createdMs: Date.now(), updatedMs: 0 })
    await audit.record({ ...actorOf(req), action: 'team.create', target: team.name, ok: true, detail: { queueIds: team.queueIds } })
    return reply.status(201).send({ team })
  })

  app.patch('/api/teams/:id', {
    schema: { params: ID_PARAMS, body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { name, queueIds: QUEUE_IDS } } },
    config: { access },
  }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const body = req.body as { name?: string; queueIds?: string[] }
    const team = directory.get('teams', id)
    if (!team || team.deleted) return reply.status(404).send({ error: 'There is no such team; reload the list.' })
    const unknown = body.queueIds?.find((q) => !knownQueue(q))
    if (unknown) return reply.status(400).send({ error: `There is no queue "${unknown}"; pick queues from the list.` })
    const saved = await directory.save('teams', { ...team, ...body })
    await audit.record({ ...actorOf(req), action: 'team.update', target: saved.name, ok: true, detail: body })
    return { team: saved }
  })

  app.delete('/api/teams/:id', { schema: { params: ID_PARAMS }, config: { access } }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const team = directory.get('teams', id)
    if (!team || team.deleted) return reply.status(404).send({ error: 'There is no such team; reload the list.' })
    await directory.save('teams', { ...team, deleted: true })
    await audit.record({ ...actorOf(req), action: 'team.delete', target: team.name, ok: true })
    return { ok: true }
  })
}
