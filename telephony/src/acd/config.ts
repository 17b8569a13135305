/**
 * A center's ACD configuration as JSON (queues, agents, IVR flows, the center's disposition and aux
 * reason codes with their names in English and Chinese), checked at load: the first
 * problem is named in one sentence (a queue nobody can serve, a skill nobody has, an overflow to a
 * queue that does not exist, an IVR loop). Pure.
 */
import { CHANNELS, type Channel } from '@agner/events'
import { hoursProblem } from './hours.ts'
import { loadIvr } from './ivr.ts'
import { canServe, skillNobodyHas } from './staffing.ts'
import { STRATEGIES, type AgentConfig, type QueueConfig } from './types.ts'

/** A center's own code (a disposition, an aux reason) with its display names; aux reasons say whether they are paid work. */
export interface CenterCode { code: string; name: { en: string; 'zh-CN': string }; paid?: boolean }
export interface AcdConfig { queues: QueueConfig[]; agents: AgentConfig[]; ivrs: object[]; dispositions?: CenterCode[]; auxReasons?: CenterCode[] }

export class AcdConfigError extends Error {}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const msOk = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0
const level = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 10

export function loadAcdConfig(raw: unknown): AcdConfig {
  if (!isObj(raw)) throw new AcdConfigError('The ACD configuration must be a JSON object with "queues" and "agents".')
  if (!Array.isArray(raw.queues) || raw.queues.length === 0) throw new AcdConfigError('"queues" must list at least one queue.')
  if (!Array.isArray(raw.agents)) throw new AcdConfigError('"agents" must be a list of agents.')
  const queues = raw.queues.map((q, i) => queue(q, i))
  const ids = new Set<string>()
  for (const q of queues) { if (ids.has(q.id)) throw new AcdConfigError(`Queue "${q.id}" is listed twice; queue ids must be unique.`); ids.add(q.id) }
  for (const q of queues) {
    if (q.overflow?.action === 'queue' && !ids.has(q.overflow.queueId)) throw new AcdConfigError(`Queue "${q.id}" overflows to "${q.overflow.queueId}", which is not a queue here.`)
    if (q.closedAction?.action === 'queue' && !ids.has(q.closedAction.queueId)) throw new AcdConfigError(`Queue "${q.id}" sends callers to "${q.closedAction.queueId}" when closed, which is not a queue here.`)
  }
  const agents = raw.agents.map((a, i) => agent(a, i))
  const agentIds = new Set<string>()
  for (const a of agents) { if (agentIds.has(a.id)) throw new AcdConfigError(`Agent "${a.id}" is listed twice.`); agentIds.add(a.id) }
  for (const q of queues) {
    const missing = skillNobodyHas(q.requiredSkills, agents)
    if (missing) throw new AcdConfigError(`Queue "${q.id}" needs skill "${missing.skill}", which no agent has; add it to an agent or drop it from the queue.`)
    if (!agents.some((a) => canServe(a, q))) {
      throw new AcdConfigError(`Queue "${q.id}" has no agent who can serve it (all its skills and capacity on ${q.channel}); add one.`)
    }
  }
  const ivrs = raw.ivrs === undefined ? [] : raw.ivrs
  if (!Array.isArray(ivrs)) throw new AcdConfigError('"ivrs" must be a list of IVR flows.')
  for (const f of ivrs) {
    try { loadIvr(f, (id) => ids.has(id)) } catch (err) { throw new AcdConfigError((err as Error).message) }
  }
  const dispositions = codes(raw.dispositions, 'dispositions')
  const auxReasons = codes(raw.auxReasons, 'auxReasons')
  return { queues, agents, ivrs: ivrs as object[], ...(dispositions ? { dispositions } : {}), ...(auxReasons ? { auxReasons } : {}) }
}

/** A list of codes with names in both languages, e.g. [{ "code": "resolved", "name": { "en": "Resolved", "zh-CN": "已解决" } }]. */
function codes(raw: unknown, field: string): CenterCode[] | undefined {
  if (raw === undefined) return undefined
  if (!Array.isArray(raw)) throw new AcdConfigError(`"${field}" must be a list of { "code", "name": { "en", "zh-CN" } }.`)
  const seen = new Set<string>()
  return raw.map((c, i) => {
    if (!isObj(c) || typeof c.code !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(c.code)) throw new AcdConfigError(`${field}[${i}] needs a "code" of letters, digits, ".", "-" or "_".`)
    if (seen.has(c.code)) throw new AcdConfigError(`${field}: code "${c.code}" is listed twice.`)
    seen.add(c.code)
    const name = c.name
    if (!isObj(name) || typeof name.en !== 'string' || !name.en.trim() || typeof name['zh-CN'] !== 'string' || !name['zh-CN'].trim()) {
      throw new AcdConfigError(`${field}[${i}] ("${c.code}") needs a "name" in both languages: { "en": "…", "zh-CN": "…" }.`)
    }
    if (c.paid !== undefined && typeof c.paid !== 'boolean') throw new AcdConfigError(`${field}[${i}].paid must be true or false.`)
    return { code: c.code, name: { en: name.en, 'zh-CN': name['zh-CN'] }, ...(c.paid !== undefined ? { paid: c.paid } : {}) }
  })
}

function queue(q: unknown, i: number): QueueConfig {
  if (!isObj(q) || typeof q.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(q.id)) throw new AcdConfigError(`queues[${i}] needs an "id" of letters, digits, "-" or "_".`)
  const w = `Queue "${q.id}"`
  const channel = (q.channel ?? 'voice') as Channel
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new AcdConfigError(`${w}: "channel" must be one of ${CHANNELS.join(', ')}.`)
  const strategy = q.strategy ?? 'longest_idle'
  if (!(STRATEGIES as readonly unknown[]).includes(strategy)) throw new AcdConfigError(`${w}: "strategy" must be one of ${STRATEGIES.join(', ')}.`)
  const skills = q.requiredSkills ?? {}
  if (!isObj(skills) || !Object.values(skills).every(level)) throw new AcdConfigError(`${w}: "requiredSkills" must map skill names to levels 1–10, e.g. {"billing": 3}.`)
  for (const k of ['serviceLevelSeconds', 'shortAbandonSeconds', 'ringTimeoutSeconds', 'maxWaitSeconds', 'wrapUpLimitSeconds'] as const) {
    if (q[k] !== undefined && !msOk(q[k])) throw new AcdConfigError(`${w}: "${k}" must be a number of seconds ≥ 0.`)
  }
  if (q.maxSize !== undefined && !(Number.isInteger(q.maxSize) && (q.maxSize as number) >= 0)) throw new AcdConfigError(`${w}: "maxSize" must be a whole number ≥ 0.`)
  if (q.hours !== undefined) { const p = hoursProblem(q.hours); if (p) throw new AcdConfigError(`${w}: ${p}`) }
  const overflow = q.overflow as QueueConfig['overflow']
  if (overflow !== undefined && !(isObj(overflow) && ['queue', 'callback', 'voicemail', 'disconnect'].includes(String(overflow.action)) && (overflow.action !== 'queue' || typeof overflow.queueId === 'string'))) {
    throw new AcdConfigError(`${w}: "overflow" must be {"action": "queue", "queueId": …}, {"action": "callback"}, {"action": "voicemail"} or {"action": "disconnect"}.`)
  }
  const closed = q.closedAction as QueueConfig['closedAction']
  if (closed !== undefined && !(isObj(closed) && ['message', 'voicemail', 'callback', 'queue'].includes(String(closed.action)) && (closed.action !== 'queue' || typeof closed.queueId === 'string') && (closed.action !== 'message' || typeof closed.prompt === 'string'))) {
    throw new AcdConfigError(`${w}: "closedAction" must be {"action": "message", "prompt": …}, {"action": "voicemail"}, {"action": "callback"} or {"action": "queue", "queueId": …}.`)
  }
  if (q.holdMusic !== undefined && (typeof q.holdMusic !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(q.holdMusic))) throw new AcdConfigError(`${w}: "holdMusic" must be a file name of letters, digits, _ and - (without .ogg).`)
  if (closed && q.hours === undefined) throw new AcdConfigError(`${w} has a "closedAction" but no "hours"; add its business hours.`)
  const relax = q.relax ?? []
  if (!Array.isArray(relax) || !relax.every((s) => isObj(s) && msOk(s.afterSeconds) && level(s.minLevel))) throw new AcdConfigError(`${w}: "relax" must list {"afterSeconds": n, "minLevel": 1–10}.`)
  const sec = (x: unknown, fallback?: number): number | undefined => (x === undefined ? fallback : (x as number) * 1000)
  return {
    id: q.id, name: typeof q.name === 'string' ? q.name : undefined, channel, strategy: strategy as QueueConfig['strategy'],
    requiredSkills: Object.entries(skills).map(([skill, minLevel]) => ({ skill, minLevel: minLevel as number })),
    relax: (relax as Array<{ afterSeconds: number; minLevel: number }>).map((s) => ({ afterMs: s.afterSeconds * 1000, minLevel: s.minLevel })),
    serviceLevelMs: sec(q.serviceLevelSeconds, 20_000)!, shortAbandonMs: sec(q.shortAbandonSeconds), ringTimeoutMs: sec(q.ringTimeoutSeconds, 20_000)!,
    maxWaitMs: sec(q.maxWaitSeconds), maxSize: q.maxSize as number | undefined, overflow, wrapUpLimitMs: sec(q.wrapUpLimitSeconds),
    hours: q.hours as QueueConfig['hours'], closedAction: closed, ...(typeof q.holdMusic === 'string' ? { holdMusic: q.holdMusic } : {}),
  }
}

function agent(a: unknown, i: number): AgentConfig {
  if (!isObj(a) || typeof a.id !== 'string' || !a.id) throw new AcdConfigError(`agents[${i}] needs an "id".`)
  const w = `Agent "${a.id}"`
  if (!isObj(a.skills) || !Object.values(a.skills).every(level)) throw new AcdConfigError(`${w}: "skills" must map skill names to proficiency 1–10, e.g. {"billing": 7}.`)
  const cap = a.capacity ?? {}
  if (!isObj(cap) || !Object.entries(cap).every(([ch, n]) => (CHANNELS as readonly string[]).includes(ch) && Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 20)) {
    throw new AcdConfigError(`${w}: "capacity" must map channels to 0–20 contacts at once, e.g. {"voice": 1, "chat": 3}.`)
  }
  if (a.maxRingNoAnswer !== undefined && !(Number.isInteger(a.maxRingNoAnswer) && (a.maxRingNoAnswer as number) >= 1)) throw new AcdConfigError(`${w}: "maxRingNoAnswer" must be a whole number ≥ 1.`)
  return { id: a.id, name: typeof a.name === 'string' ? a.name : undefined, skills: a.skills as Record<string, number>, capacity: cap as AgentConfig['capacity'], maxRingNoAnswer: a.maxRingNoAnswer as number | undefined }
}
