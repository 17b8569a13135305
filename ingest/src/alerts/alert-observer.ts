/**
 * What each rule sees now, from the live figures: every watched queue's figure against its lines,
 * agents in not-ready or wrap-up too long, agents out of adherence too long, sources that are not
 * connected. Queue ratios and averages are over the last 30 minutes (what a supervisor can still
 * act on), not the whole day. Pure.
 */
import type { AgentLive, QueueLive } from '@agner/boards'
import type { Observation, Said, Severity } from './alert-engine.ts'
import { LOWER_IS_WORSE, type AlertRule, type QueueMetric } from './alert-rules.ts'

export interface ObservedSource { id: string; name: string; connected: boolean; problem?: Said }
export interface ObservedAdherence { agentId: string; name: string; result: string | null; outForSec: number }
export interface LiveFacts { now: number; queues: QueueLive[]; agents: AgentLive[]; adherence?: ObservedAdherence[]; sources?: ObservedSource[] }

const said = (en: string, zh: string): Said => ({ en, 'zh-CN': zh })
const minutes = (ms: number): number => Math.floor(ms / 60_000)

/** A queue's figure now, and how it reads. */
export function queueFigure(q: QueueLive, metric: QueueMetric, now: number): { value: number; text: Said } | undefined {
  const w = q.windows['30m']
  switch (metric) {
    case 'waiting': return { value: q.waiting, text: said(`${q.waiting} waiting`, `${q.waiting} 人排队`) }
    case 'longestWaitSeconds': {
      const s = q.oldestWaitingSince === null ? 0 : Math.round((now - q.oldestWaitingSince) / 1000)
      return { value: s, text: said(`longest wait ${s} s`, `最长等待 ${s} 秒`) }
    }
    case 'serviceLevel': return w.serviceLevel === null ? undefined : { value: w.serviceLevel * 100, text: said(`service level ${(w.serviceLevel * 100).toFixed(1)}% (30 min)`, `服务水平 ${(w.serviceLevel * 100).toFixed(1)}%（30 分钟）`) }
    case 'abandonRate': return w.abandonRate === null ? undefined : { value: w.abandonRate * 100, text: said(`abandon rate ${(w.abandonRate * 100).toFixed(1)}% (30 min)`, `放弃率 ${(w.abandonRate * 100).toFixed(1)}%（30 分钟）`) }
    case 'asaSeconds': return w.asaMs === null ? undefined : { value: w.asaMs / 1000, text: said(`ASA ${Math.round(w.asaMs / 1000)} s (30 min)`, `平均应答 ${Math.round(w.asaMs / 1000)} 秒（30 分钟）`) }
    case 'readyAgents': return { value: q.agents.ready, text: said(`${q.agents.ready} agents ready`, `${q.agents.ready} 名坐席就绪`) }
  }
}

/** Past the red line, the amber one, or neither. */
export function severityOf(value: number, rule: Pick<AlertRule, 'amber' | 'red' | 'metric'>): Severity | null {
  const lower = LOWER_IS_WORSE.includes(rule.metric!)
  const past = (line: number | undefined): boolean => line !== undefined && (lower ? value <= line : value >= line)
  return past(rule.red) ? 'red' : past(rule.amber) ? 'amber' : null
}

export function observe(rules: readonly AlertRule[], facts: LiveFacts): Observation[] {
  const out: Observation[] = []
  const agents = new Map(facts.agents.map((a) => [a.agentId, a]))
  for (const rule of rules) {
    if (!rule.enabled) continue
    if (rule.kind === 'queue') {
      for (const q of facts.queues) {
        if (rule.queueIds?.length && !rule.queueIds.includes(q.queueId)) continue
        const f = queueFigure(q, rule.metric!, facts.now)
        out.push({ ruleId: rule.id, subject: q.queueId, subjectName: q.name, severity: f ? severityOf(f.value, rule) : null, value: f?.text ?? said('no figure yet', '暂无数据'), queueIds: [q.queueId] })
      }
    } else if (rule.kind === 'agentState') {
      for (const a of facts.agents) {
        const inState = a.state === rule.state && (rule.state !== 'aux' || !rule.reasonCodes?.length || rule.reasonCodes.includes(a.reasonCode ?? ''))
        const ms = inState ? facts.now - a.stateSince : 0
        const n = rule.minutes! * 60_000
        const severity: Severity | null = !inState || ms < n ? null : ms >= 2 * n ? 'red' : 'amber'
        const what = rule.state === 'aux' ? said(`not ready${a.reasonCode ? ` (${a.reasonCode})` : ''}`, `未就绪${a.reasonCode ? `（${a.reasonCode}）` : ''}`) : said('in wrap-up', '话后处理')
        out.push({ ruleId: rule.id, subject: a.agentId, subjectName: a.name, severity, value: said(`${what.en} for ${minutes(ms)} min`, `${what['zh-CN']} ${minutes(ms)} 分钟`), queueIds: a.queues })
      }
    } else if (rule.kind === 'adherence') {
      for (const r of facts.adherence ?? []) {
        const n = rule.minutes! * 60
        const severity: Severity | null = r.result !== 'out' || r.outForSec < n ? null : r.outForSec >= 2 * n ? 'red' : 'amber'
        out.push({ ruleId: rule.id, subject: r.agentId, subjectName: r.name, severity, value: said(`out of adherence for ${Math.floor(r.outForSec / 60)} min`, `未遵从排班 ${Math.floor(r.outForSec / 60)} 分钟`), queueIds: agents.get(r.agentId)?.queues ?? [] })
      }
    } else {
      for (const s of facts.sources ?? []) {
        out.push({ ruleId: rule.id, subject: `source:${s.id}`, subjectName: s.name, severity: s.connected ? null : 'red', value: s.problem ?? said('disconnected', '已断开'), queueIds: [] })
      }
    }
  }
  return out
}
