/**
 * A schedule as a report for Excel and PDF: one row per agent with one column per day (shift and
 * its breaks) or per interval (W work, B break, L lunch), then the coverage per interval: required,
 * scheduled, under, over, the service level Erlang predicts and the simulated one.
 */
import type { Locale, ReportResult } from '@agner/analytics'
import { activitiesOf, hhmm } from '@agner/wfm'
import type { StoredSchedule } from './schedule-types.ts'

const T = {
  en: {
    title: 'Schedule', week: 'Week', version: 'Version', draft: 'draft', agent: 'Agent', contract: 'Contract', paid: 'Paid hours', off: 'off', byDay: 'Shifts by day', byInterval: 'Activities by interval',
    coverage: 'Coverage', start: 'Interval', required: 'Required', scheduled: 'Scheduled', under: 'Under', over: 'Over', predicted: 'Predicted SL (Erlang)', simulated: 'Simulated SL',
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], b: 'B', l: 'L', totals: 'Paid hours {p}, coverage {c} %, under-staffed {u} agent-hours, over-staffed {o}',
    legend: 'W work, B break, L lunch. Coverage: agents on the phones per interval, multi-skill agents counted once.',
  },
  'zh-CN': {
    title: '排班表', week: '周', version: '版本', draft: '草稿', agent: '坐席', contract: '合同', paid: '计薪工时', off: '休息日', byDay: '按日班次', byInterval: '按时段活动',
    coverage: '覆盖', start: '时段', required: '需求', scheduled: '在岗', under: '缺员', over: '富余', predicted: '预测服务水平（Erlang）', simulated: '仿真服务水平',
    days: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], b: '小休', l: '用餐', totals: '计薪工时 {p}，覆盖率 {c}%，缺员 {u} 人时，富余 {o} 人时',
    legend: 'W 工作，B 小休，L 用餐。覆盖：每时段在线坐席数，多技能坐席只计一次。',
  },
}

export function scheduleReport(s: StoredSchedule, o: { locale: Locale; layout: 'day' | 'interval'; requestedBy: string }): ReportResult {
  const t = T[o.locale]
  const step = s.intervalMin
  const contracts = new Map(s.input.contracts.map((c) => [c.id, c.name]))
  const agentRows = s.agents.map((a) => {
    const mine = s.shifts.filter((x) => x.agentId === a.id)
    const row: Record<string, string | number | null> = { agent: a.name, contract: contracts.get(a.contractId) ?? a.contractId, paid: mine.reduce((x, y) => x + y.paidMin / 60, 0) }
    if (o.layout === 'day') {
      t.days.forEach((_, d) => {
        const x = mine.find((m) => m.day === d)
        row[`d${d}`] = x ? `${hhmm(x.startMin)}–${hhmm(x.endMin)} ${x.breaks.map((b) => `${b.kind === 'lunch' ? t.l : t.b}${hhmm(b.startMin)}`).join(' ')}`.trim() : t.off
      })
    } else {
      for (const x of mine) for (const a of activitiesOf(x)) for (let m = a.startMin; m < a.endMin; m += step) row[`i${m / step}`] = a.kind === 'work' ? 'W' : a.kind === 'break' ? 'B' : 'L'
    }
    return row
  })
  const n = s.coverage.intervals.length
  const columns = o.layout === 'day'
    ? t.days.map((label, d) => ({ key: `d${d}`, label, kind: 'text' as const }))
    : Array.from({ length: n }, (_, i) => ({ key: `i${i}`, label: `${t.days[Math.floor((i * step) / 1440)]} ${hhmm(i * step)}`, kind: 'text' as const }))
  const tot = s.coverage.totals
  return {
    report: 'wfm-schedule', title: t.title, locale: o.locale, timeZone: s.timeZone,
    filters: { from: s.weekStart, to: s.weekStart + 7 * 86_400_000, interval: step === 15 ? '15m' : '30m', queues: [], teams: [], agents: [], channels: [] },
    filterText: [[t.week, new Date(s.weekStart).toISOString().slice(0, 10)], [t.version, s.status === 'draft' ? t.draft : String(s.version)]],
    generatedAt: Date.now(),
    notes: [t.totals.replace('{p}', tot.paidHours.toFixed(1)).replace('{c}', (tot.coveragePct * 100).toFixed(1)).replace('{u}', tot.underHours.toFixed(1)).replace('{o}', tot.overHours.toFixed(1)), t.legend],
    sections: [
      {
        id: o.layout === 'day' ? 'by-day' : 'by-interval', title: o.layout === 'day' ? t.byDay : t.byInterval,
        columns: [{ key: 'agent', label: t.agent, kind: 'text' }, { key: 'contract', label: t.contract, kind: 'text' }, { key: 'paid', label: t.paid, kind: 'number' }, ...columns],
        rows: agentRows,
      },
      {
        id: 'coverage', title: t.coverage,
        columns: [
          { key: 'start', label: t.start, kind: 'datetime' }, { key: 'required', label: t.required, kind: 'number' }, { key: 'scheduled', label: t.scheduled, kind: 'number' },
          { key: 'under', label: t.under, kind: 'number' }, { key: 'over', label: t.over, kind: 'number' }, { key: 'predicted', label: t.predicted, kind: 'pct' }, { key: 'simulated', label: t.simulated, kind: 'pct' },
        ],
        rows: s.coverage.intervals.map((iv, i) => ({
          start: s.weekStart + i * step * 60_000, required: iv.required, scheduled: iv.scheduled, under: iv.under, over: iv.over,
          predicted: iv.serviceLevel, simulated: s.simulation?.serviceLevel[i] ?? null,
        })).filter((r) => r.required > 0 || r.scheduled > 0),
      },
    ],
  }
}
