/**
 * Scheduled reports: list (with each one's next run and recent runs, failures included), create,
 * delete, run now, and download a run's file. Users see and manage their own schedules; admins
 * see everyone's. Needs reports:export.
 */
import { createReadStream, existsSync } from 'node:fs'
import { basename } from 'node:path'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { CONTENT_TYPES, EXPORT_FORMATS, isReportName, REPORT_NAMES, ReportInputError } from '@agner/analytics'
import { uuidv7 } from '@agner/events'
import type { AccessDirectory } from '../access/directory.ts'
import { checkTiming, FREQUENCIES, type Frequency } from '../reports/schedule.ts'
import type { ReportScheduler, ScheduleRecord } from '../reports/scheduler.ts'
import type { ReportService } from '../reports/service.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import { actorOf } from './auth/audit-actor.ts'
import { reportCaller } from './report-routes.ts'

export interface ScheduleRoutesOptions { scheduler: ReportScheduler; reports: ReportService; directory: AccessDirectory; audit: AuditLog }

const ids = { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 128 } }
const CREATE = {
  type: 'object', additionalProperties: false, required: ['name', 'report', 'format', 'frequency', 'atTime'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 120 }, report: { type: 'string', enum: REPORT_NAMES }, format: { type: 'string', enum: EXPORT_FORMATS },
    locale: { type: 'string', enum: ['en', 'zh-CN'], default: 'en' }, frequency: { type: 'string', enum: FREQUENCIES }, atTime: { type: 'string', maxLength: 5 },
    weekday: { type: 'integer', minimum: 1, maximum: 7, default: 1 }, monthDay: { type: 'integer', minimum: 1, maximum: 28, default: 1 },
    filters: {
      type: 'object', additionalProperties: false, default: {},
      properties: { queue: ids, team: ids, agent: ids, channel: ids, interval: { type: 'string', maxLength: 10 }, outcome: { type: 'string', maxLength: 30 } },
    },
  },
}

interface CreateBody { name: string; report: string; format: ScheduleRecord['format']; locale: string; frequency: Frequency; atTime: string; weekday: number; monthDay: number; filters: Record<string, unknown> }

export const reportScheduleRoutes: FastifyPluginAsync<ScheduleRoutesOptions> = async (app, { scheduler, reports, directory, audit }) => {
  const access = { access: { permission: 'reports:export' as const } }
  const mine = (req: FastifyRequest, s: ScheduleRecord): boolean => req.principal!.role === 'admin' || s.ownerId === req.principal!.id

  const view = (s: ScheduleRecord) => ({
    id: s.id, name: s.name, report: s.report, format: s.format, locale: s.locale, frequency: s.frequency, atTime: s.atTime, weekday: s.weekday,
    monthDay: s.monthDay, filters: JSON.parse(s.query) as unknown, owner: directory.get('users', s.ownerId)?.username ?? s.ownerId, nextRunAt: scheduler.nextDueOf(s),
  })

  app.get('/api/report-schedules', { config: access }, async (req) => {
    const list = scheduler.list().filter((s) => mine(req, s))
    const runs = await scheduler.runs(list.map((s) => s.id), 200)
    return { schedules: list.map(view), runs: runs.map(({ file, ...r }) => ({ ...r, fileName: file ? basename(file) : '' })) }
  })

  app.post('/api/report-schedules', { schema: { body: CREATE }, config: access }, async (req, reply) => {
    const p = req.principal!
    if (p.kind !== 'user') throw new ReportInputError('Scheduled reports belong to a signed-in user; tokens cannot own them.', 403)
    const b = req.body as CreateBody
    const problem = checkTiming(b)
    if (problem) throw new ReportInputError(`The schedule is not valid: ${problem}.`)
    if (!isReportName(b.report)) throw new ReportInputError(`There is no report "${b.report}".`)
    // The filters must hold for the owner now (known queues, within their teams): checked once here, and again at each run.
    await reports.filters({ ...b.filters, from: undefined, to: undefined }, reportCaller(p, directory))
    const s = await scheduler.save({
      id: uuidv7(), name: b.name, report: b.report, query: JSON.stringify(b.filters), format: b.format, locale: b.locale, frequency: b.frequency,
      atTime: b.atTime, weekday: b.weekday, monthDay: b.monthDay, ownerId: p.id, deleted: false, createdMs: Date.now(),
    })
    await audit.record({ ...actorOf(req), action: 'settings.change', target: `report-schedule:${s.id}`, ok: true, detail: { created: b.name, report: b.report } })
    return reply.status(201).send(view(s))
  })

  const scheduleParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } }
  const found = (req: FastifyRequest): ScheduleRecord => {
    const s = scheduler.get((req.params as { id: string }).id)
    if (!s || !mine(req, s)) throw new ReportInputError('That scheduled report does not exist (or is not yours).', 404)
    return s
  }

  app.delete('/api/report-schedules/:id', { schema: { params: scheduleParams }, config: access }, async (req) => {
    const s = found(req)
    await scheduler.save({ ...s, deleted: true })
    await audit.record({ ...actorOf(req), action: 'settings.change', target: `report-schedule:${s.id}`, ok: true, detail: { deleted: s.name } })
    return { deleted: s.id }
  })

  app.post('/api/report-schedules/:id/run', { schema: { params: scheduleParams }, config: access }, async (req) => {
    const { file, ...run } = await scheduler.runOnce(found(req))
    return { ...run, fileName: file ? basename(file) : '' }
  })

  app.get('/api/report-runs/:id/file', { schema: { params: scheduleParams }, config: access }, async (req, reply) => {
    const run = await scheduler.run((req.params as { id: string }).id)
    const s = run ? scheduler.get(run.scheduleId) : undefined
    if (!run || !s || !mine(req, s)) throw new ReportInputError('That report file does not exist (or is not yours).', 404)
    if (!run.ok || !existsSync(run.file)) throw new ReportInputError(run.ok ? 'The file was removed from the outbox; run the schedule again.' : `That run failed: ${run.error}`, 404)
    await audit.record({ ...actorOf(req), action: 'export', target: `report:${s.report}`, ok: true, detail: { format: s.format, run: run.id } })
    return reply.type(CONTENT_TYPES[s.format]).header('content-disposition', `attachment; filename="${basename(run.file)}"`).send(createReadStream(run.file))
  })
}
