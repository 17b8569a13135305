import type { Envelope } from './schema/envelope.ts'
import type { EventData, EventType } from './schema/data.ts'

/** One canonical event of type T: the envelope plus that type's payload. */
export type EventOf<T extends EventType> = Omit<Envelope, 'type' | 'data'> & {
  type: T
  data: EventData<T>
}

/** Any canonical event, discriminated on `type`. */
export type CanonicalEvent = { [T in EventType]: EventOf<T> }[EventType]

/** A record of something that could not be accepted, kept with its reason. */
export interface DeadLetter {
  tenant: string
  /** Where it failed: http, bus, store. */
  stage: 'http' | 'bus' | 'store'
  reason: string
  /** The event id when one could be read. */
  eventId?: string
  /** The payload as received (truncated to 64 KiB). */
  payload: string
  at: number
}
