/** Both languages carry every string: the same keys in zh-CN and en, and no empty text. */
import { expect, it } from 'vitest'
import en from '../src/locales/en.ts'
import zhCN from '../src/locales/zh-CN.ts'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
function values(o: object): string[] {
  return Object.values(o).flatMap((v) => (typeof v === 'object' && v !== null ? values(v as object) : [String(v)]))
}

it('zh-CN and en have the same keys', () => {
  expect(keys(zhCN).sort()).toEqual(keys(en).sort())
})

it('no text is empty, and the Chinese texts are Chinese', () => {
  for (const v of [...values(en), ...values(zhCN)]) expect(v.trim()).not.toBe('')
  const han = values(zhCN).filter((v) => /\p{Script=Han}/u.test(v)).length
  expect(han / values(zhCN).length).toBeGreaterThan(0.85)
})
