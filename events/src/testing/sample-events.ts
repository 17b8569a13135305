/** Small hand-written canonical events for tests. */
import type { CanonicalEvent } from '../types.ts'
import { uuidv7 } from '../ids.ts'

export function sampleEvent(overrides: Partial<CanonicalEvent> = {}): CanonicalEvent {
  return {
    id: uuidv7(),
    type: 'contact.queued',
    time: Date.now() - 1000,
    tenant: 'default',
    source: { kind: 'test', instance: 'vitest' },
    contactId: `c-${Math.random().toString(36).slice(2, 10)}`,
    queueId: 'sales',
    channel: 'voice',
    data: { priority: 0 },
    ...overrides,
  } as CanonicalEvent
}
