/**
 * Metric definitions, DESIGN §4: written once, shared by the live engine and the reports.
 * Each function returns null when its denominator is zero (shown as "—", never as 0 % or 100 %).
 */
import type { Counters } from './counters.ts'

export const SERVICE_LEVEL_FORMULAS = [
  'answered', 'offered', 'ignore_short_abandons', 'ignore_abandons_within_threshold',
  'abandons_within_threshold_positive', 'removed_within_threshold',
] as const
export type ServiceLevelFormula = (typeof SERVICE_LEVEL_FORMULAS)[number]

export interface ServiceLevelSettings {
  formula: ServiceLevelFormula
  /** Add flow-outs (timeout, no agents, overflow, transferred) to the denominator. */
  flowOutsInDenominator: boolean
}

/** Contacts still waiting, for live service level: one waiting past T already counts as a miss. */
export interface LiveWaiting {
  waitingPastT: number
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)

/** Numerator and denominator of the queue's service level (summed over queues for a group figure). */
export function serviceLevelParts(c: Counters, s: ServiceLevelSettings, live: LiveWaiting = { waitingPastT: 0 }): [number, number] {
  const F = s.flowOutsInDenominator ? c.flowedOut : 0
  const miss = live.waitingPastT
  const A = c.answered, Ab = c.abandoned
  switch (s.formula) {
    case 'answered': return [c.answeredWithinT, A + F + miss]
    case 'offered': return [c.answeredWithinT, A + Ab + F + miss]
    case 'ignore_short_abandons': return [c.answeredWithinT, A + Ab - c.shortAbandons + F + miss]
    case 'ignore_abandons_within_threshold': return [c.answeredWithinT, A + Ab - c.abandonedWithinT + F + miss]
    case 'abandons_within_threshold_positive': return [c.answeredWithinT + c.abandonedWithinT, A + Ab + F + miss]
    // Q counts every visit, waiting ones included; flow-outs are already in Q.
    case 'removed_within_threshold': return [c.answeredWithinT + c.abandonedWithinT + c.callbacksWithinT, c.offered]
  }
}

export function serviceLevel(c: Counters, s: ServiceLevelSettings, live: LiveWaiting = { waitingPastT: 0 }): number | null {
  const [n, d] = serviceLevelParts(c, s, live)
  return ratio(n, d)
}

/** Average speed of answer: queue wait of answered contacts / answered. */
export const asaMs = (c: Counters): number | null => ratio(c.answeredWaitMs, c.answered)
/** Average handle time: (talk + hold + wrap) / handled. */
export const ahtMs = (c: Counters): number | null => ratio(c.talkMs + c.holdMs + c.wrapMs, c.handled)
/** Abandon rate: (Ab − Ab≤S) / (Q − Ab≤S); short abandons are reported on their own. */
export const abandonRate = (c: Counters): number | null => ratio(c.abandoned - c.shortAbandons, c.offered - c.shortAbandons)

/** The formula of each metric in words, for hover text and report footnotes. */
export const FORMULA_TEXT = {
  serviceLevel: {
    answered: 'A≤T / A',
    offered: 'A≤T / (A + Ab)',
    ignore_short_abandons: 'A≤T / (A + Ab − Ab≤S)',
    ignore_abandons_within_threshold: 'A≤T / (A + Ab − Ab≤T)',
    abandons_within_threshold_positive: '(A≤T + Ab≤T) / (A + Ab)',
    removed_within_threshold: '(A≤T + Ab≤T + C≤T) / Q',
  } satisfies Record<ServiceLevelFormula, string>,
  asa: 'queue wait of answered contacts / answered (IVR time excluded)',
  aht: '(talk + hold + wrap) / handled contacts',
  abandonRate: '(Ab − Ab≤S) / (Q − Ab≤S)',
  longestWait: 'age of the oldest contact waiting now',
  maxWait: 'largest wait in the period, abandoned contacts included',
} as const

export interface Figures {
  offered: number
  answered: number
  abandoned: number
  shortAbandons: number
  flowedOut: number
  callbacks: number
  handled: number
  serviceLevel: number | null
  asaMs: number | null
  ahtMs: number | null
  abandonRate: number | null
  /**
   * Numerator and denominator of each ratio, so a group of queues sums them (each queue by its own
   * formula and thresholds) instead of averaging percentages.
   */
  parts: { serviceLevel: [number, number]; asa: [number, number]; aht: [number, number]; abandonRate: [number, number] }
}

export function figures(c: Counters, s: ServiceLevelSettings, live?: LiveWaiting): Figures {
  return {
    offered: c.offered, answered: c.answered, abandoned: c.abandoned, shortAbandons: c.shortAbandons,
    flowedOut: c.flowedOut, callbacks: c.callbacks, handled: c.handled,
    serviceLevel: serviceLevel(c, s, live), asaMs: asaMs(c), ahtMs: ahtMs(c), abandonRate: abandonRate(c),
    parts: {
      serviceLevel: serviceLevelParts(c, s, live), asa: [c.answeredWaitMs, c.answered],
      aht: [c.talkMs + c.holdMs + c.wrapMs, c.handled], abandonRate: [c.abandoned - c.shortAbandons, c.offered - c.shortAbandons],
    },
  }
}
