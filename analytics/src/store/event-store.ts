/** Reads and writes of raw events and dead letters. SQL kept beside the code that runs it. */
import type { ClickHouseClient } from '@clickhouse/client'
import type { CanonicalEvent, DeadLetter } from '@agner/events'
import type { Store } from './client.ts'
import { EventTsvBatch } from './event-batch.ts'
import { deadLetterToRow, EVENT_COLUMNS, rowToEvent, rowTsvLine, type EventRow } from './event-rows.ts'

/**
 * Inserts one batch synchronously (async_insert=0) as TabSeparated, with a dedup token derived
 * from its ids, so a retried identical batch is dropped whole by the server.
 */
export async function insertEventRows(store: Pick<Store, 'insertTsv'>, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) return
  const b = new EventTsvBatch(0, rows.length)
  for (const r of rows) b.addLine(rowTsvLine(r), r.id, r.time_ms)
  const { tsv, token } = b.finish()
  await insertEventTsv(store, tsv, token)
}

/** insertEventRows for validated events, received (when they carry no receivedAt) at `receivedAt`. */
export async function insertEvents(store: Pick<Store, 'insertTsv'>, events: readonly CanonicalEvent[], receivedAt: number): Promise<void> {
  if (events.length === 0) return
  const b = new EventTsvBatch(receivedAt, events.length)
  for (const e of events) b.add(e)
  const { tsv, token } = b.finish()
  await insertEventTsv(store, tsv, token)
}

/** Inserts events already encoded as TabSeparated (EventTsvBatch), with their dedup token. */
export async function insertEventTsv(store: Pick<Store, 'insertTsv'>, tsv: Buffer, token: string): Promise<void> {
  if (tsv.length === 0) return
  await store.insertTsv('events', EVENT_COLUMNS, tsv, {
    async_insert: 0, insert_deduplication_token: token, deduplicate_blocks_in_dependent_materialized_views: 1,
  })
}

export async function insertDeadLetters(client: ClickHouseClient, letters: readonly DeadLetter[]): Promise<void> {
  if (letters.length === 0) return
  await client.insert({ table: 'dead_letters', format: 'JSONEachRow', values: letters.map(deadLetterToRow), clickhouse_settings: { async_insert: 0 } })
}

/** Events of a tenant with time in [fromMs, toMs), oldest first, duplicates removed; optionally of one source only. */
export async function* readEvents(
  client: ClickHouseClient, tenant: string, fromMs: number, toMs: number, source?: { kind: string; instance: string },
): AsyncGenerator<CanonicalEvent> {
  const rs = await client.query({
    query: `SELECT id, type, time_ms, received_at_ms, tenant, source_kind, source_instance, interaction_id, contact_id,
                   queue_id, agent_id, channel, data, raw
            FROM events FINAL
            WHERE tenant = {tenant:String} AND time_ms >= {from:Int64} AND time_ms < {to:Int64}
              AND ({anySource:UInt8} = 1 OR (source_kind = {kind:String} AND source_instance = {instance:String}))
            ORDER BY time_ms, id`,
    query_params: { tenant, from: fromMs, to: toMs, anySource: source ? 0 : 1, kind: source?.kind ?? '', instance: source?.instance ?? '' },
    format: 'JSONEachRow',
  })
  for await (const rows of rs.stream<EventRow>()) {
    for (const row of rows) yield rowToEvent(row.json())
  }
}

/**
 * The latest status and activity event of every agent of a tenant before `beforeMs`: what a
 * live view needs to know about agents whose last change was before its replay window.
 */
export async function readLatestAgentEvents(client: ClickHouseClient, tenant: string, beforeMs: number): Promise<CanonicalEvent[]> {
  const rs = await client.query({
    query: `SELECT id, type, time_ms, received_at_ms, tenant, source_kind, source_instance, interaction_id, contact_id,
                   queue_id, agent_id, channel, data, raw
            FROM events FINAL
            WHERE tenant = {tenant:String} AND time_ms < {before:Int64}
              AND type IN ('agent.status_changed', 'agent.activity_changed')
            ORDER BY time_ms DESC, id DESC
            LIMIT 1 BY agent_id, type`,
    query_params: { tenant, before: beforeMs },
    format: 'JSONEachRow',
  })
  const rows = await rs.json<EventRow>()
  return rows.map(rowToEvent).sort((a, b) => a.time - b.time)
}

export interface StoredCounts { rows: number; distinctIds: number; finalRows: number }

/** Row counts of the events table: raw rows, distinct ids, and rows after dedup (FINAL). */
export async function countStoredEvents(client: ClickHouseClient, tenant?: string): Promise<StoredCounts> {
  const where = tenant === undefined ? '' : 'WHERE tenant = {tenant:String}'
  const rs = await client.query({
    query: `SELECT (SELECT count() FROM events ${where}) AS rows,
                   (SELECT uniqExact(id) FROM events ${where}) AS distinctIds,
                   (SELECT count() FROM events FINAL ${where}) AS finalRows`,
    query_params: tenant === undefined ? {} : { tenant },
    format: 'JSONEachRow',
  })
  const [r] = await rs.json<{ rows: string; distinctIds: string; finalRows: string }>()
  return { rows: Number(r?.rows ?? 0), distinctIds: Number(r?.distinctIds ?? 0), finalRows: Number(r?.finalRows ?? 0) }
}
