import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { lessonKey } from '../engine'
import { loadProgress, PROGRESS_PREFIX } from './lesson-progress'
import { createMeshStore } from './mesh-store'

/** A Storage of this test's own. */
function memoryStorage(items = new Map<string, string>()): Storage {
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  }
}

const part3 = findDemo('part3-mesh')!
const key = lessonKey(part3.document.lesson)

describe("a learner's progress in a lesson", () => {
  it('is kept per lesson, restored when the lesson opens again, and reset on asking', () => {
    const storage = memoryStorage()
    const store = createMeshStore({ progressStorage: storage })
    store.getState().openDemo(part3)
    store.getState().goToLessonStep(2)
    store.getState().recordAnswer(2, { given: 'Sink got: 2x2', right: true })
    expect(store.getState().answers).toEqual({ 2: { given: 'Sink got: 2x2', right: true } })
    expect(loadProgress(storage, key)).toEqual({ step: 2, answers: { 2: { given: 'Sink got: 2x2', right: true } } })

    const again = createMeshStore({ progressStorage: storage })
    again.getState().openDemo(part3)
    expect(again.getState().lesson?.step).toBe(2)
    expect(again.getState().answers[2]).toEqual({ given: 'Sink got: 2x2', right: true })
    again.getState().resetProgress()
    expect(again.getState().lesson?.step).toBe(0)
    expect(again.getState().answers).toEqual({})
    expect(loadProgress(storage, key)).toEqual({ step: 0, answers: {} })
  })

  it('ignores hostile or corrupt storage, and storage that throws, without a crash', () => {
    for (const text of [
      'not json',
      '[]',
      'null',
      '{"step":-1}',
      '{"step":1e9}',
      '{"step":"2"}',
      '{"__proto__":{"step":3}}',
      '{"step":1,"answers":{"__proto__":{"given":1,"right":true},"x":{},"3":{"given":{},"right":true}}}',
    ]) {
      const storage = memoryStorage(new Map([[PROGRESS_PREFIX + key, text]]))
      const store = createMeshStore({ progressStorage: storage })
      store.getState().openDemo(part3)
      expect(store.getState().lesson?.step ?? -1, text).toBeLessThanOrEqual(1)
      expect(Object.keys(store.getState().answers), text).toEqual([])
    }
    const throwing = {
      ...memoryStorage(),
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('full')
      },
    } as Storage
    const store = createMeshStore({ progressStorage: throwing })
    store.getState().openDemo(part3)
    store.getState().goToLessonStep(1)
    store.getState().recordAnswer(1, { given: 3, right: false })
    expect(store.getState().lesson?.step).toBe(1)
  })

  it("clamps a kept step past the lesson's end to its last step", () => {
    const storage = memoryStorage(new Map([[PROGRESS_PREFIX + key, '{"step":99,"answers":{}}']]))
    const store = createMeshStore({ progressStorage: storage })
    store.getState().openDemo(part3)
    expect(store.getState().lesson?.step).toBe(part3.document.lesson.steps.length - 1)
  })
})
