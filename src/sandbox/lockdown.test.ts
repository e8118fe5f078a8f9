import { describe, expect, it } from 'vitest'

import { compileCoroutine } from './compile'
import { lockDown, REMOVED_GLOBALS } from './lockdown'

describe('locking down a worker scope', () => {
  it('leaves no network, storage or code loading, even from the prototype, and cannot be undone', () => {
    const proto = { fetch: () => 'net', importScripts: () => 'code' }
    const scope = Object.assign(Object.create(proto) as Record<string, unknown>, { WebSocket: class {}, indexedDB: {}, caches: {} })
    const math = { random: () => 0.99 }
    const draws = [0.25, 0.5]
    lockDown(scope, math, () => draws.shift() ?? 0)
    for (const name of REMOVED_GLOBALS) expect(scope[name], name).toBeUndefined()
    expect(proto.fetch).toBeUndefined()
    expect(() => {
      scope.fetch = () => 'back'
    }).toThrow(TypeError)
    expect(() => {
      math.random = () => 0.99
    }).toThrow(TypeError)
    expect([math.random(), math.random()]).toEqual([0.25, 0.5])
  })

  it('leaves no way to make code from text, through Function or any function\'s constructor, and the compiler still works', () => {
    // Stand-ins for the prototypes of plain, generator, async and async generator functions.
    const FakeFunction = function () {}
    const prototypes = [{ constructor: FakeFunction }, { constructor: FakeFunction }, { constructor: FakeFunction }, { constructor: FakeFunction }]
    const scope: Record<string, unknown> = { Function: FakeFunction }
    lockDown(scope, { random: () => 0 }, () => 0, prototypes)
    const made = scope.Function as (...args: string[]) => unknown
    expect(() => made('return 1')).toThrow(/cannot make code from text/)
    for (const prototype of prototypes) expect(() => (prototype.constructor as (source: string) => unknown)('return 1')).toThrow(EvalError)
    expect(() => {
      prototypes[0]!.constructor = FakeFunction
    }).toThrow(TypeError)
    // what still works: instanceof Function, and compiling code nodes
    expect(function () {} instanceof (made as unknown as typeof Function)).toBe(true)
    expect(typeof compileCoroutine('function* () { yield }')).toBe('function')
  })
})
