import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, Simulation, Timeline, type MeshDocument, type TraceEvent } from '../engine'
import { ManualClock } from '../runner/clock'
import { BACKFILL } from '../runner/driver'
import { createMeshStore, type MeshStore } from './mesh-store'
import { chainDocument, pingPongDocument, runawayDocument } from '../engine/testing'

function part3(): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function setup(document: MeshDocument, advance = 0): { store: MeshStore; clock: ManualClock } {
  const clock = new ManualClock()
  clock.advance = advance
  return { store: createMeshStore({ document, clock }), clock }
}

/** Every event of a fully traced run of `document` for `ticks` activations (or to its end). */
function tracedRun(document: MeshDocument, ticks = Infinity): TraceEvent[] {
  const events: TraceEvent[] = []
  const sim = new Simulation(document, { trace: (e) => events.push(e) })
  while (sim.tick < ticks && sim.step()) {
    // stepping
  }
  return events
}

function logged(store: MeshStore): unknown[] {
  const { trace } = store.getState().runLog
  return Array.from({ length: trace.length }, (_, i) => trace.at(i))
}

const sinkLines = (store: MeshStore) => (store.getState().run.outputs.s ?? []).map((o) => o.value)

describe('the run slice', () => {
  describe('play', () => {
    it('steps at once, then at the chosen speed, and stops stepping when paused', () => {
      const { store, clock } = setup(pingPongDocument(1000))
      store.getState().setSpeed(2)
      store.getState().play()
      expect(store.getState().run.tick).toBe(1)
      expect(store.getState().player.activity).toBe('playing')
      for (let i = 0; i < 9; i++) clock.nextFrame(50)
      expect(store.getState().run.tick).toBe(1)
      clock.nextFrame(50)
      expect(store.getState().run.tick).toBe(2)
      for (let i = 0; i < 10; i++) clock.nextFrame(50)
      expect(store.getState().run.tick).toBe(3)
      store.getState().pause()
      for (let i = 0; i < 120; i++) clock.nextFrame()
      expect(store.getState().run.tick).toBe(3)
      expect(store.getState().player.activity).toBe('paused')
    })

    it('changes speed while playing', () => {
      const { store, clock } = setup(pingPongDocument(1000))
      store.getState().setSpeed(1)
      store.getState().play()
      store.getState().setSpeed(60)
      for (let i = 0; i < 60; i++) clock.nextFrame()
      expect(store.getState().run.tick).toBeGreaterThanOrEqual(55)
      expect(store.getState().flow.style).toBe('counters')
    })

    it('stops by itself when no work is left', () => {
      const { store, clock } = setup(chainDocument())
      store.getState().send('a', [1])
      store.getState().setSpeed(60)
      store.getState().play()
      for (let i = 0; i < 20; i++) clock.nextFrame()
      expect(store.getState().run).toMatchObject({ tick: 3, status: 'idle' })
      expect(store.getState().player.activity).toBe('paused')
      expect(clock.pendingFrames).toBe(0)
    })

    it('shows tokens for the items a tick sent, at slow speeds', () => {
      const { store } = setup(chainDocument())
      store.getState().send('a', [1])
      store.getState().step()
      const flow = store.getState().flow
      expect(flow.style).toBe('tokens')
      expect(flow.edges['a.target-d']).toMatchObject({ values: ['2'], count: 1 })
      expect(flow.took).toEqual({ node: 'a', item: '1' })
    })
  })

  describe('fast runs', () => {
    it('runs to the end in slices, each its own task, and ends where one long run ends', () => {
      const { store, clock } = setup(pingPongDocument(20_000), 1)
      store.getState().runToEnd()
      expect(store.getState().player.activity).toBe('running')
      expect(clock.pendingTasks).toBe(1)
      let slices = 1
      while (clock.pendingTasks > 0) {
        clock.runTasks()
        slices++
      }
      expect(slices).toBeGreaterThan(2)
      expect(store.getState().run).toMatchObject({ tick: 20_000, status: 'halted', halt: 'budget' })
      expect(store.getState().player.activity).toBe('paused')
    })

    it('traces a short run to the end exactly as stepping does', () => {
      const { store } = setup(part3())
      store.getState().runToEnd()
      expect(store.getState().run.status).toBe('idle')
      expect(JSON.parse(JSON.stringify(logged(store)))).toEqual(JSON.parse(JSON.stringify(tracedRun(part3()))))
    })

    it("traces a long run's last ticks again after it, with a gap before them", () => {
      const { store, clock } = setup(pingPongDocument(20_000), 1)
      store.getState().runToEnd()
      while (clock.pendingTasks > 0) clock.runTasks()
      const entries = logged(store) as { type: string; tick: number; from?: number }[]
      const gap = entries.find((e) => e.type === 'gap')
      expect(gap).toMatchObject({ from: 1, tick: 20_000 - BACKFILL })
      expect(entries.at(-1)).toMatchObject({ type: 'limit', tick: 20_000 })
    })

    it('plays Turbo until a breakpoint', () => {
      const { store } = setup(part3())
      store.getState().addBreakpoint({ kind: 'activation', node: 's' })
      store.getState().setSpeed('turbo')
      store.getState().play()
      const firstSink = tracedRun(part3()).find((e) => e.type === 'activation' && e.node === 's')!.tick
      expect(store.getState().run.tick).toBe(firstSink)
      expect(store.getState().breakpointHit?.message).toBe('sink activated')
      expect(store.getState().player.activity).toBe('paused')
    })

    it('pauses a paced run at a breakpoint on a sink output', () => {
      const { store, clock } = setup(part3())
      store.getState().addBreakpoint({ kind: 'output', node: null, text: '3x' })
      store.getState().setSpeed(60)
      store.getState().play()
      for (let i = 0; i < 120 && store.getState().player.activity === 'playing'; i++) clock.nextFrame()
      expect(store.getState().breakpointHit?.message).toMatch(/^sink got 3x/)
      expect(sinkLines(store).at(-1)).toMatch(/^3x/)
    })

    it('stops a runaway mesh at the queue cap with a warning', () => {
      const { store, clock } = setup(runawayDocument())
      store.getState().runToEnd()
      while (clock.pendingTasks > 0) clock.runTasks()
      expect(store.getState().run.status).toBe('halted')
      expect(store.getState().notices.find((n) => n.key === 'run-halt')?.text).toMatch(/queue is full \(500 items\)/)
      store.getState().reset()
      expect(store.getState().notices.find((n) => n.key === 'run-halt')).toBeUndefined()
    })

    it('steps to the end of a taskmaster round', () => {
      const { store } = setup(part3())
      const timeline = new Timeline(part3())
      store.getState().stepRound()
      timeline.stepRound()
      expect(store.getState().run.tick).toBe(timeline.tick)
      store.getState().stepRound()
      timeline.stepRound()
      expect(store.getState().run.tick).toBe(timeline.tick)
    })

    it('stops a step round at a breakpoint on a node that runs in the middle of the round', () => {
      const { store } = setup(part3())
      // The third round activates the doubler twice, then the tripler twice (ticks 9 to 12).
      store.getState().stepRound()
      store.getState().stepRound()
      expect(store.getState().run.tick).toBe(8)
      store.getState().addBreakpoint({ kind: 'activation', node: 't' })
      store.getState().stepRound()
      expect(store.getState().run.tick).toBe(11)
      expect(store.getState().breakpointHit?.message).toBe('tripler activated')
      expect(store.getState().player.activity).toBe('paused')
    })
  })

  describe('building after a run has ended', () => {
    it('starts a fresh run at once when initial inputs are added, so Run to end can run them', () => {
      const { store } = setup(part3())
      store.getState().runToEnd()
      expect(store.getState().run.status).toBe('idle')
      expect(store.getState().run.outputs.s?.length).toBe(4)
      store.getState().setInputs('a', [0, 1, 2, 3, 10])
      expect(store.getState().run.tick).toBe(0)
      expect(store.getState().run.status).toBe('ready')
      expect(store.getState().run.outputs.s ?? []).toEqual([])
      expect(store.getState().run.nodes.a?.queueLength).toBe(5)
      store.getState().runToEnd()
      expect(store.getState().run.outputs.s?.length).toBe(5)
    })

    it('starts afresh when nodes are deleted, so no output of a deleted mesh is left', () => {
      const { store } = setup(part3())
      store.getState().runToEnd()
      store.getState().removeNodes(store.getState().document.nodes.map((n) => n.id))
      expect(store.getState().run.tick).toBe(0)
      expect(store.getState().run.outputs).toEqual({})
      expect(store.getState().runLog.trace.length).toBe(0)
    })

    it("keeps an ended run going when it is re-wired, as the seed's rescope keeps a live mesh", () => {
      const { store } = setup(part3())
      store.getState().runToEnd()
      const tick = store.getState().run.tick
      store.getState().reconnect(store.getState().document.edges[0]!.id, { ...store.getState().document.edges[0]!, target: 's' })
      expect(store.getState().document.edges[0]!.target).toBe('s')
      expect(store.getState().run.tick).toBe(tick)
    })

    it('keeps a run that has not ended where it is, and says that new inputs wait for Reset', () => {
      const { store } = setup(part3())
      for (let i = 0; i < 3; i++) store.getState().step()
      store.getState().setInputs('a', [7])
      expect(store.getState().run.tick).toBe(3)
      expect(store.getState().notices.map((n) => n.key)).toContain('start-changed')
    })
  })

  describe('time travel', () => {
    it('steps back to exactly the earlier state, and the trace goes back with it', () => {
      const { store } = setup(part3())
      for (let i = 0; i < 9; i++) store.getState().step()
      const at9 = store.getState().run
      const trace9 = JSON.stringify(logged(store))
      for (let i = 0; i < 6; i++) store.getState().step()
      for (let i = 0; i < 6; i++) store.getState().stepBack()
      const back = store.getState().run
      expect(back.tick).toBe(9)
      expect(back.nodes).toEqual(at9.nodes)
      expect(back.outputs).toEqual(at9.outputs)
      expect(JSON.stringify(logged(store))).toBe(trace9)
      expect(store.getState().runLog.series.lastTick).toBe(9)
    })

    it('shows the item a tasklet took at the tick it steps back to, as stepping forward to it did', () => {
      const { store } = setup(part3())
      for (let i = 0; i < 5; i++) store.getState().step()
      const tookAt5 = store.getState().flow.took
      expect(tookAt5).not.toBeNull()
      store.getState().step()
      store.getState().stepBack()
      expect(store.getState().run.tick).toBe(5)
      expect(store.getState().flow.took).toEqual(tookAt5)
    })

    it('seeks forward along the history it went back in', () => {
      const { store } = setup(part3())
      store.getState().runToEnd()
      const end = store.getState().run
      store.getState().seek(3)
      expect(store.getState().run.tick).toBe(3)
      expect(store.getState().run.end).toBe(end.tick)
      store.getState().seek(end.tick)
      expect(store.getState().run.outputs).toEqual(end.outputs)
    })

    it('shows the document the run had at the tick it goes back to, with no undo step', () => {
      const { store } = setup(chainDocument())
      store.getState().send('a', [1, 2])
      store.getState().step()
      store.getState().step()
      store.getState().removeEdges(['d.target-s'])
      const undoSteps = store.temporal.getState().pastStates.length
      store.getState().moveNodes({ a: { x: 40, y: 60 } })
      store.getState().step()
      store.getState().seek(1)
      const { document } = store.getState()
      expect(document.edges.map((e) => e.id)).toContain('d.target-s')
      expect(document.nodes.find((n) => n.id === 'a')!.position).toEqual({ x: 40, y: 60 })
      expect(store.temporal.getState().pastStates.length).toBe(undoSteps + 1)
      // Seeking forward again brings the edit back, without branching.
      store.getState().seek(3)
      expect(store.getState().document.edges.map((e) => e.id)).not.toContain('d.target-s')
      expect(store.getState().run.end).toBe(3)
    })

    it('branches history when the mesh is edited at an earlier tick', () => {
      const { store } = setup(part3())
      for (let i = 0; i < 10; i++) store.getState().step()
      store.getState().seek(4)
      store.getState().setLabel('d', 'twice')
      expect(store.getState().run.end).toBe(4)
    })
  })
})
