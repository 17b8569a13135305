/** The ACD engine's lifecycle, by hand: offers, timeouts, priorities, overflow, illegal commands, events. */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { validateEvent } from '@agner/events'
import { AcdEngine, AcdError, type QueueConfig } from '../src/index.ts'

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0)
function setup(queues: Array<Partial<QueueConfig> & { id: string }>, agents: Array<{ id: string; skills?: Record<string, number>; capacity?: Record<string, number>; maxRingNoAnswer?: number }>) {
  const events: CanonicalEvent[] = []
  const acd = new AcdEngine({ tenant: 'default', source: { kind: 'acd', instance: 'test' }, now: T0, emit: (e) => events.push(e) })
  for (const q of queues) acd.addQueue({ channel: 'voice', requiredSkills: [], strategy: 'longest_idle', serviceLevelMs: 20_000, ringTimeoutMs: 10_000, ...q })
  for (const a of agents) acd.addAgent({ skills: {}, ...a })
  const of = (type: string, f: (e: CanonicalEvent) => boolean = () => true) => events.filter((e) => e.type === type && f(e))
  const lastOffer = (agentId: string) => of('contact.offered', (e) => e.agentId === agentId).at(-1)!.data as { offerId: string }
  return { acd, events, of, lastOffer, at: (s: number) => acd.advance(T0 + s * 1000) }
}

describe('AcdEngine', () => {
  it('offers to the longest-idle agent, connects on accept, and wraps up; every event is valid', () => {
    const { acd, events, of, lastOffer, at } = setup([{ id: 'sales' }], [{ id: 'a1' }, { id: 'a2' }])
    acd.setStatus('a2', 'available', undefined, 'agent') // a2 ready first: idle longer
    at(1); acd.setStatus('a1', 'available', undefined, 'agent')
    at(5); const c = acd.arrive({ queueId: 'sales', ani: '13800000000' })
    expect(of('contact.offered').map((e) => e.agentId)).toEqual(['a2'])
    at(7); acd.accept('a2', lastOffer('a2').offerId)
    const dq = of('contact.dequeued')
    expect(dq).toHaveLength(1)
    expect(dq[0]!.data).toMatchObject({ waitMs: 2000, outcome: 'answered' })
    expect(of('contact.connected')[0]!.data).toMatchObject({ agentId: 'a2', waitMs: 2000, ringMs: 2000 })
    at(67); acd.end('a2', c)
    at(77); acd.wrapUp('a2', c, 'resolved')
    expect(of('contact.ended')[0]!.data).toMatchObject({ endedBy: 'agent', talkMs: 60_000 })
    expect(of('contact.wrapup_ended')[0]!.data).toMatchObject({ durationMs: 10_000, dispositionCode: 'resolved' })
    expect(of('agent.activity_changed', (e) => e.agentId === 'a2').map((e) => (e.data as { activity: string }).activity))
      .toEqual(['offered', 'on_contact', 'wrap_up', 'idle'])
    for (const e of events) expect(validateEvent(e, { now: T0 + 3_600_000 }).ok, `${e.type}`).toBe(true)
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length)
  })

  it('a ringing offer that times out goes to the next agent; N misses put the agent in aux', () => {
    const { acd, of, at } = setup([{ id: 'q' }], [{ id: 'slow', maxRingNoAnswer: 2 }, { id: 'fast' }])
    acd.setStatus('slow', 'available', undefined, 'agent')
    at(1); acd.setStatus('fast', 'available', undefined, 'agent')
    at(2); acd.arrive({ queueId: 'q' })
    expect(of('contact.offered').map((e) => e.agentId)).toEqual(['slow'])
    at(12) // 10 s ring timeout
    expect(of('contact.offer_ended')[0]!.data).toMatchObject({ agentId: 'slow', outcome: 'timeout', ringMs: 10_000 })
    expect(of('contact.offered').map((e) => e.agentId)).toEqual(['slow', 'fast'])
    at(22) // fast misses too; the contact goes back to slow (skip list only holds for this contact until both missed)
    at(40); acd.arrive({ queueId: 'q' })
    at(60)
    const statuses = of('agent.status_changed', (e) => e.agentId === 'slow').map((e) => e.data)
    expect(statuses.at(-1)).toMatchObject({ status: 'aux', reasonCode: 'ring_no_answer', origin: 'system' })
  })

  it('priority jumps the line; a contact waiting past max wait overflows to another queue, one dequeue per visit', () => {
    const { acd, of, lastOffer, at } = setup(
      [{ id: 'front', maxWaitMs: 30_000, overflow: { action: 'queue', queueId: 'backup' } }, { id: 'backup' }],
      [{ id: 'x' }],
    )
    const early = acd.arrive({ queueId: 'front' })
    at(1); const vip = acd.arrive({ queueId: 'front', priority: 10 })
    at(2); acd.setStatus('x', 'available', undefined, 'agent')
    expect(of('contact.offered')[0]!.contactId).toBe(vip)
    acd.accept('x', lastOffer('x').offerId)
    at(31)
    const earlyVisits = of('contact.dequeued', (e) => e.contactId === early)
    expect(earlyVisits.map((e) => [e.queueId, (e.data as { outcome: string }).outcome])).toEqual([['front', 'timeout']])
    expect((earlyVisits[0]!.data as { overflowTo?: string }).overflowTo).toBe('backup')
    expect(of('contact.queued', (e) => e.contactId === early).map((e) => e.queueId)).toEqual(['front', 'backup'])
    acd.callerHangup(early)
    expect(of('contact.dequeued', (e) => e.contactId === early).map((e) => (e.data as { outcome: string }).outcome)).toEqual(['timeout', 'abandoned'])
  })

  it('refuses illegal commands with a reason and changes nothing', () => {
    const { acd, events, lastOffer, at } = setup([{ id: 'q' }], [{ id: 'a' }])
    acd.setStatus('a', 'available', undefined, 'agent')
    expect(() => acd.accept('a', 'o999')).toThrow(AcdError)
    const c = acd.arrive({ queueId: 'q' })
    at(1)
    expect(() => acd.end('a', c)).toThrow(/is offered; it cannot be ended|not on contact/)
    acd.accept('a', lastOffer('a').offerId)
    expect(() => acd.wrapUp('a', c)).toThrow(/not wrapping up/)
    acd.end('a', c)
    acd.wrapUp('a', c, 'ok')
    const count = events.length
    expect(() => acd.wrapUp('a', c, 'ok')).toThrow(/not wrapping up/)
    expect(() => acd.setStatus('ghost', 'available', undefined, 'agent')).toThrow(/no agent "ghost"/)
    expect(events.length).toBe(count)
  })

  it('an agent with chat capacity 2 takes two chats at once, but no voice while chatting', () => {
    const { acd, of, at } = setup([{ id: 'chat', channel: 'chat' }, { id: 'voice' }], [{ id: 'multi', capacity: { chat: 2, voice: 1 } }])
    acd.setStatus('multi', 'available', undefined, 'agent')
    for (const id of ['ch1', 'ch2', 'ch3']) acd.arrive({ queueId: 'chat', contactId: id })
    acd.arrive({ queueId: 'voice', contactId: 'v1' })
    let offer = of('contact.offered').at(-1)!
    acd.accept('multi', (offer.data as { offerId: string }).offerId)
    at(1)
    offer = of('contact.offered').at(-1)!
    expect(offer.contactId).toBe('ch2')
    acd.accept('multi', (offer.data as { offerId: string }).offerId)
    at(2)
    expect(of('contact.offered').map((e) => e.contactId)).toEqual(['ch1', 'ch2'])
  })
})

describe('callbacks', () => {
  it('a caller who asks for a callback keeps their place; the callback dials out when an agent takes it', () => {
    const { acd, of, lastOffer, at } = setup([{ id: 'q' }], [{ id: 'solo' }])
    acd.setStatus('solo', 'available', undefined, 'agent')
    const busy = acd.arrive({ queueId: 'q' })
    acd.accept('solo', lastOffer('solo').offerId)
    at(10); const first = acd.arrive({ queueId: 'q', ani: '13800001111' })
    at(20); const second = acd.arrive({ queueId: 'q', ani: '13900002222' })
    at(30); const cb = acd.requestCallback(first, '13800001111')
    expect(of('contact.callback_requested')[0]).toMatchObject({ contactId: first, data: { number: '13800001111', keepPosition: true } })
    expect(of('contact.dequeued', (e) => e.contactId === first)[0]!.data).toMatchObject({ outcome: 'callback', waitMs: 20_000 })
    expect(of('contact.created', (e) => e.contactId === cb)[0]!.data).toMatchObject({ direction: 'outbound', initiation: 'callback', dnis: '13800001111', previousContactId: first })
    // The agent frees up: the callback comes first (it holds the place from t = 10 s), before the caller from t = 20 s.
    at(40); acd.end('solo', busy); acd.wrapUp('solo', busy, 'ok')
    expect(of('contact.offered').at(-1)!.contactId).toBe(cb)
    acd.accept('solo', lastOffer('solo').offerId)
    expect(of('contact.connected', (e) => e.contactId === cb)[0]).toMatchObject({ channel: 'callback', data: { agentId: 'solo' } })
    expect(of('contact.dequeued', (e) => e.contactId === second)).toHaveLength(0)
    expect(() => acd.requestCallback(cb, '13800001111')).toThrow(/only a waiting caller/)
    expect(() => acd.requestCallback(second, 'call me maybe')).toThrow(/not a phone number/)
  })

  it('a queue whose overflow is a callback turns callers past max wait into callbacks, with their own number', () => {
    const { acd, of, at } = setup([{ id: 'q', maxWaitMs: 60_000, overflow: { action: 'callback' } }], [{ id: 'away' }])
    const c = acd.arrive({ queueId: 'q', ani: '13712345678' })
    at(61)
    expect(of('contact.dequeued', (e) => e.contactId === c)[0]!.data).toMatchObject({ outcome: 'callback' })
    expect(of('contact.callback_requested')[0]!.data).toMatchObject({ number: '13712345678' })
    at(600)
    expect(acd.waitingCount).toBe(1) // the callback waits for an agent, however long
  })
})
