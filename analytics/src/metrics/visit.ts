/**
 * A queue visit as both the live engine and the store see it: one contact's stay in one queue,
 * DESIGN §4. The store builds the same record in `queue_visits`; both feed `visitCounters`.
 */
import type { DequeueOutcome } from '@agner/events'

export interface Visit {
  tenant: string
  queueId: string
  contactId: string
  channel: string
  /** Time of `contact.queued`, 0 when not seen. */
  queuedAtMs: number
  /** Time of `contact.dequeued`, 0 while the contact is still waiting. */
  dequeuedAtMs: number
  waitMs: number
  outcome: DequeueOutcome | ''
  agentId: string
  talkMs: number
  holdMs: number
  wrapMs: number
  /** True once the answered contact's wrap-up ended: it then counts as handled. */
  handled: boolean
}

export function emptyVisit(tenant: string, queueId: string, contactId: string): Visit {
  return {
    tenant, queueId, contactId, channel: '', queuedAtMs: 0, dequeuedAtMs: 0, waitMs: 0, outcome: '', agentId: '',
    talkMs: 0, holdMs: 0, wrapMs: 0, handled: false,
  }
}

/**
 * When the contact entered the queue: dequeue time minus its wait when known (exact even if the
 * queued event was lost), else the queued time. Every counter of the visit belongs to the
 * interval this falls in (DESIGN §4, interval attribution).
 */
export function enteredAt(v: Pick<Visit, 'dequeuedAtMs' | 'waitMs' | 'queuedAtMs'>): number {
  return v.dequeuedAtMs > 0 ? v.dequeuedAtMs - v.waitMs : v.queuedAtMs
}

/** A visit is known once its queued or dequeued event arrived (ended alone does not make one). */
export function isKnownVisit(v: Pick<Visit, 'dequeuedAtMs' | 'queuedAtMs'>): boolean {
  return v.dequeuedAtMs > 0 || v.queuedAtMs > 0
}

export const ANSWERED: readonly DequeueOutcome[] = ['answered']
/** A caller who hung up or pressed the exit key left the queue: both are abandons. */
export const ABANDONED: readonly DequeueOutcome[] = ['abandoned', 'caller_exit']
export const FLOWED_OUT: readonly DequeueOutcome[] = ['timeout', 'no_agents', 'overflow', 'transferred']
export const CALLBACK: readonly DequeueOutcome[] = ['callback']
