import { describe, expect, it } from 'vitest'

import { part3Mesh as part3 } from '../demos/part3-mesh'
import { Timeline, whatIf, type Alteration, type Behaviour } from '../engine'
import { createMeshStore } from './mesh-store'
import { codeBranch, codeChain, PLUS_ONE, plusOne, sandboxStore, settle } from './sandbox-testing'
import { shownRun, shownTimeline } from './testing'

const EVENS = `function* (ports) {
  while (true) {
    const item = yield
    if (item % 2 === 0) ports.out.send(item)
  }
}`

/** EVENS written out, for the engine to run beside the sandbox. */
const evens = () =>
  function* (ports: Parameters<Behaviour>[0]) {
    for (;;) {
      const item = (yield) as number
      if (item % 2 === 0) ports.out!.send(item)
    }
  }

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

  it('asks a what-if of a run in the sandbox: the engine’s answer on the same history with the same code, the run where it was', async () => {
    const store = sandboxStore(codeChain(EVENS, 'evens', [1, 2, 3, 4]), { watchdogMs: 1000 })
    store.getState().trustCode([EVENS])
    await settle(store)
    store.getState().runToEnd()
    await settle(store)
    expect(store.getState().runWhere()).toBe('sandbox')
    const history = store.getState().runHistory()
    const before = shownRun(store)
    const alteration: Alteration = { kind: 'input', index: 1 }
    await store.getState().askWhatIf(alteration)
    const shown = store.getState().whatIf
    const engine = whatIf(history, alteration, { compile: evens })
    if (!engine.ok || shown?.status !== 'shown') throw new Error(`no what-if: ${JSON.stringify(shown)}`)
    expect(shown.result).toEqual(engine.result)
    expect(shown.result.divergence).not.toBeNull()
    expect(shown.result.altered.outputs).not.toEqual(shown.result.original.outputs)
    await settle(store)
    expect(shownRun(store)).toEqual(before)
    store.getState().reset()
  })

  it('keeps a what-if in the sandbox: a forced draw, then a skipped input, each becomes the run there, as the engine replays it', async () => {
    const store = sandboxStore(codeBranch([1, 3, 5, 7]), { watchdogMs: 1000 })
    store.getState().trustCode([PLUS_ONE])
    await settle(store)
    store.getState().runToEnd()
    await settle(store)
    const engineRun = (history: Parameters<typeof Timeline.replaying>[0]) => {
      const branch = Timeline.replaying(history, { compile: plusOne })
      branch.seek(branch.end)
      return shownTimeline(branch)
    }
    for (const alteration of [
      { kind: 'draw', tick: 1, node: 'b', value: 1 },
      { kind: 'draw', tick: 1, node: 'b', value: 2 },
      { kind: 'input', index: 0 },
    ] satisfies Alteration[]) {
      const history = store.getState().runHistory()
      await store.getState().askWhatIf(alteration)
      const shown = store.getState().whatIf
      const engine = whatIf(history, alteration, { compile: plusOne })
      if (!engine.ok || shown?.status !== 'shown') throw new Error(`no what-if: ${JSON.stringify(shown)}`)
      expect(shown.result).toEqual(engine.result)
      if (shown.result.divergence === null) continue
      store.getState().keepWhatIf()
      await settle(store)
      expect(store.getState().runWhere()).toBe('sandbox')
      expect(store.getState().runHistory()).toEqual(engine.result.history)
      expect(shownRun(store)).toEqual(engineRun(engine.result.history))
      if (alteration.kind === 'input') expect(store.getState().document.inputs).toEqual([{ node: 'a', values: [3, 5, 7] }])
    }
    expect(
      store
        .getState()
        .runHistory()
        .entries.some((e) => e.action?.type === 'draw'),
    ).toBe(true)
    store.getState().reset()
  })
})
