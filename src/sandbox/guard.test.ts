import { describe, expect, it } from 'vitest'

import { createCompiler } from './compile'
import { describeThrown } from './guard'

// The realm as the worker has it (the lockdown turns some error prototypes' data properties into accessors).
createCompiler()

const described = (thrown: unknown) => {
  const error = describeThrown(thrown)
  return `${error.name}: ${error.message}`
}

describe('describing what code threw, without running any of it', () => {
  it("keeps an error's own name and message, and the name its kind gives it", () => {
    expect(described(new TypeError('bad'))).toBe('TypeError: bad')
    expect(described(Object.assign(new Error('worse'), { name: 'MyError' }))).toBe('MyError: worse')
    expect(described('a string')).toBe('Error: a string')
    expect(described(42)).toBe('Error: 42')
    expect(described({ message: 'like an error' })).toBe('Error: like an error')
  })

  it('runs no getter, toString or trap: an Error whose name getter throws, a Proxy whose traps throw', () => {
    const ran: string[] = []
    const error = new Error('a trick error')
    Object.defineProperty(error, 'name', { get: () => (ran.push('name'), 'Forged') })
    Object.defineProperty(error, 'message', { get: () => (ran.push('message'), 'forged') })
    expect(described(error)).toBe('Error: its message is a getter, which the sandbox does not run')
    const named = new RangeError('a trick error')
    Object.defineProperty(named, 'name', { get: () => (ran.push('name'), 'Forged') })
    expect(described(named)).toBe('RangeError: a trick error')
    const trap = () => {
      throw new Error('trap2')
    }
    const proxy = new Proxy(new Error('x'), { get: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap })
    expect(described(proxy)).toBe('Error: the code threw something the sandbox cannot describe (a Proxy or an object with getters?)')
    expect(described({ toString: () => (ran.push('toString'), 'forged') })).toBe('Error: the code threw an object that is not an Error')
    expect(ran).toEqual([])
  })

  it('cuts a long message short', () => {
    expect(describeThrown(new Error('x'.repeat(10_000))).message.length).toBeLessThanOrEqual(301)
  })
})
