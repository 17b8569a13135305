/**
 * The pooling correction (staffing/pooling.ts) on a worked example: two queues, each 100 calls an
 * hour with 180 s handle time (5 Erlangs), 80 % within 20 s, Monday 08:00–18:00. Erlang C alone:
 * 8 agents each (7 give 74.0 %, 8 give 88.0 %), 16 in all. When every agent serves both queues they
 * are one pool of 10 Erlangs: 13 agents give 79.6 % and 14 give 88.8 % (Erlang C by hand), so 7 per
 * queue is the corrected requirement and 6 (12 agents, 64.0 %) is too few. With agents who serve one
 * queue each nothing pools and the requirement stands.
 */
import { describe, expect, it } from 'vitest'
import { pooledRequirements, scaled, type SkillRequirement } from '../src/index.ts'

const N = 672
const open = (t: number): boolean => t >= 32 && t < 72
const queue = (skill: string): SkillRequirement => ({
  skill, agents: Array.from({ length: N }, (_, t) => (open(t) ? 8 : 0)),
  volume: Array.from({ length: N }, (_, t) => (open(t) ? 25 : 0)), ahtSec: new Array<number>(N).fill(180), slThresholdSec: 20,
})
const base = { weekStart: Date.UTC(2026, 11, 14), intervalMin: 15, requirements: [queue('a'), queue('b')], goal: 0.8, shrinkage: 0 }

describe('pooledRequirements', () => {
  it('agents with both skills: 7 per queue instead of Erlang C’s 8, the simulated service level still at the goal', () => {
    const agents = Array.from({ length: 20 }, (_, k) => ({ id: `x${k}`, skills: ['a', 'b'] }))
    const r = pooledRequirements({ ...base, agents })
    for (const q of ['a', 'b']) {
      expect(scaled(8, r.queues[q]!.factor)).toBe(7)
      expect(r.queues[q]!.uncorrected!).toBeGreaterThan(0.95) // 16 agents pooled: far above the goal
      expect(r.queues[q]!.serviceLevel!).toBeGreaterThanOrEqual(0.8)
      expect(r.queues[q]!.serviceLevel!).toBeLessThan(0.95)
    }
    expect(r.requirements[0]!.agents[40]).toBe(7)
    expect(r.requirements[0]!.agents[0]).toBe(0)
  })

  it('agents with one skill each: nothing pools, Erlang’s requirement stands', () => {
    const agents = Array.from({ length: 20 }, (_, k) => ({ id: `x${k}`, skills: [k % 2 ? 'a' : 'b'] }))
    const r = pooledRequirements({ ...base, agents })
    expect(r.queues.a!.factor).toBe(1)
    expect(r.requirements[1]!.agents[40]).toBe(8)
    expect(r.queues.a!.serviceLevel!).toBeGreaterThan(0.84) // 8 agents, 5 Erlangs: 88.0 % by Erlang C
    expect(r.queues.a!.serviceLevel!).toBeLessThan(0.92)
  })
})
