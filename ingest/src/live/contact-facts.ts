/**
 * What the live view knows of a contact beyond its queue visit: the queue it was last offered from
 * or connected in, its channel, and the caller's number, masked (the full number is for the
 * contact's page, with `pii`). Kept for the most recent contacts only, so a long-running process
 * does not grow without bound.
 */
import { phoneFor } from '@agner/analytics'

export interface ContactFact { queueId?: string; channel?: string; caller?: string }

const KEEP = 50_000

export class ContactFacts {
  private readonly facts = new Map<string, ContactFact>()

  note(contactId: string, fact: ContactFact): void {
    const was = this.facts.get(contactId)
    if (was) { this.facts.delete(contactId) } else if (this.facts.size >= KEEP) this.facts.delete(this.facts.keys().next().value!)
    this.facts.set(contactId, { ...was, ...(fact.queueId ? { queueId: fact.queueId } : {}), ...(fact.channel ? { channel: fact.channel } : {}), ...(fact.caller ? { caller: phoneFor(fact.caller, false) } : {}) })
  }

  get(contactId: string): ContactFact | undefined { return this.facts.get(contactId) }
}
