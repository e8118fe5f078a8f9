import { describe, expect, it } from 'vitest'

import type { RunLanes } from '../../engine/run-record'
import { LanesIndex } from './lanes-index'
import { describeCell, describeWindow } from './lanes-text'

/** Six ticks of three tasklets: a, a, b, a, c, b; queues sampled every tick. */
const LANES: RunLanes = {
  nodes: ['a', 'b', 'c'],
  ticks: 6,
  ran: Int32Array.from([0, 0, 1, 0, 2, 1]),
  queueStride: 1,
  // After each tick: a's, b's and c's queue.
  queued: Uint32Array.from([3, 0, 0, 2, 1, 0, 2, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0]),
}
const LABELS = ['start', 'branch', 'doubler']

function indexed(lanes: RunLanes): LanesIndex {
  const index = new LanesIndex()
  index.sync(lanes)
  return index
}

describe('describeWindow', () => {
  it('says who ran in the ticks in view, most first, and the longest queue', () => {
    expect(describeWindow(indexed(LANES), LABELS, 1, 6, 6)).toBe("The whole run, 6 ticks: start ran 3 times, branch ran twice, doubler ran once; the longest queue: start's, 3 items.")
    expect(describeWindow(indexed(LANES), LABELS, 3, 4, 6)).toBe("Ticks 3–4 of 6: start ran once, branch ran once; one tasklet did not run; the longest queue: start's, 2 items.")
  })

  it('counts the tasklets past the eighth together', () => {
    const n = 12
    const lanes: RunLanes = {
      nodes: Array.from({ length: n }, (_, i) => `n${i}`),
      ticks: n,
      ran: Int32Array.from({ length: n }, (_, i) => i),
      queueStride: 1,
      queued: new Uint32Array(n * n),
    }
    const text = describeWindow(indexed(lanes), lanes.nodes, 1, n, n)
    expect(text).toContain('n7 ran once, 4 more ran 4 times between them')
    expect(text).not.toContain('n8 ran')
    expect(text).not.toContain('longest queue')
  })

  it('says so when nothing is recorded', () => {
    const empty: RunLanes = { nodes: [], ticks: 0, ran: new Int32Array(0), queueStride: 1, queued: new Uint32Array(0) }
    expect(describeWindow(indexed(empty), [], 1, 0, 0)).toBe('No ticks recorded yet.')
  })
})

describe('describeCell', () => {
  it('names who took an item at a tick and every queue after it', () => {
    expect(describeCell(indexed(LANES), LABELS, 1, 3, 3)).toBe('Tick 3: branch took an item. Queues after it: start 2, doubler 1; one empty.')
    expect(describeCell(indexed(LANES), LABELS, 2, 6, 6)).toBe('Tick 6: branch took an item (doubler did not run). Queues after it: start 1; 2 empty.')
  })

  it('tells of a tick whose queues were sampled later, with the tick they were sampled at', () => {
    const strided = { ...LANES, queueStride: 2, queued: Uint32Array.from([2, 1, 0, 1, 0, 1, 1, 0, 0]) }
    expect(describeCell(indexed(strided), LABELS, 0, 3, 3)).toBe('Tick 3: branch took an item (start did not run). Queues after tick 4: start 1, doubler 1; one empty.')
  })

  it('sums a range of ticks for one lane, or names who ran most in it', () => {
    expect(describeCell(indexed(LANES), LABELS, 0, 1, 4)).toBe('Ticks 1–4: start ran 3 times; its queue at most 3 items.')
    expect(describeCell(indexed(LANES), LABELS, 2, 1, 3)).toBe('Ticks 1–3: doubler did not run; its queue at most 1 item.')
    expect(describeCell(indexed(LANES), LABELS, null, 3, 6)).toBe('Ticks 3–6: branch ran most, twice.')
  })
})
