/** One-sentence errors for users: 4xx with what happened and what to do, never a stack trace. */
import type { FastifyError, FastifyInstance } from 'fastify'
import { ReportInputError } from '@agner/analytics'

const MESSAGES: Record<string, (e: FastifyError, limit: number) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, limit) => `The request body is larger than ${limit} bytes; send it in smaller parts.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'Unsupported content type; send application/json or application/x-ndjson.',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The request body is empty; send a JSON array of events or NDJSON.',
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON; check its syntax and send it again.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => 'The Content-Length header does not match the body; resend the request.',
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // Bad report input (filters, scope) carries its own status and sentence.
    if (err instanceof ReportInputError) return reply.status(err.status).send({ error: err.message })
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) {
      req.log.error({ err }, 'request failed')
      return reply.status(status).send({ error: 'Agner could not complete the request; try again, and check the server log if it persists.' })
    }
    const worded = err.code ? MESSAGES[err.code]?.(err, req.routeOptions.bodyLimit ?? 0) : undefined
    const message = worded ?? (err.validation ? `The request is not valid: ${err.message}.` : err.message)
    return reply.status(status).send({ error: message })
  })
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: `There is no ${req.method} ${req.url.split('?')[0]}; see the README for the API.` }))
}
