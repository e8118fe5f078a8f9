import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { chainDocument } from '../engine/testing'
import { createMeshStore } from './mesh-store'

const part3 = findDemo('part3-mesh')!
const hand = findDemo('you-are-the-scheduler')!

describe('presenter mode', () => {
  it('keeps a read-only page read-only when it ends', () => {
    const store = createMeshStore()
    store.getState().setReadOnly(true)
    store.getState().openDemo(part3)
    expect(store.getState().present()).toBe(true)
    store.getState().stopPresenting()
    expect(store.getState()).toMatchObject({ presenting: false, readOnly: true })
  })

  it('starts with nothing selected, so that only the watched card is marked', () => {
    const store = createMeshStore()
    store.getState().openDemo(part3)
    store.getState().setSelection({ nodes: ['b'], edges: [] })
    store.getState().present()
    expect(store.getState().selection).toEqual({ nodes: [], edges: [] })
  })

  it('ends with the lesson, and the mesh is editable again', () => {
    const store = createMeshStore()
    store.getState().openDemo(part3)
    store.getState().present()
    store.getState().closeLesson()
    expect(store.getState()).toMatchObject({ presenting: false, readOnly: false })
  })

  it('does not start without a lesson, and says why', () => {
    const store = createMeshStore({ document: chainDocument() })
    expect(store.getState().present()).toBe(false)
    expect(store.getState().presenting).toBe(false)
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Presenter mode shows a lesson, and this mesh has none\./)
  })

  it('moves through the lesson as the lesson panel does', () => {
    const store = createMeshStore()
    store.getState().openDemo(part3)
    store.getState().present()
    store.getState().goToLessonStep(2)
    expect(store.getState().run.outputs['s']?.map((o) => o.value)).toHaveLength(4)
    expect(store.getState().presenting).toBe(true)
  })

  it('lets a teacher pick who runs on a hand-scheduled mesh, which a read-only view does not', () => {
    const store = createMeshStore()
    store.getState().openDemo(hand)
    store.getState().setReadOnly(true)
    expect(store.getState().pickTasklet('a')).toMatch(/^This mesh is shown read-only/)
    store.getState().setReadOnly(false)
    store.getState().present()
    expect(store.getState().readOnly).toBe(true)
    expect(store.getState().pickTasklet('a')).toBeNull()
    expect(store.getState().run.tick).toBe(1)
  })
})
