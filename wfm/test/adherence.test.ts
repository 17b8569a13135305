/**
 * Adherence per DESIGN §4 and reference RTA-1 (Calabrio): a 6-hour shift with 3 hours in, 1 out and
 * 2 neutral is 75 %. Conformance can pass 100 %. The live view flags an agent on break too long only
 * after the rule's grace time.
 */
import { describe, expect, it } from 'vitest'
import { adherenceOf, classify, DEFAULT_ADHERENCE_RULES, liveAdherence, stateKey } from '../src/index.ts'

const H = 3_600_000
const M = 60_000

describe('historical adherence', () => {
  it('RTA-1: 3 h in, 1 h out, 2 h neutral of a 6 h shift is 75 %', () => {
    const r = adherenceOf([{ start: 0, end: 6 * H, value: 'work' }], [
      { start: 0, end: 3 * H, value: 'busy' },
      { start: 3 * H, end: 4 * H, value: 'aux:personal' },
      { start: 4 * H, end: 6 * H, value: 'aux:meeting' },
    ], DEFAULT_ADHERENCE_RULES)
    expect(r.inSec).toBe(3 * 3600)
    expect(r.outSec).toBe(3600)
    expect(r.neutralSec).toBe(2 * 3600)
    expect(r.adherence).toBe(0.75)
  })

  it('a break taken on time is in adherence, a late return is out, and time not logged in is out', () => {
    const schedule = [
      { start: 0, end: 2 * H, value: 'work' as const },
      { start: 2 * H, end: 2 * H + 15 * M, value: 'break' as const },
      { start: 2 * H + 15 * M, end: 4 * H, value: 'work' as const },
    ]
    const r = adherenceOf(schedule, [
      { start: 10 * M, end: 2 * H, value: 'ready' }, // logged in 10 minutes late
      { start: 2 * H, end: 2 * H + 25 * M, value: 'aux:break' }, // 10 minutes too long
      { start: 2 * H + 25 * M, end: 4 * H, value: 'ready' },
    ], DEFAULT_ADHERENCE_RULES)
    expect(r.outSec).toBe(20 * 60)
    expect(r.adherence).toBeCloseTo((4 * 60 - 20) / (4 * 60), 10)
  })

  it('conformance is worked over scheduled work time and passes 100 % with overtime', () => {
    const r = adherenceOf([{ start: 0, end: 4 * H, value: 'work' }], [{ start: 0, end: 5 * H, value: 'ready' }], DEFAULT_ADHERENCE_RULES)
    expect(r.conformance).toBe(1.25)
    expect(r.adherence).toBe(1)
  })
})

describe('rule matrix and live adherence', () => {
  it('matches the exact state, then aux:*, then *', () => {
    expect(classify(DEFAULT_ADHERENCE_RULES, 'work', stateKey('aux', 'meeting')).result).toBe('neutral')
    expect(classify(DEFAULT_ADHERENCE_RULES, 'work', stateKey('aux', 'coffee')).result).toBe('out')
    expect(classify(DEFAULT_ADHERENCE_RULES, 'break', 'busy').result).toBe('neutral')
    expect(classify(DEFAULT_ADHERENCE_RULES, 'meeting', 'ready').result).toBe('out')
  })

  it('an agent still on break after it ended is out from the break\'s end, alerted past the grace time', () => {
    const acts = [
      { start: 0, end: 2 * H, activity: 'work' as const },
      { start: 2 * H, end: 2 * H + 15 * M, activity: 'break' as const },
      { start: 2 * H + 15 * M, end: 4 * H, activity: 'work' as const },
    ]
    const onBreak = 2 * H + 1 * M
    const during = liveAdherence('a', 2 * H + 10 * M, acts, 'aux:break', onBreak, DEFAULT_ADHERENCE_RULES)
    expect(during.result).toBe('in')
    const justAfter = liveAdherence('a', 2 * H + 16 * M, acts, 'aux:break', onBreak, DEFAULT_ADHERENCE_RULES)
    expect(justAfter).toMatchObject({ result: 'out', outSince: 2 * H + 15 * M, outForSec: 60, alert: false })
    const late = liveAdherence('a', 2 * H + 25 * M, acts, 'aux:break', onBreak, DEFAULT_ADHERENCE_RULES)
    expect(late).toMatchObject({ result: 'out', outForSec: 600, alert: true })
    expect(liveAdherence('a', 5 * H, acts, 'offline', 4 * H, DEFAULT_ADHERENCE_RULES).activity).toBeNull()
  })
})
