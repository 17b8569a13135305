/** Canonical events from the ACD, with deterministic ids (source instance + sequence), oldest first. */
import { uuidv5, type CanonicalEvent, type Channel, type SourceKind } from '@agner/events'

export interface EventContext { tenant: string; source: { kind: SourceKind; instance: string } }

/**
 * Ids are UUID-shaped and deterministic: a UUIDv5 of the source instance and start time, with the
 * event's sequence number in its last 12 hex digits (a SHA-1 per event would cost more than the
 * routing itself in a simulated year).
 */
export class EventFactory {
  private seq = 0
  private readonly base: string
  constructor(private readonly ctx: EventContext, private readonly sink: (e: CanonicalEvent) => void, startedAt = 0) {
    this.base = uuidv5(`${ctx.source.instance}/${startedAt}`).slice(0, 24)
  }

  emit(type: CanonicalEvent['type'], time: number, fields: { contactId?: string; interactionId?: string; queueId?: string; agentId?: string; channel?: Channel }, data: object): void {
    const id = this.base + (this.seq++).toString(16).padStart(12, '0')
    const e = { id, type, time, tenant: this.ctx.tenant, source: this.ctx.source, ...definedOnly(fields), data } as CanonicalEvent
    this.sink(e)
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v
  return out
}
