/**
 * Agents grouped by what the optimizer can tell apart: the same skills and the same contract.
 * For each group, which candidate shifts each agent may work, and per-group limits (agents free
 * each day, weekly hours, working days) that keep the shift selection assignable to names.
 */
import type { Candidate } from './candidates.ts'
import { mayWork } from './candidates.ts'
import type { AgentRules, Contract, ScheduleInput } from './rules.ts'

export interface Profile {
  key: string
  skills: string[]
  contract: Contract
  agents: AgentRules[]
  /** candidate index → the group's agents who may work it */
  eligible: Map<number, AgentRules[]>
  /** Agents who may work some shift, per day. */
  freeOnDay: number[]
  maxHours: number
  /** Contract minimum hours, where the agent can reach them at all. */
  minHours: number
  maxDays: number
}

/** Most days a contract can work in a week: its days off, and a day off after every run of consecutive days. */
export function workDays(c: Contract): number {
  return Math.min(7 - c.daysOffPerWeek, 7 - Math.floor(7 / (c.maxConsecutiveDays + 1)))
}

export function buildProfiles(i: ScheduleInput, candidates: Candidate[]): Profile[] {
  const contracts = new Map(i.contracts.map((c) => [c.id, c]))
  const groups = new Map<string, Profile>()
  for (const a of i.agents) {
    const skills = [...new Set(a.skills)].filter((s) => i.requirements.some((r) => r.skill === s)).sort()
    if (skills.length === 0) continue
    const contract = contracts.get(a.contractId)!
    const key = `${skills.join('+')}|${contract.id}`
    let p = groups.get(key)
    if (!p) {
      p = { key, skills, contract, agents: [], eligible: new Map(), freeOnDay: new Array<number>(7).fill(0), maxHours: 0, minHours: 0, maxDays: 0 }
      groups.set(key, p)
    }
    p.agents.push(a)
    const days = new Set<number>()
    let longest = 0
    for (const c of candidates) {
      if (!mayWork(a, contract, c.day, c.template, c.startMin)) continue
      let list = p.eligible.get(c.index)
      if (!list) p.eligible.set(c.index, (list = []))
      list.push(a)
      days.add(c.day)
      longest = Math.max(longest, c.paidMin / 60)
    }
    for (const d of days) p.freeOnDay[d]!++
    const days_ = Math.min(workDays(contract), days.size)
    p.maxDays += days_
    p.maxHours += Math.min(contract.maxHoursPerWeek, days_ * longest)
    p.minHours += Math.min(contract.minHoursPerWeek, days_ * longest)
  }
  return [...groups.values()]
}
