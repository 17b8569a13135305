/**
 * The simulator's scenario file: queues with their service-level settings, arrival rates
 * (constant per hour, 24 hourly values, or an intraday × weekday profile), handle-time and
 * patience distributions, agents (a number of identical ones, or a list with skills), seed.
 * `loadScenario` checks it all and names the first problem in one sentence. The JSON Schema is
 * in telephony/README.md.
 */
import { STRATEGIES, type AgentConfig, type QueueConfig, type Strategy } from '../acd/types.ts'
import type { Distribution } from './distributions.ts'
import { canServe, hasSkills, skillNobodyHas } from '../acd/staffing.ts'

export interface ScenarioQueue {
  id: string
  name?: string
  /** voice (default), chat or email; agents take chats and emails up to their capacity. */
  channel?: 'voice' | 'chat' | 'email'
  serviceLevelSeconds?: number
  shortAbandonSeconds?: number
  strategy?: Strategy
  requiredSkills?: Record<string, number>
  ringTimeoutSeconds?: number
  /** Contacts per hour: one number for all day, or 24 (hour of day 0–23). */
  arrivalsPerHour: number | number[]
  /** Multipliers per weekday, Monday first (7 values); default 1. */
  weekdayFactors?: number[]
  /** Expected contacts per interval from the scenario's start (a forecast); replaces arrivalsPerHour. */
  arrivalsPerInterval?: { intervalMinutes: number; values: number[] }
  handleTime: Distribution
  patience?: Distribution
  wrapSeconds?: number
}

/**
 * A daily shift (simulated clock's UTC hours): the bot logs in at `startHour`, takes a 15-minute
 * break after 2 h, 30 minutes of lunch after 4 h and another break after 6.5 h (those that fit),
 * and logs out after `hours`. `days` are weekdays worked, Monday = 1 … Sunday = 7 (default all).
 * Without a shift the agent is logged in for the whole run.
 */
export interface Shift { startHour: number; hours: number; days?: number[] }

/** Contacts at once per channel, e.g. {"chat": 3}; voice is 1 unless set. */
export type ScenarioCapacity = Partial<Record<'voice' | 'chat' | 'email', number>>
export interface ScenarioAgentGroup { count: number; prefix?: string; skills?: Record<string, number>; capacity?: ScenarioCapacity; shifts?: Shift[] }
/** A stretch of a published schedule: available (on the phones) or in aux with a reason (break, lunch), absolute ms. */
export interface PresenceSpan { startMs: number; endMs: number; status: 'available' | 'aux'; code?: string }
export interface ScenarioAgent { id: string; skills?: Record<string, number>; capacity?: ScenarioCapacity; shift?: Shift; presence?: PresenceSpan[] }

export interface Scenario {
  name?: string
  /** ISO start time; default Monday 2026-11-23 00:00 UTC. */
  start?: string
  hours?: number
  seed?: number
  queues: ScenarioQueue[]
  agents: ScenarioAgentGroup | ScenarioAgent[]
  /** Days whose arrivals are scaled (a holiday: 0.1), by UTC date of the simulated clock. */
  specialDays?: Array<{ date: string; factor: number }>
}

export class ScenarioError extends Error {}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const posNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0
const nonNeg = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0

function checkDistribution(d: unknown, where: string, allowNone: boolean): void {
  if (!isObj(d)) throw new ScenarioError(`${where} must be an object such as {"distribution": "exponential", "meanSeconds": 180}.`)
  const kinds = allowNone ? ['exponential', 'lognormal', 'constant', 'none'] : ['exponential', 'lognormal', 'constant']
  if (!kinds.includes(String(d.distribution))) throw new ScenarioError(`${where}.distribution must be one of ${kinds.join(', ')}, got ${JSON.stringify(d.distribution)}.`)
  if (d.distribution === 'none') return
  if (!posNum(d.meanSeconds)) throw new ScenarioError(`${where}.meanSeconds must be a number above 0, got ${JSON.stringify(d.meanSeconds)}.`)
  if (d.distribution === 'lognormal' && !posNum(d.sdSeconds)) throw new ScenarioError(`${where}.sdSeconds must be a number above 0 for a lognormal distribution.`)
}

/** Checks a parsed scenario and returns it typed; throws ScenarioError naming the problem. */
export function loadScenario(raw: unknown): Scenario {
  if (!isObj(raw)) throw new ScenarioError('The scenario must be a JSON object with "queues" and "agents".')
  if (raw.hours !== undefined && !posNum(raw.hours)) throw new ScenarioError(`"hours" must be a number above 0, got ${JSON.stringify(raw.hours)}.`)
  if (raw.seed !== undefined && !Number.isInteger(raw.seed)) throw new ScenarioError(`"seed" must be a whole number, got ${JSON.stringify(raw.seed)}.`)
  if (raw.start !== undefined && (typeof raw.start !== 'string' || Number.isNaN(Date.parse(raw.start)))) throw new ScenarioError(`"start" must be an ISO date and time such as "2026-11-23T08:00:00+08:00".`)
  if (raw.specialDays !== undefined && !(Array.isArray(raw.specialDays) && raw.specialDays.every((d: unknown) => isObj(d) && typeof d.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.date) && nonNeg(d.factor)))) {
    throw new ScenarioError('"specialDays" must list {"date": "YYYY-MM-DD", "factor": number ≥ 0}.')
  }
  if (!Array.isArray(raw.queues) || raw.queues.length === 0) throw new ScenarioError('"queues" must list at least one queue.')
  const ids = new Set<string>()
  raw.queues.forEach((q: unknown, i: number) => {
    const where = `queues[${i}]`
    if (!isObj(q) || typeof q.id !== 'string' || !q.id) throw new ScenarioError(`${where} needs an "id".`)
    if (ids.has(q.id)) throw new ScenarioError(`Queue "${q.id}" is listed twice; queue ids must be unique.`)
    ids.add(q.id)
    const w = `queue "${q.id}"`
    const rate = q.arrivalsPerHour
    if (!(nonNeg(rate) || (Array.isArray(rate) && rate.length === 24 && rate.every(nonNeg)))) {
      throw new ScenarioError(`${w}: "arrivalsPerHour" must be a number ≥ 0 or 24 such numbers (one per hour of the day).`)
    }
    const api = q.arrivalsPerInterval as { intervalMinutes?: unknown; values?: unknown } | undefined
    if (api !== undefined && !(isObj(api) && posNum(api.intervalMinutes) && Array.isArray(api.values) && api.values.every(nonNeg))) {
      throw new ScenarioError(`${w}: "arrivalsPerInterval" must be {"intervalMinutes": 15, "values": [contacts ≥ 0 per interval]}.`)
    }
    if (q.weekdayFactors !== undefined && !(Array.isArray(q.weekdayFactors) && q.weekdayFactors.length === 7 && q.weekdayFactors.every(nonNeg))) {
      throw new ScenarioError(`${w}: "weekdayFactors" must be 7 numbers ≥ 0, Monday first.`)
    }
    if (q.channel !== undefined && !['voice', 'chat', 'email'].includes(String(q.channel))) throw new ScenarioError(`${w}: "channel" must be voice, chat or email.`)
    if (q.strategy !== undefined && !(STRATEGIES as readonly unknown[]).includes(q.strategy)) throw new ScenarioError(`${w}: "strategy" must be one of ${STRATEGIES.join(', ')}.`)
    checkDistribution(q.handleTime, `${w}.handleTime`, false)
    if (q.patience !== undefined) checkDistribution(q.patience, `${w}.patience`, true)
    for (const k of ['serviceLevelSeconds', 'shortAbandonSeconds', 'wrapSeconds', 'ringTimeoutSeconds'] as const) {
      if (q[k] !== undefined && !nonNeg(q[k])) throw new ScenarioError(`${w}: "${k}" must be a number ≥ 0.`)
    }
    if (q.requiredSkills !== undefined && !(isObj(q.requiredSkills) && Object.values(q.requiredSkills).every((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10))) {
      throw new ScenarioError(`${w}: "requiredSkills" must map skill names to levels 1–10.`)
    }
  })
  const agents = raw.agents
  if (isObj(agents)) {
    if (!Number.isInteger(agents.count) || (agents.count as number) < 1) throw new ScenarioError('"agents.count" must be a whole number of at least 1.')
    checkCapacity(agents.capacity, '"agents.capacity"')
    if (agents.shifts !== undefined) {
      if (!Array.isArray(agents.shifts) || agents.shifts.length === 0) throw new ScenarioError('"agents.shifts" must list at least one shift.')
      agents.shifts.forEach((sh: unknown, i: number) => checkShift(sh, `agents.shifts[${i}]`))
    }
  } else if (Array.isArray(agents)) {
    if (agents.length === 0) throw new ScenarioError('"agents" lists no agent; a queue without agents can never answer.')
    const seen = new Set<string>()
    agents.forEach((a: unknown, i: number) => {
      if (!isObj(a) || typeof a.id !== 'string' || !a.id) throw new ScenarioError(`agents[${i}] needs an "id".`)
      if (seen.has(a.id)) throw new ScenarioError(`Agent "${a.id}" is listed twice.`)
      seen.add(a.id)
      if (a.shift !== undefined) checkShift(a.shift, `agent "${a.id}".shift`)
      checkCapacity(a.capacity, `agent "${a.id}".capacity`)
    })
  } else {
    throw new ScenarioError('"agents" must be {"count": N, "skills": {...}} or a list of agents with ids and skills.')
  }
  const scenario = raw as unknown as Scenario
  // Every queue needs someone able to answer it.
  const roster = agentConfigs(scenario)
  for (const q of scenario.queues) {
    const cfg = queueConfig(q)
    const missing = skillNobodyHas(cfg.requiredSkills, roster)
    if (missing) throw new ScenarioError(`Queue "${q.id}" needs skill "${missing.skill}", which no agent has; add it to an agent or drop it from the queue.`)
    if (!roster.some((a) => hasSkills(a, cfg.requiredSkills))) throw new ScenarioError(`Queue "${q.id}" has no agent with all its skills (${cfg.requiredSkills.map((n) => n.skill).join(', ')}).`)
    if (!roster.some((a) => canServe(a, cfg))) {
      throw new ScenarioError(`Queue "${q.id}" is a ${cfg.channel} queue but no agent with its skills has ${cfg.channel} capacity; give agents "capacity": {"${cfg.channel}": 3}.`)
    }
  }
  return scenario
}

export function agentConfigs(s: Scenario): Array<AgentConfig & { shift?: Shift; presence?: PresenceSpan[] }> {
  if (Array.isArray(s.agents)) return s.agents.map((a) => ({ id: a.id, skills: a.skills ?? {}, ...(a.capacity ? { capacity: a.capacity } : {}), ...(a.shift ? { shift: a.shift } : {}), ...(a.presence ? { presence: a.presence } : {}) }))
  const g = s.agents
  // Groups with shifts spread their agents over them in turn.
  return Array.from({ length: g.count }, (_, i) => ({
    id: `${g.prefix ?? 'agent'}-${String(i + 1).padStart(3, '0')}`, skills: g.skills ?? {}, ...(g.capacity ? { capacity: g.capacity } : {}),
    ...(g.shifts?.length ? { shift: g.shifts[i % g.shifts.length]! } : {}),
  }))
}

function checkCapacity(x: unknown, where: string): void {
  if (x === undefined) return
  if (!isObj(x) || !Object.entries(x).every(([ch, n]) => ['voice', 'chat', 'email'].includes(ch) && Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 20)) {
    throw new ScenarioError(`${where} must map voice, chat or email to 0–20 contacts at once, e.g. {"chat": 3}.`)
  }
}

function checkShift(x: unknown, where: string): void {
  if (!isObj(x) || !nonNeg(x.startHour) || (x.startHour as number) >= 24 || !posNum(x.hours) || (x.hours as number) > 24) {
    throw new ScenarioError(`${where} must be {"startHour": 0–23.99, "hours": up to 24, "days": [1–7]}.`)
  }
  if (x.days !== undefined && !(Array.isArray(x.days) && x.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7))) throw new ScenarioError(`${where}.days must list weekdays 1 (Monday) to 7 (Sunday).`)
}

export function queueConfig(q: ScenarioQueue): QueueConfig {
  return {
    id: q.id, name: q.name, channel: q.channel ?? 'voice', strategy: q.strategy ?? 'longest_idle',
    requiredSkills: Object.entries(q.requiredSkills ?? {}).map(([skill, minLevel]) => ({ skill, minLevel })),
    serviceLevelMs: (q.serviceLevelSeconds ?? 20) * 1000, shortAbandonMs: (q.shortAbandonSeconds ?? 5) * 1000,
    ringTimeoutMs: (q.ringTimeoutSeconds ?? 20) * 1000,
  }
}
