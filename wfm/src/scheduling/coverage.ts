/**
 * What a schedule achieves, interval by interval: agents required and on the phones, under- and
 * over-staffing (multi-skill agents split between skills by `allocate`, counted once), and the
 * service level Erlang predicts for each skill with the agents it gets (after shrinkage). Totals:
 * paid hours, coverage %, under- and over-staffed agent-hours, mean predicted service level
 * (weighted by contacts, never an average of percentages).
 */
import { evaluate } from '../staffing/size.ts'
import { addCover, type ScheduledShift } from './activities.ts'
import { allocate, type SkillGroup } from './allocate.ts'
import type { ScheduleInput } from './rules.ts'

export interface SkillCoverage { skill: string; required: number[]; staffed: number[]; serviceLevel: Array<number | null> }
export interface IntervalCoverage { required: number; scheduled: number; under: number; over: number; serviceLevel: number | null }
export interface CoverageTotals {
  paidHours: number
  requiredHours: number
  /** Share of the required agent-intervals that are met. */
  coveragePct: number
  underHours: number
  overHours: number
  /** Contact-weighted mean of the predicted service level (null without volumes). */
  meanServiceLevel: number | null
}
export interface Coverage { intervals: IntervalCoverage[]; skills: SkillCoverage[]; totals: CoverageTotals }

export function coverage(i: ScheduleInput, shifts: ScheduledShift[], skillsOf: (agentId: string) => string[]): Coverage {
  const step = i.intervalMin
  const n = i.requirements[0]!.agents.length
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  // Agents on the phones per skill set and interval.
  const sets = new Map<string, { skills: number[]; on: Float64Array }>()
  for (const s of shifts) {
    const skills = [...new Set(skillsOf(s.agentId).map((k) => skillIndex.get(k)).filter((k): k is number => k !== undefined))].sort()
    const key = skills.join(',')
    let set = sets.get(key)
    if (!set) sets.set(key, (set = { skills, on: new Float64Array(n) }))
    addCover(s, step, set.on)
  }
  const groups = [...sets.values()]
  const need = i.requirements.map((r) => r.agents)
  const staffed = i.requirements.map(() => new Array<number>(n).fill(0))
  const intervals: IntervalCoverage[] = []
  let met = 0, required = 0, over = 0
  for (let t = 0; t < n; t++) {
    const gs: SkillGroup[] = groups.map((g) => ({ agents: g.on[t]!, skills: g.skills }))
    const needT = need.map((r) => r[t]!)
    const a = allocate(gs, needT)
    const reqT = needT.reduce((x, y) => x + y, 0)
    const metT = a.met.reduce((x, y) => x + y, 0)
    const onT = gs.reduce((x, g) => x + g.agents, 0)
    gs.forEach((g, j) => {
      a.flow[j]!.forEach((f, k) => { staffed[g.skills[k]!]![t]! += f })
      // Agents beyond the requirement still take contacts: spread them over their skills by need.
      const spare = g.agents - a.flow[j]!.reduce((x, y) => x + y, 0)
      if (spare > 1e-9 && g.skills.length) {
        const weights = g.skills.map((s) => needT[s]! + 1e-6)
        const sum = weights.reduce((x, y) => x + y, 0)
        g.skills.forEach((s, k) => { staffed[s]![t]! += (spare * weights[k]!) / sum })
      }
    })
    met += metT; required += reqT; over += onT - metT
    intervals.push({ required: reqT, scheduled: onT, under: reqT - metT, over: onT - metT, serviceLevel: null })
  }
  const shrink = i.shrinkage ?? 0
  const intervalSec = step * 60
  let slWeighted = 0, volume = 0
  const intervalVolume = new Float64Array(n)
  const skills: SkillCoverage[] = i.requirements.map((r, k) => {
    const serviceLevel = r.agents.map((_, t): number | null => {
      const v = r.volume?.[t] ?? 0
      const aht = r.ahtSec?.[t] ?? 0
      if (!(v > 0 && aht > 0)) return null
      const agents = Math.floor(staffed[k]![t]! * (1 - shrink) + 1e-6)
      const sl = evaluate({ volume: v, intervalSec, ahtSec: aht, ...(r.patienceSec ? { patienceSec: r.patienceSec } : {}) }, agents, Math.min(r.slThresholdSec ?? 20, intervalSec)).serviceLevel ?? 0
      return sl
    })
    serviceLevel.forEach((sl, t) => {
      if (sl === null) return
      const v = r.volume![t]!
      slWeighted += sl * v; volume += v
      const iv = intervals[t]!
      // The interval's service level: contact-weighted over its skills.
      const before = intervalVolume[t]!
      iv.serviceLevel = ((iv.serviceLevel ?? 0) * before + sl * v) / (before + v)
      intervalVolume[t] = before + v
    })
    return { skill: r.skill, required: r.agents, staffed: staffed[k]!.map((x) => Math.round(x * 100) / 100), serviceLevel }
  })
  const h = step / 60
  return {
    intervals, skills,
    totals: {
      paidHours: shifts.reduce((s, x) => s + x.paidMin / 60, 0),
      requiredHours: required * h,
      coveragePct: required > 0 ? met / required : 1,
      underHours: (required - met) * h,
      overHours: over * h,
      meanServiceLevel: volume > 0 ? slWeighted / volume : null,
    },
  }
}
