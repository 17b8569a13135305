import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { validateEvent, uuidv5, uuidv7, naturalEventId, NaturalIds, AGNER_NAMESPACE } from '../src/index.ts'
import { sampleEvent } from '../src/testing/index.ts'

const now = Date.UTC(2026, 10, 21, 8, 0, 0)
const base = () => ({ ...sampleEvent(), time: now - 1000 })

describe('validateEvent', () => {
  it('accepts a well-formed event of every kind it is given', () => {
    const r = validateEvent(base(), { now })
    expect(r.ok).toBe(true)
    const dq = validateEvent({ ...base(), type: 'contact.dequeued', data: { waitMs: 1200, outcome: 'answered' } }, { now })
    expect(dq.ok).toBe(true)
  })

  it('names every problem at once, in plain words', () => {
    const r = validateEvent({
      ...base(), type: 'contact.dequeued', queueId: undefined, data: { waitMs: -5, outcome: 'hung_up', extra: 1 },
    }, { now })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems).toContain('data.waitMs must be 0 or more, got -5')
    expect(r.problems.some((p) => p.startsWith('data.outcome must be one of answered, abandoned'))).toBe(true)
    expect(r.problems).toContain('data.extra is not a known field')
    expect(r.problems).toContain('queueId is required for contact.dequeued')
  })

  it('rejects an unknown type, missing fields, mistyped fields and a time a year ahead', () => {
    const unknown = validateEvent({ ...base(), type: 'contact.teleported' }, { now })
    expect(!unknown.ok && unknown.problems).toContain('type "contact.teleported" is not a known event type')
    const { time: _t, ...noTime } = base()
    const missing = validateEvent(noTime, { now })
    expect(!missing.ok && missing.problems).toContain('time is missing')
    const mistyped = validateEvent({ ...base(), time: '2026-11-21' }, { now })
    expect(!mistyped.ok && mistyped.problems).toContain('time must be a whole number, got "2026-11-21"')
    const future = validateEvent({ ...base(), time: now + 365 * 86_400_000 }, { now })
    expect(!future.ok && future.problems).toContain("time is 365 days in the future; check the source's clock")
    expect(validateEvent('hello', { now })).toEqual({ ok: false, problems: ['an event must be a JSON object, got "hello"'] })
  })
})

describe('event ids', () => {
  it('UUIDv5 matches the RFC 4122 example (DNS namespace, "www.example.com")', () => {
    // Published value from RFC 4122 errata / Python's uuid.uuid5(NAMESPACE_DNS, 'www.example.com').
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })
  it('natural ids are deterministic; UUIDv7 ids are time-ordered', () => {
    expect(naturalEventId('asterisk-ami', 'pbx1', '1700000000.42', 'contact.queued'))
      .toBe(naturalEventId('asterisk-ami', 'pbx1', '1700000000.42', 'contact.queued'))
    const a = uuidv7(1000); const b = uuidv7(1000); const c = uuidv7(2000)
    expect(a < b && b < c).toBe(true)
    expect(c[14]).toBe('7')
  })
  it('NaturalIds makes the same ids as RFC 4122 §4.3 worked by hand, for ASCII, Chinese and long keys', () => {
    // SHA-1 of the namespace's bytes and the name's UTF-8, version and variant bits set (RFC 4122 §4.3).
    const byHand = (name: string): string => {
      const b = createHash('sha1').update(Buffer.from(AGNER_NAMESPACE.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest()
      b[6] = (b[6]! & 0x0f) | 0x50
      b[8] = (b[8]! & 0x3f) | 0x80
      const h = b.toString('hex', 0, 16)
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    }
    const ids = new NaturalIds('asterisk', 'pbx1')
    const keys = ['1700000000.42@sales/queued', '1700000000.42@销售/offer/张伟/1', 'x'.repeat(200), 'é'.repeat(400), '']
    for (const key of keys) {
      for (const type of ['contact.queued', 'agent.status_changed']) {
        const name = `asterisk\u0000pbx1\u0000${key}\u0000${type}`
        expect(ids.id(key, type)).toBe(byHand(name))
        expect(ids.idOfPath('1700000000.42@sales', key, type)).toBe(byHand(`asterisk\u0000pbx1\u00001700000000.42@sales/${key}\u0000${type}`))
        expect(naturalEventId('asterisk', 'pbx1', key, type)).toBe(byHand(name))
        expect(uuidv5(name)).toBe(byHand(name))
      }
    }
  })
})
