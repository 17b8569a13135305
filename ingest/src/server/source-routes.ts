/**
 * PBX sources (Admin → Sources), for admins (`settings:write`):
 *   GET    /api/sources              every source: its settings (secrets never returned) and state
 *   GET    /api/sources/:id
 *   POST   /api/sources              add one        PUT /api/sources/:id  change one (a secret left out is kept)
 *   DELETE /api/sources/:id
 * For agents on a PBX: POST /api/agent/pbx-calls/:contactId/wrapup {dispositionCode?, notes?}.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { SaidError } from '@agner/events/sentences'
import type { SourcesService } from '../sources/sources-service.ts'
import type { PbxControl } from '../sources/pbx-control.ts'
import { SOURCE_BODY } from '../sources/source-spec.ts'
import { refusalBody } from './errors.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import { actorOf } from './auth/audit-actor.ts'

export interface SourceRoutesOptions { sources: SourcesService; pbx: PbxControl; audit: AuditLog }

const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } } } as const
const CALL_PARAMS = { type: 'object', required: ['contactId'], properties: { contactId: { type: 'string', pattern: '^[0-9A-Za-z_.:@#/-]{1,200}$' } } } as const

export const sourceRoutes: FastifyPluginAsync<SourceRoutesOptions> = async (app, { sources, pbx, audit }) => {
  const admin = { permission: 'settings:write' } as const
  const said = async (req: FastifyRequest, reply: FastifyReply, fn: () => Promise<unknown>, notFound = 404): Promise<unknown> => {
    try {
      return await fn()
    } catch (err) {
      if (!(err instanceof SaidError)) throw err
      const status = err.said.code === 'notFound' || err.said.code === 'unknownCall' ? notFound : err.said.code === 'exists' || err.said.code === 'fileManaged' ? 409 : 400
      return reply.status(status).send(refusalBody(req, err))
    }
  }
  app.get('/api/sources', { config: { access: admin } }, async () => ({ sources: sources.list(), serverTime: Date.now() }))
  app.get('/api/sources/:id', { schema: { params: ID_PARAMS }, config: { access: admin } }, async (req, reply) =>
    said(req, reply, async () => sources.get((req.params as { id: string }).id)))
  app.post('/api/sources', { schema: { body: SOURCE_BODY }, config: { access: admin } }, async (req, reply) =>
    said(req, reply, async () => {
      const created = await sources.put(req.body as Parameters<SourcesService['put']>[0], 'create')
      await audit.record({ ...actorOf(req), action: 'settings.change', target: `source ${created.spec.id}`, ok: true, detail: { op: 'create', kind: created.spec.kind } })
      return reply.status(201).send(created)
    }))
  app.put('/api/sources/:id', { schema: { params: ID_PARAMS, body: { ...SOURCE_BODY, required: ['kind'] } }, config: { access: admin } }, async (req, reply) =>
    said(req, reply, async () => {
      const id = (req.params as { id: string }).id
      const changed = await sources.put({ ...(req.body as Parameters<SourcesService['put']>[0]), id }, 'replace')
      await audit.record({ ...actorOf(req), action: 'settings.change', target: `source ${id}`, ok: true, detail: { op: 'update', kind: changed.spec.kind } })
      return changed
    }))
  app.delete('/api/sources/:id', { schema: { params: ID_PARAMS }, config: { access: admin } }, async (req, reply) =>
    said(req, reply, async () => {
      const id = (req.params as { id: string }).id
      await sources.remove(id)
      await audit.record({ ...actorOf(req), action: 'settings.change', target: `source ${id}`, ok: true, detail: { op: 'delete' } })
      return reply.status(204).send()
    }))

  app.post('/api/agent/pbx-calls/:contactId/wrapup', {
    schema: {
      params: CALL_PARAMS,
      body: { type: 'object', additionalProperties: false, properties: { dispositionCode: { type: 'string', minLength: 1, maxLength: 64 }, notes: { type: 'string', maxLength: 4000 } } },
    },
    config: { access: { permission: 'agent:desktop' } },
  }, async (req, reply) => said(req, reply, async () => {
    const agentId = req.principal!.agentId
    if (!agentId) return reply.status(409).send({ error: 'Your account is not linked to an agent; ask an admin to set your agent ID.' })
    const b = (req.body ?? {}) as { dispositionCode?: string; notes?: string }
    await pbx.wrapUp(agentId, (req.params as { contactId: string }).contactId, b.dispositionCode, b.notes)
    return reply.status(202).send({ stored: true })
  }, 404))
}
