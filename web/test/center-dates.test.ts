/** Weeks and days as the center counts them, whatever the browser's zone. */
import { describe, expect, it } from 'vitest'
import { mondayIn, todayIn } from '../src/center-dates'

describe('center dates', () => {
  // Sunday 2026-12-06 17:30 UTC is already Monday 2026-12-07 01:30 in Shanghai.
  const now = new Date(Date.UTC(2026, 11, 6, 17, 30))
  it('today and Mondays in the center\'s zone, not UTC', () => {
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-12-07')
    expect(todayIn('UTC', now)).toBe('2026-12-06')
    expect(mondayIn('Asia/Shanghai', 0, now)).toBe('2026-12-07')
    expect(mondayIn('Asia/Shanghai', 1, now)).toBe('2026-12-14')
    expect(mondayIn('UTC', 0, now)).toBe('2026-11-30')
    expect(mondayIn('UTC', 1, now)).toBe('2026-12-07')
  })
  it('across a month and a year end', () => {
    expect(mondayIn('Asia/Shanghai', 1, new Date(Date.UTC(2026, 11, 30)))).toBe('2027-01-04')
  })
})
