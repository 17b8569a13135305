/**
 * The bell's data: the alerts of my queues, polled every 5 seconds while the app is open, the
 * unread count, and a browser notification for each new one when the user allowed them.
 */
import { ref } from 'vue'
import { api } from '../api'
import { i18n } from '../i18n'
import type { AlertView } from './alert-types'

const POLL_MS = 5_000
const alerts = ref<AlertView[]>([])
const unread = ref(0)
const known = new Set<string>()
let timer: number | undefined
let users = 0
let first = true

async function poll(): Promise<void> {
  try {
    const r = await api<{ alerts: AlertView[]; unread: number }>('GET', '/api/alerts')
    for (const a of r.alerts) {
      const key = `${a.alertId}:${a.severity}`
      if (!known.has(key) && !first && a.endedMs === 0) notify(a)
      known.add(key)
    }
    first = false
    alerts.value = r.alerts
    unread.value = r.unread
  } catch { /* the bell keeps what it showed; the next poll tries again */ }
}

function notify(a: AlertView): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  const lang = i18n.global.locale.value === 'zh-CN' ? 'zh-CN' : 'en'
  const title = `${a.severity === 'red' ? '🔴' : '🟠'} ${a.ruleName}`
  const n = new Notification(title, { body: `${a.subjectName}: ${a.value[lang]}`, tag: a.alertId })
  n.onclick = () => { window.focus(); window.location.assign('/alerts') }
}

export function useAlerts() {
  return {
    alerts, unread,
    start(): void { if (users++ === 0) { void poll(); timer = window.setInterval(() => void poll(), POLL_MS) } },
    stop(): void { if (--users === 0) window.clearInterval(timer) },
    refresh: poll,
    async markSeen(ids: string[] | 'all'): Promise<void> {
      const r = await api<{ unread: number }>('POST', '/api/alerts/seen', ids === 'all' ? { all: true } : { alertIds: ids })
      unread.value = r.unread
      await poll()
    },
  }
}
