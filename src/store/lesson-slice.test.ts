import { describe, expect, it } from 'vitest'

import { DEMOS, findDemo, openLessonStep, showing, type Demo } from '../demos'
import { pyStr, Timeline } from '../engine'
import { ManualClock } from '../runner/clock'
import { HEAD_ITEMS } from '../engine/run-view'
import { createMeshStore, type MeshStore } from './mesh-store'
import { chainDocument, meshDocument } from '../engine/testing'

/** What the store shows of the run, in the terms of the demos' `showing`. */
function shown(store: MeshStore) {
  const { run } = store.getState()
  const outputs = Object.values(run.outputs)
    .flat()
    .sort((a, b) => a.tick - b.tick)
    .map((o) => `Sink got: ${pyStr(o.value)}`)
  const queues = Object.fromEntries(Object.entries(run.nodes).map(([id, view]) => [id, { length: view.queueLength, head: view.head }]))
  return { tick: run.tick, outputs, queues }
}

function expected(demo: Demo, step: number) {
  const timeline = openLessonStep(demo, step)
  const now = showing(timeline)
  const queues = Object.fromEntries(Object.entries(now.queues).map(([id, items]) => [id, { length: items.length, head: items.slice(0, HEAD_ITEMS) }]))
  return { shows: { tick: now.tick, outputs: now.outputs, queues }, document: timeline.sim.document }
}

const part3 = findDemo('part3-mesh')!

describe('the lesson slice', () => {
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
      expect(shown(store).outputs).toEqual(showing(timeline).outputs)
      expect(store.getState().run.nodes.s!.head).toEqual(timeline.sim.nodes.get('s')!.tasklet.items.toArray().slice(0, HEAD_ITEMS))
    })

    it('stops at the end of the run when the tick is further', () => {
      const store = createMeshStore()
      store.getState().openMesh(part3.document, { tick: 1_000_000 })
      expect(store.getState().run.status).toBe('idle')
      expect(shown(store).outputs).toEqual(['2x2', '2x4', '3x1', '3x3'].map((v) => `Sink got: ${v}`))
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

  describe('following a lesson', () => {
    it.each(DEMOS.map((d) => [d.id, d] as const))('%s shows each step, Next after Next, as the lesson plays it', (_id, demo) => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().openDemo(demo)
      for (let step = 0; step < demo.lesson.length; step++) {
        if (step > 0) store.getState().goToLessonStep(step)
        const want = expected(demo, step)
        expect(shown(store), `${demo.id} step ${step + 1}`).toEqual(want.shows)
        expect(store.getState().document, `${demo.id} step ${step + 1}: the document follows the run`).toEqual(want.document)
        expect(store.getState().lesson?.step).toBe(step)
        expect(store.getState().focus).toBe(demo.lesson[step]!.focus ?? null)
      }
    })

    it.each(DEMOS.map((d) => [d.id, d] as const))('%s goes back to any step exactly', (_id, demo) => {
      const store = createMeshStore()
      store.getState().openDemo(demo, demo.lesson.length - 1)
      for (let step = demo.lesson.length - 2; step >= 0; step--) {
        store.getState().goToLessonStep(step)
        const want = expected(demo, step)
        expect(shown(store), `${demo.id} step ${step + 1}`).toEqual(want.shows)
        expect(store.getState().document).toEqual(want.document)
      }
    })

    it('leaves one undo step, back to the mesh before the demo, however far the lesson went', () => {
      const before = chainDocument()
      const store = createMeshStore({ document: before })
      const echoers = findDemo('priority-echoers')!
      store.getState().openDemo(echoers)
      for (let step = 1; step < echoers.lesson.length; step++) store.getState().goToLessonStep(step)
      expect(store.getState().document.mode).toBe('next')
      expect(store.temporal.getState().pastStates).toHaveLength(1)
      store.getState().undo()
      expect(store.getState().document).toBe(before)
    })

    it('replays from the start when the run was stepped by hand since the last step', () => {
      const store = createMeshStore()
      store.getState().openDemo(part3, 1)
      store.getState().step()
      store.getState().step()
      store.getState().goToLessonStep(2)
      expect(shown(store)).toEqual(expected(part3, 2).shows)
    })

    it('keeps the edits a person made as an undo step when a lesson step replaces them', () => {
      const store = createMeshStore()
      store.getState().openDemo(part3)
      store.getState().setSeed(99)
      const edited = store.getState().document
      store.getState().goToLessonStep(1)
      expect(store.getState().document.seed).toBe(part3.document.seed)
      store.getState().undo()
      expect(store.getState().document).toBe(edited)
    })

    it('pauses a playing run before showing a step, so the run does not step on alongside the lesson', () => {
      const clock = new ManualClock()
      const store = createMeshStore({ clock })
      store.getState().openDemo(part3)
      store.getState().play()
      for (let i = 0; i < 30; i++) clock.nextFrame(50)
      expect(store.getState().player.activity).toBe('playing')
      store.getState().goToLessonStep(1)
      expect(store.getState().player.activity).toBe('paused')
      for (let i = 0; i < 30; i++) clock.nextFrame(50)
      expect(shown(store)).toEqual(expected(part3, 1).shows)
    })

    it('opens the gallery closed again, and clamps steps to the lesson', () => {
      const store = createMeshStore()
      store.getState().setGalleryOpen(true)
      store.getState().openDemo(part3, 99)
      expect(store.getState().galleryOpen).toBe(false)
      expect(store.getState().lesson?.step).toBe(part3.lesson.length - 1)
      store.getState().goToLessonStep(-3)
      expect(store.getState().lesson?.step).toBe(0)
    })

    it('forgets the lesson when it is closed or another mesh is opened', () => {
      const store = createMeshStore()
      store.getState().openDemo(part3)
      expect(store.getState().focus).toBe('a')
      store.getState().closeLesson()
      expect(store.getState().lesson).toBeNull()
      expect(store.getState().focus).toBeNull()
      store.getState().openDemo(part3)
      store.getState().openMesh(meshDocument({ nodes: [{ id: 'x', kind: 'sink' }] }), { from: 'file' })
      expect(store.getState().lesson).toBeNull()
      store.getState().goToLessonStep(1)
      expect(store.getState().run.tick).toBe(0)
    })
  })
})
