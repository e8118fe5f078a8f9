import { describe, expect, it } from 'vitest'
import { MAX_VALUE_LENGTH, type Value } from '../engine'
import { formatValue, formatValues, parseValues } from './values-text'

describe('parseValues', () => {
  it("reads the seed's a(0)(1)(2)(3) typed as 0 1 2 3", () => {
    expect(parseValues('0 1 2 3')).toEqual({ ok: true, values: [0, 1, 2, 3] })
  })

  it('reads negative, decimal and exponent numbers as numbers', () => {
    expect(parseValues('-3 2.5 .5 1e3 +7')).toEqual({ ok: true, values: [-3, 2.5, 0.5, 1000, 7] })
  })

  it('reads words that name Object.prototype members as the words they are', () => {
    expect(parseValues('constructor toString __proto__ valueOf')).toEqual({ ok: true, values: ['constructor', 'toString', '__proto__', 'valueOf'] })
  })

  it('reads bare words as strings, so 2x1 stays the text it is', () => {
    expect(parseValues('Hello 2x1 Bonjour')).toEqual({ ok: true, values: ['Hello', '2x1', 'Bonjour'] })
  })

  it('reads Python and JSON constants', () => {
    expect(parseValues('True False None true false null')).toEqual({ ok: true, values: [true, false, null, true, false, null] })
  })

  it('reads quoted text with spaces, commas and escapes as one string', () => {
    expect(parseValues(`'Hello, world' "it's" 'a\\'b' "3"`)).toEqual({ ok: true, values: ['Hello, world', "it's", "a'b", '3'] })
  })

  it('takes commas and any whitespace as separators', () => {
    expect(parseValues(' 1,2 ,\n 3\t')).toEqual({ ok: true, values: [1, 2, 3] })
  })

  it('gives no values for empty text', () => {
    expect(parseValues('   ')).toEqual({ ok: true, values: [] })
  })

  it('says where a quote is not closed', () => {
    const result = parseValues(`1 'open`)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/no closing '/)
  })

  it('rejects a quote in the middle of a word', () => {
    expect(parseValues(`ab'c`).ok).toBe(false)
    expect(parseValues(`'ab'c`).ok).toBe(false)
  })
})

describe('formatValues', () => {
  it('writes numbers, words and constants as a person types them', () => {
    expect(formatValues([0, 1, 'Hello', true, null, 2.5])).toBe('0 1 Hello True None 2.5')
  })

  it('quotes strings that would otherwise read as something else', () => {
    expect(formatValues(['3', 'None', 'a b', '', "it's"])).toBe(`'3' 'None' 'a b' '' "it's"`)
  })

  it('round-trips every kind of value through parseValues', () => {
    const values = [0, -1.5, 1e21, 'x', '2x1', 'Hello, world', 'tab\there', 'back\\slash', `both ' and "`, true, false, null, '']
    expect(parseValues(formatValues(values))).toEqual({ ok: true, values })
  })
})

describe('formatValue', () => {
  it('never throws, whatever a value turns out to be', () => {
    const hostile = {
      toString: () => {
        throw new Error('no')
      },
      valueOf: () => {
        throw new Error('no')
      },
    }
    const odd = [{ n: 1 }, 10n, hostile, Symbol('s'), undefined, [1], () => 1, Object.create(null)] as unknown as Value[]
    expect(odd.map(formatValue)).toEqual(['<an object>', '<a BigInt>', '<an object>', '<a symbol>', '<undefined>', '<an array>', '<a function>', '<an object>'])
  })
})

describe('parseValues with a long item', () => {
  it('takes an item of the longest a value may be', () => {
    const longest = 'x'.repeat(MAX_VALUE_LENGTH)
    expect(parseValues(`${longest} '${longest}'`)).toEqual({ ok: true, values: [longest, longest] })
  })

  it('refuses a longer one, bare or quoted, saying where it starts', () => {
    const longer = 'x'.repeat(MAX_VALUE_LENGTH + 1)
    expect(parseValues(`1 ${longer}`)).toEqual({ ok: false, error: 'the item at position 2 is longer than 5,000 characters, the most an item can be' })
    expect(parseValues(`'${longer}'`)).toEqual({ ok: false, error: 'the item at position 0 is longer than 5,000 characters, the most an item can be' })
  })
})
