/** A failed call, said to the user in their language (the server's own sentence is kept as the detail). */
import { ApiError } from './api'
import { i18n } from './i18n'

export function errorText(err: unknown): string {
  const t = i18n.global.t
  if (!(err instanceof ApiError) || err.status === 0) return t('errors.network')
  // The server says its refusals in the user's language too (`message`, beside the English `error`).
  const said = (err.body as { message?: unknown } | undefined)?.message
  const message = typeof said === 'string' && said ? said : err.message
  if (err.status === 403) return typeof said === 'string' && said ? t('errors.failed', { message }) : t('errors.forbidden')
  return t('errors.failed', { message })
}
