/**
 * A queue's interval history for forecasting, from the report rollups: offered, handle seconds
 * and handled contacts per 15- or 30-minute interval over whole days in the center's zone, zeros
 * where nothing happened. (Zones with daylight saving have 23- and 25-hour days; the series
 * assumes whole 24-hour days, which holds for China and most call-center zones used here.)
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { bucketSql } from '@agner/analytics'

export interface QueueHistory { from: number; to: number; perDay: number; volume: number[]; handleSec: number[]; handled: number[] }

const SQL = (bucket: string): string => `
SELECT ${bucket} AS b, sum(offered) AS offered, sum(talk_ms + hold_ms + wrap_ms) / 1000 AS handleSec, sum(handled) AS handled
FROM queue_intervals FINAL
WHERE tenant = {tenant:String} AND queue_id = {queue:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
GROUP BY b`

export async function queueHistory(client: ClickHouseClient, o: { tenant: string; timeZone: string; queue: string; from: number; days: number; intervalMinutes: 15 | 30 }): Promise<QueueHistory> {
  const step = o.intervalMinutes * 60_000
  const perDay = (24 * 60) / o.intervalMinutes
  const n = o.days * perDay
  const to = o.from + n * step
  const rs = await client.query({
    query: SQL(bucketSql(o.intervalMinutes === 15 ? '15m' : '30m')), format: 'JSONEachRow',
    query_params: { tenant: o.tenant, tz: o.timeZone, queue: o.queue, from: o.from, to },
  })
  const volume = new Array<number>(n).fill(0), handleSec = new Array<number>(n).fill(0), handled = new Array<number>(n).fill(0)
  for (const r of await rs.json<{ b: string; offered: string; handleSec: number; handled: string }>()) {
    const i = Math.round((Number(r.b) - o.from) / step)
    if (i < 0 || i >= n) continue
    volume[i] = Number(r.offered); handleSec[i] = Number(r.handleSec); handled[i] = Number(r.handled)
  }
  return { from: o.from, to, perDay, volume, handleSec, handled }
}

/** Fewer abandons than this over the history: patience is not estimated (Erlang C sizes the queue). */
export const MIN_ABANDONS_FOR_PATIENCE = 20

/**
 * Callers' mean patience on a queue, from its history: the time all callers spent waiting (the
 * answered ones' waits are patience not yet used up) over the number who gave up, the maximum-
 * likelihood estimate for exponential patience censored by answering. Undefined with too few
 * abandons to say. Abandoned waits come from the rollups' whole-second histograms (rounded up).
 */
export async function queuePatience(client: ClickHouseClient, o: { tenant: string; queue: string; from: number; to: number }): Promise<{ patienceSec: number; abandoned: number; answered: number } | undefined> {
  const rs = await client.query({
    query: `SELECT sum(abandoned) AS abandoned, sum(answered) AS answered, sum(answered_wait_ms) / 1000 AS answeredWaitSec,
                   sum(arraySum((k, v) -> toUInt64(k) * v, mapKeys(abandoned_waits), mapValues(abandoned_waits))) AS abandonedWaitSec
            FROM queue_intervals FINAL
            WHERE tenant = {tenant:String} AND queue_id = {queue:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}`,
    query_params: { tenant: o.tenant, queue: o.queue, from: o.from, to: o.to }, format: 'JSONEachRow',
  })
  const [r] = await rs.json<{ abandoned: string; answered: string; answeredWaitSec: number; abandonedWaitSec: string }>()
  const abandoned = Number(r?.abandoned ?? 0)
  if (abandoned < MIN_ABANDONS_FOR_PATIENCE) return undefined
  const exposure = Number(r!.answeredWaitSec) + Number(r!.abandonedWaitSec)
  return { patienceSec: exposure / abandoned, abandoned, answered: Number(r!.answered) }
}
