/**
 * Who is signed in: the user, what they may open, their teams, and their language and theme,
 * which follow them from browser to browser (saved on the server).
 */
import { defineStore } from 'pinia'
import type { CenterCodes } from '@agner/events/code-names'
import { computed, ref } from 'vue'
import { api, ApiError, setCsrfToken } from '../api'
import { setLocale, type Locale } from '../i18n'
import { applyTheme, savedTheme, type Theme } from '../theme'

export interface User {
  id: string
  username: string
  displayName: string
  role: 'agent' | 'supervisor' | 'planner' | 'manager' | 'admin'
  teamIds: string[]
  agentId: string
  pii: boolean
  locale: string
  theme: string
  disabled: boolean
  createdMs: number
}

interface Me { user: User; permissions: string[]; queues: 'all' | string[]; teams: Array<{ id: string; name: string; queueIds: string[] }>; csrfToken: string; timeZone: string; codes?: CenterCodes }

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const checked = ref(false)
  const user = computed(() => me.value?.user ?? null)
  /** The center's time zone (weeks and days are the center's, not the browser's). */
  const timeZone = computed(() => me.value?.timeZone ?? 'UTC')
  const can = (permission: string): boolean => me.value?.permissions.includes(permission) ?? false

  function adopt(m: Me): void {
    me.value = m
    setCsrfToken(m.csrfToken)
    if (m.user.locale === 'en' || m.user.locale === 'zh-CN') setLocale(m.user.locale)
    const theme = m.user.theme as Theme
    applyTheme(theme === 'light' || theme === 'dark' || theme === 'auto' ? theme : savedTheme())
  }

  /** Who am I? false when nobody is signed in. */
  async function load(): Promise<boolean> {
    try {
      adopt(await api<Me>('GET', '/api/me'))
      return true
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) { me.value = null; return false }
      throw err
    } finally {
      checked.value = true
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const res = await api<{ csrfToken: string }>('POST', '/api/auth/login', { username, password })
    setCsrfToken(res.csrfToken)
    await load()
  }

  async function logout(): Promise<void> {
    try { await api('POST', '/api/auth/logout') } finally { forget() }
  }

  function forget(): void { me.value = null; setCsrfToken('') }

  async function savePreferences(prefs: { locale?: Locale; theme?: Theme }): Promise<void> {
    if (prefs.locale) setLocale(prefs.locale)
    if (prefs.theme) applyTheme(prefs.theme)
    if (!me.value) return
    const res = await api<{ user: User }>('PATCH', '/api/me', prefs)
    me.value = { ...me.value, user: res.user }
  }

  return { me, user, checked, timeZone, can, load, login, logout, forget, savePreferences }
})
