/**
 * What the scheduler says, in both languages: every code has an English and a Chinese sentence
 * with the same values in it, and a violation's code and values give back its English message.
 */
import { describe, expect, it } from 'vitest'
import { ruleViolations, SAY_CODES, say, syntheticWeek } from '../src/index.ts'

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

describe('sayings', () => {
  it('every code has both sentences with the same values, and every value is filled in', () => {
    expect(SAY_CODES.length).toBeGreaterThanOrEqual(24)
    for (const code of SAY_CODES) {
      const en = say({ code, params: {} })
      const zh = say({ code, params: {} }, 'zh-CN')
      expect(placeholders(zh), code).toEqual(placeholders(en))
      const params = Object.fromEntries(placeholders(en).map((k, i) => [k, `v${i}`]))
      for (const text of [say({ code, params }), say({ code, params }, 'zh-CN')]) expect(text, code).not.toMatch(/\{\w+\}/)
    }
  })

  it('fills values and names break kinds in the sentence\'s language', () => {
    const s = { code: 'rule.break-missing' as const, params: { name: '王芳', minutes: 60, kind: 'lunch' } }
    expect(say(s)).toBe("王芳's shift is missing its 60-minute lunch")
    expect(say(s, 'zh-CN')).toBe('王芳 的班次缺少 60 分钟的用餐')
    expect(say({ code: 'rule.rest', params: { name: 'Li', hours: 9, day: 3, min: 11 } }, 'zh-CN')).toBe('Li 在第 3 天班次前只休息 9 小时；合同要求 11 小时')
  })

  it('a violation carries its code and values, which give back its English message', () => {
    const input = syntheticWeek({ agents: 4, skills: 1, seed: 3 })
    const a = input.agents[0]!
    // Two 8-hour shifts on one day, the second starting at 05:00 (before most contracts allow).
    const shift = (startMin: number) => ({ agentId: a.id, day: 0, templateId: input.templates[0]!.id, startMin, endMin: startMin + 480, paidMin: 480, breaks: [] })
    const found = ruleViolations(input, [shift(300), shift(900)], { agents: [a.id] })
    expect(found.length).toBeGreaterThan(0)
    for (const v of found) {
      expect(v.code.startsWith('rule.')).toBe(true)
      expect(v.params.name).toBe(a.name)
      expect(say(v)).toBe(v.message)
      expect(say(v, 'zh-CN')).toContain(a.name)
    }
    expect(found.map((v) => v.rule)).toContain('one-shift-a-day')
  })
})
