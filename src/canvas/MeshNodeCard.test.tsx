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

  it("numbers the cards on a lineage story's path, re-rendering only those, and takes the numbers away when it closes", () => {
    const { store, renders, view } = renderMesh()
    const step = (item: number, node: string, tick: number, to: string | null) => ({
      item,
      node,
      tick,
      arrived: tick - 1,
      value: 1,
      draws: [],
      decision: null,
      emit: to ? { port: 'target', to, value: 1 } : null,
    })
    const lineage = {
      item: 2,
      output: 0,
      root: 'input' as const,
      rootTick: 0,
      steps: [step(0, 'a', 1, 'd'), step(1, 'd', 2, 'a'), step(2, 'a', 3, null)],
      printed: null,
      waiting: null,
      cut: false,
    }
    act(() => store.getState().showStory({ kind: 'output', node: 's', tick: 3 }))
    const before = { ...renders }
    act(() => store.getState().lightLineage(lineage))
    expect(renders.a).toBe(before.a! + 1)
    expect(renders.d).toBe(before.d! + 1)
    expect(renders.s).toBe(before.s)
    expect(renders.t).toBe(before.t)
    // React Flow keeps unmeasured nodes hidden in jsdom: the badges are found by their card.
    const badge = (id: string) => view.container.querySelector(`[data-testid="node-${id}"] .lineage-badge`)
    expect(badge('a')?.getAttribute('aria-label')).toBe('Steps 1 and 3 of the story')
    expect(badge('a')?.textContent).toBe('1, 3')
    expect(badge('d')?.getAttribute('aria-label')).toBe('Step 2 of the story')
    expect(badge('s')).toBeNull()
    act(() => store.getState().showStory(null))
    expect(view.container.querySelectorAll('.lineage-badge')).toHaveLength(0)
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
