import { afterEach, describe, expect, it } from 'vitest'

import { part3Mesh as part3 } from '../demos/part3-mesh'
import { meshDocument } from '../engine/testing'
import { ManualClock } from '../runner/clock'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle } from './sandbox-testing'
import { shownRun } from './testing'

const stores: MeshStore[] = []
afterEach(() => {
  for (const s of stores) s.getState().reset(meshDocument({ nodes: [] }))
  stores.length = 0
})

const queueOf = (store: MeshStore, id: string) => store.getState().run.nodes[id]!.head
const lastNotice = (store: MeshStore) => store.getState().notices.at(-1)?.text ?? ''

/** Part 3, three ticks on: start's queue holds 3 (it took 0, 1 and 2 by flushing). */
function paused(): MeshStore {
  const store = createMeshStore({ document: part3.document, clock: new ManualClock() })
  for (let i = 0; i < 2; i++) store.getState().step()
  return store
}

describe('queue surgery in the store', () => {
  it('drops an item as a hand action of the run: logged at its tick, and the outputs change', () => {
    const store = paused()
    const plain = paused()
    expect(queueOf(store, 'a')).toEqual([2, 3])
    store.getState().editQueue('a', { op: 'drop', index: 0 })
    expect(queueOf(store, 'a')).toEqual([3])
    expect(store.getState().runHistory().entries.at(-1)).toEqual({ tick: 2, action: { type: 'queue', node: 'a', edit: { op: 'drop', index: 0 } } })
    expect(store.getState().queueUndo).toBe(2)
    store.getState().runToEnd()
    plain.getState().runToEnd()
    expect(shownRun(store).outputs).not.toEqual(shownRun(plain).outputs)
    // Back past the edit and forward again: the same run.
    const end = shownRun(store)
    store.getState().seek(1)
    expect(queueOf(store, 'a')).toEqual([1, 2, 3])
    store.getState().seek(store.getState().run.end)
    expect(shownRun(store)).toEqual(end)
  })

  it('shows the edit when the run is sought forward to its very tick, as a seek back to it does', () => {
    const store = paused()
    store.getState().editQueue('a', { op: 'drop', index: 1 })
    for (let i = 0; i < 3; i++) store.getState().step()
    store.getState().seek(2)
    const back = shownRun(store)
    expect(queueOf(store, 'a')).toEqual([2])
    store.getState().seek(1)
    store.getState().seek(2)
    expect(shownRun(store)).toEqual(back)
  })

  it('undoes one edit of several at a tick, the others kept', () => {
    const store = paused()
    store.getState().editQueue('a', { op: 'set', index: 0, value: 9 })
    store.getState().editQueue('a', { op: 'insert', index: 1, value: 5 })
    const before = shownRun(store)
    store.getState().editQueue('a', { op: 'drop', index: 0 })
    expect(queueOf(store, 'a')).toEqual([5, 3])
    store.getState().undoHandAction()
    expect(shownRun(store)).toEqual(before)
    expect(queueOf(store, 'a')).toEqual([9, 5, 3])
  })

  it('undoes the edit, giving back exactly the run before it', () => {
    const store = paused()
    const before = shownRun(store)
    const entries = store.getState().runHistory().entries
    store.getState().editQueue('a', { op: 'transfer', index: 1, to: 'd', at: 0 })
    expect(queueOf(store, 'a')).toEqual([2])
    expect(queueOf(store, 'd')).toEqual([3])
    store.getState().undoHandAction()
    expect(shownRun(store)).toEqual(before)
    expect(store.getState().runHistory().entries).toEqual(entries)
    expect(store.getState().queueUndo).toBeNull()
    store.getState().runToEnd()
    const plain = paused()
    plain.getState().runToEnd()
    expect(shownRun(store)).toEqual(shownRun(plain))
    // Nothing more was done by hand at this tick: said so, and nothing changes.
    const now = shownRun(store)
    store.getState().undoHandAction()
    expect(lastNotice(store)).toMatch(/Nothing was done by hand at tick \d+ to undo/)
    expect(shownRun(store)).toEqual(now)
  })

  it('refuses an edit that no longer fits the queue, while the run plays, or inside a group, saying why', () => {
    const store = paused()
    const history = () => store.getState().runHistory().entries.length
    const n = history()
    store.getState().editQueue('a', { op: 'drop', index: 5 })
    expect(lastNotice(store)).toBe("start's queue has no item 6 now (it holds 2).")
    store.getState().editQueue('a', { op: 'set', index: 0, value: { html: 1 } as never })
    expect(lastNotice(store)).toMatch(/That value cannot be queued: an object/)
    store.getState().editQueue('a', { op: 'transfer', index: 0, to: 'constructor', at: 0 })
    expect(lastNotice(store)).toMatch(/Choose another tasklet/)
    store.getState().editQueue('__proto__', { op: 'drop', index: 0 })
    expect(lastNotice(store)).toMatch(/The mesh has no tasklet "__proto__"/)
    expect(history()).toBe(n)
    expect(queueOf(store, 'a')).toEqual([2, 3])
    store.getState().play()
    store.getState().editQueue('a', { op: 'drop', index: 0 })
    expect(lastNotice(store)).toMatch(/Pause the run to edit a queue/)
    store.getState().pause()
    expect(
      store
        .getState()
        .runHistory()
        .entries.some((e) => e.action?.type === 'queue'),
    ).toBe(false)
  })

  it('refuses an insert into a full queue', () => {
    // Start's queue holds its four inputs: full.
    const capped = { ...part3.document, limits: { ...part3.document.limits, maxQueue: 4 } }
    const store = createMeshStore({ document: capped, clock: new ManualClock() })
    store.getState().editQueue('a', { op: 'insert', index: 0, value: 9 })
    expect(lastNotice(store)).toMatch(/start's queue is full \(4 items/)
    store.getState().editQueue('d', { op: 'insert', index: 0, value: 9 })
    expect(queueOf(store, 'd')).toEqual([9])
    store.getState().editQueue('d', { op: 'transfer', index: 0, to: 'a', at: 4 })
    expect(lastNotice(store)).toMatch(/start's queue is full/)
    expect(queueOf(store, 'a')).toEqual([0, 1, 2, 3])
  })
})

describe('queue surgery on a run in the sandbox', () => {
  const EVENS = `function* (ports) {
  while (true) {
    const item = yield
    if (item % 2 === 0) ports.out.send(item)
  }
}`

  it('edits a queue of a mesh with a code node through the worker, replayed there on seek, and undoes it', async () => {
    const store = sandboxStore(codeChain(EVENS, 'evens', [1, 2, 3, 4, 5]), { watchdogMs: 1000 })
    store.getState().trustCode([EVENS])
    stores.push(store)
    await settle(store)
    store.getState().step()
    await settle(store)
    expect(store.getState().run.tick).toBe(1)
    expect(queueOf(store, 'a')).toEqual([2, 3, 4, 5])
    const before = shownRun(store)
    store.getState().editQueue('a', { op: 'move', from: 3, to: 0 })
    await settle(store)
    expect(queueOf(store, 'a')).toEqual([5, 2, 3, 4])
    store.getState().editQueue('a', { op: 'set', index: 1, value: 7 })
    await settle(store)
    expect(queueOf(store, 'a')).toEqual([5, 7, 3, 4])
    store.getState().runToEnd()
    await settle(store)
    const end = shownRun(store)
    // 2 was on its way already; then start adds one: 5 7 3 4 → 6 8 4 5 → the evens 6 8 4, in that order.
    expect(end.outputs).toEqual(['Sink got: 2', 'Sink got: 6', 'Sink got: 8', 'Sink got: 4'])
    store.getState().seek(0)
    await settle(store)
    store.getState().seek(store.getState().run.end)
    await settle(store)
    expect(shownRun(store)).toEqual(end)
    store.getState().seek(1)
    await settle(store)
    expect(queueOf(store, 'a')).toEqual([5, 7, 3, 4])
    store.getState().undoHandAction()
    await settle(store)
    expect(queueOf(store, 'a')).toEqual([5, 2, 3, 4])
    store.getState().undoHandAction()
    await settle(store)
    expect(shownRun(store)).toEqual(before)
  })
})
