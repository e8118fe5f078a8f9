import { describe, expect, it } from 'vitest'

import type { Breakpoint } from '../../engine'
import { laneMarks } from './lanes-marks'

const NODES = ['s', 'd', 'constructor']

describe('laneMarks', () => {
  it('rings the lanes of the tasklets with enabled breakpoints, filled for the one that stopped the run', () => {
    const breakpoints: Breakpoint[] = [
      { id: 'bp-1', kind: 'activation', node: 'd', enabled: true },
      { id: 'bp-2', kind: 'output', node: 's', text: '3x', enabled: true },
      { id: 'bp-3', kind: 'activation', node: 's', enabled: false },
    ]
    const marks = laneMarks(NODES, breakpoints, { breakpoint: breakpoints[0]!, tick: 4, message: 'doubler activated' })
    expect(marks).toEqual([{ breakpoints: 1, hit: false, above: null }, { breakpoints: 1, hit: true, above: null }, undefined])
  })

  it("draws a queue breakpoint's limit on its lane, or on every lane for any queue, keeping the lowest", () => {
    const breakpoints: Breakpoint[] = [
      { id: 'bp-1', kind: 'queue', node: null, above: 10, enabled: true },
      { id: 'bp-2', kind: 'queue', node: 'constructor', above: 3, enabled: true },
      { id: 'bp-3', kind: 'queue', node: 'gone', above: 1, enabled: true },
    ]
    const marks = laneMarks(NODES, breakpoints, null)
    expect(marks.map((m) => m?.above)).toEqual([10, 10, 3])
    expect(marks.map((m) => m?.breakpoints)).toEqual([0, 0, 1])
  })
})
