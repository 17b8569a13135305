/**
 * A caller's previous contacts for the agent's screen pop: when, queue, outcome, agent, disposition,
 * notes and survey score, newest first. Matched on the caller's number as the contact recorded it;
 * the segments of the journey in progress (`exceptInteraction`) are not "previous".
 */
import type { ClickHouseClient } from '@clickhouse/client'

export interface PastContact {
  contactId: string
  startedAt: number
  queueId: string
  channel: string
  outcome: string
  agentId: string
  dispositionCode: string
  notes: string
  csat: number | null
}

const SQL = `
SELECT
    contact_id AS contactId,
    min(time_ms) AS startedAt,
    anyIf(queue_id, queue_id != '') AS queueId,
    any(channel) AS channel,
    anyIf(JSONExtractString(data, 'outcome'), type = 'contact.dequeued') AS outcome,
    anyIf(agent_id, type = 'contact.connected') AS agentId,
    anyIf(JSONExtractString(data, 'dispositionCode'), type = 'contact.wrapup_ended') AS dispositionCode,
    anyIf(JSONExtractString(data, 'notes'), type = 'contact.wrapup_ended') AS notes,
    maxIf(JSONExtract(data, 'csat', 'Nullable(Int64)'), type = 'contact.survey') AS csat
FROM events
WHERE tenant = {tenant:String}
  AND contact_id IN (
      SELECT contact_id FROM events
      WHERE tenant = {tenant:String} AND type = 'contact.created' AND JSONExtractString(data, 'ani') = {ani:String}
        AND time_ms >= {since:Int64} AND interaction_id != {exceptInteraction:String})
GROUP BY contact_id
ORDER BY startedAt DESC
LIMIT {limit:UInt32}`

export async function customerHistory(client: ClickHouseClient, q: { tenant: string; ani: string; since: number; exceptInteraction: string; limit: number }): Promise<PastContact[]> {
  const rs = await client.query({ query: SQL, format: 'JSONEachRow', query_params: q })
  const rows = await rs.json<Record<string, string | number | null>>()
  return rows.map((r) => ({
    contactId: String(r.contactId), startedAt: Number(r.startedAt), queueId: String(r.queueId ?? ''), channel: String(r.channel ?? ''),
    outcome: String(r.outcome ?? ''), agentId: String(r.agentId ?? ''), dispositionCode: String(r.dispositionCode ?? ''), notes: String(r.notes ?? ''),
    csat: r.csat === null || r.csat === undefined ? null : Number(r.csat),
  }))
}
