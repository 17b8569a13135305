/** Codes people meet are named in both languages: the center's own names first, then built-in ones. */
import { describe, expect, it } from 'vitest'
import { codeName } from '../src/names/code-names.ts'

describe('code names', () => {
  it('built-in codes in English and Chinese', () => {
    expect(codeName('disposition', 'follow_up', 'zh-CN')).toBe('需跟进')
    expect(codeName('disposition', 'follow_up', 'en')).toBe('Follow-up')
    expect(codeName('aux', 'lunch', 'zh-CN')).toBe('午餐')
    expect(codeName('channel', 'voice', 'zh-CN')).toBe('语音')
    expect(codeName('audit', 'login', 'zh-CN')).toBe('登录')
  })
  it('the center\'s own names win; an unnamed code reads as words, not an identifier', () => {
    const center = { disposition: { resolved: { en: 'Solved on first call', 'zh-CN': '一次解决' } } }
    expect(codeName('disposition', 'resolved', 'zh-CN', center)).toBe('一次解决')
    expect(codeName('disposition', 'resolved', 'en', center)).toBe('Solved on first call')
    expect(codeName('aux', 'team_huddle', 'en')).toBe('team huddle')
  })
})
