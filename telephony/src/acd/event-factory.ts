/** Canonical events from the ACD, with deterministic ids (source instance + sequence), oldest first. */
import { uuidv5, type CanonicalEvent, type Channel, type SourceKind } from '@agner/events'

export interface EventContext { tenant: string; source: { kind: SourceKind; instance: string } }

export class EventFactory {
  private seq = 0
  constructor(private readonly ctx: EventContext, private readonly sink: (e: CanonicalEvent) => void) {}

  emit(type: CanonicalEvent['type'], time: number, fields: { contactId?: string; interactionId?: string; queueId?: string; agentId?: string; channel?: Channel }, data: object): void {
    const id = uuidv5(`${this.ctx.source.instance}/${time}/${this.seq++}`)
    const e = { id, type, time, tenant: this.ctx.tenant, source: this.ctx.source, ...definedOnly(fields), data } as CanonicalEvent
    this.sink(e)
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v
  return out
}
