/** Group figures sum numerators and denominators; thresholds fire in the metric's bad direction. */
import { describe, expect, it } from 'vitest'
import { levelOf, metricValue, type AgentLive, type Figures, type QueueLive } from '../src/index.ts'

function figures(p: Partial<Figures['parts']>, counts: Partial<Figures> = {}): Figures {
  return {
    offered: 0, answered: 0, abandoned: 0, shortAbandons: 0, flowedOut: 0, callbacks: 0, handled: 0,
    serviceLevel: null, asaMs: null, ahtMs: null, abandonRate: null,
    parts: { serviceLevel: [0, 0], asa: [0, 0], aht: [0, 0], abandonRate: [0, 0], ...p }, ...counts,
  }
}
function queue(id: string, today: Figures, extra: Partial<QueueLive> = {}): QueueLive {
  return {
    queueId: id, name: id, settings: { serviceLevelMs: 20_000, shortAbandonMs: 5000, formula: 'ignore_short_abandons', formulaText: '', flowOutsInDenominator: false },
    waiting: 0, oldestWaitingSince: null, waitingPastThreshold: 0, waitingContacts: [],
    agents: { ready: 0, reserved: 0, busy: 0, wrap: 0, aux: 0, offline: 0 },
    today: { ...today, maxWaitMs: 0 }, windows: { '15m': today, '30m': today, '60m': today }, ...extra,
  }
}

describe('metricValue', () => {
  it('a group\'s service level is Σ numerators / Σ denominators, not the mean of percentages', () => {
    // 90 of 100 in one queue (90 %), 1 of 10 in the other (10 %): the group is 91/110 = 82.7 %, not 50 %.
    const qs = [queue('a', figures({ serviceLevel: [90, 100] })), queue('b', figures({ serviceLevel: [1, 10] }))]
    expect(metricValue('serviceLevel', qs, 'today', 0)).toBeCloseTo(91 / 110, 10)
    expect(metricValue('serviceLevel', [queue('c', figures({}))], 'today', 0)).toBeNull()
  })

  it('ASA, AHT, counts, longest wait and agents by state over a group', () => {
    const qs = [
      queue('a', figures({ asa: [60_000, 6], aht: [600_000, 3] }, { offered: 7 }), { waiting: 2, oldestWaitingSince: 1_000, agents: { ready: 1, reserved: 1, busy: 2, wrap: 0, aux: 1, offline: 3 } }),
      queue('b', figures({ asa: [0, 4], aht: [300_000, 2] }, { offered: 5 }), { waiting: 1, oldestWaitingSince: 4_000, agents: { ready: 2, reserved: 0, busy: 1, wrap: 1, aux: 0, offline: 0 } }),
    ]
    expect(metricValue('asa', qs, 'today', 0)).toBe(6_000)
    expect(metricValue('aht', qs, 'today', 0)).toBe(180_000)
    expect(metricValue('offered', qs, 'today', 0)).toBe(12)
    expect(metricValue('waiting', qs, 'today', 0)).toBe(3)
    expect(metricValue('longestWait', qs, 'today', 31_000)).toBe(30_000)
    // Agents are counted once each, even when they serve both queues of the group.
    const agent = (id: string, state: AgentLive['state'], queues: string[]): AgentLive => ({ agentId: id, name: id, state, reasonCode: null, stateSince: 0, contactId: null, contactQueueId: null, contactSince: null, handledToday: 0, queues })
    const people = [agent('x', 'busy', ['a', 'b']), agent('y', 'reserved', ['b']), agent('z', 'ready', ['a']), agent('w', 'offline', ['a']), agent('v', 'busy', ['other'])]
    expect(metricValue('agentsBusy', qs, 'today', 0, people)).toBe(2)
    expect(metricValue('agentsLoggedIn', qs, 'today', 0, people)).toBe(3)
    expect(metricValue('agentsReady', [qs[1]!], 'today', 0, people)).toBe(0)
  })
})

describe('levelOf', () => {
  it('percent thresholds are 0–100 and durations seconds; direction follows the metric', () => {
    expect(levelOf('serviceLevel', 0.85, { amber: 80, red: 70 })).toBe('ok')
    expect(levelOf('serviceLevel', 0.8, { amber: 80, red: 70 })).toBe('amber')
    expect(levelOf('serviceLevel', 0.65, { amber: 80, red: 70 })).toBe('red')
    expect(levelOf('longestWait', 119_000, { amber: 60, red: 120 })).toBe('amber')
    expect(levelOf('longestWait', 120_000, { amber: 60, red: 120 })).toBe('red')
    expect(levelOf('waiting', 3, undefined)).toBe('ok')
    expect(levelOf('serviceLevel', null, { amber: 80, red: 70 })).toBe('ok')
  })
})
