/** Queue performance, service level under every named formula, and abandon analysis, from the queue rollup. */
import { FORMULA_TEXT } from '../metrics/formulas.ts'
import { bucketEnd, bucketLabel } from './buckets.ts'
import { combine, groupBy, SERVICE_LEVEL_FORMULAS, serviceLevelUnder } from './combine.ts'
import { t, type ReportContext } from './context.ts'
import { filterText } from './filter-text.ts'
import type { ReportFilters } from './filters.ts'
import { perQueue, queueBuckets, queuesWithData, type QueueBucket } from './rollup-counters.ts'
import type { Column, ReportResult, Row, Section } from './types.ts'

export async function selectedQueues(ctx: ReportContext, f: ReportFilters): Promise<string[]> {
  return f.queues.length ? f.queues : queuesWithData(ctx, f)
}

function result(ctx: ReportContext, f: ReportFilters, report: string, sections: Section[], notes: string[], chart?: ReportResult['chart']): ReportResult {
  return {
    report, title: t(ctx)(`report.${report}`), locale: ctx.locale, timeZone: ctx.timeZone, filters: f, filterText: filterText(ctx, f),
    generatedAt: ctx.now ?? Date.now(), sections, notes, ...(chart ? { chart } : {}),
  }
}

function figureColumns(ctx: ReportContext): Column[] {
  const tr = t(ctx)
  return [
    { key: 'offered', label: tr('col.offered'), kind: 'int' },
    { key: 'answered', label: tr('col.answered'), kind: 'int' },
    { key: 'abandoned', label: tr('col.abandoned'), kind: 'int' },
    { key: 'shortAbandons', label: tr('col.shortAbandons'), kind: 'int' },
    { key: 'flowedOut', label: tr('col.flowedOut'), kind: 'int' },
    { key: 'serviceLevel', label: tr('col.serviceLevel'), kind: 'pct', formula: 'per queue formula' },
    { key: 'asa', label: tr('col.asa'), kind: 'duration', formula: FORMULA_TEXT.asa },
    { key: 'aht', label: tr('col.aht'), kind: 'duration', formula: FORMULA_TEXT.aht },
    { key: 'abandonRate', label: tr('col.abandonRate'), kind: 'pct', formula: FORMULA_TEXT.abandonRate },
    { key: 'maxWait', label: tr('col.maxWait'), kind: 'duration', formula: FORMULA_TEXT.maxWait },
  ]
}

export async function queuePerformance(ctx: ReportContext, f: ReportFilters): Promise<ReportResult> {
  const tr = t(ctx)
  const queues = await selectedQueues(ctx, f)
  const buckets = await queueBuckets(ctx, f, queues)
  const whole = perQueue(buckets, f.from)
  const byBucket = groupBy(buckets, (b) => b.bucket)
  const intervalRows: Row[] = [...byBucket].map(([start, items]) => ({ period: bucketLabel(start, f.interval, ctx.timeZone), periodStart: start, periodEnd: Math.min(f.to, bucketEnd(start, f.interval, ctx.timeZone)), ...combine(ctx, items) }))
  const queueRows: Row[] = whole.map((b) => ({ queue: ctx.queue(b.queueId).name, queueId: b.queueId, ...combine(ctx, [b]) }))
  const totals = { period: tr('total'), queue: tr('total'), ...combine(ctx, whole) }
  const cols = figureColumns(ctx)
  return result(ctx, f, 'queue-performance', [
    { id: 'byInterval', title: tr('section.byInterval'), columns: [{ key: 'period', label: tr('col.period'), kind: 'text' }, ...cols], rows: intervalRows, totals },
    { id: 'byQueue', title: tr('section.byQueue'), columns: [{ key: 'queue', label: tr('col.queue'), kind: 'text' }, ...cols], rows: queueRows, totals },
  ], [tr('note.attribution'), tr('note.sl')], {
    categories: intervalRows.map((r) => String(r.period)),
    series: [
      { name: tr('col.offered'), type: 'bar', data: intervalRows.map((r) => r.offered as number), axis: 0 },
      { name: tr('col.answered'), type: 'bar', data: intervalRows.map((r) => r.answered as number), axis: 0 },
      { name: tr('col.serviceLevel'), type: 'line', data: intervalRows.map((r) => r.serviceLevel as number | null), axis: 1 },
    ],
    axes: [{ name: tr('col.offered'), kind: 'int' }, { name: tr('col.serviceLevel'), kind: 'pct' }],
  })
}

export async function serviceLevelReport(ctx: ReportContext, f: ReportFilters): Promise<ReportResult> {
  const tr = t(ctx)
  const queues = await selectedQueues(ctx, f)
  const buckets = await queueBuckets(ctx, f, queues)
  const whole = perQueue(buckets, f.from)
  const slColumns: Column[] = SERVICE_LEVEL_FORMULAS.map((formula) => ({ key: `sl:${formula}`, label: tr(`sl.${formula}`), kind: 'pct', formula: FORMULA_TEXT.serviceLevel[formula] }))
  const row = (items: QueueBucket[]): Row => Object.fromEntries(SERVICE_LEVEL_FORMULAS.map((formula) => [`sl:${formula}`, serviceLevelUnder(ctx, items, formula)]))
  const intervalRows: Row[] = [...groupBy(buckets, (b) => b.bucket)].map(([start, items]) => ({
    period: bucketLabel(start, f.interval, ctx.timeZone), periodStart: start, periodEnd: Math.min(f.to, bucketEnd(start, f.interval, ctx.timeZone)), offered: combine(ctx, items).offered, ...row(items),
  }))
  const queueRows: Row[] = whole.map((b) => ({
    queue: ctx.queue(b.queueId).name, queueId: b.queueId, threshold: ctx.queue(b.queueId).serviceLevelMs, formula: tr(`sl.${ctx.queue(b.queueId).formula}`), offered: b.counters.offered, ...row([b]),
  }))
  const totals = { period: tr('total'), queue: tr('total'), offered: combine(ctx, whole).offered, ...row(whole) }
  const offered: Column = { key: 'offered', label: tr('col.offered'), kind: 'int' }
  return result(ctx, f, 'service-level', [
    { id: 'byInterval', title: tr('section.byInterval'), columns: [{ key: 'period', label: tr('col.period'), kind: 'text' }, offered, ...slColumns], rows: intervalRows, totals },
    {
      id: 'byQueue', title: tr('section.byQueue'),
      columns: [{ key: 'queue', label: tr('col.queue'), kind: 'text' }, { key: 'threshold', label: 'T', kind: 'duration' }, { key: 'formula', label: tr('col.formula'), kind: 'text' }, offered, ...slColumns],
      rows: queueRows, totals,
    },
  ], [tr('note.attribution'), ...SERVICE_LEVEL_FORMULAS.map((x) => `${tr(`sl.${x}`)}: ${FORMULA_TEXT.serviceLevel[x]}`)], {
    categories: intervalRows.map((r) => String(r.period)),
    series: SERVICE_LEVEL_FORMULAS.map((x) => ({ name: tr(`sl.${x}`), type: 'line' as const, data: intervalRows.map((r) => r[`sl:${x}`] as number | null), axis: 0 as const })),
    axes: [{ name: tr('col.serviceLevel'), kind: 'pct' }],
  })
}

/** Wait buckets for abandons, in seconds: [from, to). */
export const ABANDON_WAIT_BUCKETS: Array<[number, number]> = [[0, 5], [5, 10], [10, 20], [20, 30], [30, 60], [60, 120], [120, 300], [300, Infinity]]
const POSITION_BUCKETS: Array<[number, number]> = [[1, 1], [2, 2], [3, 3], [4, 5], [6, 10], [11, Infinity]]

const ABANDON_SQL = `
SELECT queue_id AS queueId, sumMap(abandoned_waits) AS waits, sumMap(abandoned_positions) AS positions
FROM queue_intervals FINAL
WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
  AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))
  AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, channel))
GROUP BY queueId ORDER BY queueId`

const rangeLabel = ([a, b]: [number, number], unit: string): string => (b === Infinity ? `${unit ? '>' : '≥'} ${a}${unit}` : a === b ? `${a}` : unit ? `${a}–${b}${unit}` : `${a}–${b}`)

export async function abandonAnalysis(ctx: ReportContext, f: ReportFilters): Promise<ReportResult> {
  const tr = t(ctx)
  const queues = await selectedQueues(ctx, f)
  const buckets = await queueBuckets(ctx, f, queues)
  const rs = await ctx.client.query({ query: ABANDON_SQL, format: 'JSONEachRow', query_params: { tenant: ctx.tenant, from: f.from, to: f.to, queues: f.queues, channels: f.channels } })
  const maps = await rs.json<{ queueId: string; waits: Record<string, number>; positions: Record<string, number> }>()
  const queueCols: Column[] = maps.map((m) => ({ key: m.queueId, label: ctx.queue(m.queueId).name, kind: 'int' }))
  // A wait of w seconds is kept as ceil(w); bucket [a, b) s holds keys a+1 … b (key 0 is a zero wait).
  const inWait = (k: number, [a, b]: [number, number]): boolean => (a === 0 ? k <= b : k > a && k <= b)
  const count = (m: Record<string, number>, test: (k: number) => boolean): number => Object.entries(m).reduce((s, [k, v]) => s + (test(Number(k)) ? Number(v) : 0), 0)
  const total = (row: Row): Row => ({ ...row, total: maps.reduce((s, m) => s + Number(row[m.queueId] ?? 0), 0) })
  const waitRows = ABANDON_WAIT_BUCKETS.map((b) => total({ range: rangeLabel(b, ' s'), ...Object.fromEntries(maps.map((m) => [m.queueId, count(m.waits, (k) => inWait(k, b))])) }))
  const positionRows = POSITION_BUCKETS.map((b) => total({ range: rangeLabel(b, ''), ...Object.fromEntries(maps.map((m) => [m.queueId, count(m.positions, (k) => k >= b[0] && k <= b[1])])) }))
  const intervalRows: Row[] = [...groupBy(buckets, (b) => b.bucket)].map(([start, items]) => {
    const c = combine(ctx, items)
    return { period: bucketLabel(start, f.interval, ctx.timeZone), periodStart: start, periodEnd: Math.min(f.to, bucketEnd(start, f.interval, ctx.timeZone)), offered: c.offered, abandoned: c.abandoned, shortAbandons: c.shortAbandons, abandonRate: c.abandonRate }
  })
  const whole = combine(ctx, perQueue(buckets, f.from))
  const totalCol: Column = { key: 'total', label: tr('col.total'), kind: 'int' }
  return result(ctx, f, 'abandons', [
    {
      id: 'byInterval', title: tr('section.byInterval'),
      columns: [
        { key: 'period', label: tr('col.period'), kind: 'text' }, { key: 'offered', label: tr('col.offered'), kind: 'int' },
        { key: 'abandoned', label: tr('col.abandoned'), kind: 'int' }, { key: 'shortAbandons', label: tr('col.shortAbandons'), kind: 'int' },
        { key: 'abandonRate', label: tr('col.abandonRate'), kind: 'pct', formula: FORMULA_TEXT.abandonRate },
      ],
      rows: intervalRows,
      totals: { period: tr('total'), offered: whole.offered, abandoned: whole.abandoned, shortAbandons: whole.shortAbandons, abandonRate: whole.abandonRate },
    },
    { id: 'byWait', title: tr('section.byWait'), columns: [{ key: 'range', label: tr('col.waitBucket'), kind: 'text' }, ...queueCols, totalCol], rows: waitRows },
    { id: 'byPosition', title: tr('section.byPosition'), columns: [{ key: 'range', label: tr('col.position'), kind: 'text' }, ...queueCols, totalCol], rows: positionRows },
  ], [tr('note.attribution'), `${tr('col.abandonRate')}: ${FORMULA_TEXT.abandonRate}`], {
    categories: waitRows.map((r) => String(r.range)),
    series: [{ name: tr('col.abandoned'), type: 'bar', data: waitRows.map((r) => Number(r.total)), axis: 0 }],
    axes: [{ name: tr('col.abandoned'), kind: 'int' }],
  })
}
