import { describe, expect, it } from 'vitest'

import { MAX_LESSON_STEPS, MAX_STEP_TEXT, type Lesson } from '../engine'
import { addStepAfter, deleteStep, editStep, moveStep, NEW_STEP_TITLE } from './lesson-edits'

const lesson: Lesson = {
  title: 'T',
  steps: [
    { title: 'a', text: '' },
    { title: 'b', text: '' },
    { title: 'c', text: '', run: 'step' },
  ],
}
const titles = (l: Lesson) => l.steps.map((s) => s.title)

describe('the lesson editor edits', () => {
  it('adds an empty step after the one given, up to the step limit', () => {
    expect(titles(addStepAfter(lesson, 0))).toEqual(['a', NEW_STEP_TITLE, 'b', 'c'])
    const full: Lesson = { steps: Array.from({ length: MAX_LESSON_STEPS }, () => ({ title: 'x', text: '' })) }
    expect(addStepAfter(full, 3)).toBe(full)
  })

  it('moves a step up or down, and nowhere out of range', () => {
    expect(titles(moveStep(lesson, 2, 0))).toEqual(['c', 'a', 'b'])
    expect(titles(moveStep(lesson, 0, 1))).toEqual(['b', 'a', 'c'])
    expect(moveStep(lesson, 0, -1)).toBe(lesson)
    expect(moveStep(lesson, 2, 3)).toBe(lesson)
  })

  it('deletes a step, but never the only one', () => {
    expect(titles(deleteStep(lesson, 1))).toEqual(['a', 'c'])
    const one: Lesson = { steps: [{ title: 'only', text: '' }] }
    expect(deleteStep(one, 0)).toBe(one)
  })

  it('changes a step, takes out a field set to nothing, and cuts text to the format limit', () => {
    const edited = editStep(lesson, 2, { title: 'C', run: undefined, opens: 'trace', text: 'x'.repeat(MAX_STEP_TEXT + 10) })
    expect(edited.steps[2]).toEqual({ title: 'C', text: 'x'.repeat(MAX_STEP_TEXT), opens: 'trace' })
    expect(edited.steps[0]).toBe(lesson.steps[0])
    expect(lesson.steps[2]).toEqual({ title: 'c', text: '', run: 'step' })
  })
})
