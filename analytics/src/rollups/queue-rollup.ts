/**
 * Recomputes `queue_intervals` and `agent_intervals` for visits that entered in [from, to)
 * (optionally only the listed interval starts) in the given queues (all when empty), from
 * `queue_visits`. Keys already stored there are first overwritten with zeros, then with the new
 * figures one version later, so an interval that lost a visit cannot keep a stale row.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { ABANDONED, ANSWERED, CALLBACK, FLOWED_OUT } from '../metrics/visit.ts'
import { ENTERED_IN_RANGE, INTERVAL_MS, visitsSql, WAIT_SECONDS } from './visits-sql.ts'

export interface RollupScope {
  tenant: string
  /** Queues to recompute; all when empty. */
  queues: string[]
  from: number
  to: number
  /** Only these interval starts inside [from, to); all when empty. */
  intervals?: number[]
  version: number
}

const INTERVAL = `intDiv(v_entered, ${INTERVAL_MS}) * ${INTERVAL_MS}`
const IN_SCOPE = `v_entered >= {from:Int64} AND v_entered < {to:Int64}
  AND (empty({intervals:Array(Int64)}) OR has({intervals:Array(Int64)}, ${INTERVAL}))`
const KEY_SCOPE = `tenant = {tenant:String} AND interval_start >= {from0:Int64} AND interval_start < {to:Int64}
  AND (empty({intervals:Array(Int64)}) OR has({intervals:Array(Int64)}, interval_start))`
const IS = (group: string): string => `v_outcome IN {${group}:Array(String)}`

/** The folded visits to roll up: each visit's row in a staging table (rebuild.ts), or folded here from queue_visits. */
const FOLDED = (staging?: string): string => staging ?? `(${visitsSql(ENTERED_IN_RANGE)})`

const QUEUE_ROWS = (staging?: string): string => `
INSERT INTO queue_intervals
SELECT
    {tenant:String} AS tenant, queue_id, v_channel AS channel, ${INTERVAL} AS interval_start,
    count() AS offered,
    countIf(${IS('answered')}) AS answered,
    countIf(${IS('abandoned')}) AS abandoned,
    countIf(${IS('flowedOut')}) AS flowed_out,
    countIf(${IS('callback')}) AS callbacks,
    countIf(${IS('answered')} AND v_handled = 1) AS handled,
    sumIf(v_wait, ${IS('answered')}) AS answered_wait_ms,
    sumIf(v_talk, ${IS('answered')} AND v_handled = 1) AS talk_ms,
    sumIf(v_hold, ${IS('answered')} AND v_handled = 1) AS hold_ms,
    sumIf(v_wrap, ${IS('answered')} AND v_handled = 1) AS wrap_ms,
    maxIf(v_wait, v_dequeued > 0) AS max_wait_ms,
    sumMapIf(map(${WAIT_SECONDS('v_wait')}, toUInt32(1)), ${IS('answered')}) AS answered_waits,
    sumMapIf(map(${WAIT_SECONDS('v_wait')}, toUInt32(1)), ${IS('abandoned')}) AS abandoned_waits,
    sumMapIf(map(${WAIT_SECONDS('v_wait')}, toUInt32(1)), ${IS('callback')}) AS callback_waits,
    sumMapIf(map(toUInt16(least(v_position, 65535)), toUInt32(1)), ${IS('abandoned')}) AS abandoned_positions,
    sumMapIf(map(v_outcome, toUInt32(1)), v_outcome != '') AS outcomes,
    {version:Int64} AS version
FROM ${FOLDED(staging)}
WHERE ${IN_SCOPE}
GROUP BY queue_id, channel, interval_start`

const AGENT_ROWS = (staging?: string): string => `
INSERT INTO agent_intervals
SELECT
    {tenant:String} AS tenant, v_agent AS agent_id, queue_id, v_channel AS channel, ${INTERVAL} AS interval_start,
    countIf(${IS('answered')}) AS answered,
    countIf(${IS('answered')} AND v_handled = 1) AS handled,
    sumIf(v_talk, ${IS('answered')} AND v_handled = 1) AS talk_ms,
    sumIf(v_hold, ${IS('answered')} AND v_handled = 1) AS hold_ms,
    sumIf(v_hold_count, ${IS('answered')} AND v_handled = 1) AS hold_count,
    sumIf(v_wrap, ${IS('answered')} AND v_handled = 1) AS wrap_ms,
    sumMapIf(map(v_disposition, toUInt32(1)), v_handled = 1 AND v_disposition != '') AS dispositions,
    {version:Int64} AS version
FROM ${FOLDED(staging)}
WHERE v_agent != '' AND ${IN_SCOPE}
GROUP BY agent_id, queue_id, channel, interval_start`

const QUEUE_ZEROS = `
INSERT INTO queue_intervals (tenant, queue_id, channel, interval_start, version)
SELECT tenant, queue_id, channel, interval_start, {version:Int64}
FROM queue_intervals FINAL
WHERE ${KEY_SCOPE} AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))`

const AGENT_ZEROS = `
INSERT INTO agent_intervals (tenant, agent_id, queue_id, channel, interval_start, version)
SELECT tenant, agent_id, queue_id, channel, interval_start, {version:Int64}
FROM agent_intervals FINAL
WHERE ${KEY_SCOPE} AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))`

/**
 * `staging`: a table of folded visits (rebuild.ts) to read instead of folding queue_visits for the
 * range; its rows must cover every queue of the scope.
 */
export async function recomputeVisitRollups(client: ClickHouseClient, s: RollupScope, staging?: string): Promise<void> {
  const params = {
    tenant: s.tenant, queues: s.queues, from: s.from, to: s.to, from0: Math.floor(s.from / INTERVAL_MS) * INTERVAL_MS,
    intervals: s.intervals ?? [], answered: ANSWERED, abandoned: ABANDONED, flowedOut: FLOWED_OUT, callback: CALLBACK,
  }
  await client.command({ query: QUEUE_ZEROS, query_params: { ...params, version: s.version } })
  await client.command({ query: AGENT_ZEROS, query_params: { ...params, version: s.version } })
  await client.command({ query: QUEUE_ROWS(staging), query_params: { ...params, version: s.version + 1 } })
  await client.command({ query: AGENT_ROWS(staging), query_params: { ...params, version: s.version + 1 } })
}

const TOUCHED = `
SELECT DISTINCT queue_id AS queueId, ${INTERVAL} AS intervalStart
FROM (${visitsSql('has({queues:Array(String)}, queue_id) AND has({contacts:Array(String)}, contact_id)')})`

/** The (queue, interval) pairs the given visits belong to. */
export async function touchedIntervals(client: ClickHouseClient, tenant: string, visits: Array<[queueId: string, contactId: string]>): Promise<Array<{ queueId: string; intervalStart: number }>> {
  if (visits.length === 0) return []
  const queues = [...new Set(visits.map(([q]) => q))]
  const contacts = [...new Set(visits.map(([, c]) => c))]
  const rs = await client.query({ query: TOUCHED, format: 'JSONEachRow', query_params: { tenant, queues, contacts } })
  return (await rs.json<{ queueId: string; intervalStart: string | number }>()).map((r) => ({ queueId: r.queueId, intervalStart: Number(r.intervalStart) }))
}
