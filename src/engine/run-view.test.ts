import { describe, expect, it } from 'vitest'

import { Timeline } from './index.ts'
import { chainDocument } from './testing'
import { readRun } from './run-view'

describe('readRun', () => {
  it('reads only the cards asked for, keeping the others as they were', () => {
    const timeline = new Timeline(chainDocument())
    timeline.apply({ type: 'send', node: 'a', values: [1] })
    const before = readRun(timeline, null)
    timeline.step()
    // Node order: a, d, t, s. Only d is read: a keeps its old queue of one.
    const partial = readRun(timeline, before, { cards: { from: 1, to: 2 } })
    expect(partial.tick).toBe(1)
    expect(partial.nodes.a).toBe(before.nodes.a)
    expect(partial.nodes.d!.queueLength).toBe(1)
    const full = readRun(timeline, partial)
    expect(full.nodes.a!.queueLength).toBe(0)
  })

  it('looks ahead to the node the next step runs, with the engine', () => {
    const timeline = new Timeline(chainDocument())
    timeline.apply({ type: 'send', node: 'd', values: [1] })
    expect(readRun(timeline, null)).toMatchObject({ nextUp: 'd', status: 'ready' })
  })
})
