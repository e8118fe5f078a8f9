// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { GroupBreadcrumbs } from '../canvas/GroupBreadcrumbs'
import { parseDocument } from '../engine'
import { ManualClock } from '../runner/clock'
import { MeshStoreProvider } from '../store/context'
import { createMeshStore } from '../store/mesh-store'
import { SchedulerPanel } from './SchedulerPanel'

afterEach(cleanup)

/** Part 3's mesh inside group `g` ("part 3 inside"), beside a doubler `x` outside. */
function renderGrouped() {
  const parsed = parseDocument({
    format: 'mesh-playground',
    version: 2,
    title: 'Outer',
    nodes: [
      { id: 'g', kind: 'group', label: 'part 3 inside', group: { nodes: part3Json.nodes, edges: part3Json.edges, input: 'a', outputs: [{ port: 'out', node: 's' }] } },
      { id: 'x', kind: 'doubler', label: 'outer doubler' },
    ],
    inputs: [{ node: 'g', values: [0, 1] }],
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  const store = createMeshStore({ document: parsed.document, clock: new ManualClock(), compareSandbox: null, sandbox: null })
  render(
    <MeshStoreProvider store={store}>
      <GroupBreadcrumbs />
      <SchedulerPanel />
    </MeshStoreProvider>,
  )
  return store
}

/** The panel reads the run at most every 100 ms (useCalmStore): waits for its next read. */
const calm = () => act(() => new Promise((resolve) => setTimeout(resolve, 150)))

const chips = () =>
  within(screen.getByRole('list', { name: 'Node order' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent)

describe('the Scheduler panel with a group open', () => {
  it("shows the inside's own scheduler and order, labelled as the inside's, and the outer one again once closed", async () => {
    const store = renderGrouped()
    expect(screen.getByRole('heading', { level: 3, name: /^Taskmaster/ })).toBeTruthy()
    expect(chips().join(' ')).toContain('outer doubler')
    act(() => store.getState().openGroup('g'))
    await calm()
    expect(screen.getByRole('heading', { level: 3, name: /^Inside part 3 inside: Taskmaster/ })).toBeTruthy()
    expect(chips()).toHaveLength(part3Json.nodes.length)
    expect(chips().join(' ')).not.toContain('outer doubler')
    expect(screen.getByRole('navigation', { name: 'Open group' }).textContent).toContain('Not run yet')
    act(() => store.getState().step())
    await calm()
    expect(screen.getByRole('note').textContent).toMatch(/Inner activations so far: [1-9]/)
    expect(screen.getByRole('navigation', { name: 'Open group' }).textContent).toMatch(/Inner tick [1-9]/)
    act(() => store.getState().setOpenGroup({ scheduler: 'priority' }))
    await calm()
    expect(screen.getByRole('heading', { level: 3, name: /^Inside part 3 inside: Priority scheduler/ })).toBeTruthy()
    act(() => store.getState().closeGroup())
    await calm()
    expect(screen.queryByRole('navigation', { name: 'Open group' })).toBeNull()
    expect(screen.getByRole('heading', { level: 3, name: /^Taskmaster/ })).toBeTruthy()
  })
})
