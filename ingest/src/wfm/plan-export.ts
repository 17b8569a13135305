/** A plan as a report, for the Excel export: requirements per interval, then every method's backtest. */
import type { Locale, ReportResult } from '@agner/analytics'
import type { Plan } from './plan.ts'

const T = {
  en: { title: 'Forecast and staffing', req: 'Requirements', back: 'Backtest', start: 'Interval', volume: 'Forecast volume', aht: 'AHT', agents: 'Agents', scheduled: 'Scheduled', sl: 'Service level', asa: 'ASA', occ: 'Occupancy', ab: 'Abandoned', method: 'Method', level: 'Level', wape: 'WAPE', mape: 'MAPE', smape: 'sMAPE', bias: 'Bias', chosen: 'Chosen method', queue: 'Queue', goals: 'Goals', total: 'Total', interval: 'interval', daily: 'daily' },
  'zh-CN': { title: '预测与排班需求', req: '人力需求', back: '回测', start: '时段', volume: '预测话务量', aht: '平均处理时长', agents: '坐席', scheduled: '排班人数', sl: '服务水平', asa: '平均应答速度', occ: '占用率', ab: '放弃率', method: '方法', level: '层级', wape: 'WAPE', mape: 'MAPE', smape: 'sMAPE', bias: '偏差', chosen: '选用方法', queue: '队列', goals: '目标', total: '合计', interval: '间隔', daily: '日' },
}

export function planReport(p: Plan, o: { queueName: string; locale: Locale; timeZone: string; requestedBy: string; goals: Record<string, unknown> }): ReportResult {
  const t = T[o.locale]
  const hours = p.intervalMs / 3_600_000
  return {
    report: 'wfm-plan', title: `${t.title} — ${o.queueName}`, locale: o.locale, timeZone: o.timeZone,
    filters: { from: p.forecastFrom, to: p.forecastFrom + p.requirements.length * p.intervalMs, interval: p.intervalMs === 900_000 ? '15m' : '30m', queues: [], teams: [], agents: [], channels: [] },
    filterText: [[t.queue, o.queueName], [t.chosen, p.method], [t.goals, JSON.stringify(o.goals)]], generatedAt: Date.now(), notes: [],
    sections: [
      {
        id: 'requirements', title: t.req,
        columns: [
          { key: 'start', label: t.start, kind: 'datetime' }, { key: 'volume', label: t.volume, kind: 'number' }, { key: 'ahtSec', label: t.aht, kind: 'duration' },
          { key: 'agents', label: t.agents, kind: 'int' }, { key: 'scheduledAgents', label: t.scheduled, kind: 'int' }, { key: 'serviceLevel', label: t.sl, kind: 'pct' },
          { key: 'asaSec', label: t.asa, kind: 'duration' }, { key: 'occupancy', label: t.occ, kind: 'pct' }, { key: 'abandonRate', label: t.ab, kind: 'pct' },
        ],
        rows: p.requirements.map((r) => ({ ...r, ahtSec: r.ahtSec * 1000, asaSec: r.asaSec * 1000 })),
        totals: { start: t.total, volume: p.totals.volume, agents: Math.round(p.totals.agentHours / hours), scheduledAgents: Math.round(p.totals.scheduledHours / hours) },
      },
      {
        id: 'backtest', title: t.back,
        columns: [
          { key: 'method', label: t.method, kind: 'text' }, { key: 'level', label: t.level, kind: 'text' }, { key: 'wape', label: t.wape, kind: 'pct' },
          { key: 'mape', label: t.mape, kind: 'pct' }, { key: 'smape', label: t.smape, kind: 'pct' }, { key: 'bias', label: t.bias, kind: 'pct' },
        ],
        rows: p.backtest.flatMap((b) => (['interval', 'daily'] as const).map((level) => ({ method: b.method, level: t[level], wape: b[level].wape, mape: b[level].mape, smape: b[level].smape, bias: b[level].bias }))),
      },
    ],
  }
}
