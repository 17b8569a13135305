/**
 * Agent performance (handled, AHT split into talk/hold/wrap, state time, occupancy, utilisation,
 * aux by reason) from `agent_intervals` and `agent_state_time`; the state timeline of agents from
 * `agent_state_intervals`.
 */
import { TIMELINE_SQL } from '../rollups/agent-state-rollup.ts'
import { dateTimeLabel } from './buckets.ts'
import { groupBy } from './combine.ts'
import { nameOf, t, type ReportContext } from './context.ts'
import { filterText } from './filter-text.ts'
import { ReportInputError, type ReportFilters } from './filters.ts'
import type { Column, ReportResult, Row } from './types.ts'

const HANDLED_SQL = `
SELECT agent_id AS agentId, sum(answered) AS answered, sum(handled) AS handled, sum(talk_ms) AS talkMs, sum(hold_ms) AS holdMs,
    sum(hold_count) AS holdCount, sum(wrap_ms) AS wrapMs
FROM agent_intervals FINAL
WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
  AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))
  AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, channel))
  AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
GROUP BY agentId`

const STATES_SQL = `
SELECT agent_id AS agentId, state, reason_code AS reason, sum(ms) AS ms
FROM agent_state_time FINAL
WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}
  AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
GROUP BY agentId, state, reason`

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)

/**
 * `scopeAgents`: when the caller sees only some queues, the agents serving them (state time is
 * per agent, not per queue). Undefined: every agent.
 */
export async function agentPerformance(ctx: ReportContext, f: ReportFilters, scopeAgents?: string[]): Promise<ReportResult> {
  const tr = t(ctx)
  const agents = f.agents.length ? f.agents : scopeAgents ?? []
  const params = { tenant: ctx.tenant, from: f.from, to: f.to, queues: f.queues, channels: f.channels, agents }
  const [handled, states] = await Promise.all([
    ctx.client.query({ query: HANDLED_SQL, format: 'JSONEachRow', query_params: params }).then((r) => r.json<Record<string, string | number>>()),
    ctx.client.query({ query: STATES_SQL, format: 'JSONEachRow', query_params: params }).then((r) => r.json<{ agentId: string; state: string; reason: string; ms: string | number }>()),
  ])
  const byAgent = new Map(handled.map((h) => [String(h.agentId), h]))
  const stateBy = groupBy(states, (s) => s.agentId)
  // With a queue filter, only agents who handled those queues' contacts (or were asked for by name).
  const ids = [...new Set([...byAgent.keys(), ...(f.queues.length && !f.agents.length ? [] : stateBy.keys())])]
    .filter((a) => scopeAgents === undefined || f.agents.length > 0 || scopeAgents.includes(a)).sort()
  const totals = { answered: 0, handled: 0, talk: 0, hold: 0, holdCount: 0, wrap: 0, ready: 0, reserved: 0, busy: 0, wrapState: 0, aux: 0 }
  const reasons = new Map<string, Map<string, number>>()
  const rows: Row[] = ids.map((id) => {
    const h = byAgent.get(id)
    const st = { ready: 0, reserved: 0, busy: 0, wrap: 0, aux: 0 }
    for (const s of stateBy.get(id) ?? []) {
      const ms = Number(s.ms)
      if (s.state in st) st[s.state as keyof typeof st] += ms
      if (s.state === 'aux') {
        const r = reasons.get(s.reason || '—') ?? new Map<string, number>()
        r.set(id, (r.get(id) ?? 0) + ms)
        reasons.set(s.reason || '—', r)
      }
    }
    const n = { answered: Number(h?.answered ?? 0), handled: Number(h?.handled ?? 0), talk: Number(h?.talkMs ?? 0), hold: Number(h?.holdMs ?? 0), holdCount: Number(h?.holdCount ?? 0), wrap: Number(h?.wrapMs ?? 0) }
    totals.answered += n.answered; totals.handled += n.handled; totals.talk += n.talk; totals.hold += n.hold; totals.holdCount += n.holdCount; totals.wrap += n.wrap
    totals.ready += st.ready; totals.reserved += st.reserved; totals.busy += st.busy; totals.wrapState += st.wrap; totals.aux += st.aux
    return { agent: ctx.agentName(id), agentId: id, ...figures(n, st) }
  })
  const totalRow: Row = { agent: tr('total'), ...figures(totals, { ready: totals.ready, reserved: totals.reserved, busy: totals.busy, wrap: totals.wrapState, aux: totals.aux }) }
  const reasonIds = [...reasons.keys()].sort()
  const columns: Column[] = [
    { key: 'agent', label: tr('col.agent'), kind: 'text' }, { key: 'answered', label: tr('col.answered'), kind: 'int' },
    { key: 'handled', label: tr('col.handled'), kind: 'int' },
    { key: 'aht', label: tr('col.aht'), kind: 'duration', formula: '(talk + hold + wrap) / handled' },
    { key: 'avgTalk', label: tr('col.avgTalk'), kind: 'duration' }, { key: 'avgHold', label: tr('col.avgHold'), kind: 'duration' },
    { key: 'avgWrap', label: tr('col.avgWrap'), kind: 'duration' }, { key: 'holdCount', label: tr('col.holdCount'), kind: 'int' },
    { key: 'loggedIn', label: tr('col.loggedIn'), kind: 'duration' }, { key: 'ready', label: tr('col.ready'), kind: 'duration' },
    { key: 'busy', label: tr('col.busy'), kind: 'duration' }, { key: 'wrap', label: tr('col.wrap'), kind: 'duration' },
    { key: 'aux', label: tr('col.aux'), kind: 'duration' },
    { key: 'occupancy', label: tr('col.occupancy'), kind: 'pct', formula: 'time on contacts / (that + ready)' },
    { key: 'utilisation', label: tr('col.utilisation'), kind: 'pct', formula: 'time on contacts / logged-in time' },
  ]
  return {
    report: 'agent-performance', title: tr('report.agent-performance'), locale: ctx.locale, timeZone: ctx.timeZone, filters: f,
    filterText: filterText(ctx, f), generatedAt: ctx.now ?? Date.now(), notes: [tr('note.attribution'), tr('note.states')],
    sections: [
      { id: 'agents', title: tr('section.agents'), columns, rows, totals: totalRow },
      {
        id: 'auxReasons', title: tr('section.auxReasons'),
        columns: [{ key: 'agent', label: tr('col.agent'), kind: 'text' }, ...reasonIds.map((r): Column => ({ key: `r:${r}`, label: r === '—' ? r : nameOf(ctx, 'aux', r), kind: 'duration' })), { key: 'total', label: tr('col.total'), kind: 'duration' }],
        rows: ids.filter((id) => reasonIds.some((r) => reasons.get(r)!.has(id))).map((id) => {
          const row: Row = { agent: ctx.agentName(id), agentId: id }
          let sum = 0
          for (const r of reasonIds) { const ms = reasons.get(r)!.get(id) ?? 0; row[`r:${r}`] = ms; sum += ms }
          row.total = sum
          return row
        }),
      },
    ],
    chart: {
      categories: rows.map((r) => String(r.agent)),
      series: [
        { name: tr('col.handled'), type: 'bar', data: rows.map((r) => r.handled as number), axis: 0 },
        { name: tr('col.occupancy'), type: 'line', data: rows.map((r) => r.occupancy as number | null), axis: 1 },
      ],
      axes: [{ name: tr('col.handled'), kind: 'int' }, { name: tr('col.occupancy'), kind: 'pct' }],
    },
  }
}

function figures(n: { answered: number; handled: number; talk: number; hold: number; holdCount: number; wrap: number }, st: { ready: number; reserved: number; busy: number; wrap: number; aux: number }): Row {
  const onContacts = st.busy + st.wrap
  const loggedIn = st.ready + st.reserved + st.busy + st.wrap + st.aux
  return {
    answered: n.answered, handled: n.handled, aht: ratio(n.talk + n.hold + n.wrap, n.handled),
    avgTalk: ratio(n.talk, n.handled), avgHold: ratio(n.hold, n.handled), avgWrap: ratio(n.wrap, n.handled), holdCount: n.holdCount,
    loggedIn, ready: st.ready, busy: st.busy, wrap: st.wrap, aux: st.aux,
    occupancy: ratio(onContacts, onContacts + st.ready), utilisation: ratio(onContacts, loggedIn),
  }
}

const MAX_TIMELINE_DAYS = 7
const MAX_TIMELINE_AGENTS = 50

export async function agentTimeline(ctx: ReportContext, f: ReportFilters, scopeAgents?: string[]): Promise<ReportResult> {
  const tr = t(ctx)
  const agents = f.agents.length ? f.agents : scopeAgents ?? []
  if (agents.length === 0) throw new ReportInputError('Choose the agents whose timeline you want (agent=…).')
  if (agents.length > MAX_TIMELINE_AGENTS) throw new ReportInputError(`Choose at most ${MAX_TIMELINE_AGENTS} agents for a timeline.`)
  if (f.to - f.from > MAX_TIMELINE_DAYS * 86_400_000) throw new ReportInputError(`A timeline covers at most ${MAX_TIMELINE_DAYS} days; choose a shorter period.`)
  const now = ctx.now ?? Date.now()
  const rs = await ctx.client.query({
    query: `${TIMELINE_SQL} ORDER BY agent_id, start_ms`, format: 'JSONEachRow',
    query_params: { tenant: ctx.tenant, agents, from: f.from, to: Math.min(f.to, now) },
  })
  const rows = (await rs.json<{ agent_id: string; start_ms: string | number; end_ms: string | number; state: string; reason_code: string }>()).map((r): Row => ({
    agent: ctx.agentName(r.agent_id), agentId: r.agent_id, start: Number(r.start_ms), end: Number(r.end_ms),
    state: tr(`state.${r.state}`), stateId: r.state, reason: r.reason_code ? nameOf(ctx, 'aux', r.reason_code) : '', reasonId: r.reason_code, duration: Number(r.end_ms) - Number(r.start_ms),
  }))
  return {
    report: 'agent-timeline', title: tr('report.agent-timeline'), locale: ctx.locale, timeZone: ctx.timeZone, filters: { ...f, agents },
    filterText: filterText(ctx, { ...f, agents }), generatedAt: now, notes: [],
    sections: [{
      id: 'timeline', title: tr('section.timeline'),
      columns: [
        { key: 'agent', label: tr('col.agent'), kind: 'text' }, { key: 'start', label: tr('col.start'), kind: 'datetime' },
        { key: 'end', label: tr('col.end'), kind: 'datetime' }, { key: 'state', label: tr('col.state'), kind: 'text' },
        { key: 'reason', label: tr('col.reason'), kind: 'text' }, { key: 'duration', label: tr('col.duration'), kind: 'duration' },
      ],
      rows,
    }],
  }
}

export { dateTimeLabel }
