/**
 * When alerts start, grow worse and end: one alert per rule and subject (a queue, an agent, a
 * source) at a time, however often the condition is seen. A condition must hold `forSeconds` before
 * the alert fires and be gone `clearSeconds` before it ends; after it ends, the same rule and
 * subject stay quiet for `minGapMinutes`. Pure: the clock and the ids are given.
 */
import type { AlertRule } from './alert-rules.ts'

export type Severity = 'amber' | 'red'
/** A figure as people read it, in both languages ("12 waiting" / "12 人排队"). */
export type Said = { en: string; 'zh-CN': string }

/** What the rule sees of one subject now: `severity` null when the condition does not hold. */
export interface Observation { ruleId: string; subject: string; subjectName: string; severity: Severity | null; value: Said; queueIds: string[] }

export interface ActiveAlert { alertId: string; ruleId: string; subject: string; subjectName: string; severity: Severity; value: Said; startedMs: number; queueIds: string[] }

export type Transition =
  | { type: 'fired' | 'escalated'; alert: ActiveAlert; at: number }
  | { type: 'ended'; alert: ActiveAlert; at: number; reason: 'cleared' | 'rule-removed' }

interface Track { pendingSince?: number; active?: ActiveAlert; clearSince?: number; lastEndedMs?: number }

const RANK: Record<Severity, number> = { amber: 1, red: 2 }

export class AlertEngine {
  private readonly tracks = new Map<string, Track>()

  constructor(private readonly newId: () => string) {}

  /** Alerts still open from before a restart: they go on, not fired again. */
  restore(active: readonly ActiveAlert[]): void {
    for (const a of active) this.tracks.set(key(a.ruleId, a.subject), { active: { ...a } })
  }

  active(): ActiveAlert[] { return [...this.tracks.values()].flatMap((t) => (t.active ? [t.active] : [])) }

  evaluate(now: number, rules: readonly AlertRule[], observations: readonly Observation[]): Transition[] {
    const out: Transition[] = []
    const byRule = new Map(rules.filter((r) => r.enabled).map((r) => [r.id, r]))
    const seen = new Set<string>()
    for (const o of observations) {
      const rule = byRule.get(o.ruleId)
      if (!rule) continue
      const k = key(o.ruleId, o.subject)
      seen.add(k)
      const t = this.tracks.get(k) ?? {}
      this.tracks.set(k, t)
      if (o.severity) this.holds(t, rule, o, now, out)
      else this.clear(t, rule, now, out)
    }
    for (const [k, t] of this.tracks) {
      if (seen.has(k)) continue
      const rule = byRule.get(k.slice(0, k.indexOf('|')))
      if (!rule) {
        if (t.active) out.push({ type: 'ended', alert: t.active, at: now, reason: 'rule-removed' })
        this.tracks.delete(k)
        continue
      }
      // Not seen at all (the agent logged out, the queue went away): the condition does not hold.
      this.clear(t, rule, now, out)
      if (!t.active && t.pendingSince === undefined && (t.lastEndedMs === undefined || now - t.lastEndedMs >= rule.minGapMinutes * 60_000)) this.tracks.delete(k)
    }
    return out
  }

  private holds(t: Track, rule: AlertRule, o: Observation, now: number, out: Transition[]): void {
    t.clearSince = undefined
    if (t.active) {
      t.active.value = o.value
      if (RANK[o.severity!] > RANK[t.active.severity]) {
        t.active.severity = o.severity!
        out.push({ type: 'escalated', alert: { ...t.active }, at: now })
      }
      return
    }
    if (t.lastEndedMs !== undefined && now - t.lastEndedMs < rule.minGapMinutes * 60_000) return
    t.pendingSince ??= now
    if (now - t.pendingSince < rule.forSeconds * 1000) return
    t.pendingSince = undefined
    t.active = { alertId: this.newId(), ruleId: rule.id, subject: o.subject, subjectName: o.subjectName, severity: o.severity!, value: o.value, startedMs: now, queueIds: o.queueIds }
    out.push({ type: 'fired', alert: { ...t.active }, at: now })
  }

  private clear(t: Track, rule: AlertRule, now: number, out: Transition[]): void {
    t.pendingSince = undefined
    if (!t.active) return
    t.clearSince ??= now
    if (now - t.clearSince < rule.clearSeconds * 1000) return
    out.push({ type: 'ended', alert: { ...t.active }, at: now, reason: 'cleared' })
    t.active = undefined
    t.clearSince = undefined
    t.lastEndedMs = now
  }
}

function key(ruleId: string, subject: string): string { return `${ruleId}|${subject}` }
