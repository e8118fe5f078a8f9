import { afterEach, describe, expect, it, vi } from 'vitest'

import { Outcome, pyStr, Simulation, Timeline, type MeshDocument } from '../engine'
import { compileCoroutine } from '../sandbox/compile'
import { ManualClock } from '../runner/clock'
import { SandboxClient } from '../sandbox/client'
import { FakeWorker } from '../sandbox/fake-worker'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle } from './sandbox-testing'
import { meshDocument } from '../engine/testing'

const EVENS = `function* (ports) {
  while (true) {
    const item = yield
    if (item % 2 === 0) ports.out.send(item)
  }
}`

/** start → code (keeps even numbers) → sink. */
const filterMesh = (source = EVENS): MeshDocument => codeChain(source, 'evens', [1, 2, 3, 4, 5])

const stores: MeshStore[] = []

function store(document: MeshDocument, trusted: string[] = [EVENS]): MeshStore {
  const result = sandboxStore(document)
  result.getState().trustCode(trusted)
  stores.push(result)
  return result
}

const sinkGot = (s: MeshStore) => s.getState().run.outputs.s?.map((o) => pyStr(o.value)) ?? []

afterEach(() => {
  for (const s of stores) s.getState().reset(meshDocument({ nodes: [] }))
  stores.length = 0
})

describe('a mesh with code nodes in the store', () => {
  it('runs in the sandbox: step, run to the end, step back, with the trace following', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().step()
    await settle(s)
    expect(s.getState().run.tick).toBe(1)
    s.getState().runToEnd()
    await settle(s)
    expect(sinkGot(s)).toEqual(['2', '4', '6'])
    expect(s.getState().player.activity).toBe('paused')
    const end = s.getState().run.tick
    s.getState().stepBack()
    await settle(s)
    expect(s.getState().run.tick).toBe(end - 1)
    expect(s.getState().runLog.trace.length).toBeGreaterThan(0)
  })

  it('steps back from where the steps asked before it leave the run, even while they are still out', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().step()
    await settle(s)
    s.getState().step()
    await settle(s)
    expect(s.getState().run.tick).toBe(2)
    // Two steps and a step back asked at once, as fast keys do while the worker is busy: tick 4, then back to 3.
    s.getState().step()
    s.getState().step()
    s.getState().stepBack()
    await settle(s)
    expect(s.getState().run.tick).toBe(3)
    s.getState().stepBack()
    s.getState().step()
    await settle(s)
    expect(s.getState().run.tick).toBe(3)
  })

  it('shows the item a tasklet took at the tick it steps back to, as stepping forward to it did', async () => {
    const s = store(filterMesh())
    await settle(s)
    for (let i = 0; i < 3; i++) {
      s.getState().step()
      await settle(s)
    }
    const took = s.getState().flow.took
    expect(took).not.toBeNull()
    s.getState().step()
    await settle(s)
    s.getState().stepBack()
    await settle(s)
    expect(s.getState().run.tick).toBe(3)
    expect(s.getState().flow.took).toEqual(took)
  })

  it('starts a fresh run at once when initial inputs are added after the run ended', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().runToEnd()
    await settle(s)
    expect(sinkGot(s)).toEqual(['2', '4', '6'])
    s.getState().setInputs('a', [7, 9])
    await settle(s)
    expect(s.getState().run.tick).toBe(0)
    expect(sinkGot(s)).toEqual([])
    s.getState().runToEnd()
    await settle(s)
    expect(sinkGot(s)).toEqual(['8', '10'])
  })

  it('stops at a breakpoint, and steps to the end of a round', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().addBreakpoint({ kind: 'activation', node: 's' })
    s.getState().runToEnd()
    await settle(s)
    expect(s.getState().breakpointHit?.message).toBe('sink activated')
    const tick = s.getState().run.tick
    s.getState().removeBreakpoint(s.getState().breakpoints[0]!.id)
    s.getState().stepRound()
    await settle(s)
    expect(s.getState().run.tick).toBeGreaterThan(tick)
    expect(s.getState().player.activity).toBe('paused')
  })

  it('plays at a speed, a step at a time as frames come', async () => {
    const clock = new ManualClock()
    const s = createMeshStore({
      document: filterMesh(),
      clock,
      sandbox: () => new SandboxClient({ createWorker: () => new FakeWorker() }),
    })
    stores.push(s)
    s.getState().setSpeed(8)
    await new Promise((resolve) => setTimeout(resolve, 20))
    s.getState().play()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(s.getState().run.tick).toBe(1)
    clock.nextFrame(250)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(s.getState().run.tick).toBe(3)
    s.getState().pause()
    clock.nextFrame(1000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(s.getState().run.tick).toBe(3)
    expect(s.getState().player.activity).toBe('paused')
  })

  it("knows when the person acted on the sandbox's run by hand, for a link at a tick", async () => {
    const s = store(filterMesh())
    await settle(s)
    expect(s.getState().runHasHandActions()).toBe(false)
    s.getState().send('c', [8])
    await settle(s)
    expect(s.getState().runHasHandActions()).toBe(true)
  })

  it('takes edits of the code mid-run, as an update of the running mesh', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().step()
    s.getState().step()
    await settle(s)
    s.getState().setCodeSource('c', EVENS.replace('% 2 === 0', '% 2 === 1'))
    s.getState().runToEnd()
    await settle(s)
    expect(sinkGot(s)).toEqual(['3', '5'])
  })

  it('keeps code from a link closed until it is allowed, then runs it from the tick the link opened at', async () => {
    const s = store(meshDocument({ nodes: [] }), [])
    s.getState().openMesh(filterMesh(), { tick: 2, from: 'link' })
    await settle(s)
    expect(s.getState().codeReviewOpen).toBe(true)
    expect(s.getState().run.nodes.c?.error).toBe('Error: its code has not been allowed to run')
    expect(s.getState().run.tick).toBe(2)
    s.getState().allowDocumentCode()
    await settle(s)
    expect(s.getState().run.nodes.c?.error).toBeNull()
    expect(s.getState().run.tick).toBe(2)
    s.getState().runToEnd()
    await settle(s)
    expect(sinkGot(s)).toEqual(['2', '4', '6'])
  })

  it('keeps a recording of a run with code at its tick once its code is allowed: what was done by hand is done again in the sandbox', async () => {
    const explorer = store(filterMesh())
    await settle(explorer)
    for (let i = 0; i < 2; i++) explorer.getState().step()
    explorer.getState().send('c', [8, 10])
    for (let i = 0; i < 3; i++) explorer.getState().step()
    await settle(explorer)
    const history = explorer.getState().runHistory()
    expect(explorer.getState().run.tick).toBe(5)

    const s = store(meshDocument({ nodes: [] }), [])
    s.getState().openMesh(history.document, { from: 'file', recording: { history, tick: 5 } })
    await settle(s)
    expect(s.getState().codeReviewOpen).toBe(true)
    s.getState().allowDocumentCode()
    await settle(s)
    expect(s.getState().run.nodes.c?.error).toBeNull()
    expect(s.getState().run.tick).toBe(5)
    expect(sinkGot(s)).toEqual(sinkGot(explorer))
    expect(s.getState().run.nodes.c?.head).toEqual(explorer.getState().run.nodes.c?.head)
    expect(
      s
        .getState()
        .notices.map((n) => n.text)
        .join(' '),
    ).not.toMatch(/started again from tick 0/)
    explorer.getState().runToEnd()
    s.getState().runToEnd()
    await settle(explorer)
    await settle(s)
    expect(sinkGot(s)).toEqual(sinkGot(explorer))
  })

  it('runs a link at a tick once, in the sandbox: the page does not run it first with the code closed', async () => {
    const s = store(meshDocument({ nodes: [] }))
    const activations = vi.spyOn(Simulation.prototype, 'activate')
    s.getState().openMesh(filterMesh(), { tick: 3, from: 'link' })
    await settle(s)
    // Every activation, on the page's Timeline and in the (fake) worker alike.
    const taken = activations.mock.results.filter((r) => r.value !== Outcome.Empty).length
    activations.mockRestore()
    expect(taken).toBe(3)
    const engine = new Timeline(filterMesh(), { compile: compileCoroutine })
    engine.run(3)
    expect(s.getState().run.tick).toBe(3)
    expect(s.getState().run.nodes.c?.error).toBeNull()
    expect(sinkGot(s)).toEqual(engine.sim.outputs.toArray().map((o) => pyStr(o.value)))
  })

  it('goes back to the page when the last code node is deleted, at the same tick', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().step()
    await settle(s)
    s.getState().removeNodes(['c'])
    await settle(s)
    expect(s.getState().run.tick).toBe(1)
    expect(s.getState().run.nodes.c).toBeUndefined()
    s.getState().step()
    expect(s.getState().run.tick).toBe(2)
  })

  it('gives up a fast run quietly when its code node is deleted meanwhile', async () => {
    const s = store(filterMesh())
    await settle(s)
    s.getState().runToEnd()
    s.getState().removeNodes(['c'])
    await settle(s)
    expect(s.getState().notices.filter((n) => n.tone === 'error')).toEqual([])
    expect(s.getState().run.nodes.c).toBeUndefined()
  })

  it('stops a node whose code loops, says so, and keeps the rest', async () => {
    const looping = EVENS.replace('if (item % 2 === 0)', 'if (item === 4) hang()\n    if (item % 2 === 0)')
    const s = store(filterMesh(looping), [looping])
    await settle(s)
    s.getState().runToEnd()
    await settle(s)
    expect(s.getState().run.nodes.c?.error).toMatch(/ran for over 1 s/)
    // The code node had passed 2 on before it hung on 4; the sink has it waiting.
    expect(s.getState().run.nodes.s?.head).toEqual([2])
    expect(
      s
        .getState()
        .notices.map((n) => n.text)
        .join(),
    ).toMatch(/evens was stopped at tick \d+/)
  })
})
