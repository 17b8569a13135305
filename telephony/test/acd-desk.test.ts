/** What agents at a desk add to the ACD, by hand: next status, blind and consult transfers to an agent, a lost browser, the survey. */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { validateEvent } from '@agner/events'
import { AcdEngine, AcdError } from '../src/index.ts'

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0)
function setup() {
  const events: CanonicalEvent[] = []
  const acd = new AcdEngine({ tenant: 'default', source: { kind: 'acd', instance: 'test' }, now: T0, emit: (e) => events.push(e) })
  acd.addQueue({ id: 'sales', channel: 'voice', requiredSkills: [], strategy: 'longest_idle', serviceLevelMs: 20_000, ringTimeoutMs: 10_000, wrapUpLimitMs: 60_000 })
  for (const id of ['a1', 'a2', 'a3']) acd.addAgent({ id, name: id.toUpperCase(), skills: {} })
  const of = (type: string, f: (e: CanonicalEvent) => boolean = () => true) => events.filter((e) => e.type === type && f(e))
  const offerOf = (agentId: string) => (of('contact.offered', (e) => e.agentId === agentId).at(-1)!.data as { offerId: string }).offerId
  const at = (s: number) => acd.advance(T0 + s * 1000)
  /** a1 ready first, then the customer calls and a1 answers at 2 s. */
  const answered = () => {
    acd.setStatus('a1', 'available', undefined, 'agent')
    at(1); const c = acd.arrive({ queueId: 'sales', ani: '13800000001' })
    at(2); acd.accept('a1', offerOf('a1'))
    return c
  }
  return { acd, events, of, offerOf, at, answered }
}

describe('AcdEngine at the desk', () => {
  it('next status: the agent goes on break after wrapping up, without another offer in between', () => {
    const { acd, of, at, answered } = setup()
    const c = answered()
    acd.setNextStatus('a1', { status: 'aux', reasonCode: 'break' })
    acd.arrive({ queueId: 'sales' }) // waits: a1 is busy
    at(30); acd.end('a1', c)
    at(35); acd.wrapUp('a1', c, 'resolved')
    expect(of('agent.status_changed', (e) => e.agentId === 'a1').at(-1)!.data).toMatchObject({ status: 'aux', reasonCode: 'break', origin: 'agent' })
    expect(of('contact.offered', (e) => e.agentId === 'a1')).toHaveLength(1) // the waiting caller was not offered to a1
    // Idle with nothing in hand: the next status is taken at once.
    acd.setNextStatus('a1', { status: 'available' })
    expect(acd.agent('a1').status).toBe('available')
  })

  it('blind transfer to an agent: the contact ends by transfer, a new segment rings the target; unanswered, it waits in line keeping its place', () => {
    const { acd, of, at, answered } = setup()
    const c = answered()
    at(3); acd.setStatus('a2', 'available', undefined, 'agent')
    at(20); const k = acd.transferToAgent('a1', c, 'a2')
    expect(of('contact.transferred')[0]!.data).toMatchObject({ mode: 'blind', target: 'a2', newContactId: k })
    expect(of('contact.ended', (e) => e.contactId === c)[0]!.data).toMatchObject({ endedBy: 'transfer', talkMs: 18_000 })
    expect(of('contact.created', (e) => e.contactId === k)[0]!.data).toMatchObject({ initiation: 'transfer', previousContactId: c })
    const ks = (e: CanonicalEvent) => e.contactId === k
    expect(of('contact.offered', ks)[0]!.agentId).toBe('a2')
    expect(of('contact.offered', ks)[0]!.interactionId).toBe(of('contact.created', (e) => e.contactId === c)[0]!.interactionId)
    at(30) // a2 lets it ring out (10 s)
    expect(of('contact.offer_ended', ks)[0]!.data).toMatchObject({ outcome: 'timeout', ringMs: 10_000 })
    expect(of('contact.queued', ks)).toHaveLength(1) // now a queue visit
    at(40); acd.setStatus('a3', 'available', undefined, 'agent')
    const offered = of('contact.offered', ks).at(-1)!
    expect(offered.agentId).toBe('a3')
    acd.accept('a3', (offered.data as { offerId: string }).offerId)
    // Its wait counts from when the customer first queued (1 s): 39 s.
    expect(of('contact.dequeued', ks)[0]!.data).toMatchObject({ outcome: 'answered', waitMs: 39_000 })
  })

  it('blind transfer answered directly makes no queue visit', () => {
    const { acd, of, offerOf, at, answered } = setup()
    const c = answered()
    acd.setStatus('a2', 'available', undefined, 'agent')
    at(10); const k = acd.transferToAgent('a1', c, 'a2')
    at(12); acd.accept('a2', offerOf('a2'))
    expect(of('contact.queued', (e) => e.contactId === k)).toHaveLength(0)
    expect(of('contact.dequeued', (e) => e.contactId === k)).toHaveLength(0)
    expect(of('contact.connected', (e) => e.contactId === k)[0]!.data).toMatchObject({ agentId: 'a2', ringMs: 2000 })
  })

  it('consult: the customer is held, the target answers, complete hands the customer over; cancel ends only the consult', () => {
    const { acd, of, offerOf, at, answered, events } = setup()
    const c = answered()
    acd.setStatus('a2', 'available', undefined, 'agent')
    expect(() => acd.consult('a1', c, 'a1')).toThrow(AcdError)
    at(10); const k = acd.consult('a1', c, 'a2')
    expect(of('contact.held', (e) => e.contactId === c)).toHaveLength(1)
    expect(() => acd.completeConsult('a1', c)).toThrow(/not answered yet/)
    at(12); acd.accept('a2', offerOf('a2'))
    at(40); const to = acd.completeConsult('a1', c)
    expect(to).toBe(k)
    expect(of('contact.transferred', (e) => e.contactId === c)[0]!.data).toMatchObject({ mode: 'attended', target: 'a2', newContactId: k })
    // Talk 2→10 s (8 s), held 10→40 s (30 s): the first segment ends by transfer.
    expect(of('contact.ended', (e) => e.contactId === c)[0]!.data).toMatchObject({ endedBy: 'transfer', talkMs: 8000, holdMs: 30_000, holdCount: 1 })
    expect(acd.agent('a1').activity).toBe('wrap_up')
    at(100); acd.end('a2', k)
    expect(of('contact.ended', (e) => e.contactId === k)[0]!.data).toMatchObject({ endedBy: 'agent', talkMs: 60_000 })
    for (const e of events) expect(validateEvent(e, { now: T0 + 3_600_000 }).ok, e.type).toBe(true)

    // Another call; a consult cancelled while ringing ends that call and leaves the customer held.
    const { acd: b, of: bof, at: bat, answered: banswered } = setup()
    const c2 = banswered()
    b.setStatus('a2', 'available', undefined, 'agent')
    bat(5); const k2 = b.consult('a1', c2, 'a2')
    bat(7); b.cancelConsult('a1', c2)
    expect(bof('contact.offer_ended', (e) => e.contactId === k2)[0]!.data).toMatchObject({ outcome: 'canceled' })
    expect(bof('contact.ended', (e) => e.contactId === k2)[0]!.data).toMatchObject({ endedBy: 'agent' })
    expect(b.contact(c2).state).toBe('held')
    expect(b.agent('a2').activity).toBe('idle')
  })

  it('a lost agent browser: the customer goes back to the front of the line as a new segment, the agent to aux by the system', () => {
    const { acd, of, at, answered } = setup()
    const c = answered()
    at(3); acd.arrive({ queueId: 'sales' }) // someone else waiting since 3 s
    at(20); const [k] = acd.agentLost('a1')
    expect(of('contact.transferred', (e) => e.contactId === c)[0]!.data).toMatchObject({ mode: 'queue', target: 'sales', newContactId: k, reason: 'agent_lost' })
    expect(of('contact.ended', (e) => e.contactId === c)[0]!.data).toMatchObject({ endedBy: 'system' })
    expect(of('contact.wrapup_ended', (e) => e.contactId === c)[0]!.data).toMatchObject({ dispositionCode: 'agent_lost' })
    expect(of('agent.status_changed', (e) => e.agentId === 'a1').at(-1)!.data).toMatchObject({ status: 'aux', reasonCode: 'disconnected', origin: 'system' })
    expect(of('contact.queued', (e) => e.contactId === k)[0]!.data).toMatchObject({ position: 1 }) // ahead of the caller waiting since 3 s
  })

  it('records a survey of 1–5 and refuses other scores', () => {
    const { acd, of } = setup()
    acd.survey({ contactId: 'c9', interactionId: 'i9', queueId: 'sales', agentId: 'a1', channel: 'voice' }, 4, '很好 thanks')
    expect(of('contact.survey')[0]!.data).toEqual({ csat: 4, comment: '很好 thanks' })
    expect(() => acd.survey({ contactId: 'c9', interactionId: 'i9', channel: 'voice' }, 6, undefined)).toThrow(/1 to 5/)
  })
})
