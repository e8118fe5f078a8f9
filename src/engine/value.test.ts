import { describe, expect, it } from 'vitest'
import { add, format, join, mod, pyItem, pyRepr, pyStr } from './value'

describe('Python values', () => {
  it("print as Python's str() does", () => {
    expect([1, 2.5, true, false, null, 'x', 1e-7, 1e21].map(pyStr)).toEqual(['1', '2.5', 'True', 'False', 'None', 'x', '1e-07', '1e+21'])
  })

  it('repr strings as Python 3 does, escaping what it cannot print (checked against CPython 3.11)', () => {
    const cases: [string, string][] = [
      ["a'b", `"a'b"`],
      ['a"b', `'a"b'`],
      [`a'"b`, `'a\\'"b'`],
      ['tab\there', `'tab\\there'`],
      ['\u2028x', `'\\u2028x'`],
      ['\u00a0', `'\\xa0'`],
      ['\u0085', `'\\x85'`],
      ['\u202e', `'\\u202e'`],
      ['é', `'é'`],
      ['😀', `'😀'`],
      ['\x7f', `'\\x7f'`],
      ['\\', `'\\\\'`],
    ]
    for (const [value, repr] of cases) expect(pyRepr(value)).toBe(repr)
    expect(pyItem('Goodbye')).toBe("(('Goodbye',), {})")
  })

  it('raise TypeError where Python did, instead of coercing', () => {
    expect(add(1, 1)).toBe(2)
    expect(add('a', 'b')).toBe('ab')
    expect(add(true, 1)).toBe(2)
    expect(() => add('2x1', 1)).toThrow('can only concatenate str (not "int") to str')
    expect(() => add(null, 1)).toThrow("unsupported operand type(s) for +: 'NoneType' and 'int'")
    expect(mod(-3, 2)).toBe(1)
    expect(() => mod('odd', 2)).toThrow('not all arguments converted during string formatting')
    expect(join(', ', ['Hello', 'world!'])).toBe('Hello, world!')
    expect(() => join(', ', [3, 'x'])).toThrow('sequence item 0: expected str instance, int found')
    expect(format('2x{}', 3)).toBe('2x3')
    expect(format('{} and {}', 'a', null)).toBe('a and None')
  })
})
