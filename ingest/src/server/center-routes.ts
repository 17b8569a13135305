/**
 * The center's configuration in the app (Admin → Center), for admins (`settings:write`):
 *   GET  /api/center/config                  the version running now and its document
 *   PUT  /api/center/config                  {document, baseVersion}: check, apply at once, store a new version
 *   GET  /api/center/versions                who changed what, when (newest first)
 *   GET  /api/center/versions/:version       one version's document
 *   GET  /api/center/export                  the whole configuration as an AGNER_ACD_CONFIG file
 *   POST /api/center/import                  such a file (the body) replaces the configuration
 * For supervisors (`agents:control`), when admins allow it: their teams' agents and their skills,
 *   GET  /api/center/agents                  PUT /api/center/agents/:agentId/skills {skills, baseVersion}
 * A refused change is 400 with one sentence in the user's language naming the problem (409 when
 * someone else changed the configuration meanwhile, 503 when the store cannot keep it); every
 * stored change is in the audit trail.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { SaidError } from '@agner/events/sentences'
import type { AuditLog } from '../access/store/audit-log.ts'
import type { Principal } from '../access/principal.ts'
import type { CenterConfig, CenterState } from '../center/center-config.ts'
import { canServe } from '@agner/telephony'
import { actorOf } from './auth/audit-actor.ts'
import { refusalBody } from './errors.ts'
import { sayCenter } from '../center/center-sentences.ts'

export interface CenterRoutesOptions {
  center: CenterConfig
  audit: AuditLog
  /** Does the principal see this queue (supervisors: their teams' queues)? */
  seesQueue: (p: Principal, queueId: string) => boolean
}

const VERSION = { type: 'integer', minimum: 0 } as const
const SAVE_BODY = { type: 'object', required: ['document'], additionalProperties: false, properties: { document: { type: 'object' }, baseVersion: VERSION } } as const
const SKILLS_BODY = {
  type: 'object', required: ['skills'], additionalProperties: false,
  properties: { skills: { type: 'object', maxProperties: 100, additionalProperties: { type: 'integer', minimum: 1, maximum: 10 } }, baseVersion: VERSION },
} as const

/** The status a refusal is answered with. */
function statusOf(code: string): number {
  if (code === 'stale') return 409
  if (code === 'storeDown') return 503
  if (code === 'noVersion' || code === 'notYourAgent') return 404
  if (code === 'skillsNotAllowed') return 403
  return 400
}

export const centerRoutes: FastifyPluginAsync<CenterRoutesOptions> = async (app, { center, audit, seesQueue }) => {
  const admin = { access: { permission: 'settings:write' } } as const
  const said = async (req: FastifyRequest, reply: FastifyReply, fn: () => Promise<unknown>): Promise<unknown> => {
    try { return await fn() } catch (err) {
      if (!(err instanceof SaidError)) throw err
      if (req.method !== 'GET') await audit.record({ ...actorOf(req), action: 'settings.change', target: 'center configuration', ok: false, detail: { refused: err.said.code, reason: err.said.text.en } })
      return reply.status(statusOf(err.said.code)).send(refusalBody(req, err))
    }
  }
  const actor = (req: FastifyRequest) => ({ id: req.principal!.id, name: req.principal!.name })
  const stored = async (req: FastifyRequest, before: number, s: CenterState, op: string) => {
    if (s.version !== before) await audit.record({ ...actorOf(req), action: 'settings.change', target: `center configuration v${s.version}`, ok: true, detail: { op, changes: s.changes } })
    return s
  }

  app.get('/api/center/config', { config: admin }, async () => center.current())

  app.put('/api/center/config', { schema: { body: SAVE_BODY }, config: admin }, async (req, reply) => said(req, reply, async () => {
    const b = req.body as { document: unknown; baseVersion?: number }
    const before = center.current().version
    return stored(req, before, await center.save(b.document, actor(req), { ...(b.baseVersion !== undefined ? { baseVersion: b.baseVersion } : {}), source: 'app' }), 'edit')
  }))

  app.get('/api/center/versions', { config: admin }, async () => ({ versions: await center.versions() }))

  app.get('/api/center/versions/:version', { schema: { params: { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } } }, config: admin }, async (req, reply) =>
    said(req, reply, () => center.version((req.params as { version: number }).version)))

  app.get('/api/center/export', { config: admin }, async (_req, reply) => {
    const c = center.current()
    return reply.header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="agner-center-v${c.version}.json"`)
      .send(JSON.stringify(c.document, null, 2))
  })

  app.post('/api/center/import', { config: admin }, async (req, reply) => said(req, reply, async () => {
    const before = center.current().version
    return stored(req, before, await center.save(req.body, actor(req), { source: 'import' }), 'import')
  }))

  // Supervisors: their teams' agents, and their skills when admins allow it.
  const mine = (p: Principal, queueIds: string[]): boolean => queueIds.some((q) => seesQueue(p, q))
  const agentQueues = (agentId: string): string[] => {
    const a = center.setup.agents.find((x) => x.id === agentId)
    return a ? center.setup.queues.filter((q) => canServe(a, q)).map((q) => q.id) : []
  }
  app.get('/api/center/agents', { config: { access: { permission: 'agents:control' } } }, async (req) => {
    const c = center.current()
    const p = req.principal!
    const agents = center.setup.agents.filter((a) => mine(p, agentQueues(a.id)) || p.role === 'admin')
    const skills = [...new Set(center.setup.queues.flatMap((q) => q.requiredSkills.map((s) => s.skill)))].sort()
    return { version: c.version, editSkills: c.document.settings.supervisorsEditSkills || p.role === 'admin', skills, agents: agents.map((a) => ({ id: a.id, name: a.name ?? a.id, team: a.team ?? '', skills: a.skills, queues: agentQueues(a.id) })) }
  })

  app.put('/api/center/agents/:agentId/skills', {
    schema: { params: { type: 'object', required: ['agentId'], properties: { agentId: { type: 'string', pattern: '^[0-9A-Za-z_.:@/-]{1,128}$' } } }, body: SKILLS_BODY },
    config: { access: { permission: 'agents:control' } },
  }, async (req, reply) => said(req, reply, async () => {
    const { agentId } = req.params as { agentId: string }
    const b = req.body as { skills: Record<string, number>; baseVersion?: number }
    const p = req.principal!
    if (p.role !== 'admin' && !mine(p, agentQueues(agentId))) throw new SaidError(sayCenter('notYourAgent', { agent: agentId }))
    const before = center.current().version
    const s = await center.saveSkills(agentId, b.skills, actor(req), { asAdmin: p.role === 'admin', ...(b.baseVersion !== undefined ? { baseVersion: b.baseVersion } : {}) })
    return stored(req, before, s, 'skills')
  }))
}
