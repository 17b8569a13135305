/**
 * An alert as each webhook receives it: plain JSON for any system, and the robot formats Chinese
 * teams use — WeCom (企业微信) and DingTalk (钉钉) markdown, Feishu (飞书) text — with the DingTalk
 * and Feishu signatures when the robot has a signing secret. Pure: the clock is given.
 */
import { createHmac } from 'node:crypto'
import type { ActiveAlert, Transition } from './alert-engine.ts'
import type { AlertRule, Webhook } from './alert-rules.ts'

export interface WebhookRequest { url: string; body: Record<string, unknown> }

const LEVEL = { amber: { en: 'AMBER', zh: '黄色' }, red: { en: 'RED', zh: '红色' } } as const

/** The alert in one line per language. */
export function alertText(t: Transition, rule: Pick<AlertRule, 'name'>): { en: string; 'zh-CN': string } {
  const a = t.alert
  const lv = LEVEL[a.severity]
  if (t.type === 'ended') return { en: `Resolved: ${rule.name} — ${a.subjectName}`, 'zh-CN': `已恢复：${rule.name} — ${a.subjectName}` }
  const verb = t.type === 'escalated' ? { en: 'Worse', zh: '升级' } : { en: 'Alert', zh: '告警' }
  return { en: `${verb.en} [${lv.en}]: ${rule.name} — ${a.subjectName}: ${a.value.en}`, 'zh-CN': `${verb.zh}【${lv.zh}】：${rule.name} — ${a.subjectName}：${a.value['zh-CN']}` }
}

function payload(a: ActiveAlert, t: Transition, rule: Pick<AlertRule, 'id' | 'name'>): Record<string, unknown> {
  return {
    id: a.alertId, rule: { id: rule.id, name: rule.name }, subject: a.subject, subjectName: a.subjectName, severity: a.severity, value: a.value,
    startedMs: a.startedMs, ...(t.type === 'ended' ? { endedMs: t.at, reason: t.reason } : {}), queueIds: a.queueIds,
  }
}

export function webhookRequest(w: Webhook, t: Transition, rule: Pick<AlertRule, 'id' | 'name'>, appUrl: string, now: number): WebhookRequest {
  const text = alertText(t, rule)
  const link = appUrl ? `${appUrl.replace(/\/$/, '')}/alerts` : ''
  switch (w.format) {
    case 'json':
      return { url: w.url, body: { event: `alert.${t.type}`, sentAt: now, text, alert: payload(t.alert, t, rule), ...(link ? { link } : {}) } }
    case 'wecom':
      return { url: w.url, body: { msgtype: 'markdown', markdown: { content: markdown(text, t, link) } } }
    case 'dingtalk': {
      let url = w.url
      if (w.secret) {
        const sign = createHmac('sha256', w.secret).update(`${now}\n${w.secret}`).digest('base64')
        url += `${url.includes('?') ? '&' : '?'}timestamp=${now}&sign=${encodeURIComponent(sign)}`
      }
      return { url, body: { msgtype: 'markdown', markdown: { title: text['zh-CN'].slice(0, 60), text: markdown(text, t, link) } } }
    }
    case 'feishu': {
      const seconds = Math.floor(now / 1000)
      const signed = w.secret ? { timestamp: String(seconds), sign: createHmac('sha256', `${seconds}\n${w.secret}`).update('').digest('base64') } : {}
      return { url: w.url, body: { ...signed, msg_type: 'text', content: { text: `${text['zh-CN']}\n${text.en}${link ? `\n${link}` : ''}` } } }
    }
  }
}

function markdown(text: { en: string; 'zh-CN': string }, t: Transition, link: string): string {
  const color = t.type === 'ended' ? 'info' : t.alert.severity === 'red' ? 'warning' : 'comment'
  return [`### <font color="${color}">${text['zh-CN']}</font>`, `> ${text.en}`, link ? `[在 Agner 中查看 / Open in Agner](${link})` : ''].filter(Boolean).join('\n')
}

/** Did the robot take it? WeCom and DingTalk answer {errcode: 0}, Feishu {code: 0}; others any 2xx. */
export function robotRefusal(format: Webhook['format'], status: number, body: string): string | undefined {
  if (status < 200 || status >= 300) return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`
  if (format === 'json') return undefined
  let parsed: Record<string, unknown> | undefined
  try { parsed = JSON.parse(body) as Record<string, unknown> } catch { return undefined }
  const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode
  if (code === undefined || code === 0) return undefined
  return `${String(code)}: ${String(parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '')}`
}
