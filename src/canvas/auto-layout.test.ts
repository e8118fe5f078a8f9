import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { meshDocument } from '../engine/testing'
import { autoLayout, flowOrder } from './auto-layout'

const part3 = meshDocument(part3Json)

describe('auto layout', () => {
  it('orders nodes as items flow, from the node fed with inputs, the cycle before the sink it feeds', () => {
    expect(flowOrder(part3)).toEqual(['a', 'b', 'r', 'd', 't', 's'])
  })

  it('enters a cycle at its start, whatever the document order, even with no inputs', () => {
    // Part 3 lists the sink first; with its inputs gone (a mesh built by hand, or re-wired) nothing is an entry.
    expect(flowOrder({ ...part3, inputs: [] })).toEqual(['a', 'b', 'r', 'd', 't', 's'])
    expect(flowOrder({ ...part3, inputs: [], nodes: [...part3.nodes].reverse(), edges: [...part3.edges].reverse() })[0]).toBe('a')
  })

  it('puts nodes fed by nothing first, then cycles nothing feeds, each before what it feeds', () => {
    const doc = meshDocument({
      nodes: [
        { id: 'x', kind: 'start' },
        { id: 'y', kind: 'start' },
        { id: 's', kind: 'sink' },
        { id: 'e', kind: 'echoer' },
      ],
      edges: [
        { source: 'x', port: 'target', target: 'y' },
        { source: 'y', port: 'target', target: 'x' },
        { source: 'e', port: 'target', target: 's' },
      ],
    })
    expect(flowOrder(doc)).toEqual(['e', 'x', 'y', 's'])
  })

  it('lays the Part 3 mesh out left to right along its wires', async () => {
    const positions = await autoLayout(part3, {})
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'd', 'r', 's', 't'])
    expect(positions.a!.x).toBeLessThan(positions.b!.x)
    expect(positions.b!.x).toBeLessThan(positions.d!.x)
    expect(positions.d!.x).toBe(positions.t!.x)
    expect(positions.t!.x).toBeLessThan(positions.s!.x)
  })

  it('keeps every wire into the sink going left to right after a re-wire with no inputs', async () => {
    // Re-wired: branch's wire to the recycler drawn again (last), and the inputs sent by hand instead.
    const rand = part3.edges.find((e) => e.port === 'rand')!
    const rewired = { ...part3, inputs: [], edges: [...part3.edges.filter((e) => e !== rand), rand] }
    const positions = await autoLayout(rewired, {})
    for (const edge of rewired.edges.filter((e) => e.target === 's')) expect(positions[edge.source]!.x).toBeLessThan(positions.s!.x)
    // Only recycler → start goes back.
    const back = rewired.edges.filter((e) => positions[e.target]!.x <= positions[e.source]!.x).map((e) => `${e.source}>${e.target}`)
    expect(back).toEqual(['r>a'])
  })
})
