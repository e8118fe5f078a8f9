import { describe, expect, it } from 'vitest'

import { findDemo, showing } from '../demos'
import { Timeline } from '../engine'
import { ManualClock } from '../runner/clock'
import { HEAD_ITEMS } from '../engine/run-view'
import { createMeshStore } from './mesh-store'
import { shownRun } from './testing'
import { chainDocument, meshDocument } from '../engine/testing'

const part3 = findDemo('part3-mesh')!

describe('the open slice', () => {
  describe('opening a mesh', () => {
    it('replaces the document with a fresh run, and undo brings the old mesh back', () => {
      const before = chainDocument()
      const store = createMeshStore({ document: before })
      store.getState().step()
      store.getState().openMesh(part3.document, { from: 'link' })
      const state = store.getState()
      expect(state.document).toBe(part3.document)
      expect(state.run.tick).toBe(0)
      expect(state.run.nodes.a!.head).toEqual([0, 1, 2, 3])
      expect(state.opened).toBe(1)
      expect(state.notices.map((n) => n.text)).toEqual(['Opened the mesh from the link. Undo brings back the mesh you had.'])
      state.undo()
      expect(store.getState().document).toBe(before)
    })

    it('runs to the tick a link asks for, the same run a fresh timeline makes', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().openMesh(part3.document, { tick: 9 })
      const timeline = new Timeline(part3.document)
      timeline.run(9)
      expect(store.getState().run.tick).toBe(9)
      expect(shownRun(store).outputs).toEqual(showing(timeline).outputs)
      expect(store.getState().run.nodes.s!.head).toEqual(timeline.sim.nodes.get('s')!.tasklet.items.toArray().slice(0, HEAD_ITEMS))
    })

    it('stops at the end of the run when the tick is further', () => {
      const store = createMeshStore()
      store.getState().openMesh(part3.document, { tick: 1_000_000 })
      expect(store.getState().run.status).toBe('idle')
      expect(shownRun(store).outputs).toEqual(['2x2', '2x4', '3x1', '3x3'].map((v) => `Sink got: ${v}`))
    })
  })

  describe('opening a mesh at a far tick', () => {
    /** A start wired to itself: it never runs out of work, so a link can ask for any tick. */
    const selfLoop = (maxActivations: number) =>
      meshDocument({ nodes: [{ id: 'a', kind: 'start' }], edges: [{ source: 'a', port: 'target', target: 'a' }], inputs: [{ node: 'a', values: [0] }], limits: { maxActivations } })

    it('runs there in slices, showing how far it got, and Cancel leaves the run where it got to', () => {
      const clock = new ManualClock()
      clock.advance = 1
      const store = createMeshStore({ clock })
      store.getState().openMesh(selfLoop(1_000_000_000), { tick: 5_000_000, from: 'link' })
      const first = store.getState().opening
      expect(first).toMatchObject({ goal: 5_000_000 })
      expect(store.getState().player.activity).toBe('running')
      for (let i = 0; i < 5; i++) {
        clock.runTasks()
        clock.nextFrame(100)
      }
      const later = store.getState().opening!
      expect(later.tick).toBeGreaterThan(first!.tick)
      expect(later.tick).toBeLessThan(5_000_000)
      store.getState().pause()
      const { opening, player, run, notices } = store.getState()
      expect(opening).toBeNull()
      expect(player.activity).toBe('paused')
      expect(run.tick).toBeGreaterThanOrEqual(later.tick)
      expect(run.tick).toBeLessThan(5_000_000)
      expect(notices.map((n) => n.text)).toContain(`Stopped at tick ${run.tick.toLocaleString('en-US')} on the way to tick 5,000,000: the mesh is there. Run goes on from it.`)
      expect(clock.pendingTasks).toBe(0)
    })

    it('ends the opening when it gets there', () => {
      const clock = new ManualClock()
      clock.advance = 1
      const store = createMeshStore({ clock })
      store.getState().openMesh(selfLoop(1_000_000), { tick: 50_000 })
      while (store.getState().opening) clock.runTasks()
      expect(store.getState().run.tick).toBe(50_000)
      expect(store.getState().player.activity).toBe('paused')
    })

    it('refuses a tick past the activation budget, and opens at tick 0', () => {
      const store = createMeshStore()
      store.getState().openMesh(selfLoop(1000), { tick: 1_000_000_000, from: 'link' })
      const { run, opening, notices } = store.getState()
      expect(run.tick).toBe(0)
      expect(opening).toBeNull()
      expect(notices.map((n) => n.text)).toEqual([
        "The link asks for tick 1,000,000,000, past the mesh's activation budget (1,000), so it opened at tick 0. Undo brings back the mesh you had.",
      ])
    })
  })
})
