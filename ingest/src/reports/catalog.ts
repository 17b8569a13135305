/**
 * What reports need to know about the center besides the store: queue names and service-level
 * settings, agents' names, and who serves which queue (for team scoping). From the live engine in
 * the server; from the configuration in the CLI.
 */
import type { QueueReportSettings } from '@agner/analytics'
import type { LiveEngine } from '../live/engine.ts'
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from '../live/queue-settings.ts'

export interface CenterCatalog {
  queue(id: string): QueueReportSettings
  hasQueue(id: string): boolean
  queueIds(): string[]
  agentName(id: string): string
  hasAgent(id: string): boolean
  agentIds(): string[]
  agentQueues(id: string): readonly string[]
}

export function engineCatalog(engine: LiveEngine): CenterCatalog {
  return {
    queue: (id) => engine.settingsOf(id),
    hasQueue: (id) => engine.hasQueue(id),
    queueIds: () => engine.queueList().map((q) => q.id),
    agentName: (id) => engine.agentName(id),
    hasAgent: (id) => engine.agentIds().includes(id),
    agentIds: () => engine.agentIds(),
    agentQueues: (id) => engine.agentQueuesOf(id),
  }
}

/** From the configuration alone (the CLI, with no live engine). */
export function configCatalog(setup: { queues?: Record<string, Partial<QueueSettings>>; agentQueues?: Record<string, string[]>; agentNames?: Record<string, string> }): CenterCatalog {
  const queues = setup.queues ?? {}
  const agentQueues = setup.agentQueues ?? {}
  const names = setup.agentNames ?? {}
  return {
    queue: (id) => ({ ...DEFAULT_QUEUE_SETTINGS, name: id, ...queues[id] }),
    hasQueue: (id) => id in queues,
    queueIds: () => Object.keys(queues).sort(),
    agentName: (id) => names[id] ?? id,
    hasAgent: (id) => id in agentQueues || id in names,
    agentIds: () => [...new Set([...Object.keys(agentQueues), ...Object.keys(names)])].sort(),
    agentQueues: (id) => agentQueues[id] ?? [],
  }
}
