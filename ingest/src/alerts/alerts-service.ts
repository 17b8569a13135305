/**
 * Alerts in a running Agner: every second the rules look at the live figures (alert-observer.ts),
 * the engine decides what starts, worsens and ends (alert-engine.ts), each change is stored, shown
 * in the app's bell to those whose queues it concerns, and sent to the rule's webhooks. The last
 * day's alerts are kept in memory for the bell; older ones are read from the store. A store that
 * is down delays the rows (retried), never the alerts.
 */
import { randomUUID } from 'node:crypto'
import { insertAlertSettings, latestAlertSettings, listAlerts, saveAlert, type AlertRow, type Store } from '@agner/analytics'
import type { AgentLive, QueueLive } from '@agner/boards'
import { seesQueue, type QueueScope } from '../access/principal.ts'
import { AlertEngine, type ActiveAlert, type Said, type Transition } from './alert-engine.ts'
import { observe, type ObservedAdherence, type ObservedSource } from './alert-observer.ts'
import { loadAlertSettings, type AlertRule, type AlertSettings, type Webhook } from './alert-rules.ts'
import { robotRefusal, webhookRequest } from './webhook-message.ts'
import { deliver, type Delivery } from './webhook-sender.ts'

export interface Seen { userId: string; name: string; at: number }
export interface AlertView {
  alertId: string; ruleId: string; ruleName: string; kind: string; subject: string; subjectName: string; severity: string; value: Said
  queueIds: string[]; startedMs: number; endedMs: number; endReason: string; seen: Seen[]; deliveries: Delivery[]
}

export interface AlertsDeps {
  store: Store
  tenant: string
  snapshot: (now: number) => { queues: QueueLive[]; agents: AgentLive[] }
  sources?: () => ObservedSource[]
  adherence?: (now: number) => Promise<ObservedAdherence[]>
  /** The app's address, for the link in webhook messages. */
  appUrl?: string
  log: (msg: string) => void
  now?: () => number
  tickMs?: number
  /** Webhook retry waits (tests shorten them). */
  retryWaits?: number[]
}

const DAY_MS = 86_400_000
const KEEP = 5_000

export class AlertsService {
  private settings: AlertSettings = { rules: [], webhooks: [] }
  private settingsVersion = 0
  private readonly engine = new AlertEngine(() => randomUUID())
  private readonly recent = new Map<string, AlertView>()
  private timer: NodeJS.Timeout | undefined
  private adherence: ObservedAdherence[] = []
  private adherenceAt = 0
  private ticking = false
  private pendingRows = new Map<string, AlertView>()
  private writing: Promise<void> = Promise.resolve()
  private readonly now: () => number

  constructor(private readonly deps: AlertsDeps) { this.now = deps.now ?? Date.now }

  async start(): Promise<void> {
    const stored = await latestAlertSettings(this.deps.store.client, this.deps.tenant)
    if (stored) { this.settings = loadAlertSettings(JSON.parse(stored.document)); this.settingsVersion = stored.version }
    const now = this.now()
    for (const r of await listAlerts(this.deps.store.client, this.deps.tenant, { fromMs: now - DAY_MS, toMs: now + 60_000, limit: KEEP })) this.recent.set(r.alertId, viewOf(r))
    this.engine.restore([...this.recent.values()].filter((a) => a.endedMs === 0).map(activeOf))
    this.timer = setInterval(() => { void this.tick() }, this.deps.tickMs ?? 1000)
    this.timer.unref()
  }

  async stop(): Promise<void> { clearInterval(this.timer); await this.flush() }

  rules(): AlertSettings { return this.settings }
  version(): number { return this.settingsVersion }

  async saveSettings(raw: unknown, actorName: string): Promise<AlertSettings> {
    const next = loadAlertSettings(raw, (id) => this.settings.webhooks.find((w) => w.id === id)?.secret)
    const version = Math.max(this.settingsVersion + 1, this.now())
    await insertAlertSettings(this.deps.store.client, this.deps.tenant, { version, atMs: this.now(), actorName, document: JSON.stringify(next) })
    this.settings = next
    this.settingsVersion = version
    return next
  }

  /** Runs the rules once (the timer calls this every second). */
  async tick(): Promise<void> {
    if (this.ticking) return
    this.ticking = true
    try {
      const now = this.now()
      const rules = this.settings.rules
      // No rule on and nothing open: nothing to look at (the live snapshot is not free on a big floor).
      if (!rules.some((r) => r.enabled) && this.engine.active().length === 0) return
      if (this.deps.adherence && rules.some((r) => r.enabled && r.kind === 'adherence') && now - this.adherenceAt >= 10_000) {
        this.adherenceAt = now
        this.adherence = await this.deps.adherence(now).catch(() => this.adherence)
      }
      const live = this.deps.snapshot(now)
      const transitions = this.engine.evaluate(now, rules, observe(rules, { now, ...live, adherence: this.adherence, ...(this.deps.sources ? { sources: this.deps.sources() } : {}) }))
      for (const t of transitions) this.apply(t)
      // The bell shows an open alert's figure as it is now (stored with its next change or its end).
      for (const a of this.engine.active()) {
        const v = this.recent.get(a.alertId)
        if (v && v.value.en !== a.value.en) this.recent.set(a.alertId, { ...v, value: a.value })
      }
      if (transitions.length) void this.flush()
    } catch (err) {
      this.deps.log(`agner: the alert rules could not run (${(err as Error).message}); trying again`)
    } finally { this.ticking = false }
  }

  private apply(t: Transition): void {
    const rule = this.settings.rules.find((r) => r.id === t.alert.ruleId)
    const was = this.recent.get(t.alert.alertId)
    const view: AlertView = {
      alertId: t.alert.alertId, ruleId: t.alert.ruleId, ruleName: rule?.name ?? was?.ruleName ?? t.alert.ruleId, kind: rule?.kind ?? was?.kind ?? '',
      subject: t.alert.subject, subjectName: t.alert.subjectName, severity: t.alert.severity, value: t.alert.value, queueIds: t.alert.queueIds,
      startedMs: t.alert.startedMs, endedMs: t.type === 'ended' ? t.at : 0, endReason: t.type === 'ended' ? t.reason : '',
      seen: t.type === 'escalated' ? [] : was?.seen ?? [], deliveries: was?.deliveries ?? [],
    }
    this.remember(view)
    if (rule && (t.type !== 'ended' || rule.notifyResolved)) for (const id of rule.webhooks) this.send(id, t, rule, view)
    this.deps.log(`agner ALERT ${t.type}: ${view.ruleName} — ${view.subjectName}: ${view.value.en}`)
  }

  private send(webhookId: string, t: Transition, rule: AlertRule, view: AlertView): void {
    const hook = this.settings.webhooks.find((w) => w.id === webhookId)
    if (!hook?.enabled) return
    void this.deliverTo(hook, t, rule).then((d) => {
      const now = this.recent.get(view.alertId) ?? view
      this.remember({ ...now, deliveries: [...now.deliveries, d] })
      if (!d.ok) this.deps.log(`agner: alert "${rule.name}" did not reach webhook "${hook.name}" (${d.error}); check its address under Admin → Alerts`)
      void this.flush()
    })
  }

  private deliverTo(hook: Webhook, t: Transition, rule: Pick<AlertRule, 'id' | 'name'>): Promise<Delivery> {
    return deliver(hook.id, webhookRequest(hook, t, rule, this.deps.appUrl ?? '', this.now()), (status, body) => robotRefusal(hook.format, status, body), this.deps.retryWaits ? { waits: this.deps.retryWaits } : {})
  }

  /** A test message to one webhook (Admin → Alerts → Send a test). */
  testWebhook(webhookId: string): Promise<Delivery> | undefined {
    const hook = this.settings.webhooks.find((w) => w.id === webhookId)
    if (!hook) return undefined
    const now = this.now()
    const alert: ActiveAlert = { alertId: 'test', ruleId: 'test', subject: 'test', subjectName: 'Agner', severity: 'amber', value: { en: 'a test message from Agner', 'zh-CN': '来自 Agner 的测试消息' }, startedMs: now, queueIds: [] }
    return this.deliverTo(hook, { type: 'fired', alert, at: now }, { id: 'test', name: 'Test / 测试' })
  }

  /** The last day's alerts (and any still open) this scope may see: its queues' (all scopes see sources' only when they see everything). */
  visible(scope: QueueScope): AlertView[] {
    return [...this.recent.values()].filter((a) => canSee(scope, a)).sort((x, y) => y.startedMs - x.startedMs)
  }

  unread(scope: QueueScope, userId: string): number { return this.visible(scope).filter((a) => !a.seen.some((s) => s.userId === userId)).length }

  markSeen(scope: QueueScope, user: { id: string; name: string }, alertIds: readonly string[] | 'all'): number {
    let n = 0
    for (const a of this.visible(scope)) {
      if ((alertIds !== 'all' && !alertIds.includes(a.alertId)) || a.seen.some((s) => s.userId === user.id)) continue
      this.remember({ ...a, seen: [...a.seen, { userId: user.id, name: user.name, at: this.now() }] })
      n++
    }
    if (n) void this.flush()
    return n
  }

  async history(scope: QueueScope, fromMs: number, toMs: number): Promise<AlertView[]> {
    const rows = await listAlerts(this.deps.store.client, this.deps.tenant, { fromMs, toMs, limit: 2000 })
    return rows.map(viewOf).filter((a) => canSee(scope, a))
  }

  private remember(a: AlertView): void {
    this.recent.set(a.alertId, a)
    this.pendingRows.set(a.alertId, a)
    if (this.recent.size > KEEP) {
      const cutoff = this.now() - DAY_MS
      for (const [id, x] of this.recent) if (x.endedMs !== 0 && x.endedMs < cutoff) this.recent.delete(id)
    }
  }

  /** Stores what changed; a failure keeps the rows for the next try. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const rows = [...this.pendingRows.values()]
      this.pendingRows = new Map()
      for (let i = 0; i < rows.length; i++) {
        try { await saveAlert(this.deps.store.client, this.deps.tenant, rowOf(rows[i]!), Date.now() * 1000 + i) } catch (err) {
          for (const r of rows.slice(i)) if (!this.pendingRows.has(r.alertId)) this.pendingRows.set(r.alertId, r)
          this.deps.log(`agner: alerts wait to be stored (${(err as Error).message}); retrying`)
          return
        }
      }
    })
    return this.writing
  }
}

function canSee(scope: QueueScope, a: Pick<AlertView, 'queueIds'>): boolean {
  return scope === 'all' || a.queueIds.some((q) => seesQueue(scope, q))
}

function activeOf(a: AlertView): ActiveAlert {
  return { alertId: a.alertId, ruleId: a.ruleId, subject: a.subject, subjectName: a.subjectName, severity: a.severity as ActiveAlert['severity'], value: a.value, startedMs: a.startedMs, queueIds: a.queueIds }
}

const parse = <T>(json: string, fallback: T): T => { try { return JSON.parse(json) as T } catch { return fallback } }

function viewOf(r: AlertRow): AlertView {
  return { ...r, value: parse(r.value, { en: '', 'zh-CN': '' }), seen: parse(r.seen, []), deliveries: parse(r.deliveries, []) }
}

function rowOf(a: AlertView): AlertRow {
  return { ...a, value: JSON.stringify(a.value), seen: JSON.stringify(a.seen), deliveries: JSON.stringify(a.deliveries) }
}
