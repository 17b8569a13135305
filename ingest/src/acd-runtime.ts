/**
 * The embedded ACD of a running Agner: the demo center's queues (one skill per queue) and agents
 * (the skills of the queues they serve), in real time, publishing to the bus. Without the demo it
 * takes its queues, agents and IVR flows from the JSON file AGNER_ACD_CONFIG names, or starts empty.
 */
import { uuidv5, type Bus, type CanonicalEvent } from '@agner/events'
import { readEvents, type Store } from '@agner/analytics'
import { DEMO_AGENTS, DEMO_CAPACITY, DEMO_QUEUES, DEMO_TEAMS, DEMO_USERS } from '@agner/seeds'
import { readFileSync } from 'node:fs'
import { AcdConfigError, canServe, loadAcdConfig, RealtimeAcd, recoverAcd, type AcdConfig, type AgentConfig, type CenterCode, type QueueConfig, type RecoveryReport } from '@agner/telephony'
import type { CenterCodes } from '@agner/events'
import { ConfigError, type Config } from './config.ts'
import type { LiveEngineOptions } from './live/engine.ts'

const DESK_AGENTS = new Set(DEMO_USERS.flatMap((u) => (u.agentId ? [u.agentId] : [])))

/** The demo center; agents' teams are the access directory's demo teams (bootstrap.ts ids them by tenant). */
export function demoAcdConfig(tenant: string): { queues: QueueConfig[]; agents: AgentConfig[]; dispositions: CenterCode[]; auxReasons: CenterCode[] } {
  return {
    dispositions: DEMO_DISPOSITIONS, auxReasons: DEMO_AUX_REASONS,
    queues: DEMO_QUEUES.map((q) => ({
      id: q.id, name: q.name.en, names: { en: q.name.en, 'zh-CN': q.name['zh-CN'] }, channel: q.channel, requiredSkills: [{ skill: q.id, minLevel: 1 }], strategy: 'longest_idle',
      serviceLevelMs: q.serviceLevelMs, serviceLevelFormula: q.formula, shortAbandonMs: q.shortAbandonMs, ringTimeoutMs: 20_000, wrapUpLimitMs: 120_000,
    })),
    // The agents people sign in as (DEMO_USERS) take every call and chat queue (not email: the desk has no mail), so a call or chat from the widget reaches them whatever the caller picks.
    agents: DEMO_AGENTS.map((a) => ({
      id: a.id, name: a.name, team: demoTeamId(tenant, a.queues[0] ?? ''),
      skills: Object.fromEntries((DESK_AGENTS.has(a.id) ? DEMO_QUEUES.filter((q) => q.channel !== 'email').map((q) => q.id) : a.queues).map((q) => [q, 5])), capacity: { ...DEMO_CAPACITY },
    })),
  }
}

function demoTeamId(tenant: string, queueId: string): string | undefined {
  const team = DEMO_TEAMS.find((t) => t.queueIds.includes(queueId))
  return team ? uuidv5(`${tenant}/team/${team.key}`) : undefined
}

/** The demo center's own codes, named in both languages (a real center's come from AGNER_ACD_CONFIG). */
const DEMO_DISPOSITIONS: CenterCode[] = [
  { code: 'resolved', name: { en: 'Resolved', 'zh-CN': '已解决' } }, { code: 'follow_up', name: { en: 'Follow-up needed', 'zh-CN': '需跟进' } },
  { code: 'escalated', name: { en: 'Escalated', 'zh-CN': '已升级' } }, { code: 'sale', name: { en: 'Sale', 'zh-CN': '成交' } },
]
const DEMO_AUX_REASONS: CenterCode[] = [
  { code: 'break', name: { en: 'Break', 'zh-CN': '小休' }, paid: true }, { code: 'lunch', name: { en: 'Lunch', 'zh-CN': '午餐' }, paid: false },
  { code: 'training', name: { en: 'Training', 'zh-CN': '培训' }, paid: true, productive: true }, { code: 'meeting', name: { en: 'Meeting', 'zh-CN': '会议' }, paid: true, productive: true },
]

/** The center's own codes by kind, for display names (events' codeName). */
export function centerCodes(setup: Pick<AcdConfig, 'dispositions' | 'auxReasons'>): CenterCodes {
  const byCode = (list: CenterCode[] | undefined): Record<string, CenterCode['name']> => Object.fromEntries((list ?? []).map((c) => [c.code, c.name]))
  return { disposition: byCode(setup.dispositions), aux: byCode(setup.auxReasons) }
}

export const ACD_INSTANCE = 'embedded'

/** The demo center's IVR: open hours → a menu for sales, support, billing; closed → a message. */
export function demoIvr(timeZone: string): object {
  const day: Array<[string, string]> = [['08:00', '22:00']]
  return {
    id: 'main', start: 'hours',
    nodes: {
      hours: { type: 'hours', hours: { timeZone, weekly: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [['09:00', '18:00']], 7: [['09:00', '18:00']] } }, open: 'menu', closed: 'closed' },
      closed: { type: 'message', prompt: '您好，现在是非工作时间 / We are closed now; please call again from 08:00.', audio: 'closed', next: 'bye' },
      bye: { type: 'hangup' },
      menu: { type: 'menu', prompt: '销售请按1，技术支持请按2，账单请按3 / Sales 1, support 2, billing 3.', audio: 'menu', options: { 1: 'sales', 2: 'support', 3: 'billing' }, timeoutSeconds: 25, retries: 1, onNoInput: 'support' },
      sales: { type: 'queue', queueId: 'sales' },
      support: { type: 'queue', queueId: 'support' },
      billing: { type: 'queue', queueId: 'billing' },
    },
  }
}

/**
 * Starts the ACD and recovers it from what it published in the last 24 hours (read back from the
 * store): agents' statuses come back, and contacts left in flight by the previous process are
 * closed with outcome `error` and the reason (recovery.ts).
 */
/** The ACD's queues, agents and IVR flows: from AGNER_ACD_CONFIG, else the demo center's, else none. */
export function acdSetup(config: Config): AcdConfig {
  if (config.acdConfigFile) {
    let raw: unknown
    try { raw = JSON.parse(readFileSync(config.acdConfigFile, 'utf8')) } catch (err) {
      throw new ConfigError(`AGNER_ACD_CONFIG "${config.acdConfigFile}" could not be read as JSON (${(err as Error).message}); fix the file or unset the variable.`)
    }
    try { return loadAcdConfig(raw) } catch (err) {
      if (err instanceof AcdConfigError) throw new ConfigError(`AGNER_ACD_CONFIG "${config.acdConfigFile}": ${err.message}`)
      throw err
    }
  }
  return config.demo ? { ...demoAcdConfig(config.tenant), ivrs: [demoIvr(config.timeZone)] } : { queues: [], agents: [], ivrs: [] }
}

/** What the live engine knows before any event: queue names and SL settings, who serves which queue, agents' names. */
export function liveSetup(setup: AcdConfig): Pick<LiveEngineOptions, 'queues' | 'agentQueues' | 'agentNames'> {
  const queues = Object.fromEntries(setup.queues.map((q) => [q.id, {
    name: q.names ? `${q.names['zh-CN']} / ${q.names.en}` : q.name ?? q.id, serviceLevelMs: q.serviceLevelMs,
    ...(q.shortAbandonMs !== undefined ? { shortAbandonMs: q.shortAbandonMs } : {}), ...(q.serviceLevelFormula ? { formula: q.serviceLevelFormula } : {}),
  }]))
  return {
    queues,
    agentQueues: Object.fromEntries(setup.agents.map((a) => [a.id, setup.queues.filter((q) => canServe(a, q)).map((q) => q.id)])),
    agentNames: Object.fromEntries(setup.agents.map((a) => [a.id, a.name ?? a.id])),
  }
}

export async function startAcd(config: Config, setup: AcdConfig, bus: Bus, store: Store, onError: (err: unknown) => void): Promise<{ acd: RealtimeAcd; recovered: RecoveryReport }> {
  const { queues, agents, ivrs } = setup
  const acd = new RealtimeAcd({ tenant: config.tenant, instance: ACD_INSTANCE, queues, agents, publish: (events) => bus.publish(events), onError })
  for (const flow of ivrs) acd.engine.addIvr(flow)
  const past: CanonicalEvent[] = []
  const now = Date.now()
  for await (const e of readEvents(store.client, config.tenant, now - 86_400_000, now + 60_000, { kind: 'acd', instance: ACD_INSTANCE })) past.push(e)
  const recovered = await acd.run((engine) => recoverAcd(engine, past))
  acd.start()
  return { acd, recovered }
}
