import { describe, expect, it } from 'vitest'
import { LineBuffer } from '../src/store/line-buffer.ts'

describe('LineBuffer', () => {
  it('holds every line, newline-terminated, across growth from a tiny start', () => {
    const b = new LineBuffer(4)
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}\t值 ${i} 🙂`)
    for (const l of lines) b.push(l)
    expect(b.bytes().toString('utf8')).toBe(lines.map((l) => `${l}\n`).join(''))
  })

  it('writes multi-byte text without truncation when a line fills the buffer exactly', () => {
    const b = new LineBuffer(1)
    b.push('客服中心')
    b.push('')
    expect(b.bytes().toString('utf8')).toBe('客服中心\n\n')
    expect(b.bytes().length).toBe(Buffer.byteLength('客服中心\n\n'))
  })
})
