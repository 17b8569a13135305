/**
 * Alert rules as admins write them (Admin → Alerts), checked with one sentence in both languages:
 * a queue figure past its amber or red line, an agent in not-ready or wrap-up longer than N
 * minutes, out of adherence for N minutes, a PBX source disconnected. Each rule says how long the
 * condition must hold before it fires (`forSeconds`), how long it must be clear before the alert
 * ends (`clearSeconds`), and the quiet gap after an alert ends before the same subject alerts again
 * (`minGapMinutes`): together they keep an alert from flapping. Pure.
 */
import { SaidError, sentences } from '@agner/events/sentences'

export const QUEUE_METRICS = ['waiting', 'longestWaitSeconds', 'serviceLevel', 'abandonRate', 'asaSeconds', 'readyAgents'] as const
export type QueueMetric = (typeof QUEUE_METRICS)[number]
/** Figures where a lower value is worse (the lines are crossed going down). */
export const LOWER_IS_WORSE: readonly QueueMetric[] = ['serviceLevel', 'readyAgents']
export const RULE_KINDS = ['queue', 'agentState', 'adherence', 'source'] as const
export type RuleKind = (typeof RULE_KINDS)[number]

export interface AlertRule {
  id: string
  name: string
  enabled: boolean
  kind: RuleKind
  /** queue: the figure and its lines (serviceLevel and abandonRate in %, times in seconds). */
  metric?: QueueMetric
  amber?: number
  red?: number
  /** queue: the queues it watches (none: every queue). */
  queueIds?: string[]
  /** agentState: the state and, for aux, the reasons (none: any). */
  state?: 'aux' | 'wrap'
  reasonCodes?: string[]
  /** agentState, adherence: minutes before it fires. */
  minutes?: number
  forSeconds: number
  clearSeconds: number
  minGapMinutes: number
  /** Webhook ids it is sent to; it always reaches the in-app bell. */
  webhooks: string[]
  /** Say when it ends too (to the webhooks; the bell always shows it). */
  notifyResolved: boolean
}

export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk', 'feishu'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]
export interface Webhook { id: string; name: string; format: WebhookFormat; url: string; /** DingTalk and Feishu robots' signing secret (kept, never shown again). */ secret?: string; enabled: boolean }

export interface AlertSettings { rules: AlertRule[]; webhooks: Webhook[] }

export const sayAlerts = sentences({
  shape: { en: 'Alert settings must be {"rules": [...], "webhooks": [...]}.', 'zh-CN': '告警设置必须是 {"rules": [...], "webhooks": [...]}。' },
  ruleId: { en: 'Rule {index} needs an id of letters, digits, - or _.', 'zh-CN': '第 {index} 条规则需要由字母、数字、- 或 _ 组成的 ID。' },
  ruleTwice: { en: 'Rule "{rule}" is listed twice.', 'zh-CN': '规则"{rule}"出现了两次。' },
  ruleName: { en: 'Rule "{rule}" needs a name.', 'zh-CN': '规则"{rule}"需要名称。' },
  ruleKind: { en: 'Rule "{rule}": the kind must be one of {list}.', 'zh-CN': '规则"{rule}"：类型必须是 {list} 之一。' },
  metric: { en: 'Rule "{rule}": the figure must be one of {list}.', 'zh-CN': '规则"{rule}"：指标必须是 {list} 之一。' },
  lines: { en: 'Rule "{rule}": give an amber or a red line (a number).', 'zh-CN': '规则"{rule}"：请填写黄色或红色阈值（数字）。' },
  lineBelow: { en: 'Rule "{rule}": for this figure lower is worse, so the red line must be at or below the amber one.', 'zh-CN': '规则"{rule}"：该指标越低越差，红色阈值必须不高于黄色阈值。' },
  lineAbove: { en: 'Rule "{rule}": for this figure higher is worse, so the red line must be at or above the amber one.', 'zh-CN': '规则"{rule}"：该指标越高越差，红色阈值必须不低于黄色阈值。' },
  state: { en: 'Rule "{rule}": the state must be aux or wrap.', 'zh-CN': '规则"{rule}"：状态必须是 aux 或 wrap。' },
  minutes: { en: 'Rule "{rule}": minutes must be 1–480.', 'zh-CN': '规则"{rule}"：分钟数必须是 1–480。' },
  timing: { en: 'Rule "{rule}": "{field}" must be {min}–{max}.', 'zh-CN': '规则"{rule}"："{field}" 必须是 {min}–{max}。' },
  unknownWebhook: { en: 'Rule "{rule}" sends to webhook "{webhook}", which does not exist.', 'zh-CN': '规则"{rule}"发送到的 Webhook"{webhook}"不存在。' },
  webhookId: { en: 'Webhook {index} needs an id of letters, digits, - or _.', 'zh-CN': '第 {index} 个 Webhook 需要由字母、数字、- 或 _ 组成的 ID。' },
  webhookTwice: { en: 'Webhook "{webhook}" is listed twice.', 'zh-CN': 'Webhook"{webhook}"出现了两次。' },
  webhookFormat: { en: 'Webhook "{webhook}": the format must be one of {list}.', 'zh-CN': 'Webhook"{webhook}"：格式必须是 {list} 之一。' },
  webhookUrl: { en: 'Webhook "{webhook}": the address must be an http:// or https:// URL.', 'zh-CN': 'Webhook"{webhook}"：地址必须是 http:// 或 https:// 开头的 URL。' },
  queues: { en: 'Rule "{rule}": queues must be a list of queue ids.', 'zh-CN': '规则"{rule}"：队列必须是队列 ID 列表。' },
})

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const ID = /^[A-Za-z0-9_-]{1,64}$/
const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const fail = (code: Parameters<typeof sayAlerts>[0], params: Record<string, string | number> = {}): never => { throw new SaidError(sayAlerts(code, params)) }

/** Checks alert settings; `keepSecret` gives back a webhook's stored secret when the edit left it out. */
export function loadAlertSettings(raw: unknown, keepSecret: (webhookId: string) => string | undefined = () => undefined): AlertSettings {
  if (!isObj(raw) || !Array.isArray(raw.rules) || !Array.isArray(raw.webhooks)) return fail('shape')
  const hooks = new Set<string>()
  const webhooks = raw.webhooks.map((w, index): Webhook => {
    if (!isObj(w) || typeof w.id !== 'string' || !ID.test(w.id)) return fail('webhookId', { index: index + 1 })
    if (hooks.has(w.id)) fail('webhookTwice', { webhook: w.id })
    hooks.add(w.id)
    if (!(WEBHOOK_FORMATS as readonly unknown[]).includes(w.format)) fail('webhookFormat', { webhook: w.id, list: WEBHOOK_FORMATS.join(', ') })
    let url: URL | undefined
    try { url = new URL(String(w.url)) } catch { /* said below */ }
    if (!url || !/^https?:$/.test(url.protocol)) fail('webhookUrl', { webhook: w.id })
    const secret = typeof w.secret === 'string' && w.secret ? w.secret : keepSecret(w.id)
    return { id: w.id, name: typeof w.name === 'string' && w.name.trim() ? w.name.trim().slice(0, 100) : w.id, format: w.format as WebhookFormat, url: String(w.url), ...(secret ? { secret } : {}), enabled: w.enabled !== false }
  })
  const ids = new Set<string>()
  const rules = raw.rules.map((r, index): AlertRule => {
    if (!isObj(r) || typeof r.id !== 'string' || !ID.test(r.id)) return fail('ruleId', { index: index + 1 })
    const rule = r.id
    if (ids.has(rule)) fail('ruleTwice', { rule })
    ids.add(rule)
    if (typeof r.name !== 'string' || !r.name.trim()) fail('ruleName', { rule })
    if (!(RULE_KINDS as readonly unknown[]).includes(r.kind)) fail('ruleKind', { rule, list: RULE_KINDS.join(', ') })
    const timing = (field: string, min: number, max: number, fallback: number): number => {
      const v = r[field] ?? fallback
      if (!num(v) || v < min || v > max) fail('timing', { rule, field, min, max })
      return v as number
    }
    const out: AlertRule = {
      id: rule, name: String(r.name).trim().slice(0, 200), enabled: r.enabled !== false, kind: r.kind as RuleKind,
      forSeconds: timing('forSeconds', 0, 3600, 60), clearSeconds: timing('clearSeconds', 0, 3600, 60), minGapMinutes: timing('minGapMinutes', 0, 1440, 10),
      webhooks: Array.isArray(r.webhooks) ? r.webhooks.map(String) : [], notifyResolved: r.notifyResolved !== false,
    }
    for (const w of out.webhooks) if (!hooks.has(w)) fail('unknownWebhook', { rule, webhook: w })
    if (out.kind === 'queue') {
      if (!(QUEUE_METRICS as readonly unknown[]).includes(r.metric)) fail('metric', { rule, list: QUEUE_METRICS.join(', ') })
      const metric = r.metric as QueueMetric
      const amber = num(r.amber) ? r.amber : undefined
      const red = num(r.red) ? r.red : undefined
      if (amber === undefined && red === undefined) fail('lines', { rule })
      const lower = LOWER_IS_WORSE.includes(metric)
      if (amber !== undefined && red !== undefined && (lower ? red > amber : red < amber)) fail(lower ? 'lineBelow' : 'lineAbove', { rule })
      if (r.queueIds !== undefined && !(Array.isArray(r.queueIds) && r.queueIds.every((q) => typeof q === 'string'))) fail('queues', { rule })
      Object.assign(out, { metric, ...(amber !== undefined ? { amber } : {}), ...(red !== undefined ? { red } : {}), queueIds: (r.queueIds as string[] | undefined) ?? [] })
    }
    if (out.kind === 'agentState') {
      if (r.state !== 'aux' && r.state !== 'wrap') fail('state', { rule })
      Object.assign(out, { state: r.state, reasonCodes: Array.isArray(r.reasonCodes) ? r.reasonCodes.map(String) : [] })
    }
    if (out.kind === 'agentState' || out.kind === 'adherence') {
      if (!num(r.minutes) || r.minutes < 1 || r.minutes > 480) fail('minutes', { rule })
      out.minutes = r.minutes as number
    }
    return out
  })
  return { rules, webhooks }
}

/** The settings as admins read them back: secrets never leave the server. */
export function publicSettings(s: AlertSettings): AlertSettings {
  return { rules: s.rules, webhooks: s.webhooks.map(({ secret, ...w }) => ({ ...w, ...(secret ? { secret: '' } : {}), hasSecret: !!secret }) as Webhook) }
}
