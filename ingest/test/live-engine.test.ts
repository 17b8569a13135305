import { describe, expect, it } from 'vitest'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { LiveEngine } from '../src/index.ts'

const TZ = 'Asia/Shanghai'
// 2026-10-01 00:00 in Shanghai.
const MIDNIGHT = Date.UTC(2026, 8, 30, 16, 0, 0)
const base = { tenant: 'default', source: { kind: 'test', instance: 'unit' }, channel: 'voice' } as const
const ev = (time: number, e: Record<string, unknown>): CanonicalEvent => ({ id: uuidv7(), time, ...base, ...e }) as CanonicalEvent

function visit(engine: LiveEngine, contactId: string, queuedAt: number, waitMs: number, outcome: string): void {
  engine.apply(ev(queuedAt, { type: 'contact.queued', contactId, queueId: 'sales', data: {} }))
  engine.apply(ev(queuedAt + waitMs, { type: 'contact.dequeued', contactId, queueId: 'sales', data: { waitMs, outcome } }))
}

describe('live engine', () => {
  it('"today" rolls over at the center\'s midnight while the sliding windows keep counting across it', () => {
    const engine = new LiveEngine({ tenant: 'default', timeZone: TZ, now: MIDNIGHT - 20 * 60_000 })
    visit(engine, 'a', MIDNIGHT - 10 * 60_000, 5000, 'answered')
    visit(engine, 'b', MIDNIGHT - 5 * 60_000, 30_000, 'answered')
    const before = engine.snapshot(MIDNIGHT - 60_000).queues[0]!
    expect(before.today.offered).toBe(2)
    visit(engine, 'c', MIDNIGHT + 60_000, 1000, 'abandoned')
    const after = engine.snapshot(MIDNIGHT + 2 * 60_000).queues[0]!
    expect(after.today).toMatchObject({ offered: 1, abandoned: 1, answered: 0, shortAbandons: 1 })
    expect(after.windows['15m']).toMatchObject({ offered: 3, answered: 2, abandoned: 1 })
    expect(after.windows['15m'].serviceLevel).toBeCloseTo(1 / 2)
  })

  it('a contact waiting past T counts as a miss live, and the longest wait is the oldest waiting contact', () => {
    const t0 = MIDNIGHT + 3600_000
    const engine = new LiveEngine({ tenant: 'default', timeZone: TZ, now: t0 })
    visit(engine, 'a', t0, 5000, 'answered')
    engine.apply(ev(t0 + 10_000, { type: 'contact.queued', contactId: 'w', queueId: 'sales', data: {} }))
    expect(engine.snapshot(t0 + 20_000).queues[0]!.today.serviceLevel).toBe(1)
    const late = engine.snapshot(t0 + 40_000).queues[0]!
    expect(late.waiting).toBe(1)
    expect(late.oldestWaitingSince).toBe(t0 + 10_000)
    expect(late.waitingPastThreshold).toBe(1)
    expect(late.today.serviceLevel).toBe(0.5)
  })

  it('a duplicate or late event never counts twice, and deltas name only what changed', () => {
    const t0 = MIDNIGHT + 3600_000
    const engine = new LiveEngine({ tenant: 'default', timeZone: TZ, now: t0 })
    const q = ev(t0, { type: 'contact.queued', contactId: 'x', queueId: 'sales', data: {} })
    const d = ev(t0 + 3000, { type: 'contact.dequeued', contactId: 'x', queueId: 'sales', data: { waitMs: 3000, outcome: 'answered' } })
    engine.apply(d); engine.apply(q); engine.apply(d); engine.apply(q)
    expect(engine.todayCounters('sales')).toMatchObject({ offered: 1, answered: 1, answeredWaitMs: 3000 })
    engine.takeDelta(t0 + 4000)
    expect(engine.takeDelta(t0 + 4100)).toBeUndefined()
    engine.apply(ev(t0 + 5000, { type: 'agent.status_changed', agentId: 'a1', data: { status: 'aux', reasonCode: 'lunch', origin: 'agent' } }))
    // Someone reads a snapshot in between (a socket connecting, the alert rules): the change still goes out.
    expect(engine.snapshot(t0 + 5050).agents.find((a) => a.agentId === 'a1')?.state).toBe('aux')
    const delta = engine.takeDelta(t0 + 5100)!
    expect(delta.agents.map((a) => [a.agentId, a.state, a.reasonCode])).toEqual([['a1', 'aux', 'lunch']])
  })

  it('every counter of a visit, handle time included, belongs to the 15-minute interval it entered the queue in', () => {
    const t0 = MIDNIGHT + 3600_000 + 14 * 60_000 // 01:14 local: the 01:00 interval
    const engine = new LiveEngine({ tenant: 'default', timeZone: TZ, now: t0 })
    visit(engine, 'x', t0, 90_000, 'answered') // answered at 01:15:30, in the next interval
    engine.apply(ev(t0 + 400_000, { type: 'contact.ended', contactId: 'x', queueId: 'sales', data: { endedBy: 'customer', talkMs: 300_000, holdMs: 0, holdCount: 0 } }))
    engine.apply(ev(t0 + 430_000, { type: 'contact.wrapup_ended', contactId: 'x', queueId: 'sales', agentId: 'a1', data: { durationMs: 30_000 } }))
    const intervals = engine.intervalCounters('sales')
    expect(intervals).toHaveLength(1)
    expect(intervals[0]).toMatchObject({ start: MIDNIGHT + 3600_000, maxWaitMs: 90_000, counters: { offered: 1, answered: 1, handled: 1, talkMs: 300_000, wrapMs: 30_000 } })
  })

  it('a sliding window is exactly the last N minutes, to the second, and a visit ageing out of it marks the queue changed', () => {
    const t0 = MIDNIGHT + 10 * 3600_000 + 30_000 // 10:00:30
    const engine = new LiveEngine({ tenant: 'default', timeZone: TZ, now: t0 })
    visit(engine, 'old', t0, 1000, 'answered')
    // 29 min 50 s later the visit is inside the 30-minute window (it used to fall out at the minute's turn).
    const inside = engine.snapshot(t0 + 29 * 60_000 + 50_000).queues[0]!
    expect(inside.windows['30m'].offered).toBe(1)
    expect(inside.windows['15m'].offered).toBe(0)
    expect(engine.snapshot(t0 + 30 * 60_000 - 1000).queues[0]!.windows['30m'].offered).toBe(1)
    expect(engine.snapshot(t0 + 30 * 60_000 + 1000).queues[0]!.windows['30m'].offered).toBe(0)
    expect(engine.snapshot(t0 + 30 * 60_000 + 1000).queues[0]!.windows['60m'].offered).toBe(1)
    // 14 min 59 s old: in the 15-minute window; 15 min 01 s: out.
    expect(engine.snapshot(t0 + 14 * 60_000 + 59_000).queues[0]!.windows['15m'].offered).toBe(1)
    expect(engine.snapshot(t0 + 15 * 60_000 + 1000).queues[0]!.windows['15m'].offered).toBe(0)
    // With no event, the frame after the visit leaves the 30-minute window carries the queue.
    engine.takeDelta(t0 + 30 * 60_000 - 2000)
    expect(engine.takeDelta(t0 + 30 * 60_000 - 1500)).toBeUndefined()
    const delta = engine.takeDelta(t0 + 30 * 60_000 + 1000)
    expect(delta?.queues.map((q) => [q.queueId, q.windows['30m'].offered])).toEqual([['sales', 0]])
  })

  it('an agent\'s time in each state today and handle time, worked by hand, the same in any arrival order', () => {
    // 09:00 ready, 09:10 on a call (talk 8 min + hold 2 min), 09:20 wrap-up (5 min), 09:25 ready, 09:30 on a break.
    const at = (h: number, m: number) => MIDNIGHT + (h * 60 + m) * 60_000
    const events = [
      ev(at(9, 0), { type: 'agent.status_changed', agentId: 'a1', data: { status: 'available', origin: 'agent' } }),
      ev(at(9, 10), { type: 'agent.activity_changed', agentId: 'a1', data: { activity: 'on_contact', contactId: 'c1' } }),
      ev(at(9, 20), { type: 'contact.ended', agentId: 'a1', contactId: 'c1', queueId: 'sales', data: { endedBy: 'customer', talkMs: 8 * 60_000, holdMs: 2 * 60_000, holdCount: 1 } }),
      ev(at(9, 20) + 1, { type: 'agent.activity_changed', agentId: 'a1', data: { activity: 'wrap_up', contactId: 'c1' } }),
      ev(at(9, 25), { type: 'agent.activity_changed', agentId: 'a1', data: { activity: 'idle' } }),
      ev(at(9, 25), { type: 'contact.wrapup_ended', agentId: 'a1', contactId: 'c1', queueId: 'sales', data: { durationMs: 5 * 60_000 } }),
      ev(at(9, 30), { type: 'agent.status_changed', agentId: 'a1', data: { status: 'aux', reasonCode: 'break', origin: 'agent' } }),
    ]
    const inOrder = new LiveEngine({ tenant: 'default', timeZone: TZ, now: at(9, 40) })
    for (const e of events) inOrder.apply(e)
    const backwards = new LiveEngine({ tenant: 'default', timeZone: TZ, now: at(9, 40) })
    for (const e of [...events].reverse()) backwards.apply(e)
    const a = inOrder.snapshot(at(9, 40)).agents.find((x) => x.agentId === 'a1')!
    expect(a.stateMsToday).toEqual({ ready: 15 * 60_000, reserved: 0, busy: 10 * 60_000 + 1, wrap: 5 * 60_000 - 1, aux: 0, offline: 0 })
    expect(a).toMatchObject({ state: 'aux', stateSince: at(9, 30), handledToday: 1, handleMsToday: 15 * 60_000 })
    expect(backwards.snapshot(at(9, 40)).agents.find((x) => x.agentId === 'a1')).toEqual(a)
  })
})
