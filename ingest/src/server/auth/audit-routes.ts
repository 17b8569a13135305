/** GET /api/audit: the audit trail for admins, newest first, with filters and paging. */
import type { FastifyPluginAsync } from 'fastify'
import { AUDIT_ACTIONS, type AuditLog } from '../../access/store/audit-log.ts'

export const auditRoutes: FastifyPluginAsync<{ audit: AuditLog }> = async (app, { audit }) => {
  app.get('/api/audit', {
    schema: { querystring: { type: 'object', additionalProperties: false, properties: {
      from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 },
      action: { type: 'string', enum: AUDIT_ACTIONS }, actor: { type: 'string', maxLength: 128 }, target: { type: 'string', maxLength: 128 },
      ok: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    } } },
    config: { access: { permission: 'audit:read' } },
  }, async (req) => {
    const q = req.query as { from?: number; to?: number; action?: string; actor?: string; target?: string; ok?: boolean; limit: number; offset: number }
    const { rows, total } = await audit.read({ fromMs: q.from, toMs: q.to, action: q.action, actor: q.actor, target: q.target, ok: q.ok, limit: q.limit, offset: q.offset })
    return { entries: rows, total, actions: AUDIT_ACTIONS }
  })
}
