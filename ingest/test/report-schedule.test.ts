import { describe, expect, it } from 'vitest'
import { checkTiming, nextDue, periodOf } from '../src/reports/schedule.ts'

const TZ = 'Asia/Shanghai'
const at = (iso: string): number => Date.parse(iso)

describe('when a scheduled report runs and what it covers (center zone Asia/Shanghai, UTC+8)', () => {
  it('daily at 06:00 runs the next 06:00 local and covers the day before', () => {
    const s = { frequency: 'daily' as const, atTime: '06:00', weekday: 1, monthDay: 1 }
    expect(new Date(nextDue(s, at('2026-11-20T21:00:00Z'), TZ)).toISOString()).toBe('2026-11-20T22:00:00.000Z') // 06:00 on the 21st local
    expect(new Date(nextDue(s, at('2026-11-20T22:00:00Z'), TZ)).toISOString()).toBe('2026-11-21T22:00:00.000Z') // strictly after
    const p = periodOf(s, at('2026-11-20T22:00:00Z'), TZ)
    expect([new Date(p.from).toISOString(), new Date(p.to).toISOString(), p.interval]).toEqual(['2026-11-19T16:00:00.000Z', '2026-11-20T16:00:00.000Z', '60m'])
  })

  it('weekly on Monday covers the previous Monday-to-Monday week', () => {
    const s = { frequency: 'weekly' as const, atTime: '07:30', weekday: 1, monthDay: 1 }
    // Saturday 2026-11-21 → Monday 2026-11-23 07:30 local = 2026-11-22T23:30Z
    const due = nextDue(s, at('2026-11-21T02:00:00Z'), TZ)
    expect(new Date(due).toISOString()).toBe('2026-11-22T23:30:00.000Z')
    const p = periodOf(s, due, TZ)
    expect([new Date(p.from).toISOString(), new Date(p.to).toISOString()]).toEqual(['2026-11-15T16:00:00.000Z', '2026-11-22T16:00:00.000Z'])
  })

  it('monthly on the 1st covers the previous month', () => {
    const s = { frequency: 'monthly' as const, atTime: '00:15', weekday: 1, monthDay: 1 }
    const due = nextDue(s, at('2026-11-21T02:00:00Z'), TZ)
    expect(new Date(due).toISOString()).toBe('2026-11-30T16:15:00.000Z') // 2026-12-01 00:15 local
    const p = periodOf(s, due, TZ)
    expect([new Date(p.from).toISOString(), new Date(p.to).toISOString()]).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'])
  })

  it('bad timings are refused with the reason', () => {
    expect(checkTiming({ frequency: 'daily', atTime: '25:00', weekday: 1, monthDay: 1 })).toMatch(/HH:mm/)
    expect(checkTiming({ frequency: 'monthly', atTime: '06:00', weekday: 1, monthDay: 31 })).toMatch(/1 to 28/)
    expect(checkTiming({ frequency: 'weekly', atTime: '06:00', weekday: 1, monthDay: 1 })).toBeUndefined()
  })
})
