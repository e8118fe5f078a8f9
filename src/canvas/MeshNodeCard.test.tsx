// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react'
import { ReactFlow, ReactFlowProvider, type NodeProps, type NodeTypes } from '@xyflow/react'
import { Profiler } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { NODE_KINDS } from '../engine'
import { MeshStoreProvider } from '../store/context'
import { createMeshStore } from '../store/mesh-store'
import { chainDocument } from '../engine/testing'
import { flowEdges, flowNodes, type MeshFlowNode } from './flow-elements'
import { MeshNodeCard } from './MeshNodeCard'

/** What jsdom lacks and React Flow needs (as React Flow's testing guide sets up). */
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  globalThis.DOMMatrixReadOnly ??= class {
    m22 = 1
  } as unknown as typeof DOMMatrixReadOnly
})

afterEach(cleanup)

/** Renders the chain mesh with each node card inside a Profiler that counts its commits. */
function renderMesh() {
  const store = createMeshStore({ document: chainDocument() })
  const renders: Record<string, number> = {}
  const counted = (props: NodeProps<MeshFlowNode>) => (
    <Profiler id={props.id} onRender={() => void (renders[props.id] = (renders[props.id] ?? 0) + 1)}>
      <MeshNodeCard {...props} />
    </Profiler>
  )
  const nodeTypes: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, counted]))
  const { document, selection } = store.getState()
  const view = render(
    <MeshStoreProvider store={store}>
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <ReactFlow nodes={flowNodes(document, selection, {}, null)} edges={flowEdges(document, selection)} nodeTypes={nodeTypes} />
        </div>
      </ReactFlowProvider>
    </MeshStoreProvider>,
  )
  return { store, renders, view }
}

describe('MeshNodeCard', () => {
  it('re-renders only the nodes a tick touched', () => {
    const { store, renders } = renderMesh()
    act(() => store.getState().send('a', [1]))
    act(() => store.getState().step())
    const before = { ...renders }
    // doubler takes 2 and sends 2x2 to the sink; start is no longer the active one; tripler is not involved.
    act(() => store.getState().step())
    expect(renders.a).toBe(before.a! + 1)
    expect(renders.d).toBe(before.d! + 1)
    expect(renders.s).toBe(before.s! + 1)
    expect(renders.t).toBe(before.t)
    // A tick that changes nothing re-renders nothing.
    act(() => store.getState().step())
    act(() => store.getState().step())
    const idle = { ...renders }
    act(() => store.getState().step())
    expect(renders).toEqual(idle)
  })

  it('shows the queue with the head marked, the state and the ports', () => {
    const { store, view } = renderMesh()
    act(() => store.getState().send('d', [1, 'two', 3]))
    const doubler = view.getByTestId('node-d')
    expect(doubler.textContent).toContain('queue 3')
    expect(doubler.querySelector('.is-head')?.textContent).toBe('1')
    expect(doubler.querySelector('.mesh-node-state')?.textContent).toBe('next up')
    expect([...doubler.querySelectorAll('.mesh-port')].map((p) => p.textContent)).toEqual(['target'])
    expect(view.getByTestId('node-s').querySelectorAll('.mesh-port')).toHaveLength(0)
  })

  it('shows the values a sink received and a tasklet closed by an error', () => {
    const { store, view } = renderMesh()
    act(() => store.getState().send('d', [1, 2]))
    act(() => store.getState().send('a', ['2x1']))
    act(() => store.getState().runToEnd())
    expect(view.getByTestId('node-s').textContent).toContain('received 2')
    expect([...view.getByTestId('node-s').querySelectorAll('.mesh-sink-values li')].map((li) => li.textContent)).toEqual(['2x1', '2x2'])
    expect(view.getByTestId('node-a').querySelector('.mesh-node-error')?.textContent).toMatch(/^TypeError/)
    expect(view.getByTestId('node-a').querySelector('.mesh-node-state')?.textContent).toBe('error')
  })
})
