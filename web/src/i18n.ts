/** vue-i18n with Simplified Chinese and English; the choice is remembered per user (and locally before sign-in). */
import { createI18n } from 'vue-i18n'
import en from './locales/en'
import zhCN from './locales/zh-CN'

export type Locale = 'zh-CN' | 'en'

function initial(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('agner.locale')
  if (saved === 'en' || saved === 'zh-CN') return saved
  return typeof navigator !== 'undefined' && navigator.language.startsWith('zh') ? 'zh-CN' : 'en'
}

export const i18n = createI18n({ legacy: false, locale: initial(), fallbackLocale: 'en', messages: { 'zh-CN': zhCN, en } })

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem('agner.locale', locale)
  document.documentElement.lang = locale
}

export function currentLocale(): Locale { return i18n.global.locale.value as Locale }
