/**
 * Contacts that started in [from, to): caller and dialled numbers, queue, how the queue visit
 * ended. Raw numbers: callers of this function mask them (pii.ts) for readers without `pii`.
 * `queues` limits the answer to those queues (undefined: every queue, and contacts with none).
 */
import type { ClickHouseClient } from '@clickhouse/client'

export interface ContactRow {
  contactId: string
  startedAt: number
  queueId: string
  ani: string
  dnis: string
  outcome: string
  waitMs: number | null
}

const SQL = `
SELECT
    contact_id AS contactId,
    min(time_ms) AS startedAt,
    anyIf(queue_id, queue_id != '') AS queueId,
    anyIf(JSONExtractString(data, 'ani'), type = 'contact.created') AS ani,
    anyIf(JSONExtractString(data, 'dnis'), type = 'contact.created') AS dnis,
    anyIf(JSONExtractString(data, 'outcome'), type = 'contact.dequeued') AS outcome,
    maxIf(JSONExtract(data, 'waitMs', 'Nullable(Int64)'), type = 'contact.dequeued') AS waitMs
FROM events
WHERE tenant = {tenant:String}
  AND time_ms >= {from:Int64} AND time_ms < {to:Int64}
  AND contact_id != ''
GROUP BY contact_id
HAVING startedAt >= {from:Int64}
   AND ({allQueues:UInt8} = 1 OR queueId IN {queues:Array(String)})
ORDER BY startedAt DESC, contactId
LIMIT {limit:UInt32}`

export async function recentContacts(
  client: ClickHouseClient, q: { tenant: string; from: number; to: number; queues?: readonly string[]; limit: number },
): Promise<ContactRow[]> {
  const rs = await client.query({
    query: SQL, format: 'JSONEachRow',
    query_params: { tenant: q.tenant, from: q.from, to: q.to, allQueues: q.queues ? 0 : 1, queues: q.queues ?? [], limit: q.limit },
  })
  const rows = await rs.json<Record<string, string | number | null>>()
  return rows.map((r) => ({
    contactId: String(r.contactId), startedAt: Number(r.startedAt), queueId: String(r.queueId ?? ''), ani: String(r.ani ?? ''),
    dnis: String(r.dnis ?? ''), outcome: String(r.outcome ?? ''), waitMs: r.waitMs === null || r.waitMs === undefined ? null : Number(r.waitMs),
  }))
}
