import { describe, expect, it } from 'vitest'
import { shallow } from 'zustand/shallow'

import { toIdRecord } from '../engine'
import { chainDocument } from '../engine/testing'
import { NO_FLOW, type EdgeFlow, type FlowView } from '../runner/flow'
import { createMeshStore, type MeshState } from '../store/mesh-store'
import { wireShows } from './wire-shows'

const carrying: EdgeFlow = { values: ['1'], count: 1, rate: 2, level: 1 }

function withFlow(flow: Partial<FlowView>): MeshState {
  const state = createMeshStore({ document: chainDocument() }).getState()
  return { ...state, flow: { ...NO_FLOW, ...flow } }
}

/** Whether a wire re-renders between two publishes: its selector's answers differ, compared as useShallow does. */
const rerenders = (id: string, before: MeshState, after: MeshState) => !shallow(wireShows(before, id), wireShows(after, id))

describe('what a wire shows of the store', () => {
  it('a wire with a counter does not re-render at each publish, only when its own flow changes', () => {
    const edges = toIdRecord({ w: carrying })
    const publish = (seq: number) => withFlow({ style: 'counters', seq, duration: 0, edges })
    expect(rerenders('w', publish(1), publish(2))).toBe(false)
    expect(rerenders('w', publish(1), withFlow({ style: 'counters', seq: 2, edges: toIdRecord({ w: { ...carrying, level: 2 } }) }))).toBe(true)
  })

  it('a wire carrying a token re-renders at each publish, which restarts its token; a wire carrying nothing does not', () => {
    const publish = (seq: number) => withFlow({ style: 'tokens', seq, duration: 500, edges: toIdRecord({ w: carrying }) })
    expect(rerenders('w', publish(1), publish(2))).toBe(true)
    expect(wireShows(publish(2), 'w')).toMatchObject({ flow: carrying, tokens: true, seq: 2, duration: 500 })
    expect(rerenders('other', publish(1), publish(2))).toBe(false)
  })

  it('an opened group shows none of the outer run on the wires, and a watched wire is marked', () => {
    const state = withFlow({ style: 'tokens', seq: 3, edges: toIdRecord({ w: carrying }) })
    expect(wireShows({ ...state, openPath: ['g'] }, 'w')).toMatchObject({ flow: undefined, seq: 0 })
    expect(wireShows({ ...state, watch: { wire: 'w' } }, 'w').watched).toBe(true)
    expect(wireShows({ ...state, watch: { wire: 'w' } }, 'other').watched).toBe(false)
  })
})
