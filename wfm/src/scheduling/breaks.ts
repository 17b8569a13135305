/**
 * Phase 3, break and lunch placement: each break goes where taking the agent off the phones opens
 * the least under-staffing (the max-flow deficit of the interval, multi-skill agents counted once),
 * and among equal places where the most agents are spare, so breaks smooth the cover. Greedy over
 * the breaks (tightest windows first), then passes that lift each break and put it back in its best
 * place until nothing moves. Breaks of one shift never overlap.
 */
import type { Candidate } from './candidates.ts'
import { addCover, type Activity, type ScheduledShift } from './activities.ts'
import { allocate, type SkillGroup } from './allocate.ts'
import type { ScheduleInput } from './rules.ts'

export interface ToPlace { agentId: string; skills: string[]; candidate: Candidate }

export function placeBreaks(i: ScheduleInput, shifts: ToPlace[], passes = 3): ScheduledShift[] {
  const step = i.intervalMin
  const n = i.requirements[0]!.agents.length
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  const need = i.requirements.map((r) => r.agents)
  const needTotal = Float64Array.from({ length: n }, (_, t) => need.reduce((s, r) => s + r[t]!, 0))
  // Agents on the phones per skill set and interval.
  const groupKeys = new Map<string, number>()
  const groupSkills: number[][] = []
  const groupOf = shifts.map((s) => {
    const skills = [...new Set(s.skills.map((k) => skillIndex.get(k)).filter((k): k is number => k !== undefined))].sort()
    const key = skills.join(',')
    if (!groupKeys.has(key)) { groupKeys.set(key, groupSkills.length); groupSkills.push(skills) }
    return groupKeys.get(key)!
  })
  const on = groupSkills.map(() => new Float64Array(n))
  const onTotal = new Float64Array(n)
  const out: ScheduledShift[] = shifts.map((s) => ({
    agentId: s.agentId, day: s.candidate.day, templateId: s.candidate.template.id, startMin: s.candidate.startMin, endMin: s.candidate.endMin,
    paidMin: s.candidate.paidMin, breaks: [],
  }))
  const apply = (k: number, sign: number): void => { addCover(out[k]!, step, on[groupOf[k]!]!, sign); addCover(out[k]!, step, onTotal, sign) }
  out.forEach((_, k) => apply(k, 1))
  const deficit = (t: number, g: number, less: number): number => {
    if (needTotal[t]! <= 0) return 0
    const gs: SkillGroup[] = groupSkills.map((skills, j) => ({ skills, agents: on[j]![t]! - (j === g ? less : 0) }))
    return needTotal[t]! - allocate(gs, need.map((r) => r[t]!)).met.reduce((a, b) => a + b, 0)
  }

  const work = shifts.flatMap((s, k) => s.candidate.template.breaks.map((rule, r) => ({ k, r, rule, slack: rule.latestAfterStartMin - rule.earliestAfterStartMin })))
  work.sort((a, b) => a.slack - b.slack || a.k - b.k)
  const placed = new Map<string, Activity>()

  const best = (k: number, rule: typeof work[number]['rule'], others: Activity[]): Activity | undefined => {
    const s = out[k]!
    const g = groupOf[k]!
    let choice: Activity | undefined
    let score = Infinity
    const mid = (rule.earliestAfterStartMin + rule.latestAfterStartMin) / 2
    for (let off = rule.earliestAfterStartMin; off <= rule.latestAfterStartMin; off += step) {
      const a: Activity = { kind: rule.kind, startMin: s.startMin + off, endMin: s.startMin + off + rule.minutes }
      if (others.some((o) => o.startMin < a.endMin && a.startMin < o.endMin)) continue
      let opened = 0, spare = 0
      for (let m = a.startMin; m < a.endMin; m += step) {
        const t = Math.floor(m / step)
        if (t >= n) continue // past the week's end: nothing to cover here
        opened += deficit(t, g, 1) - deficit(t, g, 0)
        spare += onTotal[t]! - needTotal[t]!
      }
      const v = opened * 1000 - Math.min(spare, 50) + Math.abs(off - mid) * 1e-3
      if (v < score) { score = v; choice = a }
    }
    return choice
  }

  for (let pass = 0; pass <= passes; pass++) {
    let moved = 0
    for (const w of work) {
      const key = `${w.k}:${w.r}`
      const s = out[w.k]!
      const before = placed.get(key)
      // The agent is on the phones while its break is being placed.
      apply(w.k, -1)
      if (before) s.breaks = s.breaks.filter((b) => b !== before)
      apply(w.k, 1)
      const a = best(w.k, w.rule, s.breaks) ?? before
      if (!a) continue
      apply(w.k, -1)
      s.breaks.push(a)
      s.breaks.sort((x, y) => x.startMin - y.startMin)
      apply(w.k, 1)
      placed.set(key, a)
      if (!before || before.startMin !== a.startMin) moved++
    }
    if (pass > 0 && moved === 0) break
  }
  return out
}
