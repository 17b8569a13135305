/** The widget's limits, by hand: a token bucket's rate and burst, sessions per address at once and per minute. */
import { expect, it } from 'vitest'
import { AddressCounter, TokenBucket } from '../src/desk/widget-limits.ts'

it('a bucket of 20/s with a burst of 5 lets 5 through at once, then one every 50 ms', () => {
  const b = new TokenBucket(20, 5, 0)
  expect([0, 0, 0, 0, 0, 0].map(() => b.take(0))).toEqual([true, true, true, true, true, false])
  expect(b.take(49)).toBe(false) // 0.98 of a token
  expect(b.take(50)).toBe(true)
})

it('an address may hold 2 sessions at once and start 3 a minute; others are not affected; idle addresses are forgotten', () => {
  const c = new AddressCounter({ concurrent: 2, perMinute: 3 })
  expect(c.admit('a', 0)).toBe('ok')
  expect(c.admit('a', 1)).toBe('ok')
  expect(c.admit('a', 2)).toBe('too_many_open')
  expect(c.admit('b', 2)).toBe('ok')
  c.release('a')
  expect(c.admit('a', 3)).toBe('ok')
  c.release('a'); c.release('a')
  expect(c.admit('a', 4)).toBe('too_many_new') // three started within the minute
  expect(c.admit('a', 60_001)).toBe('ok') // the first start is more than a minute old
  const many = new AddressCounter({ concurrent: 1, perMinute: 1 })
  for (let i = 0; i < 1000; i++) { many.admit(`x${i}`, 0); many.release(`x${i}`) }
  for (let i = 0; i < 1000; i++) { many.admit(`y${i}`, 120_000); many.release(`y${i}`) }
  expect(many.size).toBeLessThanOrEqual(1000)
})
