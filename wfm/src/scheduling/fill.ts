/**
 * Repair after the named assignment. A selected shift nobody could take (the group totals cannot
 * see rest or consecutive days per person) goes to an agent of the same group as the nearest shift
 * they may work: same day and template first, closest start. Agents still short of their
 * contract's minimum hours get the shifts that take away the most shortage cost (shortage.ts: the
 * emptiest intervals first). Every addition keeps
 * every labour rule (one shift a day, weekly hours, days off, consecutive days, rest; availability
 * and time off through eligibility).
 */
import type { Assigned } from './assignment.ts'
import type { Candidate } from './candidates.ts'
import type { Profile } from './profiles.ts'
import { RemainingNeed } from './remaining-need.ts'
import type { Contract, ScheduleInput } from './rules.ts'
import { dayPastRun, restShortfall } from './shift-rules.ts'

export function canAdd(c: Contract, mine: Candidate[], x: Candidate, daysWorkedBefore = 0): boolean {
  if (mine.some((m) => m.day === x.day)) return false
  const hours = mine.reduce((s, m) => s + m.paidMin, 0) / 60 + x.paidMin / 60
  if (hours > c.maxHoursPerWeek + 1e-9) return false
  if (mine.length + 1 > 7 - c.daysOffPerWeek) return false
  if (dayPastRun(new Set([...mine.map((m) => m.day), x.day]), c.maxConsecutiveDays, daysWorkedBefore) !== null) return false
  return !mine.some((m) => (m.day < x.day ? restShortfall(c, m, x) : restShortfall(c, x, m)) !== null)
}

/** `lost`: per group (profile key), the selected shifts nobody could take. */
export function fillGaps(i: ScheduleInput, profiles: Profile[], lost: ReadonlyMap<string, Candidate[]>, candidates: Candidate[], assigned: Assigned[]): Assigned[] {
  const skillIndex = new Map(i.requirements.map((r, k) => [r.skill, k]))
  const need = new RemainingNeed(i)
  const byAgent = new Map<string, Candidate[]>()
  const skillsOf = new Map<string, number[]>()
  for (const p of profiles) for (const a of p.agents) { byAgent.set(a.id, []); skillsOf.set(a.id, p.skills.map((s) => skillIndex.get(s)!)) }
  const out = [...assigned]
  const add = (agentId: string, c: Candidate): void => { byAgent.get(agentId)!.push(c); need.add(skillsOf.get(agentId)!, c); out.push({ agentId, candidate: c }) }
  for (const x of assigned) { byAgent.get(x.agentId)?.push(x.candidate); need.add(skillsOf.get(x.agentId) ?? [], x.candidate) }
  const before = new Map(i.agents.map((a) => [a.id, a.daysWorkedBefore ?? 0]))
  const mayTake = (p: Profile, agentId: string, c: Candidate): boolean =>
    !!p.eligible.get(c.index)?.some((a) => a.id === agentId) && canAdd(p.contract, byAgent.get(agentId)!, c, before.get(agentId) ?? 0)

  for (const p of profiles) {
    for (const gone of lost.get(p.key) ?? []) {
      let choice: { agentId: string; c: Candidate; score: number } | undefined
      for (const [idx] of p.eligible) {
        const c = candidates[idx]!
        const score = (c.day === gone.day ? 0 : 10_000) + (c.template.id === gone.template.id ? 0 : 1_000) + Math.abs(c.startMin - gone.startMin)
        if (choice && score >= choice.score) continue
        const agent = p.agents.find((a) => mayTake(p, a.id, c))
        if (agent) choice = { agentId: agent.id, c, score }
      }
      if (choice) add(choice.agentId, choice.c)
    }
  }
  for (const p of profiles) for (const a of p.agents) {
    for (;;) {
      const hours = byAgent.get(a.id)!.reduce((s, m) => s + m.paidMin, 0) / 60
      if (hours >= p.contract.minHoursPerWeek - 1e-9) break
      let best: { c: Candidate; gain: number } | undefined
      for (const [idx] of p.eligible) {
        const c = candidates[idx]!
        if (!mayTake(p, a.id, c)) continue
        const gain = need.gain(skillsOf.get(a.id)!, c)
        if (!best || gain > best.gain) best = { c, gain }
      }
      if (!best) break
      add(a.id, best.c)
    }
  }
  return out
}
