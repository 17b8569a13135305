/**
 * Phase 3, break and lunch placement: each break goes where its window has the most agents over
 * the requirement of the agent's skills, so breaks smooth the cover instead of opening holes.
 * Greedy over the breaks (tightest windows first), then passes that lift each break and put it
 * back in its best place until nothing moves. Breaks of one shift never overlap.
 */
import type { Candidate } from './candidates.ts'
import { addCover, type Activity, type ScheduledShift } from './activities.ts'
import type { ScheduleInput } from './rules.ts'

export interface ToPlace { agentId: string; skills: string[]; candidate: Candidate }

export function placeBreaks(i: ScheduleInput, shifts: ToPlace[], passes = 3): ScheduledShift[] {
  const step = i.intervalMin
  const n = i.requirements[0]!.agents.length
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  // Surplus per skill and interval: agents on the phones (each split evenly over its skills) − required.
  const surplus = i.requirements.map((r) => Float64Array.from(r.agents, (x) => -x))
  const out: ScheduledShift[] = shifts.map((s) => ({
    agentId: s.agentId, day: s.candidate.day, templateId: s.candidate.template.id, startMin: s.candidate.startMin, endMin: s.candidate.endMin,
    paidMin: s.candidate.paidMin, breaks: [],
  }))
  const skillsOf = shifts.map((s) => s.skills.map((k) => skillIndex.get(k)!).filter((k) => k !== undefined))
  const shareOf = (k: number): number => 1 / Math.max(1, skillsOf[k]!.length)
  const apply = (k: number, s: ScheduledShift, sign: number): void => {
    const on = new Float64Array(n)
    addCover(s, step, on)
    for (const sk of skillsOf[k]!) for (let t = 0; t < n; t++) if (on[t]) surplus[sk]![t]! += sign * on[t]! * shareOf(k)
  }
  out.forEach((s, k) => apply(k, s, 1))

  const work = shifts.flatMap((s, k) => s.candidate.template.breaks.map((rule, r) => ({ k, r, rule, slack: rule.latestAfterStartMin - rule.earliestAfterStartMin })))
  work.sort((a, b) => a.slack - b.slack || a.k - b.k)
  const placed = new Map<string, Activity>()

  const best = (k: number, rule: typeof work[number]['rule'], others: Activity[]): Activity | undefined => {
    const s = out[k]!
    let choice: Activity | undefined
    let score = -Infinity
    for (let off = rule.earliestAfterStartMin; off <= rule.latestAfterStartMin; off += step) {
      const a: Activity = { kind: rule.kind, startMin: s.startMin + off, endMin: s.startMin + off + rule.minutes }
      if (others.some((o) => o.startMin < a.endMin && a.startMin < o.endMin)) continue
      let v = 0
      for (let m = a.startMin; m < a.endMin; m += step) {
        const t = Math.floor(m / step)
        // Outside the week, a break costs nothing here; prefer the middle of the window on ties.
        v += t < n ? skillsOf[k]!.reduce((acc, sk) => acc + Math.min(surplus[sk]![t]!, 2), 0) / Math.max(1, skillsOf[k]!.length) : 2
      }
      v -= Math.abs(off - (rule.earliestAfterStartMin + rule.latestAfterStartMin) / 2) * 1e-6
      if (v > score) { score = v; choice = a }
    }
    return choice
  }

  for (let pass = 0; pass <= passes; pass++) {
    let moved = 0
    for (const w of work) {
      const key = `${w.k}:${w.r}`
      const s = out[w.k]!
      const before = placed.get(key)
      if (before) { apply(w.k, s, -1); s.breaks = s.breaks.filter((b) => b !== before); apply(w.k, s, 1) }
      const a = best(w.k, w.rule, s.breaks)
      if (!a) { if (before) { apply(w.k, s, -1); s.breaks.push(before); apply(w.k, s, 1) } continue }
      apply(w.k, s, -1)
      s.breaks.push(a)
      s.breaks.sort((x, y) => x.startMin - y.startMin)
      apply(w.k, s, 1)
      placed.set(key, a)
      if (!before || before.startMin !== a.startMin) moved++
    }
    if (pass > 0 && moved === 0) break
  }
  return out
}
