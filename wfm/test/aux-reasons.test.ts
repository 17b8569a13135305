/** The center's productive not-ready reasons in the adherence rules. */
import { describe, expect, it } from 'vitest'
import { classify, DEFAULT_ADHERENCE_RULES, withAuxReasons } from '../src/index.ts'

describe('withAuxReasons', () => {
  const rules = withAuxReasons(DEFAULT_ADHERENCE_RULES, [
    { code: 'coaching', productive: true }, { code: 'training', productive: false }, { code: 'break' }, { code: 'meeting', productive: true },
  ])
  it('a productive reason is neutral during scheduled work; an unproductive one is out after the grace', () => {
    expect(classify(rules, 'work', 'aux:coaching')).toEqual({ result: 'neutral', graceSec: 0 })
    // The defaults called training neutral; this center says it is not productive.
    expect(classify(rules, 'work', 'aux:training')).toEqual({ result: 'out', graceSec: 120 })
    expect(classify(rules, 'work', 'aux:break')).toEqual({ result: 'out', graceSec: 120 })
    expect(classify(rules, 'work', 'aux:meeting')).toEqual({ result: 'neutral', graceSec: 0 })
  })
  it('leaves other activities and a planner\'s own rule for a reason alone', () => {
    expect(classify(rules, 'break', 'aux:break')).toEqual({ result: 'in', graceSec: 0 })
    const own = withAuxReasons([...DEFAULT_ADHERENCE_RULES, { activity: 'work', state: 'aux:coaching', result: 'out', graceSec: 30 }], [{ code: 'coaching', productive: true }])
    expect(classify(own, 'work', 'aux:coaching')).toEqual({ result: 'out', graceSec: 30 })
  })
})
