/**
 * Alerts:
 *   GET  /api/alerts                      the last day's alerts in my queues (and any still open), and how many I have not seen
 *   POST /api/alerts/seen                 {alertIds} or {all: true}: I have seen them (who saw what is kept)
 *   GET  /api/alerts/history?from&to      older alerts (dates YYYY-MM-DD, the center's days)
 * For admins (`settings:write`), Admin → Alerts:
 *   GET  /api/alert-settings              rules and webhooks (secrets never returned)
 *   PUT  /api/alert-settings              {rules, webhooks}: checked, refused with one sentence in the user's language
 *   POST /api/alert-settings/webhooks/:id/test   sends a test message; says whether it arrived
 */
import type { FastifyPluginAsync } from 'fastify'
import { SaidError } from '@agner/events/sentences'
import { parseInstant, ReportInputError } from '@agner/analytics'
import type { AuditLog } from '../access/store/audit-log.ts'
import type { AlertsService } from '../alerts/alerts-service.ts'
import { publicSettings } from '../alerts/alert-rules.ts'
import { actorOf } from './auth/audit-actor.ts'
import { refusalBody } from './errors.ts'

export interface AlertRoutesOptions { alerts: AlertsService; audit: AuditLog; timeZone: string }

export const alertRoutes: FastifyPluginAsync<AlertRoutesOptions> = async (app, { alerts, audit, timeZone }) => {
  const read = { access: { permission: 'alerts:read' } } as const
  const admin = { access: { permission: 'settings:write' } } as const

  app.get('/api/alerts', { config: read }, async (req) => {
    const p = req.principal!
    return { serverTime: Date.now(), unread: alerts.unread(p.queues, p.id), alerts: alerts.visible(p.queues).slice(0, 200) }
  })

  app.post('/api/alerts/seen', {
    schema: { body: { type: 'object', additionalProperties: false, properties: { alertIds: { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 64 } }, all: { type: 'boolean' } } } },
    config: read,
  }, async (req) => {
    const p = req.principal!
    const b = req.body as { alertIds?: string[]; all?: boolean }
    const marked = alerts.markSeen(p.queues, { id: p.id, name: p.name }, b.all ? 'all' : b.alertIds ?? [])
    return { marked, unread: alerts.unread(p.queues, p.id) }
  })

  app.get('/api/alerts/history', {
    schema: { querystring: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 } } } },
    config: read,
  }, async (req) => {
    const q = req.query as { from: string; to: string }
    // Center days, as every report reads them: the whole of `to` is included.
    const from = parseInstant(q.from, timeZone, 'from')
    const to = parseInstant(q.to, timeZone, 'to')
    if (to < from) throw new ReportInputError('from must be on or before to.')
    return { alerts: await alerts.history(req.principal!.queues, from, to + 86_400_000) }
  })

  app.get('/api/alert-settings', { config: admin }, async () => ({ version: alerts.version(), ...publicSettings(alerts.rules()) }))

  app.put('/api/alert-settings', { schema: { body: { type: 'object' } }, config: admin }, async (req, reply) => {
    try {
      const saved = await alerts.saveSettings(req.body, req.principal!.name)
      await audit.record({ ...actorOf(req), action: 'settings.change', target: 'alert rules', ok: true, detail: { rules: saved.rules.length, webhooks: saved.webhooks.length } })
      return { version: alerts.version(), ...publicSettings(saved) }
    } catch (err) {
      if (!(err instanceof SaidError)) throw err
      return reply.status(400).send(refusalBody(req, err))
    }
  })

  app.post('/api/alert-settings/webhooks/:id/test', { schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } }, config: admin }, async (req, reply) => {
    const sent = alerts.testWebhook((req.params as { id: string }).id)
    if (!sent) return reply.status(404).send({ error: 'There is no such webhook; save it first, then send a test.' })
    return sent
  })
}
