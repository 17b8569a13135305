/** A failed call, said to the user in their language (the server's own sentence is kept as the detail). */
import { ApiError } from './api'
import { i18n } from './i18n'

export function errorText(err: unknown): string {
  const t = i18n.global.t
  if (!(err instanceof ApiError) || err.status === 0) return t('errors.network')
  if (err.status === 403) return t('errors.forbidden')
  return t('errors.failed', { message: err.message })
}
