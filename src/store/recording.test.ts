import { afterEach, describe, expect, it } from 'vitest'

import { part3Mesh as part3 } from '../demos/part3-mesh'
import { meshDocument } from '../engine/testing'
import { readMeshFile } from '../formats/file'
import { recordingToJson } from '../formats/recording'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle } from './sandbox-testing'
import { explore, shownRun } from './testing'

/** Saves the store's run as a recording and opens it in a fresh store, as another person would. */
function reopen(store: MeshStore, fresh: MeshStore): void {
  const text = recordingToJson(store.getState().runHistory(), store.getState().run.tick)
  const opened = readMeshFile(text)
  if (!opened.ok) throw new Error(opened.error)
  expect(opened.recording).toBeDefined()
  fresh.getState().openMesh(opened.document, { from: 'file', recording: opened.recording })
}

const EVENS = `function* (ports) {
  while (true) {
    const item = yield
    if (item % 2 === 0) ports.out.send(item)
  }
}`

const stores: MeshStore[] = []
afterEach(() => {
  for (const s of stores) s.getState().reset(meshDocument({ nodes: [] }))
  stores.length = 0
})

describe('a recording of a run as it was explored', () => {
  it('opens in a fresh store at the same tick, with the same outputs and queues, and the same history on either side', () => {
    const store = createMeshStore({ document: part3.document })
    explore(store)
    const there = shownRun(store)
    const end = store.getState().run.end
    // The send, the clear and the edit are in its history, and the run at tick 6 is not the mesh's own.
    expect(
      store
        .getState()
        .runHistory()
        .entries.map((e) => e.action?.type ?? 'call ended'),
    ).toEqual(expect.arrayContaining(['send', 'clear', 'update']))
    const plain = createMeshStore()
    plain.getState().openMesh(part3.document, { tick: 6 })
    expect(shownRun(plain)).not.toEqual(there)
    const fresh = createMeshStore()
    reopen(store, fresh)
    expect(fresh.getState().run.tick).toBe(6)
    expect(shownRun(fresh)).toEqual(there)
    expect(fresh.getState().run.end).toBe(end)
    expect(
      fresh
        .getState()
        .notices.map((n) => n.text)
        .join(' '),
    ).toMatch(/Opened the recording: .* to tick 6 of/)
    // Along the history, forward and back: each tick as the explorer had it.
    for (const tick of [end, 9, 0, 4, end]) {
      store.getState().seek(tick)
      fresh.getState().seek(tick)
      expect(shownRun(fresh), `tick ${tick}`).toEqual(shownRun(store))
      expect(fresh.getState().document.mode, `tick ${tick}`).toBe(store.getState().document.mode)
    }
  })

  it('a run with code nodes is done again in the sandbox the same way', async () => {
    const mesh = codeChain(EVENS, 'evens', [1, 2, 3, 4, 5])
    const store = sandboxStore(mesh, { watchdogMs: 1000 })
    store.getState().trustCode([EVENS])
    stores.push(store)
    await settle(store)
    for (let i = 0; i < 4; i++) {
      store.getState().step()
      await settle(store)
    }
    store.getState().send('a', [10])
    await settle(store)
    store.getState().runToEnd()
    await settle(store)
    store.getState().seek(5)
    await settle(store)
    const there = shownRun(store)
    const fresh = sandboxStore(undefined, { watchdogMs: 1000 })
    fresh.getState().trustCode([EVENS])
    stores.push(fresh)
    await settle(fresh)
    reopen(store, fresh)
    await settle(fresh)
    expect(shownRun(fresh)).toEqual(there)
    expect(fresh.getState().run.end).toBe(store.getState().run.end)
    store.getState().seek(store.getState().run.end)
    fresh.getState().seek(fresh.getState().run.end)
    await settle(store)
    await settle(fresh)
    expect(shownRun(fresh)).toEqual(shownRun(store))
  })
})
