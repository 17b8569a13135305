/**
 * Schedules in `wfm_schedules`: drafts the planner edits (rewritten, newest wins) and published
 * versions (written once per publish, numbered per week). Rules in `wfm_rules`, one document.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { uuidv7 } from '@agner/events'
import type { StoredSchedule, WfmRules } from './schedule-types.ts'

export interface ScheduleSummary { id: string; weekStart: number; status: 'draft' | 'published'; version: number; sourceId: string; createdBy: string; createdMs: number; updatedMs: number }

export async function saveSchedule(client: ClickHouseClient, tenant: string, s: StoredSchedule): Promise<void> {
  await client.insert({
    table: 'wfm_schedules', format: 'JSONEachRow',
    values: [{
      tenant, id: s.id, week_start: s.weekStart, status: s.status, version: s.version, source_id: s.sourceId, body: JSON.stringify(s),
      created_by: s.createdBy, created_ms: s.createdMs, updated_ms: s.updatedMs,
    }],
  })
}

export async function getSchedule(client: ClickHouseClient, tenant: string, id: string): Promise<StoredSchedule | undefined> {
  const rs = await client.query({ query: 'SELECT body FROM wfm_schedules FINAL WHERE tenant = {tenant:String} AND id = {id:String} LIMIT 1', format: 'JSONEachRow', query_params: { tenant, id } })
  const row = (await rs.json<{ body: string }>())[0]
  return row ? (JSON.parse(row.body) as StoredSchedule) : undefined
}

export async function listSchedules(client: ClickHouseClient, tenant: string, weekStart?: number): Promise<ScheduleSummary[]> {
  const rs = await client.query({
    query: `SELECT id, week_start, status, version, source_id, created_by, created_ms, updated_ms FROM wfm_schedules FINAL
            WHERE tenant = {tenant:String} AND ({week:Int64} = 0 OR week_start = {week:Int64}) ORDER BY week_start DESC, created_ms DESC LIMIT 200`,
    format: 'JSONEachRow', query_params: { tenant, week: weekStart ?? 0 },
  })
  return (await rs.json<Record<string, unknown>>()).map((r) => ({
    id: String(r.id), weekStart: Number(r.week_start), status: r.status as 'draft' | 'published', version: Number(r.version), sourceId: String(r.source_id),
    createdBy: String(r.created_by), createdMs: Number(r.created_ms), updatedMs: Number(r.updated_ms),
  }))
}

/** The id of the newest published version of a week (no body read). */
export async function publishedIdFor(client: ClickHouseClient, tenant: string, weekStart: number): Promise<string | undefined> {
  const rs = await client.query({
    query: `SELECT id FROM wfm_schedules FINAL WHERE tenant = {tenant:String} AND week_start = {week:Int64} AND status = 'published' ORDER BY version DESC LIMIT 1`,
    format: 'JSONEachRow', query_params: { tenant, week: weekStart },
  })
  return (await rs.json<{ id: string }>())[0]?.id
}

/**
 * The newest published version of a week. Published versions never change, so the last one read is
 * kept and reused while it is still the newest: the live adherence view asks every few seconds.
 */
export class PublishedSchedules {
  private last: StoredSchedule | undefined
  constructor(private readonly client: ClickHouseClient, private readonly tenant: string) {}

  async of(weekStart: number): Promise<StoredSchedule | undefined> {
    const id = await publishedIdFor(this.client, this.tenant, weekStart)
    if (!id) return undefined
    if (this.last?.id !== id) this.last = await getSchedule(this.client, this.tenant, id)
    return this.last
  }
}

/** Publishes a copy of the draft as the week's next version. */
export async function publish(client: ClickHouseClient, tenant: string, draft: StoredSchedule, by: string): Promise<StoredSchedule> {
  const rs = await client.query({
    query: `SELECT max(version) AS v FROM wfm_schedules FINAL WHERE tenant = {tenant:String} AND week_start = {week:Int64} AND status = 'published'`,
    format: 'JSONEachRow', query_params: { tenant, week: draft.weekStart },
  })
  const version = Number((await rs.json<{ v: number }>())[0]?.v ?? 0) + 1
  const now = Date.now()
  const copy: StoredSchedule = { ...draft, id: uuidv7(), status: 'published', version, sourceId: draft.id, createdBy: by, createdMs: now, updatedMs: now, publishedBy: by }
  await saveSchedule(client, tenant, copy)
  return copy
}

export async function getRules(client: ClickHouseClient, tenant: string): Promise<WfmRules | undefined> {
  const rs = await client.query({ query: 'SELECT body FROM wfm_rules FINAL WHERE tenant = {tenant:String} LIMIT 1', format: 'JSONEachRow', query_params: { tenant } })
  const row = (await rs.json<{ body: string }>())[0]
  return row ? (JSON.parse(row.body) as WfmRules) : undefined
}

export async function saveRules(client: ClickHouseClient, tenant: string, rules: WfmRules, by: string): Promise<void> {
  await client.insert({ table: 'wfm_rules', format: 'JSONEachRow', values: [{ tenant, body: JSON.stringify(rules), updated_by: by, updated_ms: Date.now() }] })
}
