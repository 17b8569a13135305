/**
 * Unknown query parameters are refused, not dropped. Fastify's validator removes properties a
 * schema does not list, so `?queues=sales` (for `?queue=sales`) would return every queue's figures
 * without a word; a manager would take the wrong numbers to a meeting. Routes whose querystring
 * schema says `additionalProperties: false` answer 400 naming the parameter and the ones they take.
 * Bodies keep Fastify's default (extra fields are ignored), which clients rely on.
 */
import type { FastifyInstance } from 'fastify'

interface QuerySchema { additionalProperties?: boolean; properties?: Record<string, unknown> }

export function refuseUnknownQueryParameters(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const schema = req.routeOptions.schema?.querystring as QuerySchema | undefined
    if (!schema || schema.additionalProperties !== false || !schema.properties) return
    const q = req.url.indexOf('?')
    if (q < 0) return
    const known = Object.keys(schema.properties)
    for (const name of new URLSearchParams(req.url.slice(q + 1)).keys()) {
      if (!known.includes(name)) {
        return reply.status(400).send({ error: `Unknown query parameter "${name.slice(0, 40)}"; this endpoint takes ${known.join(', ')}.` })
      }
    }
  })
}
