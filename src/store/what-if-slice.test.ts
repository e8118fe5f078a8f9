import { describe, expect, it } from 'vitest'

import { part3Mesh as part3 } from '../demos/part3-mesh'
import { Timeline, whatIf, type Alteration } from '../engine'
import { WHAT_IF_IN_SANDBOX } from '../runner/sandbox-run'
import { createMeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle } from './sandbox-testing'
import { shownRun, shownTimeline } from './testing'

const EVENS = `function* (ports) {
  while (true) {
    const item = yield
    if (item % 2 === 0) ports.out.send(item)
  }
}`

/** Part 3 run to its end in a store, with a send on the way. */
function part3Store() {
  const store = createMeshStore({ document: part3.document })
  const s = store.getState
  for (let i = 0; i < 4; i++) s().step()
  s().send('a', [10, 11])
  s().runToEnd()
  return store
}

describe('the what-if slice', () => {
  it('shows the engine’s what-if of the run, and leaves the run where it was', async () => {
    const store = part3Store()
    const before = shownRun(store)
    const history = store.getState().runHistory()
    const alteration: Alteration = { kind: 'input', index: 0 }
    await store.getState().askWhatIf(alteration)
    const shown = store.getState().whatIf
    expect(shown?.status).toBe('shown')
    const engine = whatIf(history, alteration)
    if (!engine.ok || shown?.status !== 'shown') throw new Error('no what-if')
    expect(shown.result).toEqual(engine.result)
    expect(shown.result.divergence).not.toBeNull()
    expect(shownRun(store)).toEqual(before)
  })

  it('keeps the branch as the run, and restoring the original gives back exactly the original run, tick by tick', async () => {
    const store = part3Store()
    const original = store.getState().runHistory()
    const end = store.getState().run.end
    const ticks = Array.from({ length: end + 1 }, (_, t) => t)
    const shownAt = (t: number) => {
      store.getState().seek(t)
      return shownRun(store)
    }
    const was = ticks.map(shownAt)
    await store.getState().askWhatIf({ kind: 'input', index: 0 })
    const shown = store.getState().whatIf
    if (shown?.status !== 'shown') throw new Error('no what-if')
    store.getState().seek(end)
    store.getState().keepWhatIf()
    expect(store.getState().whatIf).toBeNull()
    expect(store.getState().document.inputs).toEqual([{ node: 'a', values: [1, 2, 3] }])
    // The run is the branch: what the engine makes of the altered history.
    const branch = Timeline.replaying(shown.result.history)
    branch.seek(branch.end)
    expect(shownRun(store)).toEqual(shownTimeline(branch))
    expect(store.getState().run.tick).toBe(shown.result.altered.end)
    // Undone: the original history restored, every tick as it was.
    store.getState().restoreRun(original, end)
    expect(ticks.map(shownAt)).toEqual(was)
  })

  it('drops a what-if, and one the mesh changed under', async () => {
    const store = part3Store()
    await store.getState().askWhatIf({ kind: 'skip', entry: 0 })
    expect(store.getState().whatIf?.status).toBe('shown')
    store.getState().dropWhatIf()
    expect(store.getState().whatIf).toBeNull()
    await store.getState().askWhatIf({ kind: 'draw', tick: 3, node: 'b', value: 2 })
    expect(store.getState().whatIf?.status).toBe('shown')
    store.getState().setScheduler('taskmaster', 'next')
    expect(store.getState().whatIf).toBeNull()
  })

  it('says why for a change that cannot be made, and keeps nothing', async () => {
    const store = part3Store()
    const before = store.getState().runHistory()
    await store.getState().askWhatIf({ kind: 'skip', entry: 99 })
    const shown = store.getState().whatIf
    expect(shown?.status).toBe('error')
    if (shown?.status === 'error') expect(shown.error).toMatch(/no hand action 99/)
    store.getState().keepWhatIf()
    expect(store.getState().runHistory()).toEqual(before)
  })

  it('says that What if needs the run on the page for a mesh whose run is in the sandbox', async () => {
    const store = sandboxStore(codeChain(EVENS, 'evens', [1, 2, 3]), { watchdogMs: 1000 })
    store.getState().trustCode([EVENS])
    await settle(store)
    store.getState().runToEnd()
    await settle(store)
    await store.getState().askWhatIf({ kind: 'input', index: 0 })
    expect(store.getState().whatIf).toEqual({ status: 'error', alteration: { kind: 'input', index: 0 }, error: WHAT_IF_IN_SANDBOX })
    store.getState().reset()
  })
})
