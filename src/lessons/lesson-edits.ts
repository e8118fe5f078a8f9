/**
 * The lesson editor's edits, as plain functions from a lesson to the next:
 * each becomes one undoable document edit (the lesson slice's setLesson).
 * A lesson keeps at least one step and at most MAX_LESSON_STEPS; a title
 * and a text are cut to what the document format allows.
 */
import { MAX_LESSON_STEPS, MAX_LESSON_TITLE, MAX_STEP_TEXT, type Lesson, type LessonStep } from '../engine'

/** A new step's title, for the author to change. */
export const NEW_STEP_TITLE = 'New step'

/** The lesson with a new, empty step after step `index`; unchanged at the step limit. */
export function addStepAfter(lesson: Lesson, index: number): Lesson {
  if (lesson.steps.length >= MAX_LESSON_STEPS) return lesson
  const steps = [...lesson.steps]
  steps.splice(index + 1, 0, { title: NEW_STEP_TITLE, text: '' })
  return { ...lesson, steps }
}

/** The lesson with step `from` moved to place `to`; unchanged when either is out of range. */
export function moveStep(lesson: Lesson, from: number, to: number): Lesson {
  const n = lesson.steps.length
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return lesson
  const steps = [...lesson.steps]
  const [step] = steps.splice(from, 1)
  steps.splice(to, 0, step!)
  return { ...lesson, steps }
}

/** The lesson without step `index`; unchanged for its only step (a lesson has at least one). */
export function deleteStep(lesson: Lesson, index: number): Lesson {
  if (lesson.steps.length <= 1 || index < 0 || index >= lesson.steps.length) return lesson
  return { ...lesson, steps: lesson.steps.filter((_s, i) => i !== index) }
}

/** The lesson with step `index` changed by `patch` (a field set to undefined is taken out), its title and text cut to the format's limits. */
export function editStep(lesson: Lesson, index: number, patch: Partial<LessonStep>): Lesson {
  const old = lesson.steps[index]
  if (!old) return lesson
  const step: LessonStep = { ...old, ...patch }
  for (const key of Object.keys(patch) as (keyof LessonStep)[]) if (patch[key] === undefined) delete step[key]
  step.title = step.title.slice(0, MAX_LESSON_TITLE)
  step.text = step.text.slice(0, MAX_STEP_TEXT)
  return { ...lesson, steps: lesson.steps.map((s, i) => (i === index ? step : s)) }
}
