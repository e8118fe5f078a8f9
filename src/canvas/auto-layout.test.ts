import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { meshDocument } from '../store/testing'
import { autoLayout, flowOrder } from './auto-layout'

const part3 = meshDocument(part3Json)

describe('auto layout', () => {
  it('orders nodes as items flow, from the node fed with inputs', () => {
    expect(flowOrder(part3)).toEqual(['a', 'b', 'd', 't', 'r', 's'])
  })

  it('puts nodes fed by nothing first and nodes only in a cycle last', () => {
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
    expect(flowOrder(doc)).toEqual(['e', 's', 'x', 'y'])
  })

  it('lays the Part 3 mesh out left to right along its wires', async () => {
    const positions = await autoLayout(part3, {})
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'd', 'r', 's', 't'])
    expect(positions.a!.x).toBeLessThan(positions.b!.x)
    expect(positions.b!.x).toBeLessThan(positions.d!.x)
    expect(positions.d!.x).toBe(positions.t!.x)
    expect(positions.t!.x).toBeLessThan(positions.s!.x)
  })
})
