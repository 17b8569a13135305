/**
 * Agents' time-off requests: stored with every change (`time_off_requests`), and what one would
 * cost before a planner decides: the agent's published shifts it touches, the agent-hours they lose
 * on the phones, the under-staffing the week would have without them, and the labour rules the
 * week would then break for that agent (weekly minimum hours, …). An approved request becomes the
 * agent's leave (WfmRules), which the next generated weeks keep free. Pure but for the store calls.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { uuidv7 } from '@agner/events'
import { coverage, ruleViolations, type ScheduledShift, type Violation } from '@agner/wfm'
import { skillLookup } from './schedule-edit.ts'
import type { StoredSchedule, WfmRules } from './schedule-types.ts'

export type RequestStatus = 'pending' | 'approved' | 'declined' | 'canceled'
export interface TimeOffRequest {
  id: string; agentId: string; agentName: string; fromText: string; toText: string; fromMs: number; toMs: number; reason: string
  status: RequestStatus; createdMs: number; decidedBy: string; decidedMs: number; decisionReason: string
}

export async function saveRequest(client: ClickHouseClient, tenant: string, r: TimeOffRequest): Promise<void> {
  await client.insert({
    table: 'time_off_requests', format: 'JSONEachRow',
    values: [{
      tenant, id: r.id, agent_id: r.agentId, agent_name: r.agentName, from_text: r.fromText, to_text: r.toText, from_ms: r.fromMs, to_ms: r.toMs, reason: r.reason,
      status: r.status, created_ms: r.createdMs, decided_by: r.decidedBy, decided_ms: r.decidedMs, decision_reason: r.decisionReason, version: Date.now() * 1000 + Math.floor(Math.random() * 1000),
    }],
  })
}

export function newRequest(o: { agentId: string; agentName: string; fromText: string; toText: string; fromMs: number; toMs: number; reason: string; now: number }): TimeOffRequest {
  return { id: uuidv7(), ...o, status: 'pending', createdMs: o.now, decidedBy: '', decidedMs: 0, decisionReason: '' }
}

const COLUMNS = `id, agent_id AS agentId, agent_name AS agentName, from_text AS fromText, to_text AS toText, toInt64(from_ms) AS fromMs, toInt64(to_ms) AS toMs, reason,
  status, toInt64(created_ms) AS createdMs, decided_by AS decidedBy, toInt64(decided_ms) AS decidedMs, decision_reason AS decisionReason`

export async function listRequests(client: ClickHouseClient, tenant: string, o: { agentId?: string; status?: RequestStatus; id?: string } = {}): Promise<TimeOffRequest[]> {
  const rs = await client.query({
    query: `SELECT ${COLUMNS} FROM time_off_requests FINAL WHERE tenant = {tenant:String}
            ${o.agentId ? 'AND agent_id = {agent:String}' : ''} ${o.status ? 'AND status = {status:String}' : ''} ${o.id ? 'AND id = {id:String}' : ''}
            ORDER BY created_ms DESC LIMIT 500`,
    query_params: { tenant, ...(o.agentId ? { agent: o.agentId } : {}), ...(o.status ? { status: o.status } : {}), ...(o.id ? { id: o.id } : {}) }, format: 'JSONEachRow',
  })
  return (await rs.json<Record<string, unknown>>()).map((r) => ({ ...r, fromMs: Number(r.fromMs), toMs: Number(r.toMs), createdMs: Number(r.createdMs), decidedMs: Number(r.decidedMs) }) as TimeOffRequest)
}

export interface TimeOffImpact {
  /** The published week it falls in (the first, for a request across weeks). */
  weekStart: number
  shifts: Array<{ day: number; startMin: number; endMin: number; lostMin: number }>
  /** Paid agent-hours the agent would not work. */
  lostHours: number
  underHoursBefore: number
  underHoursAfter: number
  coverageBefore: number
  coverageAfter: number
  /** Each with its sentence (code and params) for the page to say in the reader's language. */
  violations: Array<Pick<Violation, 'rule' | 'code' | 'params' | 'message'>>
}

/**
 * The request against the week's published schedule: each shift it overlaps is shortened to what
 * is left before it (a request from 13:00 ends that day's shift at 13:00) or dropped when nothing is
 * left; breaks inside what goes are dropped with it.
 */
export function timeOffImpact(s: StoredSchedule, agentId: string, fromMs: number, toMs: number): TimeOffImpact {
  const minute = (ms: number): number => Math.round((ms - s.weekStart) / 60_000)
  const from = minute(fromMs), to = minute(toMs)
  const touched: TimeOffImpact['shifts'] = []
  const shifts: ScheduledShift[] = []
  for (const x of s.shifts) {
    if (x.agentId !== agentId || x.endMin <= from || x.startMin >= to) { shifts.push(x); continue }
    // What is left of the shift runs until the request starts (nothing when it starts first).
    const keep = Math.max(x.startMin, Math.min(from, x.endMin))
    const unpaidKinds = new Set<string>((s.input.templates.find((t) => t.id === x.templateId)?.breaks ?? []).filter((b) => !b.paid).map((b) => b.kind))
    const breaks = x.breaks.filter((b) => b.endMin <= keep)
    const paidMin = keep > x.startMin ? keep - x.startMin - breaks.filter((b) => unpaidKinds.has(b.kind)).reduce((m, b) => m + b.endMin - b.startMin, 0) : 0
    touched.push({ day: x.day, startMin: x.startMin, endMin: x.endMin, lostMin: x.paidMin - paidMin })
    if (keep > x.startMin) shifts.push({ ...x, endMin: keep, paidMin, breaks })
  }
  const skills = skillLookup(s.agents)
  const after = coverage(s.input, shifts, skills)
  const violations = ruleViolations(s.input, shifts, { agents: [agentId] }).map((v) => ({ rule: v.rule, code: v.code, params: v.params, message: v.message }))
  return {
    weekStart: s.weekStart, shifts: touched, lostHours: touched.reduce((x, y) => x + y.lostMin, 0) / 60,
    underHoursBefore: s.coverage.totals.underHours, underHoursAfter: after.totals.underHours,
    coverageBefore: s.coverage.totals.coveragePct, coverageAfter: after.totals.coveragePct, violations,
  }
}

/** The approved request as the agent's leave, for the weeks to come. */
export function withLeave(rules: WfmRules, r: TimeOffRequest, contractId: string): WfmRules {
  const agents = [...rules.agents]
  const i = agents.findIndex((a) => a.agentId === r.agentId)
  const leave = { from: r.fromText, to: r.toText, reason: r.reason || 'time off' }
  if (i >= 0) agents[i] = { ...agents[i]!, leave: [...(agents[i]!.leave ?? []), leave] }
  else agents.push({ agentId: r.agentId, contractId, leave: [leave] })
  return { ...rules, agents }
}
