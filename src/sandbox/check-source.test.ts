import { describe, expect, it } from 'vitest'

import { CODE_TEMPLATE } from '../engine'
import { checkSource, describeCheck } from './check-source'

function problem(source: string) {
  const check = checkSource(source)
  if (check.ok) throw new Error('expected a problem')
  return check
}

describe('checking a code node before it runs', () => {
  it('accepts the starter coroutine', () => {
    expect(checkSource(CODE_TEMPLATE)).toEqual({ ok: true })
  })

  it('names the line and column of a syntax error in the source as typed', () => {
    const source = 'function* (ports) {\n  cons x = 1\n}'
    const check = problem(source)
    expect(describeCheck(check)).toBe('Line 2, column 8: Unexpected token')
    expect(source.slice(check.from, check.to)).toBe('x = 1')
  })

  it('reports code that is not a generator function', () => {
    expect(problem('function (ports) { return 1 }').message).toMatch(/must be a generator function/)
    expect(problem('42').message).toMatch(/must be a generator function/)
  })

  it('reports a second statement after the function, as the compiler would refuse it', () => {
    expect(problem('function* () {}\nfetch("x")').line).toBe(2)
  })

  it('checks in strict mode, as the code runs', () => {
    expect(problem('function* () {\n  with (Math) {}\n}').line).toBe(2)
  })

  it('reports an unclosed function at the end of the source', () => {
    const source = 'function* () {\n  yield'
    const check = problem(source)
    expect(check.from).toBeLessThanOrEqual(source.length)
    expect(check.line).toBeGreaterThanOrEqual(2)
  })
})
