/**
 * POST /api/events: canonical events as a JSON array or NDJSON. 202 means durable (JetStream
 * acked, or on the in-process bus, stored); each rejection comes back with its reasons and is
 * dead-lettered too. All rejected: 422. Unreadable body: 400. Too large: 413.
 */
import type { FastifyPluginAsync } from 'fastify'
import { validateEvent, type Bus, type CanonicalEvent, type DeadLetter } from '@agner/events'
import { parseEventBody } from './event-body.ts'

export interface EventsRouteOptions { bus: Bus; tenant: string; maxBodyBytes: number; maxEvents?: number }

export interface Rejection { index: number; id?: string; problems: string[] }

export const eventsRoute: FastifyPluginAsync<EventsRouteOptions> = async (app, opts) => {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.maxBodyBytes }, (_req, body, done) => done(null, body))

  app.post('/api/events', {
    bodyLimit: opts.maxBodyBytes,
    config: { access: { permission: 'events:write' } },
    // The body is bytes (JSON or NDJSON) validated event by event below, so no JSON schema here.
    schema: { headers: { type: 'object', properties: { 'content-type': { type: 'string' } } } },
  }, async (req, reply) => {
    const body = req.body
    if (!Buffer.isBuffer(body)) return reply.status(400).send({ error: 'The request body is empty; send a JSON array of events or NDJSON.' })
    const parsed = parseEventBody(body, req.headers['content-type'], opts.maxEvents ?? 10_000)
    if (!parsed.ok) return reply.status(400).send({ error: parsed.error })
    const now = Date.now()
    const accepted: CanonicalEvent[] = []
    const rejections: Rejection[] = []
    for (const item of parsed.items) {
      if ('problem' in item) { rejections.push({ index: item.index, problems: [item.problem] }); continue }
      const v = validateEvent(item.value, { now })
      if (!v.ok) { rejections.push({ index: item.index, ...(v.id ? { id: v.id } : {}), problems: v.problems }); continue }
      accepted.push(v.event.receivedAt === undefined ? { ...v.event, receivedAt: now } : v.event)
    }
    try {
      await opts.bus.publish(accepted)
    } catch (err) {
      req.log.error({ err }, 'publish failed')
      return reply.status(503).send({ error: `The events could not be made durable (${(err as Error).message}); retry the request, ids make it safe.` })
    }
    for (const r of rejections) {
      const item = parsed.items[r.index]
      const letter: DeadLetter = {
        tenant: opts.tenant, stage: 'http', reason: r.problems.join('; '), ...(r.id ? { eventId: r.id } : {}),
        payload: item && 'value' in item ? JSON.stringify(item.value).slice(0, 65_536) : '', at: now,
      }
      await opts.bus.deadLetter(letter).catch((err: unknown) => req.log.warn({ err }, 'dead letter failed'))
    }
    const status = accepted.length === 0 && rejections.length > 0 ? 422 : 202
    return reply.status(status).send({ accepted: accepted.length, rejected: rejections.length, rejections })
  })
}
