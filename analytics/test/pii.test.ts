/** Callers' numbers as readers without `pii` see them. */
import { expect, it } from 'vitest'
import { maskPhone, phoneFor } from '../src/pii.ts'

it('masks the middle of a number, keeping its first three and last four characters', () => {
  expect(maskPhone('13800000000')).toBe('138****0000')
  expect(maskPhone('13812345678')).toBe('138****5678')
  expect(maskPhone('+8613812345678')).toBe('+86****5678')
  expect(maskPhone('02087654321')).toBe('020****4321')
})

it('short numbers keep at most their last two characters; empty stays empty', () => {
  expect(maskPhone('10086')).toBe('****86')
  expect(maskPhone('110')).toBe('****')
  expect(maskPhone('')).toBe('')
})

it('shows the number only to readers with pii', () => {
  expect(phoneFor('13800000000', true)).toBe('13800000000')
  expect(phoneFor('13800000000', false)).toBe('138****0000')
})
