/**
 * Metric definitions against published values: Call Centre Helper's worked example
 * (A = 1000, Ab = 60, A≤20s = 860, Ab≤20s = 20, Ab≤5s = 10), as quoted in
 * shared/reference/wallboards-and-metrics.md §2.1.
 */
import { describe, expect, it } from 'vitest'
import { abandonRate, ahtMs, asaMs, emptyCounters, serviceLevel, visitCounters, emptyVisit, type Counters } from '../src/index.ts'

const worked: Counters = { ...emptyCounters(), offered: 1060, answered: 1000, answeredWithinT: 860, abandoned: 60, abandonedWithinT: 20, shortAbandons: 10 }
const sl = (formula: Parameters<typeof serviceLevel>[1]['formula'], c = worked) =>
  Math.round(serviceLevel(c, { formula, flowOutsInDenominator: false })! * 1000) / 10

describe('service level: the named formulas give the published figures', () => {
  it('SL-1 answered: 86.0 %', () => expect(sl('answered')).toBe(86.0))
  it('SL-2 offered: 81.1 %', () => expect(sl('offered')).toBe(81.1))
  it('SL-3 ignore abandons within threshold: 82.7 %', () => expect(sl('ignore_abandons_within_threshold')).toBe(82.7))
  it('SL-4 ignore short abandons (S = 5 s): 81.9 %', () => expect(sl('ignore_short_abandons')).toBe(81.9))
  it('SL-5 abandons within threshold positive: 83.0 %', () => expect(sl('abandons_within_threshold_positive')).toBe(83.0))
  it('SL-6 removed within threshold: (A≤T + Ab≤T + C≤T) / Q', () => {
    expect(sl('removed_within_threshold', { ...worked, offered: 1100, callbacksWithinT: 20 })).toBe(81.8)
  })
  it('flow-outs join the denominator when the queue says so (Genesys "Include Flowouts")', () => {
    const c = { ...worked, flowedOut: 40 }
    expect(Math.round(serviceLevel(c, { formula: 'offered', flowOutsInDenominator: true })! * 1000) / 10).toBe(78.2)
  })
  it('live: a contact still waiting past T already counts as a miss', () => {
    const s = serviceLevel(worked, { formula: 'answered', flowOutsInDenominator: false }, { waitingPastT: 75 })!
    expect(Math.round(s * 1000) / 10).toBe(80.0)
  })
  it('no contacts: no figure (null), never 0 % or 100 %', () => {
    expect(serviceLevel(emptyCounters(), { formula: 'offered', flowOutsInDenominator: false })).toBeNull()
    expect(asaMs(emptyCounters())).toBeNull()
    expect(ahtMs(emptyCounters())).toBeNull()
  })
})

describe('ASA, AHT, abandon rate', () => {
  it('abandon rate leaves short abandons out of both sides: (60 − 10) / (1060 − 10) = 4.76 %', () => {
    expect(Math.round(abandonRate(worked)! * 10_000) / 100).toBe(4.76)
  })
  it('ASA is the queue wait of answered contacts over answered; AHT is talk + hold + wrap over handled', () => {
    expect(asaMs({ ...emptyCounters(), answered: 4, answeredWaitMs: 40_000 })).toBe(10_000)
    expect(ahtMs({ ...emptyCounters(), handled: 2, talkMs: 300_000, holdMs: 60_000, wrapMs: 40_000 })).toBe(200_000)
  })
  it('a visit counts by its outcome and waits against T and S', () => {
    const t = { serviceLevelMs: 20_000, shortAbandonMs: 5_000 }
    const v = { ...emptyVisit('default', 'q', 'c'), queuedAtMs: 1, dequeuedAtMs: 4001, waitMs: 4000, outcome: 'abandoned' as const }
    expect(visitCounters(v, t)).toMatchObject({ offered: 1, abandoned: 1, shortAbandons: 1, abandonedWithinT: 1, answered: 0 })
    const answered = { ...v, outcome: 'answered' as const, waitMs: 25_000, handled: true, talkMs: 10, holdMs: 5, wrapMs: 3 }
    expect(visitCounters(answered, t)).toMatchObject({ answered: 1, answeredWithinT: 0, answeredWaitMs: 25_000, handled: 1, talkMs: 10 })
    expect(visitCounters({ ...v, outcome: 'overflow' }, t)).toMatchObject({ flowedOut: 1, abandoned: 0 })
  })
})
