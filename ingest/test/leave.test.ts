/** Dated leave in a week's minutes, worked by hand for a week starting Monday 2026-12-07 00:00 in Shanghai. */
import { expect, it } from 'vitest'
import { leaveInWeek } from '../src/wfm/leave.ts'

const TZ = 'Asia/Shanghai'
const MONDAY = Date.UTC(2026, 11, 6, 16) // 2026-12-07 00:00 in UTC+8

it('keeps the part of each leave inside the week, in minutes from Monday 00:00', () => {
  expect(leaveInWeek([{ from: '2026-12-08', to: '2026-12-10', reason: 'holiday' }], MONDAY, TZ)).toEqual([{ startMin: 1440, endMin: 4320, reason: 'holiday' }])
  // Started the week before, ends Monday noon: 0 to 12 h.
  expect(leaveInWeek([{ from: '2026-12-01', to: '2026-12-07T12:00' }], MONDAY, TZ)).toEqual([{ startMin: 0, endMin: 720, reason: 'leave' }])
  // Runs past Sunday: clipped at the week's end (10,080 minutes).
  expect(leaveInWeek([{ from: '2026-12-13T18:00', to: '2026-12-20' }], MONDAY, TZ)).toEqual([{ startMin: 6 * 1440 + 1080, endMin: 10080, reason: 'leave' }])
  // Another week's leave, and one ending exactly at Monday 00:00: nothing.
  expect(leaveInWeek([{ from: '2026-12-20', to: '2026-12-24' }, { from: '2026-12-06', to: '2026-12-07' }], MONDAY, TZ)).toEqual([])
  // An instant with an offset is taken as given: 2026-12-08T01:00Z is 09:00 in Shanghai.
  expect(leaveInWeek([{ from: '2026-12-08T01:00Z', to: '2026-12-08T05:00Z' }], MONDAY, TZ)).toEqual([{ startMin: 1440 + 540, endMin: 1440 + 780, reason: 'leave' }])
})

it('refuses a leave that ends before it starts, is not a date, or lasts over a year, in one sentence', () => {
  expect(() => leaveInWeek([{ from: '2026-12-10', to: '2026-12-08' }], MONDAY, TZ)).toThrow(/"from" must be before "to"/)
  expect(() => leaveInWeek([{ from: 'next tuesday', to: '2026-12-08' }], MONDAY, TZ)).toThrow(/must be an ISO date/)
  expect(() => leaveInWeek([{ from: '2026-02-30', to: '2026-03-02' }], MONDAY, TZ)).toThrow(/not a real date/)
  expect(() => leaveInWeek([{ from: '2026-01-01', to: '2028-01-01' }], MONDAY, TZ)).toThrow(/at most 366 days/)
})
