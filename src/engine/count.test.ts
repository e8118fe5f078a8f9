import { describe, expect, it } from 'vitest'
import { count } from './count'

describe('count', () => {
  it('groups the digits of whole numbers in threes, as people write them', () => {
    expect([0, 7, 999, 1000, 12345, 1_000_000, 1_000_000_000, 4294967295].map(count)).toEqual(['0', '7', '999', '1,000', '12,345', '1,000,000', '1,000,000,000', '4,294,967,295'])
  })

  it('keeps the sign and a fraction as they are', () => {
    expect([-1234, 1234.5, -0.25].map(count)).toEqual(['-1,234', '1,234.5', '-0.25'])
  })

  it('gives what it cannot group as plain text', () => {
    expect([Infinity, NaN, 1e21].map(count)).toEqual(['Infinity', 'NaN', '1e+21'])
  })

  it('does not depend on toLocaleString, which a hardened realm tames', () => {
    const original = Number.prototype.toLocaleString
    Number.prototype.toLocaleString = function (this: number) {
      return String(this)
    }
    try {
      expect(count(1_000_000)).toBe('1,000,000')
    } finally {
      Number.prototype.toLocaleString = original
    }
  })
})
