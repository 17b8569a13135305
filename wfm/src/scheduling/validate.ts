/**
 * Every labour rule checked on finished shifts: the scheduler's own output, and a planner's edit
 * (a moved or resized shift, break or lunch) before it is accepted. Each violation names the
 * agent, the rule and what is wrong in one sentence.
 */
import { type AgentRules, type Contract, type ScheduleInput, type ShiftTemplate } from './rules.ts'
import { hhmm, type ScheduledShift } from './activities.ts'
import { dayPastRun, restShortfall, shiftRulesBroken, type ShiftRule } from './shift-rules.ts'

export type Rule = ShiftRule | 'one-shift-a-day' | 'max-hours-per-week' | 'min-hours-per-week' | 'days-off' | 'consecutive-days' | 'rest' | 'break-window' | 'break-overlap' | 'break-missing'

export interface Violation { agentId: string; day?: number; rule: Rule; message: string }

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
    const v = (rule: Rule, message: string, day?: number): void => { out.push({ agentId: a.id, ...(day !== undefined ? { day } : {}), rule, message }) }
    for (const s of mine) {
      const t = templates.get(s.templateId)
      checkShift(a, c, t, s, v)
    }
    const days = new Set(mine.map((s) => s.day))
    if (days.size < mine.length) v('one-shift-a-day', `${a.name} has two shifts on one day`)
    const hours = mine.reduce((x, s) => x + s.paidMin / 60, 0)
    if (hours > c.maxHoursPerWeek + 1e-9) v('max-hours-per-week', `${a.name} is scheduled ${fmt(hours)} h, more than the contract's ${c.maxHoursPerWeek} h a week`)
    if (mine.length > 0 && hours < c.minHoursPerWeek - 1e-9) v('min-hours-per-week', `${a.name} is scheduled ${fmt(hours)} h, less than the contract's ${c.minHoursPerWeek} h a week`)
    if (days.size > 7 - c.daysOffPerWeek) v('days-off', `${a.name} works ${days.size} days, leaving fewer than the contract's ${c.daysOffPerWeek} days off`)
    const past = dayPastRun(days, c.maxConsecutiveDays)
    if (past !== null) v('consecutive-days', `${a.name} works more than ${c.maxConsecutiveDays} days in a row`, past)
    for (let k = 1; k < mine.length; k++) {
      const gapH = restShortfall(c, mine[k - 1]!, mine[k]!)
      if (gapH !== null) v('rest', `${a.name} gets ${fmt(Math.max(0, gapH))} h of rest before the shift on day ${mine[k]!.day + 1}; the contract needs ${c.minRestHours} h`, mine[k]!.day)
    }
  }
  return out
}

function checkShift(a: AgentRules, c: Contract, t: ShiftTemplate | undefined, s: ScheduledShift, v: (r: Rule, m: string, d?: number) => void): void {
  const d = s.day
  const says: Record<ShiftRule, () => string> = {
    'contract-template': () => `${a.name}'s contract does not work ${t?.name ?? s.templateId} shifts`,
    'hours-per-day': () => `${a.name}'s shift has ${fmt(s.paidMin / 60)} paid hours; the contract allows ${c.minHoursPerDay}–${c.maxHoursPerDay} h a day`,
    'earliest-start': () => `${a.name}'s shift starts at ${hhmm(s.startMin)}, before the contract's earliest start ${hhmm(c.earliestStartMin)}`,
    'latest-end': () => `${a.name}'s shift ends at ${hhmm(s.endMin)}, after the contract's latest end ${hhmm(c.latestEndMin)}`,
    availability: () => `${a.name} is not available for the whole shift ${hhmm(s.startMin)}–${hhmm(s.endMin)}`,
    'time-off': () => `${a.name}'s shift overlaps their time off`,
  }
  for (const rule of shiftRulesBroken(a, c, s)) v(rule, says[rule](), d)
  if (!t) return
  const breaks = [...s.breaks].sort((x, y) => x.startMin - y.startMin)
  for (let k = 1; k < breaks.length; k++) if (breaks[k]!.startMin < breaks[k - 1]!.endMin) v('break-overlap', `${a.name} has two breaks at once at ${hhmm(breaks[k]!.startMin)}`, d)
  const left = [...breaks]
  for (const rule of t.breaks) {
    const k = left.findIndex((b) => b.kind === rule.kind && b.endMin - b.startMin === rule.minutes && b.startMin - s.startMin >= rule.earliestAfterStartMin && b.startMin - s.startMin <= rule.latestAfterStartMin)
    if (k >= 0) { left.splice(k, 1); continue }
    const any = left.findIndex((b) => b.kind === rule.kind)
    if (any >= 0) {
      const b = left.splice(any, 1)[0]!
      v('break-window', `${a.name}'s ${rule.kind} at ${hhmm(b.startMin)} is outside its window (${hhmm(s.startMin + rule.earliestAfterStartMin)}–${hhmm(s.startMin + rule.latestAfterStartMin)}, ${rule.minutes} min)`, d)
    } else v('break-missing', `${a.name}'s shift is missing its ${rule.minutes}-minute ${rule.kind}`, d)
  }
  for (const b of left) if (b.startMin < s.startMin || b.endMin > s.endMin) v('break-window', `${a.name}'s ${b.kind} at ${hhmm(b.startMin)} is outside the shift`, d)
}

const fmt = (h: number): string => (Math.round(h * 100) / 100).toString()
