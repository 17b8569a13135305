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
import { SL_FORMULAS, STRATEGIES, type AgentConfig, type QueueConfig } from './types.ts'
import { AcdConfigError, within } from './config-sentences.ts'

export { AcdConfigError } from './config-sentences.ts'

/** A center's own code (a disposition, an aux reason) with its display names; aux reasons say whether they are paid work. */
export interface CenterCode {
  code: string
  name: { en: string; 'zh-CN': string }
  /** Aux reasons: paid time (a break) or not (lunch). */
  paid?: boolean
  /** Aux reasons: productive work off the phones (training, meetings): adherence counts it as neither in nor out during scheduled work. */
  productive?: boolean
}
/** What admins allow others to change in the app. */
export interface CenterSettings { supervisorsEditSkills?: boolean }
export interface AcdConfig { queues: QueueConfig[]; agents: AgentConfig[]; ivrs: object[]; dispositions?: CenterCode[]; auxReasons?: CenterCode[]; settings?: CenterSettings }

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const msOk = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0
const level = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 10

export function loadAcdConfig(raw: unknown): AcdConfig {
  if (!isObj(raw)) throw new AcdConfigError('notObject')
  if (!Array.isArray(raw.queues) || raw.queues.length === 0) throw new AcdConfigError('noQueues')
  if (!Array.isArray(raw.agents)) throw new AcdConfigError('agentsList')
  const queues = raw.queues.map((q, i) => queue(q, i))
  const ids = new Set<string>()
  for (const q of queues) { if (ids.has(q.id)) throw new AcdConfigError('queueTwice', { queue: q.id }); ids.add(q.id) }
  for (const q of queues) {
    if (q.overflow?.action === 'queue' && !ids.has(q.overflow.queueId)) throw new AcdConfigError('overflowUnknown', { queue: q.id, target: q.overflow.queueId })
    if (q.closedAction?.action === 'queue' && !ids.has(q.closedAction.queueId)) throw new AcdConfigError('closedUnknown', { queue: q.id, target: q.closedAction.queueId })
  }
  const agents = raw.agents.map((a, i) => agent(a, i))
  const agentIds = new Set<string>()
  for (const a of agents) { if (agentIds.has(a.id)) throw new AcdConfigError('agentTwice', { agent: a.id }); agentIds.add(a.id) }
  for (const q of queues) {
    const missing = skillNobodyHas(q.requiredSkills, agents)
    if (missing) throw new AcdConfigError('skillNobodyHas', { queue: q.id, skill: missing.skill })
    if (!agents.some((a) => canServe(a, q))) {
      throw new AcdConfigError('nobodyServes', { queue: q.id, channel: q.channel })
    }
  }
  const ivrs = raw.ivrs === undefined ? [] : raw.ivrs
  if (!Array.isArray(ivrs)) throw new AcdConfigError('ivrsList')
  const ivrIds = new Set<string>()
  for (const f of ivrs) {
    const flow = loadIvr(f, (id) => ids.has(id))
    if (ivrIds.has(flow.id)) throw new AcdConfigError('ivrTwice', { ivr: flow.id })
    ivrIds.add(flow.id)
  }
  const dispositions = codes(raw.dispositions, 'dispositions')
  const auxReasons = codes(raw.auxReasons, 'auxReasons')
  const settings = raw.settings
  if (settings !== undefined && !(isObj(settings) && (settings.supervisorsEditSkills === undefined || typeof settings.supervisorsEditSkills === 'boolean'))) throw new AcdConfigError('settingsShape')
  return {
    queues, agents, ivrs: ivrs as object[], ...(dispositions ? { dispositions } : {}), ...(auxReasons ? { auxReasons } : {}),
    ...(settings ? { settings: { ...(typeof settings.supervisorsEditSkills === 'boolean' ? { supervisorsEditSkills: settings.supervisorsEditSkills } : {}) } } : {}),
  }
}

/** A list of codes with names in both languages, e.g. [{ "code": "resolved", "name": { "en": "Resolved", "zh-CN": "已解决" } }]. */
function codes(raw: unknown, field: string): CenterCode[] | undefined {
  if (raw === undefined) return undefined
  if (!Array.isArray(raw)) throw new AcdConfigError('codesList', { field })
  const seen = new Set<string>()
  return raw.map((c, i) => {
    if (!isObj(c) || typeof c.code !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(c.code)) throw new AcdConfigError('codeId', { field, index: i })
    if (seen.has(c.code)) throw new AcdConfigError('codeTwice', { field, code: c.code })
    seen.add(c.code)
    const name = c.name
    if (!isObj(name) || typeof name.en !== 'string' || !name.en.trim() || typeof name['zh-CN'] !== 'string' || !name['zh-CN'].trim()) {
      throw new AcdConfigError('codeNames', { field, index: i, code: c.code })
    }
    if (c.paid !== undefined && typeof c.paid !== 'boolean') throw new AcdConfigError('codePaid', { field, index: i })
    if (c.productive !== undefined && typeof c.productive !== 'boolean') throw new AcdConfigError('codeProductive', { field, index: i })
    return { code: c.code, name: { en: name.en, 'zh-CN': name['zh-CN'] }, ...(c.paid !== undefined ? { paid: c.paid } : {}), ...(c.productive !== undefined ? { productive: c.productive } : {}) }
  })
}

function queue(q: unknown, i: number): QueueConfig {
  if (!isObj(q) || typeof q.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(q.id)) throw new AcdConfigError('queueId', { index: i })
  const queue = q.id
  const channel = (q.channel ?? 'voice') as Channel
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new AcdConfigError('queueChannel', { queue, list: CHANNELS.join(', ') })
  const strategy = q.strategy ?? 'longest_idle'
  if (!(STRATEGIES as readonly unknown[]).includes(strategy)) throw new AcdConfigError('queueStrategy', { queue, list: STRATEGIES.join(', ') })
  const skills = q.requiredSkills ?? {}
  if (!isObj(skills) || !Object.values(skills).every(level)) throw new AcdConfigError('queueSkills', { queue })
  for (const k of ['serviceLevelSeconds', 'shortAbandonSeconds', 'ringTimeoutSeconds', 'maxWaitSeconds', 'wrapUpLimitSeconds'] as const) {
    if (q[k] !== undefined && !msOk(q[k])) throw new AcdConfigError('queueSeconds', { queue, field: k })
  }
  if (q.maxSize !== undefined && !(Number.isInteger(q.maxSize) && (q.maxSize as number) >= 0)) throw new AcdConfigError('queueMaxSize', { queue })
  if (q.hours !== undefined) { const p = hoursProblem(q.hours); if (p) throw new AcdConfigError(within('queueHours', { queue }, p)) }
  const overflow = q.overflow as QueueConfig['overflow']
  if (overflow !== undefined && !(isObj(overflow) && ['queue', 'callback', 'voicemail', 'disconnect'].includes(String(overflow.action)) && (overflow.action !== 'queue' || typeof overflow.queueId === 'string'))) {
    throw new AcdConfigError('queueOverflow', { queue })
  }
  const closed = q.closedAction as QueueConfig['closedAction']
  if (closed !== undefined && !(isObj(closed) && ['message', 'voicemail', 'callback', 'queue'].includes(String(closed.action)) && (closed.action !== 'queue' || typeof closed.queueId === 'string') && (closed.action !== 'message' || typeof closed.prompt === 'string'))) {
    throw new AcdConfigError('queueClosed', { queue })
  }
  if (q.holdMusic !== undefined && (typeof q.holdMusic !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(q.holdMusic))) throw new AcdConfigError('queueHoldMusic', { queue })
  if (closed && q.hours === undefined) throw new AcdConfigError('queueClosedNoHours', { queue })
  const relax = q.relax ?? []
  if (!Array.isArray(relax) || !relax.every((s) => isObj(s) && msOk(s.afterSeconds) && level(s.minLevel))) throw new AcdConfigError('queueRelax', { queue })
  const names = q.name === undefined || typeof q.name === 'string' ? undefined : q.name
  if (names !== undefined && !(isObj(names) && typeof names.en === 'string' && names.en.trim() && typeof names['zh-CN'] === 'string' && names['zh-CN'].trim())) throw new AcdConfigError('queueName', { queue })
  const formula = q.serviceLevelFormula
  if (formula !== undefined && !(SL_FORMULAS as readonly unknown[]).includes(formula)) throw new AcdConfigError('queueFormula', { queue, list: SL_FORMULAS.join(', ') })
  const sec = (x: unknown, fallback?: number): number | undefined => (x === undefined ? fallback : (x as number) * 1000)
  return {
    id: q.id, name: typeof q.name === 'string' ? q.name : names ? String(names.en) : undefined,
    ...(names ? { names: { en: String(names.en), 'zh-CN': String(names['zh-CN']) } } : {}),
    ...(formula !== undefined ? { serviceLevelFormula: formula as QueueConfig['serviceLevelFormula'] } : {}), channel, strategy: strategy as QueueConfig['strategy'],
    requiredSkills: Object.entries(skills).map(([skill, minLevel]) => ({ skill, minLevel: minLevel as number })),
    relax: (relax as Array<{ afterSeconds: number; minLevel: number }>).map((s) => ({ afterMs: s.afterSeconds * 1000, minLevel: s.minLevel })),
    serviceLevelMs: sec(q.serviceLevelSeconds, 20_000)!, shortAbandonMs: sec(q.shortAbandonSeconds), ringTimeoutMs: sec(q.ringTimeoutSeconds, 20_000)!,
    maxWaitMs: sec(q.maxWaitSeconds), maxSize: q.maxSize as number | undefined, overflow, wrapUpLimitMs: sec(q.wrapUpLimitSeconds),
    hours: q.hours as QueueConfig['hours'], closedAction: closed, ...(typeof q.holdMusic === 'string' ? { holdMusic: q.holdMusic } : {}),
  }
}

function agent(a: unknown, i: number): AgentConfig {
  if (!isObj(a) || typeof a.id !== 'string' || !a.id) throw new AcdConfigError('agentId', { index: i })
  const agent = a.id
  if (!isObj(a.skills) || !Object.values(a.skills).every(level)) throw new AcdConfigError('agentSkills', { agent })
  const cap = a.capacity ?? {}
  if (!isObj(cap) || !Object.entries(cap).every(([ch, n]) => (CHANNELS as readonly string[]).includes(ch) && Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 20)) {
    throw new AcdConfigError('agentCapacity', { agent })
  }
  if (a.maxRingNoAnswer !== undefined && !(Number.isInteger(a.maxRingNoAnswer) && (a.maxRingNoAnswer as number) >= 1)) throw new AcdConfigError('agentRingNoAnswer', { agent })
  if (a.team !== undefined && (typeof a.team !== 'string' || !/^[A-Za-z0-9_-]{0,64}$/.test(a.team))) throw new AcdConfigError('agentTeam', { agent })
  return {
    id: a.id, name: typeof a.name === 'string' ? a.name : undefined, skills: a.skills as Record<string, number>, capacity: cap as AgentConfig['capacity'],
    maxRingNoAnswer: a.maxRingNoAnswer as number | undefined, ...(typeof a.team === 'string' && a.team ? { team: a.team } : {}),
  }
}
