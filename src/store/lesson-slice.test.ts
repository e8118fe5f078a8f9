import { describe, expect, it } from 'vitest'

import { DEMOS, findDemo, lessonless, openLessonStep, type Demo } from '../demos'
import { watchedNode } from '../engine'
import { ManualClock } from '../runner/clock'
import { createMeshStore } from './mesh-store'
import { shownRun, shownTimeline } from './testing'
import { chainDocument, meshDocument } from '../engine/testing'

function expected(demo: Demo, step: number) {
  const timeline = openLessonStep(demo.document, step)
  return { shows: shownTimeline(timeline), document: timeline.sim.document }
}

const part3 = findDemo('part3-mesh')!

describe('the lesson slice', () => {
  describe('following a lesson', () => {
    it.each(DEMOS.map((d) => [d.id, d] as const))('%s shows each step, Next after Next, as the lesson plays it', (_id, demo) => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().openDemo(demo)
      for (let step = 0; step < demo.document.lesson.steps.length; step++) {
        if (step > 0) store.getState().goToLessonStep(step)
        const want = expected(demo, step)
        expect(shownRun(store), `${demo.id} step ${step + 1}`).toEqual(want.shows)
        // The document follows the run, keeping its lesson.
        expect(lessonless(store.getState().document), `${demo.id} step ${step + 1}: the document follows the run`).toEqual(want.document)
        expect(store.getState().document.lesson).toBe(demo.document.lesson)
        expect(store.getState().lesson?.step).toBe(step)
        expect(store.getState().focus).toBe(watchedNode(demo.document.lesson.steps[step]!.watch))
      }
    })

    it.each(DEMOS.map((d) => [d.id, d] as const))('%s goes back to any step exactly', (_id, demo) => {
      const store = createMeshStore()
      store.getState().openDemo(demo, demo.document.lesson.steps.length - 1)
      for (let step = demo.document.lesson.steps.length - 2; step >= 0; step--) {
        store.getState().goToLessonStep(step)
        const want = expected(demo, step)
        expect(shownRun(store), `${demo.id} step ${step + 1}`).toEqual(want.shows)
        expect(lessonless(store.getState().document)).toEqual(want.document)
      }
    })

    it('leaves one undo step, back to the mesh before the demo, however far the lesson went', () => {
      const before = chainDocument()
      const store = createMeshStore({ document: before })
      const echoers = findDemo('priority-echoers')!
      store.getState().openDemo(echoers)
      for (let step = 1; step < echoers.document.lesson.steps.length; step++) store.getState().goToLessonStep(step)
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
      expect(shownRun(store)).toEqual(expected(part3, 2).shows)
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
      expect(shownRun(store)).toEqual(expected(part3, 1).shows)
    })

    it('opens the gallery closed again, and clamps steps to the lesson', () => {
      const store = createMeshStore()
      store.getState().setGalleryOpen(true)
      store.getState().openDemo(part3, 99)
      expect(store.getState().galleryOpen).toBe(false)
      expect(store.getState().lesson?.step).toBe(part3.document.lesson.steps.length - 1)
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

describe('the lesson of whatever document is open', () => {
  const withLesson = () => ({
    ...chainDocument(),
    inputs: [{ node: 'a', values: [1, 2, 3] }],
    lesson: {
      steps: [
        { title: 'Look', text: '' },
        { title: 'Step', text: '', run: 'step' as const, watch: { queue: 'a' } },
        {
          title: 'Send',
          text: '',
          actions: [
            { type: 'send' as const, node: 'a', values: [7] },
            { type: 'send' as const, node: 'gone', values: [1] },
          ],
          select: 'a',
        },
      ],
    },
  })

  it('opens with the document (a link, a file) and plays as a demo does; a step naming a node the mesh has not does nothing there', () => {
    const store = createMeshStore()
    store.getState().openMesh(withLesson(), { from: 'link' })
    expect(store.getState().lesson).toMatchObject({ step: 0, demo: null })
    store.getState().goToLessonStep(1)
    expect(store.getState().run.tick).toBe(1)
    expect(store.getState().focus).toBe('a')
    expect(store.getState().watch).toEqual({ queue: 'a' })
    store.getState().goToLessonStep(2)
    expect(store.getState().selection.nodes).toEqual(['a'])
    expect(store.getState().document.lesson?.steps).toHaveLength(3)
    const want = openLessonStep(withLesson(), 2)
    expect(shownRun(store)).toEqual(shownTimeline(want))
  })

  it("opens a link's tick with the lesson shown at its step, the run at the tick", () => {
    const store = createMeshStore()
    store.getState().openMesh(withLesson(), { tick: 2 })
    expect(store.getState().lesson?.step).toBe(0)
    expect(store.getState().run.tick).toBe(2)
  })

  it('edits the lesson as the document, one undoable step; undoing back to a mesh without one stops following it', () => {
    const store = createMeshStore({ document: chainDocument() })
    const lesson = { steps: [{ title: 'Only', text: 'one step' }] }
    store.getState().setLesson(lesson)
    expect(store.getState().document.lesson).toEqual(lesson)
    store.getState().openLesson()
    expect(store.getState().lesson?.step).toBe(0)
    store.getState().setLesson({ steps: [...lesson.steps, { title: 'Two', text: '' }] })
    store.getState().goToLessonStep(1)
    store.getState().setLesson(lesson)
    expect(store.getState().lesson?.step).toBe(0)
    const undos = store.temporal.getState().pastStates.length
    for (let i = 0; i < undos; i++) store.getState().undo()
    expect(undos).toBe(3)
    expect(store.getState().document.lesson).toBeUndefined()
    expect(store.getState().lesson).toBeNull()
  })
})
