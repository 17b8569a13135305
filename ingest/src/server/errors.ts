/** One-sentence errors for users: 4xx with what happened and what to do, never a stack trace. */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { SaidError, type SayLocale, type Sentence } from '@agner/events'
import { ReportInputError } from '@agner/analytics'

const MESSAGES: Record<string, (e: FastifyError, limit: number) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, limit) => `The request body is larger than ${limit} bytes; send it in smaller parts.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'Unsupported content type; send application/json or application/x-ndjson.',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The request body is empty; send a JSON array of events or NDJSON.',
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON; check its syntax and send it again.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => 'The Content-Length header does not match the body; resend the request.',
}

/**
 * The language a refusal is said in: the request's `lang`, else the signed-in user's language,
 * else the browser's (Accept-Language), else English.
 */
export function requestLocale(req: FastifyRequest): SayLocale {
  const lang = (req.query as { lang?: unknown } | undefined)?.lang
  if (lang === 'zh-CN' || lang === 'en') return lang
  const mine = req.principal?.locale
  if (mine === 'zh-CN' || mine === 'en') return mine
  return /^zh\b/i.test(req.headers['accept-language'] ?? '') ? 'zh-CN' : 'en'
}

/** A refusal's body: the English `error` (the API's), and for a Sentence its code, values and the user's-language `message`. */
export function refusalBody(req: FastifyRequest, err: Error): Record<string, unknown> {
  const said = (err as { said?: Sentence }).said
  return said ? sentenceBody(req, said) : { error: err.message }
}

/** A Sentence as a refusal's body: its English `error`, code and values, and `message` in the reader's language. */
export function sentenceBody(req: FastifyRequest, said: Sentence): Record<string, unknown> {
  return { error: said.text.en, code: said.code, params: said.params, message: said.text[requestLocale(req)] }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // Bad report input (filters, scope) carries its own status and sentence.
    if (err instanceof ReportInputError) return reply.status(err.status).send(refusalBody(req, err))
    if (err instanceof SaidError) return reply.status(400).send(refusalBody(req, err))
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
