/** Queues with business hours: the closed-hours actions, voicemail as overflow, and the ACD config loader. */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { validateEvent } from '@agner/events'
import { AcdConfigError, AcdEngine, loadAcdConfig, type BusinessHours, type QueueConfig } from '../src/index.ts'

// Saturday 21 Nov 2026, 09:00 UTC = 17:00 in Shanghai.
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0)
const weekdays: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: { 1: [['08:00', '20:00']], 2: [['08:00', '20:00']], 3: [['08:00', '20:00']], 4: [['08:00', '20:00']], 5: [['08:00', '20:00']] } }
const always: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: { 1: [['00:00', '24:00']], 2: [['00:00', '24:00']], 3: [['00:00', '24:00']], 4: [['00:00', '24:00']], 5: [['00:00', '24:00']], 6: [['00:00', '24:00']], 7: [['00:00', '24:00']] } }

function setup(queues: Array<Partial<QueueConfig> & { id: string }>, agents: string[] = ['a1']) {
  const events: CanonicalEvent[] = []
  const acd = new AcdEngine({ tenant: 'default', source: { kind: 'acd', instance: 'test' }, now: T0, emit: (e) => events.push(e) })
  for (const q of queues) acd.addQueue({ channel: 'voice', requiredSkills: [], strategy: 'longest_idle', serviceLevelMs: 20_000, ringTimeoutMs: 10_000, ...q })
  for (const id of agents) acd.addAgent({ id, skills: {} })
  const of = (type: string) => events.filter((e) => e.type === type)
  return { acd, events, of }
}

describe('closed hours', () => {
  it('a message: the caller hears it and the call ends; no queue visit is counted', () => {
    const { acd, of, events } = setup([{ id: 'sales', hours: weekdays, closedAction: { action: 'message', prompt: 'closed' } }])
    expect(acd.isQueueOpen('sales')).toBe(false)
    acd.arrive({ queueId: 'sales', ani: '13800000000' })
    expect(of('contact.ivr_step').map((e) => (e.data as { node: string }).node)).toEqual(['sales:closed'])
    expect(of('contact.ended')[0]!.data).toMatchObject({ endedBy: 'system' })
    expect(of('contact.queued')).toHaveLength(0)
    expect(of('contact.dequeued')).toHaveLength(0)
    for (const e of events) expect(validateEvent(e, { now: T0 + 60_000 }).ok, e.type).toBe(true)
  })

  it('another queue: callers go to the queue that is open, and are answered there', () => {
    const { acd, of } = setup([{ id: 'night', hours: always }, { id: 'sales', hours: weekdays, closedAction: { action: 'queue', queueId: 'night' } }])
    acd.setStatus('a1', 'available', undefined, 'agent')
    acd.arrive({ queueId: 'sales' })
    expect(of('contact.queued').map((e) => e.queueId)).toEqual(['night'])
    expect(of('contact.offered')).toHaveLength(1)
  })

  it('voicemail: the caller records a message; a call back to them waits in the queue until an agent takes it', () => {
    const { acd, of } = setup([{ id: 'sales', hours: weekdays, closedAction: { action: 'voicemail' } }])
    acd.arrive({ queueId: 'sales', ani: '13800000001' })
    expect(of('contact.ivr_step').map((e) => e.data)).toEqual([{ node: 'sales:closed' }, { node: 'voicemail', input: 'recorded' }])
    expect(of('contact.ended')[0]!.data).toMatchObject({ endedBy: 'customer' })
    const created = of('contact.created')
    expect(created[1]!.data).toMatchObject({ direction: 'outbound', initiation: 'callback', dnis: '13800000001', previousContactId: created[0]!.contactId })
    expect(of('contact.queued')).toHaveLength(1)
    expect(acd.waitingCount).toBe(1)
    // The morning: an agent logs in and is offered the voicemail's call back.
    acd.advance(T0 + 15 * 3_600_000)
    acd.setStatus('a1', 'available', undefined, 'agent')
    expect(of('contact.offered')[0]!.contactId).toBe(created[1]!.contactId)
  })

  it('callback: the number is kept (not the place) and called back; without a number, the message', () => {
    const { acd, of } = setup([{ id: 'sales', hours: weekdays, closedAction: { action: 'callback' } }])
    acd.arrive({ queueId: 'sales', ani: '13800000002' })
    expect(of('contact.callback_requested')[0]!.data).toEqual({ number: '13800000002', keepPosition: false })
    expect(acd.waitingCount).toBe(1)
    acd.arrive({ queueId: 'sales' })
    expect(of('contact.callback_requested')).toHaveLength(1)
    expect(of('contact.ended')).toHaveLength(2)
    expect(acd.waitingCount).toBe(1)
  })

  it('an open queue takes callers in line as usual', () => {
    const { acd, of } = setup([{ id: 'sales', hours: always, closedAction: { action: 'voicemail' } }])
    acd.arrive({ queueId: 'sales' })
    expect(of('contact.ivr_step')).toHaveLength(0)
    expect(of('contact.queued')).toHaveLength(1)
  })
})

describe('voicemail as the overflow', () => {
  it('a caller past max wait leaves the queue with `timeout` and reason voicemail, then records', () => {
    const { acd, of } = setup([{ id: 'q', maxWaitMs: 60_000, overflow: { action: 'voicemail' } }])
    acd.arrive({ queueId: 'q', ani: '13800000003' })
    acd.advance(T0 + 61_000)
    const dq = of('contact.dequeued')
    expect(dq[0]!.data).toMatchObject({ outcome: 'timeout', waitMs: 60_000, reason: 'voicemail' })
    expect(of('contact.ivr_step').at(-1)!.data).toEqual({ node: 'voicemail', input: 'recorded' })
    expect(acd.waitingCount).toBe(1) // the call back, at the back of the line; it never times out
    acd.advance(T0 + 600_000)
    expect(of('contact.dequeued')).toHaveLength(1)
  })
})

describe('offers called off', () => {
  it('a caller who hangs up while ringing leaves no offer behind; the agent takes the next caller', () => {
    const { acd, of } = setup([{ id: 'q' }])
    acd.setStatus('a1', 'available', undefined, 'agent')
    const first = acd.arrive({ queueId: 'q' })
    const second = acd.arrive({ queueId: 'q' })
    acd.callerHangup(first)
    expect(of('contact.offer_ended')[0]!.data).toMatchObject({ outcome: 'canceled' })
    expect(of('contact.offered').map((e) => e.contactId)).toEqual([first, second])
    expect(acd.agent('a1').offer?.contact.id).toBe(second)
    expect(of('contact.dequeued').map((e) => [e.contactId, (e.data as { outcome: string }).outcome])).toEqual([[first, 'abandoned']])
  })

  it('an agent going to aux while ringing: the contact is offered to someone else, never back to them', () => {
    const { acd, of } = setup([{ id: 'q' }], ['a1', 'a2'])
    acd.setStatus('a1', 'available', undefined, 'agent')
    acd.advance(T0 + 1000); acd.setStatus('a2', 'available', undefined, 'agent')
    const c = acd.arrive({ queueId: 'q' })
    acd.setStatus('a1', 'aux', 'break', 'agent')
    expect(of('contact.offered').map((e) => e.agentId)).toEqual(['a1', 'a2'])
    expect(acd.agent('a1').offer).toBeUndefined()
    expect(acd.agent('a2').offer?.contact.id).toBe(c)
  })

  it('a full queue sends an IVR caller to a callback (max size overflow)', () => {
    const { acd, of } = setup([{ id: 'q', maxSize: 1, overflow: { action: 'callback' } }])
    acd.addIvr({ id: 'main', start: 'go', nodes: { go: { type: 'queue', queueId: 'q' } } })
    acd.arrive({ queueId: 'q' })
    acd.arriveIvr({ ivrId: 'main', ani: '13800000009' })
    expect(of('contact.dequeued').at(-1)!.data).toMatchObject({ outcome: 'callback' })
    expect(of('contact.callback_requested')[0]!.data).toEqual({ number: '13800000009', keepPosition: true })
  })
})

describe('loadAcdConfig', () => {
  const base = { queues: [{ id: 'sales', requiredSkills: { sales: 1 } }], agents: [{ id: 'a1', skills: { sales: 5 } }] }
  const bad = (patch: object): string => { try { loadAcdConfig({ ...base, ...patch }); return 'accepted' } catch (e) { expect(e).toBeInstanceOf(AcdConfigError); return (e as Error).message } }

  it('turns seconds into the engine\'s milliseconds and defaults the rest', () => {
    const c = loadAcdConfig({ ...base, queues: [{ id: 'sales', requiredSkills: { sales: 1 }, serviceLevelSeconds: 30, maxWaitSeconds: 600, overflow: { action: 'voicemail' }, hours: weekdays, closedAction: { action: 'voicemail' } }] })
    expect(c.queues[0]).toMatchObject({ serviceLevelMs: 30_000, maxWaitMs: 600_000, ringTimeoutMs: 20_000, strategy: 'longest_idle', channel: 'voice', requiredSkills: [{ skill: 'sales', minLevel: 1 }] })
  })

  it('names the problem: a skill nobody has, a queue nobody can serve, unknown targets, bad hours, an IVR loop', () => {
    expect(bad({ queues: [{ id: 'sales', requiredSkills: { french: 1 } }] })).toBe('Queue "sales" needs skill "french", which no agent has; add it to an agent or drop it from the queue.')
    expect(bad({ queues: [{ id: 'chat', channel: 'chat' }] })).toMatch(/no agent who can serve it/)
    expect(bad({ queues: [{ id: 'sales', overflow: { action: 'queue', queueId: 'nope' } }] })).toMatch(/overflows to "nope", which is not a queue here/)
    expect(bad({ queues: [{ id: 'sales', hours: weekdays, closedAction: { action: 'queue', queueId: 'nope' } }] })).toMatch(/when closed, which is not a queue here/)
    expect(bad({ queues: [{ id: 'sales', closedAction: { action: 'voicemail' } }] })).toMatch(/no "hours"/)
    expect(bad({ queues: [{ id: 'sales', hours: { timeZone: 'Mars/Base', weekly: {} } }] })).toMatch(/not a time zone/)
    expect(bad({ queues: [{ id: 'sales', strategy: 'random' }] })).toMatch(/"strategy" must be one of/)
    expect(bad({ agents: [{ id: 'a1', skills: { sales: 11 } }] })).toMatch(/proficiency 1–10/)
    expect(bad({ ivrs: [{ id: 'x', start: 'a', nodes: { a: { type: 'message', prompt: 'hi', next: 'b' }, b: { type: 'message', prompt: 'again', next: 'a' } } }] })).toMatch(/has a loop: a → b → a/)
    expect(bad({ queues: [] })).toBe('"queues" must list at least one queue.')
  })
})
