/**
 * Unknown query parameters are refused, not dropped. Fastify's validator removes properties a
 * schema does not list, so `?queues=sales` (for `?queue=sales`) would return every queue's figures
 * without a word; a manager would take the wrong numbers to a meeting. Routes whose querystring
 * schema says `additionalProperties: false` answer 400 naming the parameter and the ones they take.
 * Bodies keep Fastify's default (extra fields are ignored), which clients rely on.
 *
 * The check is attached to those routes only, when they are registered (an `onRoute` hook), so
 * every other request (event ingestion, the live feed) does no work for it.
 */
import type { FastifyInstance, onRequestHookHandler } from 'fastify'

interface QuerySchema { additionalProperties?: boolean; properties?: Record<string, unknown> }

export function refuseUnknownQueryParameters(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema?.querystring as QuerySchema | undefined
    if (!schema || schema.additionalProperties !== false || !schema.properties) return
    const names = Object.keys(schema.properties)
    const known = new Set(names)
    const check: onRequestHookHandler = (req, reply, done) => {
      const q = req.url.indexOf('?')
      if (q >= 0) {
        for (const name of new URLSearchParams(req.url.slice(q + 1)).keys()) {
          if (!known.has(name)) {
            void reply.status(400).send({ error: `Unknown query parameter "${name.slice(0, 40)}"; this endpoint takes ${names.join(', ')}.` })
            return
          }
        }
      }
      done()
    }
    route.onRequest = [check, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())]
  })
}
