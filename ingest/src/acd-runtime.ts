/**
 * The embedded ACD of a running Agner: the demo center's queues (one skill per queue) and agents
 * (the skills of the queues they serve), in real time, publishing to the bus. Without the demo it
 * starts empty (queue and agent configuration arrives with the center-settings pages).
 */
import type { Bus } from '@agner/events'
import { DEMO_AGENTS, DEMO_QUEUES } from '@agner/seeds'
import { RealtimeAcd, type AgentConfig, type QueueConfig } from '@agner/telephony'
import type { Config } from './config.ts'

export function demoAcdConfig(): { queues: QueueConfig[]; agents: AgentConfig[] } {
  return {
    queues: DEMO_QUEUES.map((q) => ({
      id: q.id, name: q.name.en, channel: 'voice', requiredSkills: [{ skill: q.id, minLevel: 1 }], strategy: 'longest_idle',
      serviceLevelMs: q.serviceLevelMs, shortAbandonMs: q.shortAbandonMs, ringTimeoutMs: 20_000, wrapUpLimitMs: 120_000,
    })),
    agents: DEMO_AGENTS.map((a) => ({ id: a.id, name: a.name, skills: Object.fromEntries(a.queues.map((q) => [q, 5])) })),
  }
}

export function startAcd(config: Config, bus: Bus, onError: (err: unknown) => void): RealtimeAcd {
  const { queues, agents } = config.demo ? demoAcdConfig() : { queues: [], agents: [] }
  const acd = new RealtimeAcd({ tenant: config.tenant, instance: 'embedded', queues, agents, publish: (events) => bus.publish(events), onError })
  acd.start()
  return acd
}
