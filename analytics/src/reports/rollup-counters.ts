/**
 * The counters of DESIGN §4 per queue and report period, read from `queue_intervals` with each
 * queue's thresholds applied at read time to the wait histograms.
 */
import { addInto, emptyCounters, type Counters } from '../metrics/counters.ts'
import { bucketSql } from './buckets.ts'
import type { ReportContext } from './context.ts'
import type { ReportFilters } from './filters.ts'

export interface QueueBucket { queueId: string; bucket: number; counters: Counters; maxWaitMs: number; outcomes: Record<string, number> }

const within = (map: string, limit: string): string => `arraySum(mapValues(mapFilter((k, v) -> k <= ${limit}, ${map})))`

const SQL = (bucket: string): string => `
SELECT
    queue_id AS queueId,
    ${bucket} AS bucket,
    sum(offered) AS offered, sum(answered) AS answered, sum(abandoned) AS abandoned, sum(flowed_out) AS flowedOut,
    sum(callbacks) AS callbacks, sum(handled) AS handled,
    sum(${within('answered_waits', 't')}) AS answeredWithinT,
    sum(${within('abandoned_waits', 's')}) AS shortAbandons,
    sum(${within('abandoned_waits', 't')}) AS abandonedWithinT,
    sum(${within('callback_waits', 't')}) AS callbacksWithinT,
    sum(answered_wait_ms) AS answeredWaitMs, sum(talk_ms) AS talkMs, sum(hold_ms) AS holdMs, sum(wrap_ms) AS wrapMs,
    max(max_wait_ms) AS maxWaitMs,
    sumMap(outcomes) AS outcomes
FROM
(
    SELECT *,
        transform(queue_id, {tq:Array(String)}, {tT:Array(UInt32)}, toUInt32(20)) AS t,
        transform(queue_id, {tq:Array(String)}, {tS:Array(UInt32)}, toUInt32(5)) AS s
    FROM queue_intervals FINAL
    WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
      AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))
      AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, channel))
)
GROUP BY queueId, bucket
HAVING offered > 0
ORDER BY bucket, queueId`

const NUMERIC = ['offered', 'answered', 'abandoned', 'flowedOut', 'callbacks', 'handled', 'answeredWithinT', 'shortAbandons', 'abandonedWithinT', 'callbacksWithinT', 'answeredWaitMs', 'talkMs', 'holdMs', 'wrapMs'] as const

/** Thresholds in whole seconds: the histograms' resolution (thresholds are configured in seconds). */
function thresholdParams(ctx: ReportContext, queueIds: string[]): { tq: string[]; tT: number[]; tS: number[] } {
  return {
    tq: queueIds,
    tT: queueIds.map((q) => Math.floor(ctx.queue(q).serviceLevelMs / 1000)),
    tS: queueIds.map((q) => Math.floor(ctx.queue(q).shortAbandonMs / 1000)),
  }
}

/** The whole period per queue, summed from its periods (counters add up; max wait is the largest). */
export function perQueue(buckets: readonly QueueBucket[], from: number): QueueBucket[] {
  const out = new Map<string, QueueBucket>()
  for (const b of buckets) {
    let q = out.get(b.queueId)
    if (!q) { q = { queueId: b.queueId, bucket: from, counters: emptyCounters(), maxWaitMs: 0, outcomes: {} }; out.set(b.queueId, q) }
    addInto(q.counters, b.counters)
    q.maxWaitMs = Math.max(q.maxWaitMs, b.maxWaitMs)
    for (const [k, v] of Object.entries(b.outcomes)) q.outcomes[k] = (q.outcomes[k] ?? 0) + Number(v)
  }
  return [...out.values()].sort((a, b) => (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0))
}

export async function queueBuckets(ctx: ReportContext, f: ReportFilters, queueIds: string[]): Promise<QueueBucket[]> {
  const rs = await ctx.client.query({
    query: SQL(bucketSql(f.interval)),
    format: 'JSONEachRow',
    query_params: {
      tenant: ctx.tenant, tz: ctx.timeZone, from: f.from, to: f.to, queues: f.queues, channels: f.channels, ...thresholdParams(ctx, queueIds),
    },
  })
  const rows = await rs.json<Record<string, string | number | Record<string, number>>>()
  return rows.map((r) => {
    const counters = emptyCounters()
    for (const k of NUMERIC) counters[k] = Number(r[k])
    return { queueId: String(r.queueId), bucket: Number(r.bucket), counters, maxWaitMs: Number(r.maxWaitMs), outcomes: r.outcomes as Record<string, number> }
  })
}

/** Queues that have rollup rows in the period (so a report over "all queues" knows whom to threshold). */
export async function queuesWithData(ctx: ReportContext, f: ReportFilters): Promise<string[]> {
  const rs = await ctx.client.query({
    query: `SELECT DISTINCT queue_id AS q FROM queue_intervals
            WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
              AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id)) ORDER BY q`,
    format: 'JSONEachRow', query_params: { tenant: ctx.tenant, from: f.from, to: f.to, queues: f.queues },
  })
  return (await rs.json<{ q: string }>()).map((r) => r.q)
}
