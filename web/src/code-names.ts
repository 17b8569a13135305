/**
 * Code names on screen, in the app's language: channels, aux reasons, dispositions, audit actions.
 * The center's own names come with the session (/api/me) or, on a wallboard, with the live
 * snapshot; built-in codes are named by the same catalogue the server uses.
 */
import { useI18n } from 'vue-i18n'
import { codeName, type CenterCodes, type CodeKind, type NameLocale } from '@agner/events/code-names'
import { useLiveStore } from './stores/live'
import { useSessionStore } from './stores/session'

export function useCodeNames(): (kind: CodeKind, code: string) => string {
  const { locale } = useI18n()
  const session = useSessionStore()
  const live = useLiveStore()
  return (kind, code) => {
    const center: CenterCodes = { ...live.codes, ...(session.me?.codes ?? {}) }
    return codeName(kind, code, (locale.value === 'zh-CN' ? 'zh-CN' : 'en') as NameLocale, center)
  }
}
