/** Starts the configured PBX sources, publishing to the bus; their queue and agent names reach the live views. */
import { join } from 'node:path'
import type { Bus } from '@agner/events'
import type { Config } from '../config.ts'
import type { LiveEngine } from '../live/engine.ts'
import { SourcesService } from './sources-service.ts'
import type { SourceSpec } from './source-spec.ts'

export function startSources(config: Config, bus: Bus, engine: LiveEngine): SourcesService {
  const sources = new SourcesService({
    tenant: config.tenant, timeZone: config.timeZone, dataDir: config.dataDir, sourcesFile: config.sourcesFile, stateDir: join(config.dataDir, 'sources'),
    publish: (events) => bus.publish(events, { timeoutMs: config.publishTimeoutMs }),
    deadLetters: (letters) => bus.deadLetters(letters),
    log: (msg) => console.error(`agner: ${msg}`),
    onSpec: (spec) => applyNames(engine, spec),
  })
  sources.start()
  return sources
}

/** A source's mapping gives PBX queues and agents their Agner display names (unmapped ones keep the PBX's name and DESIGN §4's default service level). */
export function applyNames(engine: LiveEngine, spec: SourceSpec): void {
  for (const [pbx, m] of Object.entries(spec.queues ?? {})) if (m.name) engine.configureQueue(m.id ?? pbx, { name: m.name })
  for (const [pbx, m] of Object.entries(spec.agents ?? {})) if (m.name) engine.nameAgent(m.id ?? pbx, m.name)
}
