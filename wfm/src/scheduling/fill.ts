/**
 * Repair after the named assignment: where intervals are still under-staffed (a selected shift
 * nobody could take, rules the group totals could not see), agents with room in their contract
 * take an extra shift that covers the most of the gap, as long as it is worth its paid hours; and
 * agents still short of their contract's minimum hours get the shifts that help cover the most.
 * Every addition keeps every labour rule (one shift a day, weekly hours, days off, consecutive
 * days, rest, availability and time off through eligibility).
 */
import type { Assigned } from './assignment.ts'
import type { Candidate } from './candidates.ts'
import type { Profile } from './profiles.ts'
import type { Contract, ScheduleInput } from './rules.ts'

export function canAdd(c: Contract, mine: Candidate[], x: Candidate): boolean {
  if (mine.some((m) => m.day === x.day)) return false
  const hours = mine.reduce((s, m) => s + m.paidMin, 0) / 60 + x.paidMin / 60
  if (hours > c.maxHoursPerWeek + 1e-9) return false
  if (mine.length + 1 > 7 - c.daysOffPerWeek) return false
  const days = new Set([...mine.map((m) => m.day), x.day])
  let run = 0
  for (let d = 0; d < 7; d++) { run = days.has(d) ? run + 1 : 0; if (run > c.maxConsecutiveDays) return false }
  const rest = c.minRestHours * 60
  for (const m of mine) {
    if (m.day === x.day - 1 && x.startMin - m.endMin < rest) return false
    if (m.day === x.day + 1 && m.startMin - x.endMin < rest) return false
  }
  return true
}

export function fillGaps(i: ScheduleInput, profiles: Profile[], candidates: Candidate[], assigned: Assigned[]): Assigned[] {
  const n = i.requirements[0]!.agents.length
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  const under = i.underPenalty ?? 20
  const stepH = i.intervalMin / 60
  // Remaining need per skill, filling greedily with each agent's expected cover (shared across its skills).
  const need = i.requirements.map((r) => Float64Array.from(r.agents))
  const byAgent = new Map<string, Candidate[]>()
  const skillsOf = new Map<string, number[]>()
  for (const p of profiles) for (const a of p.agents) { byAgent.set(a.id, []); skillsOf.set(a.id, p.skills.map((s) => skillIndex.get(s)!)) }
  const take = (agentId: string, c: Candidate, apply: boolean): number => {
    let gain = 0
    const skills = skillsOf.get(agentId)!
    c.cover.forEach((w, k) => {
      const t = c.firstInterval + k
      if (t >= n) return
      let left = w
      for (const s of skills) {
        const used = Math.min(left, Math.max(0, need[s]![t]!))
        gain += used
        left -= used
        if (apply) need[s]![t] = need[s]![t]! - used
        if (left <= 0) break
      }
    })
    return gain
  }
  const out = [...assigned]
  for (const x of assigned) { byAgent.get(x.agentId)?.push(x.candidate); take(x.agentId, x.candidate, true) }

  const best = (p: Profile, agentId: string, mustHelp: boolean): { c: Candidate; gain: number } | undefined => {
    const mine = byAgent.get(agentId)!
    let choice: { c: Candidate; gain: number } | undefined
    for (const [idx, who] of p.eligible) {
      if (!who.some((a) => a.id === agentId)) continue
      const c = candidates[idx]!
      if (!canAdd(p.contract, mine, c)) continue
      const gain = take(agentId, c, false)
      if (mustHelp && gain * stepH * under <= c.paidMin / 60) continue
      if (!choice || gain > choice.gain || (gain === choice.gain && c.paidMin < choice.c.paidMin)) choice = { c, gain }
    }
    return choice
  }
  // Contract minimum hours first, then shifts that pay for themselves in cover.
  for (const p of profiles) for (const a of p.agents) {
    for (;;) {
      const hours = byAgent.get(a.id)!.reduce((s, m) => s + m.paidMin, 0) / 60
      if (hours >= p.contract.minHoursPerWeek - 1e-9) break
      const b = best(p, a.id, false)
      if (!b) break
      byAgent.get(a.id)!.push(b.c); take(a.id, b.c, true); out.push({ agentId: a.id, candidate: b.c })
    }
  }
  for (let round = 0; round < 10_000; round++) {
    let top: { p: Profile; agentId: string; c: Candidate; gain: number } | undefined
    for (const p of profiles) for (const a of p.agents) {
      const b = best(p, a.id, true)
      if (b && (!top || b.gain > top.gain)) top = { p, agentId: a.id, ...b }
    }
    if (!top) break
    byAgent.get(top.agentId)!.push(top.c); take(top.agentId, top.c, true); out.push({ agentId: top.agentId, candidate: top.c })
  }
  return out
}
