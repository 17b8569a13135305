/**
 * Reports: GET /api/reports (what can be asked), GET /api/reports/:name (JSON, or CSV / Excel /
 * PDF with `format`), GET /api/reports/contacts/:id (one contact's timeline). Every export is
 * written to the audit trail. Scope, filters and their errors: reports/service.ts.
 */
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import {
  CONTENT_TYPES, EXPORT_FORMATS, exportFileName, isExportFormat, OUTCOMES, REPORT_INTERVALS, REPORT_NAMES, ReportInputError, writeExport, type ReportResult,
} from '@agner/analytics'
import type { AccessDirectory } from '../access/directory.ts'
import { can, seesQueue, type Principal } from '../access/principal.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import type { CenterCatalog } from '../reports/catalog.ts'
import type { ReportCaller, ReportService } from '../reports/service.ts'

export interface ReportRoutesOptions { reports: ReportService; directory: AccessDirectory; audit: AuditLog; catalog: CenterCatalog }

const ids = { anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 128 } }] }
const QUERY = {
  type: 'object', additionalProperties: false,
  properties: {
    from: { type: 'string', maxLength: 40 }, to: { type: 'string', maxLength: 40 }, interval: { type: 'string', maxLength: 10 },
    queue: ids, team: ids, agent: ids, channel: ids, lang: { type: 'string', maxLength: 10 },
    format: { type: 'string', enum: ['json', ...EXPORT_FORMATS] }, outcome: { type: 'string', maxLength: 30 }, search: { type: 'string', maxLength: 128 },
    limit: { type: 'integer', minimum: 1, maximum: 500_000 }, section: { type: 'string', maxLength: 40 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000 }, sort: { type: 'string', maxLength: 20 },
  },
}

export function reportCaller(p: Principal, directory: AccessDirectory): ReportCaller {
  const teamIds = p.kind === 'user' ? directory.get('users', p.id)?.teamIds ?? [] : []
  return { name: p.name, queues: p.queues, teamIds, pii: can(p, 'pii'), contacts: can(p, 'contacts:read') }
}

export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, { reports, directory, audit, catalog }) => {
  app.get('/api/reports', { config: { access: { permission: 'reports:read' } } }, async (req) => {
    const p = req.principal!
    const caller = reportCaller(p, directory)
    const teams = directory.list('teams').filter((t) => !t.deleted && (p.queues === 'all' || caller.teamIds.includes(t.id)))
    return {
      reports: REPORT_NAMES.filter((n) => n !== 'contacts' || caller.contacts), intervals: REPORT_INTERVALS, formats: can(p, 'reports:export') ? EXPORT_FORMATS : [],
      outcomes: OUTCOMES,
      queues: catalog.queueIds().filter((q) => seesQueue(p.queues, q)).map((id) => ({ id, name: catalog.queue(id).name })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, queueIds: t.queueIds })),
      agents: catalog.agentIds().filter((a) => p.queues === 'all' || catalog.agentQueues(a).some((q) => seesQueue(p.queues, q))).map((id) => ({ id, name: catalog.agentName(id) })),
    }
  })

  app.get('/api/reports/contacts/:id', {
    schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 128 } } }, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 10 }, format: QUERY.properties.format } } },
    config: { access: { permission: 'reports:read' } },
  }, async (req, reply) => {
    const q = req.query as { lang?: string; format?: string }
    const r = await reports.contact((req.params as { id: string }).id, reportCaller(req.principal!, directory), q.lang)
    return respond(req, reply, r, q.format)
  })

  app.get('/api/reports/:name', { schema: { querystring: QUERY }, config: { access: { permission: 'reports:read' } } }, async (req, reply) => {
    const { section, ...q } = req.query as Record<string, unknown> & { format?: string; section?: string }
    const format = q.format ?? 'json'
    if (format !== 'json' && !can(req.principal!, 'reports:export')) throw new ReportInputError('Your role may read reports but not export them; ask an admin.', 403)
    const r = await reports.run((req.params as { name: string }).name, q, reportCaller(req.principal!, directory), { stream: format !== 'json' })
    if (section !== undefined && !r.sections.some((s) => s.id === section)) {
      throw new ReportInputError(`This report has no section "${section}"; its sections are ${r.sections.map((s) => s.id).join(', ')}.`)
    }
    return respond(req, reply, r, format, section)
  })

  async function respond(req: FastifyRequest, reply: FastifyReply, r: ReportResult, format = 'json', section?: string): Promise<unknown> {
    if (!isExportFormat(format)) return r
    const p = req.principal!
    if (!can(p, 'reports:export')) throw new ReportInputError('Your role may read reports but not export them; ask an admin.', 403)
    await audit.record({
      actorId: p.id, actorName: p.name, actorKind: p.kind, action: 'export', target: `report:${r.report}`, ok: true, ip: req.ip,
      detail: { format, locale: r.locale, from: r.filters.from, to: r.filters.to, interval: r.filters.interval, queues: r.filters.queues, teams: r.filters.teams, agents: r.filters.agents, channels: r.filters.channels },
    })
    const body = new PassThrough()
    writeExport(r, format, body, { section }).catch((err: Error) => { req.log.error({ err }, 'export failed'); body.destroy(err) })
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${exportFileName(r, format, { section })}"`)
      .header('cache-control', 'no-store')
      .send(body)
  }
}
