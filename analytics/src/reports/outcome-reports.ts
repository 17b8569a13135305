/** Disposition codes (from the agent rollup) and customer satisfaction (from survey events). */
import { bucketEnd, bucketLabel, bucketSql } from './buckets.ts'
import { nameOf, t, type ReportContext } from './context.ts'
import { filterText } from './filter-text.ts'
import type { ReportFilters } from './filters.ts'
import type { Column, ReportResult, Row } from './types.ts'

const DISPOSITIONS_SQL = `
SELECT queue_id AS queueId, sumMap(dispositions) AS codes
FROM agent_intervals FINAL
WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
  AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))
  AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, channel))
  AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
GROUP BY queueId ORDER BY queueId`

export async function dispositionReport(ctx: ReportContext, f: ReportFilters): Promise<ReportResult> {
  const tr = t(ctx)
  const rs = await ctx.client.query({ query: DISPOSITIONS_SQL, format: 'JSONEachRow', query_params: { tenant: ctx.tenant, from: f.from, to: f.to, queues: f.queues, channels: f.channels, agents: f.agents } })
  const perQueue = await rs.json<{ queueId: string; codes: Record<string, number> }>()
  const codes = [...new Set(perQueue.flatMap((q) => Object.keys(q.codes)))].sort()
  const grand = perQueue.reduce((s, q) => s + Object.values(q.codes).reduce((a, b) => a + Number(b), 0), 0)
  const rows: Row[] = codes.map((code) => {
    const row: Row = { code: nameOf(ctx, 'disposition', code), codeId: code }
    let sum = 0
    for (const q of perQueue) { const n = Number(q.codes[code] ?? 0); row[q.queueId] = n; sum += n }
    row.total = sum
    row.share = grand > 0 ? sum / grand : null
    return row
  })
  const totals: Row = { code: tr('total'), total: grand, share: grand > 0 ? 1 : null }
  for (const q of perQueue) totals[q.queueId] = Object.values(q.codes).reduce((a, b) => a + Number(b), 0)
  return {
    report: 'dispositions', title: tr('report.dispositions'), locale: ctx.locale, timeZone: ctx.timeZone, filters: f, filterText: filterText(ctx, f),
    generatedAt: ctx.now ?? Date.now(), notes: [tr('note.attribution')],
    sections: [{
      id: 'codes', title: tr('section.codes'),
      columns: [
        { key: 'code', label: tr('col.code'), kind: 'text' },
        ...perQueue.map((q): Column => ({ key: q.queueId, label: ctx.queue(q.queueId).name, kind: 'int' })),
        { key: 'total', label: tr('col.total'), kind: 'int' }, { key: 'share', label: tr('col.share'), kind: 'pct' },
      ],
      rows, totals,
    }],
    chart: { categories: codes.map((c) => nameOf(ctx, 'disposition', c)), series: [{ name: tr('col.count'), type: 'bar', data: rows.map((r) => Number(r.total)), axis: 0 }], axes: [{ name: tr('col.count'), kind: 'int' }] },
  }
}

const CSAT_SQL = (bucket: string): string => `
SELECT queue_id AS queueId, ${bucket} AS bucket, count() AS surveys, sum(score) AS scoreSum, countIf(score >= 4) AS satisfied,
    countIf(score = 1) AS s1, countIf(score = 2) AS s2, countIf(score = 3) AS s3, countIf(score = 4) AS s4, countIf(score = 5) AS s5
FROM
(
    SELECT queue_id, any(time_ms) AS survey_ms, any(JSONExtractInt(data, 'csat')) AS score
    FROM events
    WHERE tenant = {tenant:String} AND type = 'contact.survey' AND time_ms >= {from:Int64} AND time_ms < {to:Int64}
      AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))
      AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, channel))
      AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
    GROUP BY id, queue_id
)
WHERE score BETWEEN 1 AND 5
GROUP BY queueId, bucket ORDER BY bucket, queueId`

interface CsatRow { queueId: string; bucket: number; surveys: number; scoreSum: number; satisfied: number; s1: number; s2: number; s3: number; s4: number; s5: number }
const KEYS = ['surveys', 'scoreSum', 'satisfied', 's1', 's2', 's3', 's4', 's5'] as const

function csatFigures(items: CsatRow[]): Row {
  const sum = Object.fromEntries(KEYS.map((k) => [k, items.reduce((s, r) => s + r[k], 0)])) as Record<(typeof KEYS)[number], number>
  return { surveys: sum.surveys, avgCsat: sum.surveys ? sum.scoreSum / sum.surveys : null, csat: sum.surveys ? sum.satisfied / sum.surveys : null, s1: sum.s1, s2: sum.s2, s3: sum.s3, s4: sum.s4, s5: sum.s5 }
}

export async function csatReport(ctx: ReportContext, f: ReportFilters): Promise<ReportResult> {
  const tr = t(ctx)
  const bucket = bucketSql(f.interval, 'survey_ms')
  const rs = await ctx.client.query({ query: CSAT_SQL(bucket), format: 'JSONEachRow', query_params: { tenant: ctx.tenant, tz: ctx.timeZone, from: f.from, to: f.to, queues: f.queues, channels: f.channels, agents: f.agents } })
  const rows = (await rs.json<Record<string, string | number>>()).map((r) => ({ ...Object.fromEntries(KEYS.map((k) => [k, Number(r[k])])), queueId: String(r.queueId), bucket: Number(r.bucket) }) as CsatRow)
  const byBucket = new Map<number, CsatRow[]>()
  const byQueue = new Map<string, CsatRow[]>()
  for (const r of rows) {
    byBucket.set(r.bucket, [...(byBucket.get(r.bucket) ?? []), r])
    byQueue.set(r.queueId, [...(byQueue.get(r.queueId) ?? []), r])
  }
  const figureCols: Column[] = [
    { key: 'surveys', label: tr('col.surveys'), kind: 'int' }, { key: 'avgCsat', label: tr('col.avgCsat'), kind: 'number' },
    { key: 'csat', label: tr('col.csat'), kind: 'pct', formula: 'scores 4–5 / surveys' },
    ...[1, 2, 3, 4, 5].map((n): Column => ({ key: `s${n}`, label: `${tr('col.score')} ${n}`, kind: 'int' })),
  ]
  const intervalRows: Row[] = [...byBucket].map(([b, items]) => ({ period: bucketLabel(b, f.interval, ctx.timeZone), periodStart: b, periodEnd: Math.min(f.to, bucketEnd(b, f.interval, ctx.timeZone)), ...csatFigures(items) }))
  const totals: Row = { period: tr('total'), queue: tr('total'), ...csatFigures(rows) }
  return {
    report: 'csat', title: tr('report.csat'), locale: ctx.locale, timeZone: ctx.timeZone, filters: f, filterText: filterText(ctx, f),
    generatedAt: ctx.now ?? Date.now(), notes: [tr('note.csat')],
    sections: [
      { id: 'byInterval', title: tr('section.byInterval'), columns: [{ key: 'period', label: tr('col.period'), kind: 'text' }, ...figureCols], rows: intervalRows, totals },
      { id: 'byQueue', title: tr('section.byQueue'), columns: [{ key: 'queue', label: tr('col.queue'), kind: 'text' }, ...figureCols], rows: [...byQueue].map(([q, items]) => ({ queue: ctx.queue(q).name, queueId: q, ...csatFigures(items) })), totals },
    ],
    chart: {
      categories: intervalRows.map((r) => String(r.period)),
      series: [
        { name: tr('col.surveys'), type: 'bar', data: intervalRows.map((r) => r.surveys as number), axis: 0 },
        { name: tr('col.csat'), type: 'line', data: intervalRows.map((r) => r.csat as number | null), axis: 1 },
      ],
      axes: [{ name: tr('col.surveys'), kind: 'int' }, { name: tr('col.csat'), kind: 'pct' }],
    },
  }
}
