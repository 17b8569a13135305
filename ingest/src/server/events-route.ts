/**
 * POST /api/events: canonical events as a JSON array or NDJSON. 202 means durable (JetStream
 * acked, or on the in-process bus, stored); each rejection comes back with its reasons and is
 * dead-lettered too. All rejected: 422. Unreadable body: 400. Too large: 413.
 */
import type { FastifyPluginAsync } from 'fastify'
import { boundedJson, validateEvent, type Bus, type CanonicalEvent, type DeadLetter } from '@agner/events'
import { parseEventBody } from './event-body.ts'

export interface EventsRouteOptions {
  bus: Bus
  tenant: string
  maxBodyBytes: number
  maxEvents?: number
  /** How long a request waits for the bus to make its events durable before answering 503 (ms). */
  publishTimeoutMs?: number
  /** A sentence why events cannot be taken now (the store's disk is full…), or undefined when they can. */
  refusal?: () => { error: string; retryAfterSeconds: number } | undefined
}

/** A dead letter keeps this much of the rejected item's text. */
const DEAD_LETTER_TEXT = 16_384

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
    const refused = opts.refusal?.()
    if (refused) return reply.status(503).header('retry-after', String(refused.retryAfterSeconds)).send({ error: refused.error })
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
    const timeoutMs = opts.publishTimeoutMs ?? 5000
    try {
      await opts.bus.publish(accepted, { timeoutMs })
    } catch (err) {
      req.log.error({ err }, 'publish failed')
      const full = opts.refusal?.()
      if (full) return reply.status(503).header('retry-after', String(full.retryAfterSeconds)).send({ error: full.error })
      const retryAfter = Math.max(1, Math.round(timeoutMs / 1000))
      return reply.status(503).header('retry-after', String(retryAfter)).send({
        error: `The event bus did not take the events within ${timeoutMs / 1000} s (${(err as Error).message}); nothing from this request is counted as accepted: send the same request again, the event ids make a repeat safe.`,
      })
    }
    // The rejected items go to the dead-letter subject together: one batch, one insert.
    const letters = rejections.map((r): DeadLetter => {
      const item = parsed.items[r.index]
      return {
        tenant: opts.tenant, stage: 'http', reason: r.problems.join('; '), ...(r.id ? { eventId: r.id } : {}),
        payload: item && 'value' in item ? boundedJson(item.value, DEAD_LETTER_TEXT) : '', at: now,
      }
    })
    await opts.bus.deadLetters(letters).catch((err: unknown) => req.log.warn({ err }, 'dead letters failed'))
    const status = accepted.length === 0 && rejections.length > 0 ? 422 : 202
    return reply.status(status).send({ accepted: accepted.length, rejected: rejections.length, rejections })
  })
}
