/** The filters of a report in words, written at the top of every export. */
import { bucketLabel, dateTimeLabel } from './buckets.ts'
import type { ReportContext } from './context.ts'
import type { ReportFilters } from './filters.ts'
import { labels } from './labels.ts'

export function filterText(ctx: ReportContext, f: ReportFilters, extra: Array<[string, string]> = []): Array<[string, string]> {
  const tr = labels(ctx.locale)
  const all = tr('filter.all')
  const names = (ids: string[], name: (id: string) => string): string => (ids.length ? ids.map(name).join(', ') : all)
  const out: Array<[string, string]> = [
    [tr('filter.period'), `${dateTimeLabel(f.from, ctx.timeZone).slice(0, 16)} — ${dateTimeLabel(f.to, ctx.timeZone).slice(0, 16)}`],
    [tr('filter.interval'), tr(`interval.${f.interval}`)],
    [tr('filter.timeZone'), ctx.timeZone],
    [tr('filter.queues'), names(f.queues, (q) => ctx.queue(q).name)],
  ]
  if (f.teams.length) out.push([tr('filter.teams'), f.teams.join(', ')])
  if (f.agents.length) out.push([tr('filter.agents'), names(f.agents, ctx.agentName)])
  out.push([tr('filter.channels'), f.channels.length ? f.channels.join(', ') : all])
  out.push(...extra)
  out.push([tr('filter.generatedAt'), `${dateTimeLabel(ctx.now ?? Date.now(), ctx.timeZone)}${ctx.requestedBy ? ` · ${tr('filter.by')} ${ctx.requestedBy}` : ''}`])
  return out
}

export { bucketLabel }
