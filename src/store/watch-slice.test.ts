import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { Watch, type MeshDocument, type WatchTarget } from '../engine'
import { meshDocument } from '../engine/testing'
import { ManualClock } from '../runner/clock'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle as settleSandbox } from './sandbox-testing'
import { WATCH_SANDBOX_TEXT } from './watch-slice'

const part3 = (): MeshDocument => ({ ...meshDocument(part3Json), inputs: [{ node: 'a', values: Array.from({ length: 30 }, (_, i) => i) }] })

function setup() {
  const clock = new ManualClock()
  clock.advance = 1
  const store = createMeshStore({ document: part3(), clock, sandbox: null, compareSandbox: null })
  const settle = () => {
    for (let i = 0; i < 1_000 && (clock.pendingTasks > 0 || clock.pendingFrames > 0); i++) {
      clock.runTasks()
      clock.nextFrame()
    }
  }
  return { store, clock, settle }
}

/** What an engine watch made at once over the store's run history finds. */
const expected = (store: MeshStore, target: WatchTarget) => {
  const watch = new Watch(target, store.getState().runHistory())
  while (!watch.advance(1_000_000));
  return watch.result()
}

const WIRE: WatchTarget = { kind: 'wire', from: 'a', port: 'target', to: 'b' }

describe('the watch slice', () => {
  it('lists every value that passed a wire over the whole run, set after the run was moved back', () => {
    const { store, settle } = setup()
    store.getState().runToEnd()
    settle()
    store.getState().seek(20)
    store.getState().addWatch(WIRE)
    settle()
    const [watch] = store.getState().watches
    expect(watch?.state).toBe('done')
    expect(watch?.result).toEqual(expected(store, WIRE))
    expect(watch?.result?.end).toBe(store.getState().run.end)
    expect(watch?.result?.ticks.some((t) => t > 20)).toBe(true)
    // The same target twice is one watch.
    store.getState().addWatch({ ...WIRE })
    expect(store.getState().watches).toHaveLength(1)
  })

  it('is made again after a step back and a hand action, and follows the run as it goes on', () => {
    const { store, settle } = setup()
    store.getState().addWatch({ kind: 'queue', node: 'b' })
    for (let i = 0; i < 40; i++) store.getState().step()
    settle()
    expect(store.getState().watches[0]?.result?.end).toBe(40)
    store.getState().seek(10)
    store.getState().send('b', ['by hand'])
    for (let i = 0; i < 5; i++) store.getState().step()
    settle()
    const result = store.getState().watches[0]?.result
    expect(result).toEqual(expected(store, { kind: 'queue', node: 'b' }))
    expect(result?.end).toBe(15)
    expect(result?.values).toContain('by hand')
  })

  it('is made again for new initial inputs at tick 0, and after a Reset', () => {
    const { store, settle } = setup()
    store.getState().addWatch({ kind: 'queue', node: 'a' })
    settle()
    expect(store.getState().watches[0]?.result?.values).toHaveLength(30)
    store.getState().setInputs('a', [7, 8])
    settle()
    expect(store.getState().watches[0]?.result?.values).toEqual([7, 8])
    for (let i = 0; i < 6; i++) store.getState().step()
    settle()
    expect(store.getState().watches[0]?.result?.end).toBe(6)
    store.getState().reset()
    settle()
    expect(store.getState().watches[0]?.result).toEqual(expected(store, { kind: 'queue', node: 'a' }))
    expect(store.getState().watches[0]?.result?.end).toBe(0)
  })

  it('is taken away by removeWatch', () => {
    const { store, settle } = setup()
    store.getState().addWatch(WIRE)
    settle()
    store.getState().removeWatch(store.getState().watches[0]!.id)
    expect(store.getState().watches).toEqual([])
  })

  it('says why it waits for a mesh whose code nodes run in the sandbox', async () => {
    const source = 'function* (ports) {\n  while (true) ports.out.send(yield)\n}'
    const store = sandboxStore(codeChain(source, 'passer', [1, 2, 3]))
    store.getState().trustCode([source])
    await settleSandbox(store)
    expect(store.getState().runWhere()).toBe('sandbox')
    store.getState().runToEnd()
    await settleSandbox(store)
    store.getState().addWatch({ kind: 'wire', from: 'a', port: 'target', to: 'c' })
    await settleSandbox(store)
    expect(store.getState().watches[0]).toMatchObject({ state: 'unavailable', why: WATCH_SANDBOX_TEXT, result: null })
    store.getState().reset(meshDocument({ nodes: [] }))
  })

  it('says why it waits where the run is in the sandbox', () => {
    const { store, settle } = setup()
    store.setState({ runWhere: () => 'sandbox' })
    store.getState().addWatch(WIRE)
    settle()
    expect(store.getState().watches[0]).toMatchObject({ state: 'unavailable', why: WATCH_SANDBOX_TEXT, result: null })
  })
})
