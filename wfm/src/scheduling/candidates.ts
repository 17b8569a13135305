/**
 * The shifts an agent could work: every template at every allowed start on every day, and which
 * agent may work which (contract hours, earliest start, latest end, availability, time off). A
 * candidate's expected cover per interval spreads each break over its window (a 30-minute lunch in
 * a 2-hour window takes a quarter of each interval), the shift-selection model's view of breaks
 * before they are placed.
 */
import { DAY_MIN, horizonLength, type AgentRules, type Contract, type ScheduleInput, type ShiftTemplate } from './rules.ts'
import { shiftRulesBroken } from './shift-rules.ts'

export interface Candidate {
  index: number
  day: number
  template: ShiftTemplate
  startMin: number
  endMin: number
  paidMin: number
  /** Expected agents on the phones per interval, from `firstInterval` on (inside the week and the hours after it the requirement gives). */
  firstInterval: number
  cover: number[]
}

export function paidMinutes(t: ShiftTemplate): number {
  return t.lengthMin - t.breaks.filter((b) => !b.paid).reduce((s, b) => s + b.minutes, 0)
}

export function buildCandidates(i: ScheduleInput): Candidate[] {
  const out: Candidate[] = []
  const step = i.intervalMin
  const horizon = horizonLength(i)
  for (let day = 0; day < 7; day++) {
    for (const t of i.templates) {
      if (t.days && !t.days.includes(day)) continue
      const profile = expectedCover(t, step)
      for (let s = t.startEarliestMin; s <= t.startLatestMin; s += t.startStepMin) {
        const startMin = day * DAY_MIN + s
        const firstInterval = startMin / step
        const inHorizon = Math.max(0, Math.min(profile.length, horizon - firstInterval))
        out.push({ index: out.length, day, template: t, startMin, endMin: startMin + t.lengthMin, paidMin: paidMinutes(t), firstInterval, cover: profile.slice(0, inHorizon) })
      }
    }
  }
  return out
}

/** 1 per interval of the shift, less each break's chance of falling on it. */
function expectedCover(t: ShiftTemplate, step: number): number[] {
  const cover = new Array<number>(t.lengthMin / step).fill(1)
  for (const b of t.breaks) {
    const len = b.minutes / step
    const first = Math.ceil(b.earliestAfterStartMin / step)
    const last = Math.floor(b.latestAfterStartMin / step)
    const placements = last - first + 1
    for (let p = first; p <= last; p++) for (let k = p; k < p + len; k++) cover[k] = cover[k]! - 1 / placements
  }
  return cover.map((c) => Math.max(0, c))
}

/** Whether the agent may work the template at that start (contract, availability, time off). */
export function mayWork(a: AgentRules, c: Contract, day: number, t: ShiftTemplate, startMin: number): boolean {
  return shiftRulesBroken(a, c, { day, templateId: t.id, startMin, endMin: startMin + t.lengthMin, paidMin: paidMinutes(t) }).length === 0
}
