/**
 * Every labour rule checked on finished shifts: the scheduler's own output, and a planner's edit
 * (a moved or resized shift, break or lunch) before it is accepted. Each violation names the
 * agent, the rule and what is wrong: as a code with its values (the web says it in the planner's
 * language, see sayings.ts) and as an English sentence.
 */
import { type AgentRules, type Contract, type ScheduleInput, type ShiftTemplate } from './rules.ts'
import { hhmm, type ScheduledShift } from './activities.ts'
import { dayPastRun, restShortfall, shiftRulesBroken, type ShiftRule } from './shift-rules.ts'
import { said, type Problem, type SayCode, type SayParams } from './sayings.ts'
import { PREVIOUS_WEEK_REST } from './carry-in.ts'

export type Rule = ShiftRule | 'one-shift-a-day' | 'max-hours-per-week' | 'min-hours-per-week' | 'days-off' | 'consecutive-days' | 'rest' | 'break-window' | 'break-overlap' | 'break-missing'

export type Violation = Problem & { agentId: string; day?: number; rule: Rule }

/** Records one violation: the rule, what to say (the code's values besides the agent's name) and the day. */
type NoteViolation = (rule: Rule, code: SayCode, params: SayParams, day?: number) => void

export function ruleViolations(i: ScheduleInput, shifts: ScheduledShift[], opts: { agents?: string[] } = {}): Violation[] {
  const out: Violation[] = []
  const contracts = new Map(i.contracts.map((c) => [c.id, c]))
  const templates = new Map(i.templates.map((t) => [t.id, t]))
  const byAgent = new Map<string, ScheduledShift[]>()
  for (const s of shifts) { const l = byAgent.get(s.agentId); if (l) l.push(s); else byAgent.set(s.agentId, [s]) }
  for (const a of i.agents) {
    if (opts.agents && !opts.agents.includes(a.id)) continue
    const c = contracts.get(a.contractId)!
    const mine = (byAgent.get(a.id) ?? []).sort((x, y) => x.startMin - y.startMin)
    const v: NoteViolation = (rule, code, params, day) => {
      out.push({ agentId: a.id, ...(day !== undefined ? { day } : {}), rule, ...said(code, { name: a.name, ...params }) })
    }
    for (const s of mine) {
      const t = templates.get(s.templateId)
      checkShift(a, c, t, s, v)
    }
    const days = new Set(mine.map((s) => s.day))
    if (days.size < mine.length) v('one-shift-a-day', 'rule.one-shift-a-day', {})
    const hours = mine.reduce((x, s) => x + s.paidMin / 60, 0)
    if (hours > c.maxHoursPerWeek + 1e-9) v('max-hours-per-week', 'rule.max-hours-per-week', { hours: fmt(hours), max: c.maxHoursPerWeek })
    if (mine.length > 0 && hours < c.minHoursPerWeek - 1e-9) v('min-hours-per-week', 'rule.min-hours-per-week', { hours: fmt(hours), min: c.minHoursPerWeek })
    if (days.size > 7 - c.daysOffPerWeek) v('days-off', 'rule.days-off', { days: days.size, daysOff: c.daysOffPerWeek })
    const past = dayPastRun(days, c.maxConsecutiveDays, a.daysWorkedBefore ?? 0)
    if (past !== null) v('consecutive-days', 'rule.consecutive-days', { max: c.maxConsecutiveDays }, past)
    for (let k = 1; k < mine.length; k++) {
      const gapH = restShortfall(c, mine[k - 1]!, mine[k]!)
      if (gapH !== null) v('rest', 'rule.rest', { hours: fmt(Math.max(0, gapH)), day: mine[k]!.day + 1, min: c.minRestHours }, mine[k]!.day)
    }
  }
  return out
}

function checkShift(a: AgentRules, c: Contract, t: ShiftTemplate | undefined, s: ScheduledShift, v: NoteViolation): void {
  const d = s.day
  const values: Record<ShiftRule, () => SayParams> = {
    'contract-template': () => ({ template: t?.name ?? s.templateId }),
    'hours-per-day': () => ({ hours: fmt(s.paidMin / 60), min: c.minHoursPerDay, max: c.maxHoursPerDay }),
    'earliest-start': () => ({ start: hhmm(s.startMin), earliest: hhmm(c.earliestStartMin) }),
    'latest-end': () => ({ end: hhmm(s.endMin), latest: hhmm(c.latestEndMin) }),
    availability: () => ({ start: hhmm(s.startMin), end: hhmm(s.endMin) }),
    'time-off': () => ({}),
  }
  for (const rule of shiftRulesBroken(a, c, s)) {
    // Time off that is the rest after last week's shift (carry-in.ts) is said as such.
    const off = rule === 'time-off' ? a.timeOff?.find((o) => o.startMin < s.endMin && s.startMin < o.endMin) : undefined
    if (off?.reason === PREVIOUS_WEEK_REST) v(rule, 'rule.rest-after-last-week', { until: hhmm(off.endMin) }, d)
    else v(rule, `rule.${rule}`, values[rule](), d)
  }
  if (!t) return
  const breaks = [...s.breaks].sort((x, y) => x.startMin - y.startMin)
  for (let k = 1; k < breaks.length; k++) if (breaks[k]!.startMin < breaks[k - 1]!.endMin) v('break-overlap', 'rule.break-overlap', { at: hhmm(breaks[k]!.startMin) }, d)
  const left = [...breaks]
  for (const rule of t.breaks) {
    const k = left.findIndex((b) => b.kind === rule.kind && b.endMin - b.startMin === rule.minutes && b.startMin - s.startMin >= rule.earliestAfterStartMin && b.startMin - s.startMin <= rule.latestAfterStartMin)
    if (k >= 0) { left.splice(k, 1); continue }
    const any = left.findIndex((b) => b.kind === rule.kind)
    if (any >= 0) {
      const b = left.splice(any, 1)[0]!
      v('break-window', 'rule.break-window', {
        kind: rule.kind, at: hhmm(b.startMin), from: hhmm(s.startMin + rule.earliestAfterStartMin), to: hhmm(s.startMin + rule.latestAfterStartMin), minutes: rule.minutes,
      }, d)
    } else v('break-missing', 'rule.break-missing', { minutes: rule.minutes, kind: rule.kind }, d)
  }
  for (const b of left) if (b.startMin < s.startMin || b.endMin > s.endMin) v('break-window', 'rule.break-outside-shift', { kind: b.kind, at: hhmm(b.startMin) }, d)
}

const fmt = (h: number): string => (Math.round(h * 100) / 100).toString()
