/** For the panels' tests (jsdom): a panel rendered over a store that holds the seed's Part 3 mesh, on a manual clock. */
import { act, render } from '@testing-library/react'
import type { ReactNode } from 'react'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument } from '../engine'
import { ManualClock } from '../runner/clock'
import { MeshStoreProvider } from '../store/context'
import { createMeshStore } from '../store/mesh-store'

/** Renders `ui` over a fresh store of the Part 3 mesh; `runAll` runs every task the clock holds (a fast run, a compare). */
export function renderOverPart3(ui: ReactNode) {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  const clock = new ManualClock()
  const store = createMeshStore({ document: parsed.document, clock, compareSandbox: null })
  render(<MeshStoreProvider store={store}>{ui}</MeshStoreProvider>)
  const runAll = () =>
    act(() => {
      while (clock.pendingTasks > 0) clock.runTasks()
    })
  return { store, runAll }
}
