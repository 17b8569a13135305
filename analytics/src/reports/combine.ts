/**
 * Figures of a group of queue buckets: counts are summed; each ratio is the sum of its numerators
 * over the sum of its denominators, each queue's service level by its own formula and threshold.
 */
import { serviceLevelParts, SERVICE_LEVEL_FORMULAS, type ServiceLevelFormula } from '../metrics/formulas.ts'
import type { ReportContext } from './context.ts'
import type { QueueBucket } from './rollup-counters.ts'

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)

export interface GroupFigures {
  offered: number; answered: number; abandoned: number; shortAbandons: number; flowedOut: number; callbacks: number; handled: number
  serviceLevel: number | null; asa: number | null; aht: number | null; abandonRate: number | null; maxWait: number | null
  avgTalk: number | null; avgHold: number | null; avgWrap: number | null
}

export function combine(ctx: ReportContext, items: readonly QueueBucket[]): GroupFigures {
  let offered = 0, answered = 0, abandoned = 0, short = 0, flowed = 0, callbacks = 0, handled = 0
  let slN = 0, slD = 0, wait = 0, handle = 0, talk = 0, hold = 0, wrap = 0, maxWait = 0
  for (const { queueId, counters: c, maxWaitMs } of items) {
    const s = ctx.queue(queueId)
    const [n, d] = serviceLevelParts(c, { formula: s.formula, flowOutsInDenominator: s.flowOutsInDenominator })
    offered += c.offered; answered += c.answered; abandoned += c.abandoned; short += c.shortAbandons; flowed += c.flowedOut
    callbacks += c.callbacks; handled += c.handled; slN += n; slD += d; wait += c.answeredWaitMs
    talk += c.talkMs; hold += c.holdMs; wrap += c.wrapMs; handle += c.talkMs + c.holdMs + c.wrapMs
    maxWait = Math.max(maxWait, maxWaitMs)
  }
  return {
    offered, answered, abandoned, shortAbandons: short, flowedOut: flowed, callbacks, handled,
    serviceLevel: ratio(slN, slD), asa: ratio(wait, answered), aht: ratio(handle, handled),
    abandonRate: ratio(abandoned - short, offered - short), maxWait: items.length > 0 ? maxWait : null,
    avgTalk: ratio(talk, handled), avgHold: ratio(hold, handled), avgWrap: ratio(wrap, handled),
  }
}

/** Service level of a group under one named formula for every queue (the side-by-side report). */
export function serviceLevelUnder(ctx: ReportContext, items: readonly QueueBucket[], formula: ServiceLevelFormula): number | null {
  let n = 0, d = 0
  for (const { queueId, counters } of items) {
    const [a, b] = serviceLevelParts(counters, { formula, flowOutsInDenominator: ctx.queue(queueId).flowOutsInDenominator })
    n += a; d += b
  }
  return ratio(n, d)
}

export function groupBy<T, K>(items: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>()
  for (const x of items) {
    const k = key(x)
    const list = m.get(k)
    if (list) list.push(x)
    else m.set(k, [x])
  }
  return m
}

export { SERVICE_LEVEL_FORMULAS }
