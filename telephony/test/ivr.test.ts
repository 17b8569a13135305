/** IVR flows: checked at load (loops, dangling nodes, unknown queues), walked with keys, time-outs, retries and business hours. */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { AcdEngine, IvrError, isOpen, loadIvr, type BusinessHours } from '../src/index.ts'

// Monday 2026-11-23 10:00 in Shanghai = 02:00 UTC.
const MON_10 = Date.UTC(2026, 10, 23, 2, 0)
const HOURS: BusinessHours = { timeZone: 'Asia/Shanghai', weekly: { 1: [['08:00', '20:00']], 2: [['08:00', '20:00']], 6: [['09:00', '12:00']] }, holidays: ['2026-11-24'] }

const FLOW = {
  id: 'main', start: 'hours',
  nodes: {
    hours: { type: 'hours', hours: HOURS, open: 'welcome', closed: 'closed' },
    closed: { type: 'message', prompt: 'We are closed; call again from 8:00.', next: 'bye' },
    bye: { type: 'hangup' },
    welcome: { type: 'menu', prompt: 'Press 1 for sales, 2 for support.', options: { 1: 'to-sales', 2: 'to-support' }, timeoutSeconds: 5, retries: 1, onNoInput: 'to-support' },
    'to-sales': { type: 'queue', queueId: 'sales' },
    'to-support': { type: 'queue', queueId: 'support', priority: 3 },
  },
}

describe('business hours', () => {
  it('open by weekday spans in the center time zone, closed on holidays and outside the spans', () => {
    expect(isOpen(HOURS, MON_10)).toBe(true)
    expect(isOpen(HOURS, MON_10 + 11 * 3_600_000)).toBe(false) // 21:00
    expect(isOpen(HOURS, MON_10 + 24 * 3_600_000)).toBe(false) // Tuesday: a holiday
    expect(isOpen(HOURS, MON_10 + 5 * 24 * 3_600_000)).toBe(true) // Saturday 10:00, open 9–12
    expect(isOpen(HOURS, MON_10 + 5 * 24 * 3_600_000 + 3 * 3_600_000)).toBe(false) // Saturday 13:00
    expect(isOpen(HOURS, MON_10 + 6 * 24 * 3_600_000)).toBe(false) // Sunday: no spans
  })
})

describe('loadIvr', () => {
  const known = (id: string) => id === 'sales' || id === 'support'
  const bad: Array<[string, unknown, RegExp]> = [
    ['a loop', { ...FLOW, nodes: { ...FLOW.nodes, 'to-sales': { type: 'message', prompt: 'One moment.', next: 'welcome' } } }, /has a loop: welcome → to-sales → welcome/],
    ['a dangling node', { ...FLOW, nodes: { ...FLOW.nodes, welcome: { ...FLOW.nodes.welcome, options: { 1: 'to-sales', 3: 'nowhere' } } } }, /points to "nowhere", which does not exist/],
    ['an unknown queue', { ...FLOW, nodes: { ...FLOW.nodes, 'to-sales': { type: 'queue', queueId: 'marketing' } } }, /there is no queue "marketing"/],
    ['a key that is not on a phone', { ...FLOW, nodes: { ...FLOW.nodes, welcome: { ...FLOW.nodes.welcome, options: { A: 'to-sales' } } } }, /option "A" is not a key on a phone/],
    ['a missing start', { ...FLOW, start: 'hello' }, /starts at "hello", which is not one of its nodes/],
    ['bad hours', { ...FLOW, nodes: { ...FLOW.nodes, hours: { ...FLOW.nodes.hours, hours: { timeZone: 'Mars/Base', weekly: {} } } } }, /"Mars\/Base" is not a time zone/],
    ['an unknown node type', { ...FLOW, nodes: { ...FLOW.nodes, bye: { type: 'teleport' } } }, /"type" must be menu, hours, message, queue or hangup/],
  ]
  for (const [name, raw, message] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => loadIvr(raw, known)).toThrow(IvrError)
      expect(() => loadIvr(raw, known)).toThrow(message)
    })
  }
  it('accepts the good flow', () => expect(loadIvr(FLOW, known).id).toBe('main'))
})

describe('an IVR in the engine', () => {
  function setup(now: number) {
    const events: CanonicalEvent[] = []
    const acd = new AcdEngine({ tenant: 'default', source: { kind: 'acd', instance: 'ivr' }, now, emit: (e) => events.push(e) })
    for (const id of ['sales', 'support']) acd.addQueue({ id, channel: 'voice', requiredSkills: [], strategy: 'longest_idle', serviceLevelMs: 20_000, ringTimeoutMs: 10_000 })
    acd.addIvr(FLOW)
    const steps = (c: string) => events.filter((e) => e.contactId === c && e.type === 'contact.ivr_step').map((e) => { const d = e.data as { node: string; input?: string }; return d.input ? `${d.node}:${d.input}` : d.node })
    const queued = (c: string) => events.find((e) => e.contactId === c && e.type === 'contact.queued')
    return { acd, events, steps, queued }
  }

  it('open hours, key 1: to sales', () => {
    const { acd, steps, queued } = setup(MON_10)
    const c = acd.arriveIvr({ ivrId: 'main' })
    acd.advance(MON_10 + 2000)
    acd.ivrInput(c, '1')
    expect(steps(c)).toEqual(['hours', 'welcome:1', 'to-sales'])
    expect(queued(c)?.queueId).toBe('sales')
  })

  it('no key: the menu plays again once (retries 1), then the caller goes to support with priority 3', () => {
    const { acd, steps, queued } = setup(MON_10)
    const c = acd.arriveIvr({ ivrId: 'main' })
    acd.advance(MON_10 + 5000)
    expect(queued(c)).toBeUndefined()
    acd.advance(MON_10 + 10_000)
    expect(steps(c)).toEqual(['hours', 'welcome', 'welcome', 'to-support'])
    expect(queued(c)).toMatchObject({ queueId: 'support', data: { priority: 3 } })
  })

  it('a wrong key counts as a miss; closed hours play the message and hang up; hanging up in the IVR ends the contact', () => {
    const open = setup(MON_10)
    const c = open.acd.arriveIvr({ ivrId: 'main' })
    open.acd.ivrInput(c, '9')
    open.acd.ivrInput(c, '2')
    expect(open.steps(c)).toEqual(['hours', 'welcome:9', 'welcome:2', 'to-support'])
    const c2 = open.acd.arriveIvr({ ivrId: 'main' })
    open.acd.callerHangup(c2)
    expect(open.events.filter((e) => e.contactId === c2).map((e) => e.type)).toEqual(['contact.created', 'contact.ivr_step', 'contact.ended'])
    expect(() => open.acd.ivrInput(c2, '1')).toThrow(/no contact/)

    const night = setup(MON_10 + 12 * 3_600_000)
    const c3 = night.acd.arriveIvr({ ivrId: 'main' })
    expect(night.steps(c3)).toEqual(['hours', 'closed', 'bye'])
    expect(night.events.filter((e) => e.contactId === c3).at(-1)).toMatchObject({ type: 'contact.ended', data: { endedBy: 'system' } })
  })
})
