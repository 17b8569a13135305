/**
 * The raw counters of DESIGN §4, kept per queue visit and summed per queue and interval.
 * Every service-level formula and threshold is computed from these at read time.
 */
import { ABANDONED, ANSWERED, CALLBACK, FLOWED_OUT, isKnownVisit, type Visit } from './visit.ts'

export interface Counters {
  /** Q: queue visits. */
  offered: number
  /** A */
  answered: number
  /** A≤T */
  answeredWithinT: number
  /** Ab */
  abandoned: number
  /** Ab≤S: short abandons. */
  shortAbandons: number
  /** Ab≤T */
  abandonedWithinT: number
  /** F: timeout, no agents, overflow, transferred out of the queue. */
  flowedOut: number
  /** C */
  callbacks: number
  /** C≤T */
  callbacksWithinT: number
  /** Sum of queue wait of answered contacts (ASA numerator). */
  answeredWaitMs: number
  /** Contacts whose handling (talk, hold, wrap) is complete. */
  handled: number
  talkMs: number
  holdMs: number
  wrapMs: number
}

export interface Thresholds {
  /** T: service-level threshold, ms. */
  serviceLevelMs: number
  /** S: short-abandon threshold, ms. */
  shortAbandonMs: number
}

export const COUNTER_KEYS = [
  'offered', 'answered', 'answeredWithinT', 'abandoned', 'shortAbandons', 'abandonedWithinT', 'flowedOut', 'callbacks',
  'callbacksWithinT', 'answeredWaitMs', 'handled', 'talkMs', 'holdMs', 'wrapMs',
] as const satisfies ReadonlyArray<keyof Counters>

export function emptyCounters(): Counters {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as unknown as Counters
}

/** Adds `b` into `a` with sign +1 or −1 (−1 takes a visit's old contribution back out). */
export function addInto(a: Counters, b: Counters, sign: 1 | -1 = 1): void {
  for (const k of COUNTER_KEYS) a[k] += sign * b[k]
}

/** What one visit contributes to its interval's counters. */
export function visitCounters(v: Visit, t: Thresholds): Counters {
  const c = emptyCounters()
  if (!isKnownVisit(v)) return c
  c.offered = 1
  const o = v.outcome
  if (o === '') return c
  const withinT = v.waitMs <= t.serviceLevelMs
  if (ANSWERED.includes(o)) {
    c.answered = 1
    c.answeredWithinT = withinT ? 1 : 0
    c.answeredWaitMs = v.waitMs
    if (v.handled) {
      c.handled = 1
      c.talkMs = v.talkMs
      c.holdMs = v.holdMs
      c.wrapMs = v.wrapMs
    }
  } else if (ABANDONED.includes(o)) {
    c.abandoned = 1
    c.shortAbandons = v.waitMs <= t.shortAbandonMs ? 1 : 0
    c.abandonedWithinT = withinT ? 1 : 0
  } else if (FLOWED_OUT.includes(o)) {
    c.flowedOut = 1
  } else if (CALLBACK.includes(o)) {
    c.callbacks = 1
    c.callbacksWithinT = withinT ? 1 : 0
  }
  return c
}
