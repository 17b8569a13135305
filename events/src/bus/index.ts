import type { Bus } from './types.ts'
import { MemoryBus, type MemoryBusOptions } from './memory.ts'
import { JetStreamBus, type JetStreamBusOptions } from './jetstream.ts'

export * from './types.ts'
export * from './payload.ts'
export { MemoryBus, JetStreamBus, type MemoryBusOptions, type JetStreamBusOptions }

/** JetStream when a NATS URL is given, the in-process bus otherwise. */
export async function createBus(natsUrl: string | undefined, opts: Omit<JetStreamBusOptions, 'servers'> = {}): Promise<Bus> {
  if (!natsUrl) return new MemoryBus()
  return JetStreamBus.connect({ ...opts, servers: natsUrl.split(',') })
}
