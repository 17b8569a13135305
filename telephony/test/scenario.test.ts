/** Bad scenarios are rejected at load with one sentence naming the problem. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadScenario, ScenarioError, simulate } from '../src/index.ts'

const queue = { id: 'q', arrivalsPerHour: 60, handleTime: { distribution: 'exponential', meanSeconds: 120 } }

describe('loadScenario', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', [1, 2], /must be a JSON object/],
    ['no queues', { queues: [], agents: { count: 1 } }, /at least one queue/],
    ['a queue without agents', { queues: [queue], agents: [] }, /a queue without agents can never answer/],
    ['a skill nobody has', { queues: [{ ...queue, requiredSkills: { french: 3 } }], agents: { count: 5, skills: { english: 5 } } }, /needs skill "french", which no agent has/],
    ['no agent with every skill', { queues: [{ ...queue, requiredSkills: { french: 3, german: 2 } }], agents: [{ id: 'a', skills: { french: 4 } }, { id: 'b', skills: { german: 4 } }] }, /no agent with all its skills \(french, german\)/],
    ['a negative rate', { queues: [{ ...queue, arrivalsPerHour: -5 }], agents: { count: 1 } }, /"arrivalsPerHour" must be a number ≥ 0 or 24/],
    ['23 hourly rates', { queues: [{ ...queue, arrivalsPerHour: Array(23).fill(1) }], agents: { count: 1 } }, /24 such numbers/],
    ['an unknown distribution', { queues: [{ ...queue, handleTime: { distribution: 'gamma', meanSeconds: 5 } }], agents: { count: 1 } }, /handleTime.distribution must be one of exponential, lognormal, constant/],
    ['a lognormal without sd', { queues: [{ ...queue, handleTime: { distribution: 'lognormal', meanSeconds: 5 } }], agents: { count: 1 } }, /sdSeconds must be a number above 0/],
    ['a duplicate queue', { queues: [queue, queue], agents: { count: 1 } }, /listed twice/],
    ['an unknown strategy', { queues: [{ ...queue, strategy: 'random' }], agents: { count: 1 } }, /"strategy" must be one of longest_idle/],
    ['zero agents', { queues: [queue], agents: { count: 0 } }, /"agents.count" must be a whole number of at least 1/],
    ['a bad start', { start: 'tomorrow', queues: [queue], agents: { count: 1 } }, /"start" must be an ISO date/],
  ]
  for (const [name, raw, message] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => loadScenario(raw)).toThrow(ScenarioError)
      expect(() => loadScenario(raw)).toThrow(message)
    })
  }

  it('accepts a good one, and the same seed gives the same run', () => {
    const s = loadScenario({ queues: [queue], agents: { count: 3 }, seed: 9 })
    const a = simulate(s, { hours: 4 })
    const b = simulate(s, { hours: 4 })
    expect(a).toEqual(b)
    expect(a.queues[0]!.counters.offered).toBeGreaterThan(150)
    expect(simulate(s, { hours: 4, seed: 10 }).queues[0]!.counters.offered).not.toBe(a.queues[0]!.counters.offered)
  })
})

describe('chat queues', () => {
  it('chat agents hold up to their capacity at once, never a voice call beside them; a chat queue nobody can take is refused', () => {
    const raw = JSON.parse(readFileSync(new URL('../scenarios/voice-and-chat.json', import.meta.url), 'utf8'))
    const held = new Map<string, Set<string>>()
    let most = 0
    const r = simulate(loadScenario(raw), {
      hours: 4,
      onEvent: (e) => {
        if (e.type === 'contact.connected') { const s = held.get(e.agentId!) ?? new Set(); s.add(e.contactId!); held.set(e.agentId!, s); if (e.agentId!.startsWith('c')) most = Math.max(most, s.size); else expect(s.size).toBe(1) }
        if (e.type === 'contact.wrapup_ended') held.get(e.agentId!)?.delete(e.contactId!)
      },
    })
    expect(most).toBe(3)
    expect(r.queues.find((q) => q.queueId === 'chat')!.counters.answered).toBeGreaterThan(200)
    const noCapacity = { ...raw, agents: raw.agents.map((a: { capacity?: unknown }) => ({ ...a, capacity: undefined })) }
    expect(() => loadScenario(noCapacity)).toThrow('Queue "chat" is a chat queue but no agent with its skills has chat capacity; give agents "capacity": {"chat": 3}.')
  })
})
