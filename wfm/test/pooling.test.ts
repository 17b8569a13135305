/**
 * The pooling correction (staffing/pooling.ts) on a worked example: three queues, each 90 calls an
 * hour with 180 s handle time (4.5 Erlangs), 80 % within 20 s, Monday to Friday 08:00–18:00.
 * Erlang C alone: 7 agents each (6 give 64.3 %, 7 give 83.5 %, the service Erlang promises), 21 in
 * all. When every agent serves all three queues they are one pool of 13.5 Erlangs: 18 agents give
 * 89.0 % and 15 give 49.0 % (Erlang C by hand), so 6 per queue keeps the promised 83.5 % and 5 does
 * not. With agents who serve one queue each nothing pools and the requirement stands.
 */
import { describe, expect, it } from 'vitest'
import { pooledRequirements, scaled, type SkillRequirement } from '../src/index.ts'

const N = 672
const open = (t: number): boolean => t < 480 && t % 96 >= 32 && t % 96 < 72
const queue = (skill: string): SkillRequirement => ({
  skill, agents: Array.from({ length: N }, (_, t) => (open(t) ? 7 : 0)),
  volume: Array.from({ length: N }, (_, t) => (open(t) ? 22.5 : 0)), ahtSec: new Array<number>(N).fill(180), slThresholdSec: 20,
})
const base = { weekStart: Date.UTC(2026, 11, 14), intervalMin: 15, requirements: [queue('a'), queue('b'), queue('c')], goal: 0.8, shrinkage: 0 }

describe('pooledRequirements', () => {
  it('agents with all three skills: 6 per queue instead of Erlang C’s 7, the simulated service level still what Erlang promised', () => {
    const agents = Array.from({ length: 30 }, (_, k) => ({ id: `x${k}`, skills: ['a', 'b', 'c'] }))
    const r = pooledRequirements({ ...base, agents })
    for (const q of ['a', 'b', 'c']) {
      expect(scaled(7, r.queues[q]!.factor)).toBe(6)
      expect(r.queues[q]!.uncorrected!).toBeGreaterThan(0.93) // 21 agents pooled: 98.2 % by Erlang C
      expect(r.queues[q]!.serviceLevel!).toBeGreaterThanOrEqual(0.835)
      expect(r.queues[q]!.serviceLevel!).toBeLessThan(0.94)
    }
    expect(r.requirements[0]!.agents[40]).toBe(6)
    expect(r.requirements[0]!.agents[0]).toBe(0)
  })

  it('agents with one skill each: nothing pools, Erlang’s requirement stands', () => {
    const agents = Array.from({ length: 30 }, (_, k) => ({ id: `x${k}`, skills: [['a', 'b', 'c'][k % 3]!] }))
    const r = pooledRequirements({ ...base, agents })
    expect(r.queues.a!.factor).toBe(1)
    expect(r.requirements[1]!.agents[40]).toBe(7)
    expect(r.queues.a!.serviceLevel!).toBeGreaterThan(0.79) // 7 agents, 4.5 Erlangs: 83.5 % by Erlang C
    expect(r.queues.a!.serviceLevel!).toBeLessThan(0.88)
  })

  it('nothing to size (no queue has a forecast): the requirements come back as they were', () => {
    expect(pooledRequirements({ ...base, requirements: [], agents: [] })).toEqual({ requirements: [], queues: {} })
    const bare: SkillRequirement = { skill: 'a', agents: new Array<number>(N).fill(1) }
    expect(pooledRequirements({ ...base, requirements: [bare], agents: [{ id: 'x', skills: ['a', 'b'] }] }).requirements).toEqual([bare])
  })
})
