/**
 * A learner's progress in a lesson, kept in this browser: the step they
 * were at and their answers, per lesson, under the lesson's key (a hash of
 * its content, `lessonKey`). What storage holds is untrusted: anything that
 * is not progress as written here is ignored, and storage that fails (full,
 * private mode, blocked) costs only the progress, never the page.
 */
import { MAX_LESSON_STEPS } from '../engine'

/** What a learner answered a step's question, and whether the engine found it right. */
export interface LessonAnswer {
  /** A node or wire id, a printed line, a number, or an option's index, as the question asks; null: none (no tasklet, nothing printed). */
  given: string | number | null
  right: boolean
}

export interface LessonProgress {
  step: number
  /** By step index. */
  answers: Record<number, LessonAnswer>
}

export const PROGRESS_PREFIX = 'mesh-playground:lesson-progress:'
/** An answer's text is kept up to this many characters. */
const MAX_GIVEN = 500

/** Progress with nothing in it. */
export const noProgress = (): LessonProgress => ({ step: 0, answers: {} })

function readAnswer(value: unknown): LessonAnswer | null {
  if (typeof value !== 'object' || value === null) return null
  const given: unknown = Object.hasOwn(value, 'given') ? (value as Record<string, unknown>).given : undefined
  const right: unknown = Object.hasOwn(value, 'right') ? (value as Record<string, unknown>).right : undefined
  if (typeof right !== 'boolean') return null
  if (typeof given === 'string' && given.length <= MAX_GIVEN) return { given, right }
  if (typeof given === 'number' && Number.isFinite(given)) return { given, right }
  if (given === null) return { given, right }
  return null
}

/** The progress stored for the lesson `key`, or none when there is none or it cannot be read. */
export function loadProgress(storage: Storage | null, key: string): LessonProgress | null {
  let text: string | null
  try {
    text = storage?.getItem(PROGRESS_PREFIX + key) ?? null
  } catch {
    return null
  }
  if (text === null || text.length > 100_000) return null
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null
  const record = data as Record<string, unknown>
  const step = Object.hasOwn(record, 'step') ? record.step : undefined
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= MAX_LESSON_STEPS) return null
  const answers: Record<number, LessonAnswer> = {}
  const stored = Object.hasOwn(record, 'answers') ? record.answers : undefined
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
    for (const [index, value] of Object.entries(stored)) {
      const i = Number(index)
      const answer = readAnswer(value)
      if (Number.isInteger(i) && i >= 0 && i < MAX_LESSON_STEPS && String(i) === index && answer) answers[i] = answer
    }
  }
  return { step, answers }
}

/** Keeps the progress (nothing happens when storage fails). */
export function saveProgress(storage: Storage | null, key: string, progress: LessonProgress): void {
  try {
    storage?.setItem(PROGRESS_PREFIX + key, JSON.stringify(progress))
  } catch {
    // Full or blocked: the progress is this page's only.
  }
}

/** Forgets the progress of the lesson `key`. */
export function forgetProgress(storage: Storage | null, key: string): void {
  try {
    storage?.removeItem(PROGRESS_PREFIX + key)
  } catch {
    // As above.
  }
}
