import { afterEach, describe, expect, it } from 'vitest'

import { findDemo, lessonless, openLessonStep } from '../demos'
import { Timeline } from '../engine'
import { compileCoroutine } from '../sandbox/compile'
import type { MeshStore } from './mesh-store'
import { sandboxStore, settle } from './sandbox-testing'
import { shownRun, shownTimeline } from './testing'
import { chainDocument, meshDocument } from '../engine/testing'

const demo = findDemo('smart-router')!

/** The lesson at `step` as the engine plays it with the code compiled (what the worker does). */
function expected(step: number) {
  const timeline = openLessonStep(demo.document, step, new Timeline(lessonless(demo.document), { compile: compileCoroutine }))
  return { shows: shownTimeline(timeline), document: timeline.sim.document }
}

const stores: MeshStore[] = []
function store(): MeshStore {
  const made = sandboxStore(chainDocument())
  stores.push(made)
  return made
}

afterEach(() => {
  for (const s of stores) s.getState().reset(meshDocument({ nodes: [] }))
  stores.length = 0
})

describe('a lesson whose demo has code nodes', () => {
  it("opens without asking, since the demo's code is our own, and plays each step in the sandbox, Next after Next", async () => {
    const s = store()
    s.getState().openDemo(demo)
    expect(s.getState().codeReviewOpen).toBe(false)
    await settle(s)
    for (let step = 0; step < demo.document.lesson.steps.length; step++) {
      if (step > 0) {
        s.getState().goToLessonStep(step)
        await settle(s)
      }
      const want = expected(step)
      expect(shownRun(s), `step ${step + 1}`).toEqual(want.shows)
      expect(lessonless(s.getState().document), `step ${step + 1}: the document follows the run`).toEqual(want.document)
      expect(s.getState().lesson?.step).toBe(step)
    }
    // The last step took router's wire to the doubler away, in the run and in the editor.
    expect(
      s
        .getState()
        .document.edges.filter((e) => e.source === 'router')
        .map((e) => e.target),
    ).toEqual(['tripler'])
    expect(s.getState().codeReviewOpen).toBe(false)
  })

  it('goes back to any step exactly, replaying in the sandbox from tick 0', async () => {
    const s = store()
    s.getState().openDemo(demo, demo.document.lesson.steps.length - 1)
    await settle(s)
    expect(shownRun(s)).toEqual(expected(demo.document.lesson.steps.length - 1).shows)
    for (let step = demo.document.lesson.steps.length - 2; step >= 0; step--) {
      s.getState().goToLessonStep(step)
      await settle(s)
      expect(shownRun(s), `step ${step + 1}`).toEqual(expected(step).shows)
      expect(lessonless(s.getState().document)).toEqual(expected(step).document)
    }
  })

  it('lands on the last step asked for when Next is pressed again before the sandbox answered', async () => {
    const s = store()
    s.getState().openDemo(demo)
    s.getState().goToLessonStep(1)
    s.getState().goToLessonStep(2)
    s.getState().goToLessonStep(3)
    await settle(s)
    expect(s.getState().lesson?.step).toBe(3)
    expect(shownRun(s)).toEqual(expected(3).shows)
  })

  it('replays from the start when the run was stepped by hand since the last step', async () => {
    const s = store()
    s.getState().openDemo(demo, 1)
    await settle(s)
    s.getState().step()
    s.getState().step()
    await settle(s)
    s.getState().goToLessonStep(2)
    await settle(s)
    expect(shownRun(s)).toEqual(expected(2).shows)
  })

  it('leaves one undo step, back to the mesh before the demo', async () => {
    const s = store()
    const before = s.getState().document
    s.getState().openDemo(demo)
    await settle(s)
    for (let step = 1; step < demo.document.lesson.steps.length; step++) {
      s.getState().goToLessonStep(step)
      await settle(s)
    }
    expect(s.temporal.getState().pastStates).toHaveLength(1)
    s.getState().undo()
    await settle(s)
    expect(s.getState().document).toBe(before)
  })

  it('stops following a lesson still being played when another mesh is opened', async () => {
    const s = store()
    s.getState().openDemo(demo, demo.document.lesson.steps.length - 1)
    const other = chainDocument()
    s.getState().openMesh(other)
    await settle(s)
    expect(s.getState().lesson).toBeNull()
    expect(s.getState().document).toBe(other)
    expect(s.getState().run.tick).toBe(0)
    expect(Object.keys(s.getState().run.nodes).sort()).toEqual(['a', 'd', 's', 't'])
  })
})
