/** Every routing rule with a hand-worked expected assignment. */
import { describe, expect, it } from 'vitest'
import { before, effectiveNeeds, enqueue, pickAgent, type Candidate } from '../src/acd/routing.ts'

const agent = (id: string, index: number, idleSince: number, skills: Record<string, number>, occupancy = 0): Candidate =>
  ({ id, index, idleSince, skills: new Map(Object.entries(skills)), occupancy })

// Four agents, idle since t = 100, 50, 75, 50; English levels 3, 7, 9, 5.
const A = agent('ann', 0, 100, { en: 3 }, 0.9)
const B = agent('bob', 1, 50, { en: 7 }, 0.5)
const C = agent('cai', 2, 75, { en: 9, fr: 4 }, 0.2)
const D = agent('dee', 3, 50, { en: 5 }, 0.2)
const ALL = [A, B, C, D]
const EN = [{ skill: 'en', minLevel: 1 }]

describe('pickAgent', () => {
  it('longest idle: the smallest idle-since wins; a tie goes to the lower index (bob 50 vs dee 50 → bob)', () => {
    expect(pickAgent(ALL, EN, 'longest_idle')?.id).toBe('bob')
  })

  it('most skilled: the highest level on the required skills (cai, 9)', () => {
    expect(pickAgent(ALL, EN, 'most_skilled')?.id).toBe('cai')
    // en + fr: cai is the only one with French at all.
    expect(pickAgent(ALL, [{ skill: 'en', minLevel: 1 }, { skill: 'fr', minLevel: 1 }], 'most_skilled')?.id).toBe('cai')
  })

  it('least occupied: lowest occupancy, ties to the longest idle (cai 0.2 idle 75 vs dee 0.2 idle 50 → dee)', () => {
    expect(pickAgent(ALL, EN, 'least_occupied')?.id).toBe('dee')
  })

  it('round robin: the next index after the cursor, wrapping around', () => {
    expect(pickAgent(ALL, EN, 'round_robin', -1)?.id).toBe('ann')
    expect(pickAgent(ALL, EN, 'round_robin', 0)?.id).toBe('bob')
    expect(pickAgent(ALL, EN, 'round_robin', 2)?.id).toBe('dee')
    expect(pickAgent(ALL, EN, 'round_robin', 3)?.id).toBe('ann')
    // Only some free: after cai (2), with bob and dee busy, it wraps to ann.
    expect(pickAgent([A, C], EN, 'round_robin', 2)?.id).toBe('ann')
  })

  it('skill levels filter before the strategy: en ≥ 6 leaves bob and cai; longest idle → bob', () => {
    expect(pickAgent(ALL, [{ skill: 'en', minLevel: 6 }], 'longest_idle')?.id).toBe('bob')
    expect(pickAgent(ALL, [{ skill: 'de', minLevel: 1 }], 'longest_idle')).toBeUndefined()
  })
})

describe('skill relaxation', () => {
  it('lowers every required level to the step reached (en 8 → 5 after 30 s → 1 after 60 s)', () => {
    const needs = [{ skill: 'en', minLevel: 8 }]
    const relax = [{ afterMs: 30_000, minLevel: 5 }, { afterMs: 60_000, minLevel: 1 }]
    expect(effectiveNeeds(needs, relax, 10_000)).toEqual([{ skill: 'en', minLevel: 8 }])
    expect(effectiveNeeds(needs, relax, 30_000)).toEqual([{ skill: 'en', minLevel: 5 }])
    expect(effectiveNeeds(needs, relax, 90_000)).toEqual([{ skill: 'en', minLevel: 1 }])
    // At 10 s only cai (9) qualifies; at 30 s bob (7), cai and dee (5) do, and bob is longest idle.
    expect(pickAgent(ALL, effectiveNeeds(needs, relax, 10_000), 'longest_idle')?.id).toBe('cai')
    expect(pickAgent(ALL, effectiveNeeds(needs, relax, 30_000), 'longest_idle')?.id).toBe('bob')
  })
})

describe('waiting order', () => {
  it('priority first, then time in queue', () => {
    const line: Array<{ id: string; priority: number; queuedAt: number }> = []
    enqueue(line, { id: 'x', priority: 0, queuedAt: 10 })
    enqueue(line, { id: 'y', priority: 0, queuedAt: 5 })
    enqueue(line, { id: 'z', priority: 5, queuedAt: 20 })
    enqueue(line, { id: 'w', priority: 0, queuedAt: 5 })
    expect(line.map((c) => c.id)).toEqual(['z', 'w', 'y', 'x'])
    expect(before({ id: 'a', priority: 1, queuedAt: 99 }, { id: 'b', priority: 0, queuedAt: 1 })).toBe(true)
  })
})
