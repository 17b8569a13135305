/**
 * The counters of DESIGN §4 per queue, computed in ClickHouse from `queue_visits`, for visits that
 * entered the queue in [from, to). Outcome groups and thresholds come from the same definitions the
 * live engine uses (metrics/visit.ts, metrics/counters.ts).
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { ABANDONED, ANSWERED, CALLBACK, FLOWED_OUT } from '../metrics/visit.ts'
import { COUNTER_KEYS, type Counters, type Thresholds } from '../metrics/counters.ts'
import { visitsSql } from '../rollups/visits-sql.ts'

const sql = (byInterval: boolean): string => `
SELECT
    queue_id AS queueId,${byInterval ? `
    intDiv(v_entered, 900000) * 900000 AS intervalStart,` : ''}
    count() AS offered,
    countIf(v_outcome IN {answered:Array(String)}) AS answered,
    countIf(v_outcome IN {answered:Array(String)} AND v_wait <= t) AS answeredWithinT,
    countIf(v_outcome IN {abandoned:Array(String)}) AS abandoned,
    countIf(v_outcome IN {abandoned:Array(String)} AND v_wait <= s) AS shortAbandons,
    countIf(v_outcome IN {abandoned:Array(String)} AND v_wait <= t) AS abandonedWithinT,
    countIf(v_outcome IN {flowedOut:Array(String)}) AS flowedOut,
    countIf(v_outcome IN {callback:Array(String)}) AS callbacks,
    countIf(v_outcome IN {callback:Array(String)} AND v_wait <= t) AS callbacksWithinT,
    sumIf(v_wait, v_outcome IN {answered:Array(String)}) AS answeredWaitMs,
    countIf(v_outcome IN {answered:Array(String)} AND v_handled = 1) AS handled,
    sumIf(v_talk, v_outcome IN {answered:Array(String)} AND v_handled = 1) AS talkMs,
    sumIf(v_hold, v_outcome IN {answered:Array(String)} AND v_handled = 1) AS holdMs,
    sumIf(v_wrap, v_outcome IN {answered:Array(String)} AND v_handled = 1) AS wrapMs
FROM
(
    SELECT *,
        transform(queue_id, {queues:Array(String)}, {slMs:Array(Int64)}, {defaultSlMs:Int64}) AS t,
        transform(queue_id, {queues:Array(String)}, {shortMs:Array(Int64)}, {defaultShortMs:Int64}) AS s
    FROM (${visitsSql('empty({only:Array(String)}) OR has({only:Array(String)}, queue_id)')})
)
WHERE v_entered >= {from:Int64} AND v_entered < {to:Int64}
GROUP BY queue_id${byInterval ? ', intervalStart' : ''}
ORDER BY queue_id${byInterval ? ', intervalStart' : ''}`

export interface QueueCountersQuery {
  tenant: string
  fromMs: number
  toMs: number
  /** Only these queues; all when empty or absent. */
  queues?: string[]
  /** Per-queue thresholds; `default` for the rest. */
  thresholds: { default: Thresholds; byQueue?: Record<string, Thresholds> }
}

export async function queueCounters(client: ClickHouseClient, q: QueueCountersQuery): Promise<Map<string, Counters>> {
  const out = new Map<string, Counters>()
  for (const r of await run(client, q, false)) out.set(String(r.queueId), toCounters(r))
  return out
}

/** Counters per queue and 15-minute interval (UTC-aligned; every IANA offset is a multiple of 15 minutes). */
export async function intervalCounters(client: ClickHouseClient, q: QueueCountersQuery): Promise<Array<{ queueId: string; start: number; counters: Counters }>> {
  return (await run(client, q, true)).map((r) => ({ queueId: String(r.queueId), start: Number(r.intervalStart), counters: toCounters(r) }))
}

function toCounters(r: Record<string, string | number>): Counters {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, Number(r[k])])) as unknown as Counters
}

async function run(client: ClickHouseClient, q: QueueCountersQuery, byInterval: boolean): Promise<Array<Record<string, string | number>>> {
  const byQueue = Object.entries(q.thresholds.byQueue ?? {})
  const rs = await client.query({
    query: sql(byInterval),
    format: 'JSONEachRow',
    query_params: {
      tenant: q.tenant, from: q.fromMs, to: q.toMs, only: q.queues ?? [],
      answered: ANSWERED, abandoned: ABANDONED, flowedOut: FLOWED_OUT, callback: CALLBACK,
      queues: byQueue.map(([id]) => id),
      slMs: byQueue.map(([, t]) => t.serviceLevelMs),
      shortMs: byQueue.map(([, t]) => t.shortAbandonMs),
      defaultSlMs: q.thresholds.default.serviceLevelMs,
      defaultShortMs: q.thresholds.default.shortAbandonMs,
    },
  })
  return rs.json<Record<string, string | number>>()
}
