/**
 * Historical adherence and conformance per agent and day of a published week (DESIGN §4): the
 * agents' state timelines from the store against their scheduled activities, through the center's
 * rule matrix. Days not yet over count up to now.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { TIMELINE_SQL } from '@agner/analytics'
import { activitiesOf, adherenceOf, stateKey, type AdherenceFigures, type AdherenceRule, type Span, type ScheduledActivity } from '@agner/wfm'
import type { StoredSchedule } from './schedule-types.ts'

export interface AdherenceRow extends AdherenceFigures { agentId: string; name: string; day: number; date: number }

export async function adherenceReport(client: ClickHouseClient, tenant: string, s: StoredSchedule, rules: AdherenceRule[], now: number): Promise<AdherenceRow[]> {
  const from = s.weekStart
  const to = Math.min(now, s.weekStart + 8 * 86_400_000)
  if (to <= from) return []
  const rs = await client.query({ query: TIMELINE_SQL, format: 'JSONEachRow', query_params: { tenant, agents: s.agents.map((a) => a.id), from, to } })
  const timelines = new Map<string, Span<string>[]>()
  for (const r of await rs.json<{ agent_id: string; start_ms: string; end_ms: string; state: string; reason_code: string }>()) {
    const list = timelines.get(r.agent_id) ?? []
    list.push({ start: Number(r.start_ms), end: Number(r.end_ms), value: stateKey(r.state, r.reason_code) })
    timelines.set(r.agent_id, list)
  }
  const rows: AdherenceRow[] = []
  for (const x of s.shifts) {
    const start = s.weekStart + x.startMin * 60_000
    if (start >= to) continue
    const schedule: Span<ScheduledActivity>[] = activitiesOf(x).map((a) => ({ start: s.weekStart + a.startMin * 60_000, end: s.weekStart + a.endMin * 60_000, value: a.kind }))
    const states = (timelines.get(x.agentId) ?? []).filter((st) => st.value !== 'offline')
    const figures = adherenceOf(schedule, states, rules, { start, end: Math.min(to, s.weekStart + x.endMin * 60_000) })
    rows.push({ agentId: x.agentId, name: s.agents.find((a) => a.id === x.agentId)?.name ?? x.agentId, day: x.day, date: s.weekStart + x.day * 86_400_000, ...figures })
  }
  return rows.sort((a, b) => a.day - b.day || a.name.localeCompare(b.name))
}
