/** GET /api/wfm/schedules/:id/export: the schedule in Excel (by day or by interval) or PDF (by day). */
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsync } from 'fastify'
import { CONTENT_TYPES, writeExport, type Locale } from '@agner/analytics'
import type { AuditLog } from '../access/store/audit-log.ts'
import { actorOf } from './auth/audit-actor.ts'
import { scheduleReport } from '../wfm/schedule-export.ts'
import type { StoredSchedule } from '../wfm/schedule-types.ts'

export interface ScheduleExportOptions { load: (id: string) => Promise<StoredSchedule>; timeZone: string; audit: AuditLog }

export const scheduleExportRoutes: FastifyPluginAsync<ScheduleExportOptions> = async (app, { load, audit }) => {
  app.get('/api/wfm/schedules/:id/export', {
    schema: {
      params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } },
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { format: { type: 'string', enum: ['xlsx', 'pdf'], default: 'xlsx' }, layout: { type: 'string', enum: ['day', 'interval'], default: 'day' }, lang: { type: 'string', enum: ['en', 'zh-CN'], default: 'en' } },
      },
    },
    config: { access: { permission: 'wfm:read' } },
  }, async (req, reply) => {
    const q = req.query as { format: 'xlsx' | 'pdf'; layout: 'day' | 'interval'; lang: Locale }
    const s = await load((req.params as { id: string }).id)
    // An interval per column does not fit a page: PDF is always by day.
    const r = scheduleReport(s, { locale: q.lang, layout: q.format === 'pdf' ? 'day' : q.layout, requestedBy: req.principal!.name })
    await audit.record({ ...actorOf(req), action: 'export', target: `wfm-schedule:${s.id}`, ok: true, detail: { format: q.format, layout: q.layout } })
    const body = new PassThrough()
    writeExport(r, q.format, body).catch((err: Error) => { req.log.error({ err }, 'export failed'); body.destroy(err) })
    const name = `agner-schedule-${new Date(s.weekStart).toISOString().slice(0, 10)}-${s.status === 'draft' ? 'draft' : `v${s.version}`}.${q.format}`
    return reply.type(CONTENT_TYPES[q.format]).header('content-disposition', `attachment; filename="${name}"`).send(body)
  })
}
