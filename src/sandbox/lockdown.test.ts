import { describe, expect, it } from 'vitest'

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
})
