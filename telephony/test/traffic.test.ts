import { describe, expect, it } from 'vitest'
import { validateEvent } from '@agner/events'
import { TrafficModel, trafficForRate } from '../src/index.ts'

describe('synthetic traffic', () => {
  const start = Date.UTC(2026, 10, 21, 1, 0, 0)
  const cfg = { ...trafficForRate({ eventsPerSecond: 40, queues: 3, seed: 7 }), meanPatienceMs: 40_000 }
  const events = new TrafficModel(cfg, start).advance(start + 2 * 3600_000)

  it('produces valid canonical events in time order', () => {
    expect(events.length).toBeGreaterThan(40 * 3600)
    for (const e of events) {
      const v = validateEvent(e, { now: start + 3 * 3600_000 })
      if (!v.ok) throw new Error(`${e.type}: ${v.problems.join('; ')}`)
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time)
  })

  it('emits exactly one dequeued per queue visit, and mixes answers, abandons and waits', () => {
    const queued = new Set(events.filter((e) => e.type === 'contact.queued').map((e) => e.contactId))
    const dequeued = events.filter((e) => e.type === 'contact.dequeued')
    const ids = dequeued.map((e) => e.contactId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(queued.has(id)).toBe(true)
    const outcomes = new Set(dequeued.map((e) => (e.data as { outcome: string }).outcome))
    expect(outcomes).toContain('answered')
    expect(outcomes).toContain('abandoned')
  })

  it('never gives an agent two contacts at once', () => {
    const busyWith = new Map<string, string>()
    for (const e of events) {
      if (e.type === 'contact.connected') {
        expect(busyWith.has(e.data.agentId)).toBe(false)
        busyWith.set(e.data.agentId, e.contactId!)
      }
      if (e.type === 'contact.wrapup_ended') busyWith.delete(e.agentId!)
    }
  })
})
