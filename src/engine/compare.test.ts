import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { compareSchedulers, parseDocument } from '../engine'
import { CompareSession, firstDifference } from './compare-session'

const specs = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'priority', mode: 'next' },
] as const

function part3() {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

describe('CompareSession', () => {
  it("measures each lane as the engine's compareSchedulers does", () => {
    const session = new CompareSession(part3(), specs)
    let now = 0
    while (!session.runSlice(now + 1, () => now++)) {
      // slice after slice
    }
    const lanes = session.view().map(({ lastActive: _lastActive, queues: _queues, ...metrics }) => metrics)
    expect(lanes).toEqual(compareSchedulers(part3(), specs))
  })

  it('steps the lanes together, one activation each', () => {
    const session = new CompareSession(part3(), specs)
    session.step(3)
    expect(session.view().map((lane) => lane.ticks)).toEqual([3, 3])
    expect(session.done).toBe(false)
  })

  it('finds where two output orders first differ', () => {
    expect(firstDifference(['a', 'b'], ['a', 'b'])).toBe(-1)
    expect(firstDifference(['a', 'b'], ['a', 'c'])).toBe(1)
    expect(firstDifference(['a'], ['a', 'b'])).toBe(1)
  })
})
