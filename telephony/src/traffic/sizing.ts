/**
 * Sizes synthetic traffic for a target event rate: the arrival rate that yields it and enough
 * agents to carry that load at roughly 90 % occupancy, so queues form without growing forever.
 */
import { DEFAULT_TRAFFIC, type TrafficConfig } from './model.ts'

/** Events one answered contact produces on average (contact and agent events together). */
export const EVENTS_PER_CONTACT = 11.5

export interface RateOptions {
  eventsPerSecond: number
  queues?: number
  tenant?: string
  instance?: string
  seed?: number
  /** Shorter calls make small demos lively; the default is a real center's 45 s talk + 12 s wrap. */
  meanTalkMs?: number
  meanWrapMs?: number
}

export function trafficForRate(o: RateOptions): TrafficConfig {
  const meanTalkMs = o.meanTalkMs ?? DEFAULT_TRAFFIC.meanTalkMs
  const meanWrapMs = o.meanWrapMs ?? DEFAULT_TRAFFIC.meanWrapMs
  const arrivals = o.eventsPerSecond / EVENTS_PER_CONTACT
  const handleS = (meanTalkMs + meanWrapMs + 4000 + DEFAULT_TRAFFIC.holdShare * 32_000) / 1000
  const agentCount = Math.max(2, Math.ceil((arrivals * handleS) / 0.9))
  const queueCount = Math.max(1, o.queues ?? Math.min(50, Math.ceil(agentCount / 10)))
  const queues = Array.from({ length: queueCount }, (_, i) => ({ id: `q${String(i + 1).padStart(2, '0')}`, channel: 'voice' as const }))
  const agents = Array.from({ length: agentCount }, (_, i) => ({
    id: `a${String(i + 1).padStart(4, '0')}`,
    // Each agent serves a primary queue and the next one, so queues share staff.
    queues: [queues[i % queueCount]!.id, queues[(i + 1) % queueCount]!.id],
  }))
  return {
    ...DEFAULT_TRAFFIC, meanTalkMs, meanWrapMs,
    tenant: o.tenant ?? 'default', source: { kind: 'cli', instance: o.instance ?? 'emit' },
    queues, agents, arrivalsPerSecond: arrivals, seed: o.seed ?? 1,
  }
}
