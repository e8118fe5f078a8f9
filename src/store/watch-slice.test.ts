import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { Watch, type Behaviour, type MeshDocument, type WatchTarget } from '../engine'
import { meshDocument } from '../engine/testing'
import { ManualClock } from '../runner/clock'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, requestsOut, sandboxStore, settle as settleSandbox } from './sandbox-testing'

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

  it('lists what passed a wire of a mesh whose code nodes run in the sandbox, as the engine’s Watch replayed directly, and follows the run', async () => {
    const source = 'function* (ports) {\n  while (true) ports.out.send((yield) * 10)\n}'
    const compile = () =>
      function* (ports: Parameters<Behaviour>[0]) {
        for (;;) ports.out!.send(((yield) as number) * 10)
      }
    const clock = new ManualClock()
    clock.advance = 1
    const store = sandboxStore(codeChain(source, 'tens', [1, 2, 3, 4, 5]), { clock, watchdogMs: 1000 })
    /** Runs the slice's tasks and frames, and lets the worker answer, until every watch is made. */
    const settleWatches = async () => {
      for (let i = 0; i < 400; i++) {
        clock.runTasks()
        clock.nextFrame()
        await new Promise((resolve) => setTimeout(resolve, 5))
        if (requestsOut(store) === 0 && clock.pendingTasks === 0 && store.getState().watches.every((w) => w.state !== 'replaying')) return
      }
      throw new Error('the watches did not settle')
    }
    const engineWatch = (target: WatchTarget) => {
      const watch = new Watch(target, store.getState().runHistory(), { compile })
      while (!watch.advance(1_000_000));
      return watch.result()
    }
    store.getState().trustCode([source])
    await settleSandbox(store)
    expect(store.getState().runWhere()).toBe('sandbox')
    store.getState().runToEnd()
    await settleSandbox(store)
    const wire: WatchTarget = { kind: 'wire', from: 'c', port: 'out', to: 's' }
    store.getState().addWatch(wire)
    store.getState().addWatch({ kind: 'queue', node: 'c' })
    await settleWatches()
    const [onWire, onQueue] = store.getState().watches
    expect(onWire).toMatchObject({ state: 'done', why: null })
    expect(onWire?.result).toEqual(engineWatch(wire))
    expect(onWire?.result?.values).toEqual([20, 30, 40, 50, 60])
    expect(onQueue?.result).toEqual(engineWatch({ kind: 'queue', node: 'c' }))
    // Back, a send by hand and on: the history is rewritten, and the watch follows it.
    store.getState().seek(3)
    await settleSandbox(store)
    store.getState().send('c', [7])
    await settleSandbox(store)
    for (let i = 0; i < 4; i++) store.getState().step()
    await settleSandbox(store)
    await settleWatches()
    expect(store.getState().watches[0]?.result).toEqual(engineWatch(wire))
    expect(store.getState().watches[0]?.result?.end).toBe(7)
    store.getState().runToEnd()
    await settleSandbox(store)
    await settleWatches()
    expect(store.getState().watches[0]?.result).toEqual(engineWatch(wire))
    expect(store.getState().watches[0]?.result?.values).toContain(70)
    store.getState().reset(meshDocument({ nodes: [] }))
  })
})
