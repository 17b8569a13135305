/**
 * Shift swaps: an agent proposes to a colleague that they trade their shifts of one day (or that
 * the colleague takes the shift, when the colleague is off that day); the colleague answers; a
 * planner sees what the trade does to the published week (coverage, when their skills differ, and
 * the labour rules of both agents' weeks) and approves it, which publishes the week again with the
 * two shifts traded, or declines it with a reason. Stored with every change (`shift_swaps`).
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { uuidv7 } from '@agner/events'
import { coverage, ruleViolations, type Coverage, type ScheduledShift, type Violation } from '@agner/wfm'
import { skillLookup } from './schedule-edit.ts'
import type { StoredSchedule } from './schedule-types.ts'

export type SwapStatus = 'awaiting_colleague' | 'colleague_declined' | 'pending' | 'approved' | 'declined' | 'canceled'
export interface ShiftSwap {
  id: string; agentId: string; agentName: string; colleagueId: string; colleagueName: string; weekStart: number; day: number; dateText: string; reason: string
  status: SwapStatus; createdMs: number; answeredMs: number; decidedBy: string; decidedMs: number; decisionReason: string; publishedVersion: number
}

export function newSwap(o: Omit<ShiftSwap, 'id' | 'status' | 'answeredMs' | 'decidedBy' | 'decidedMs' | 'decisionReason'>): ShiftSwap {
  return { id: uuidv7(), ...o, status: 'awaiting_colleague', answeredMs: 0, decidedBy: '', decidedMs: 0, decisionReason: '' }
}

export async function saveSwap(client: ClickHouseClient, tenant: string, s: ShiftSwap): Promise<void> {
  await client.insert({
    table: 'shift_swaps', format: 'JSONEachRow',
    values: [{
      tenant, id: s.id, agent_id: s.agentId, agent_name: s.agentName, colleague_id: s.colleagueId, colleague_name: s.colleagueName, week_start: s.weekStart, day: s.day,
      date_text: s.dateText, reason: s.reason, status: s.status, created_ms: s.createdMs, answered_ms: s.answeredMs, decided_by: s.decidedBy, decided_ms: s.decidedMs,
      decision_reason: s.decisionReason, published_version: s.publishedVersion, version: Date.now() * 1000 + Math.floor(Math.random() * 1000),
    }],
  })
}

const COLUMNS = `id, agent_id AS agentId, agent_name AS agentName, colleague_id AS colleagueId, colleague_name AS colleagueName, toInt64(week_start) AS weekStart, day,
  date_text AS dateText, reason, status, toInt64(created_ms) AS createdMs, toInt64(answered_ms) AS answeredMs, decided_by AS decidedBy, toInt64(decided_ms) AS decidedMs,
  decision_reason AS decisionReason, published_version AS publishedVersion`

/** Swaps, newest first: all, one (`id`), or those an agent proposed or was asked (`agentId`). */
export async function listSwaps(client: ClickHouseClient, tenant: string, o: { agentId?: string; status?: SwapStatus; id?: string } = {}): Promise<ShiftSwap[]> {
  const rs = await client.query({
    query: `SELECT ${COLUMNS} FROM shift_swaps FINAL WHERE tenant = {tenant:String}
            ${o.agentId ? 'AND (agent_id = {agent:String} OR colleague_id = {agent:String})' : ''} ${o.status ? 'AND status = {status:String}' : ''} ${o.id ? 'AND id = {id:String}' : ''}
            ORDER BY created_ms DESC LIMIT 500`,
    query_params: { tenant, ...(o.agentId ? { agent: o.agentId } : {}), ...(o.status ? { status: o.status } : {}), ...(o.id ? { id: o.id } : {}) }, format: 'JSONEachRow',
  })
  return (await rs.json<Record<string, unknown>>()).map((r) => ({
    ...r, weekStart: Number(r.weekStart), day: Number(r.day), createdMs: Number(r.createdMs), answeredMs: Number(r.answeredMs), decidedMs: Number(r.decidedMs), publishedVersion: Number(r.publishedVersion),
  }) as ShiftSwap)
}

export interface SwapOutcome {
  shifts: ScheduledShift[]
  coverage: Coverage
  /** Each agent's shift that day before the trade (null: off that day). */
  agentShift: ScheduledShift | null
  colleagueShift: ScheduledShift | null
  underHoursBefore: number
  underHoursAfter: number
  /** Each with its sentence (code and params) for the page to say in the reader's language. */
  violations: Array<Pick<Violation, 'agentId' | 'rule' | 'code' | 'params' | 'message'>>
  /** The two agents' rule breaks as the schedule keeps them. */
  ruleBreaks: Violation[]
}

/** The week with the two agents' shifts of `day` traded. */
export function tradeShifts(s: StoredSchedule, agentId: string, colleagueId: string, day: number): SwapOutcome {
  const mine = s.shifts.find((x) => x.agentId === agentId && x.day === day) ?? null
  const theirs = s.shifts.find((x) => x.agentId === colleagueId && x.day === day) ?? null
  const shifts = s.shifts.filter((x) => x !== mine && x !== theirs)
  if (mine) shifts.push({ ...mine, agentId: colleagueId })
  if (theirs) shifts.push({ ...theirs, agentId })
  shifts.sort((a, b) => a.agentId.localeCompare(b.agentId) || a.startMin - b.startMin)
  const after = coverage(s.input, shifts, skillLookup(s.agents))
  const ruleBreaks = ruleViolations(s.input, shifts, { agents: [agentId, colleagueId] })
  const violations = ruleBreaks.map((v) => ({ agentId: v.agentId, rule: v.rule, code: v.code, params: v.params, message: v.message }))
  return { shifts, coverage: after, agentShift: mine, colleagueShift: theirs, underHoursBefore: s.coverage.totals.underHours, underHoursAfter: after.totals.underHours, violations, ruleBreaks }
}
