/**
 * The lesson slice: the lesson of the open document being followed, and the
 * demo gallery. Any document may carry a lesson (document version 3:
 * engine/lesson.ts): a demo's, a link's, a file's. Opening such a document
 * (the open slice's openMesh) opens its lesson, at the step this browser
 * last left it (progress is kept per lesson: lesson-progress.ts). A lesson
 * step plays its actions and run where the run lives (the run slice's
 * playLesson): on the page's Timeline, or in the sandbox for a mesh with
 * code nodes, where it lands when the worker answers. The document follows
 * the run's (a step's `update` actions change the mesh), keeping its lesson.
 *
 * The lesson itself is always `document.lesson`: the slice keeps only the
 * place in it. Editing the lesson is editing the document (`setLesson`: one
 * undoable edit), so it travels, saves and undoes as the mesh does.
 */
import { lessonless, type Demo } from '../demos/lesson'
import { checkChallenge, describeChallenge, lessonKey, watchedNode, type ChallengeResult, type Lesson, type LessonStep, type LessonWatch, type MeshDocument } from '../engine'
import { forgetProgress, loadProgress, saveProgress, type LessonAnswer } from './lesson-progress'
import type { HistoryApi, SliceCreator } from './mesh-store'
import type { RunMark } from '../runner/run-mode'

export type { LessonAnswer } from './lesson-progress'

export interface LessonPlace {
  /** The step shown, from 0. */
  step: number
  /** The mesh the lesson starts from (lessonless): step k is steps 0..k played on it from tick 0. */
  start: MeshDocument
  /** The built-in demo the lesson is, if it is one (its compare lanes, its `?demo=` address). */
  demo: Demo | null
  /** Names the lesson's content (lessonKey): progress is kept under it. */
  key: string
}

interface Mark extends RunMark {
  document: MeshDocument
}

export interface LessonSlice {
  /** Where the lesson of the open document is followed, or null when none is. The lesson is `document.lesson`. */
  lesson: LessonPlace | null
  /** The node the step's watch rings on the canvas (a watched node, or a queue's node), for the canvas to highlight. */
  focus: string | null
  /** What the step shown asks to watch (a node, a queue, a wire, a printout line), or null. */
  watch: LessonWatch | null
  /** The learner's answers to this lesson's questions, by step (restored with the lesson's progress). */
  answers: Record<number, LessonAnswer>
  /** The demo gallery is showing. */
  galleryOpen: boolean
  /** The challenge of the step shown, if it has one: the goal in a sentence, and whether the run of the document meets it. */
  challenge: ({ goal: string } & ChallengeResult) | null
  /** Checks the step's challenge against the document as it is now (the store calls it when either changes). */
  checkChallenge(): void
  /** Opens a demo at a step of its lesson (none: where this browser last left it, or the first). */
  openDemo(demo: Demo, step?: number): void
  /** Follows the open document's lesson from a step (none: where this browser last left it, or the first); `play` false shows the step without playing the run to it (a link opened at a tick). */
  openLesson(options?: { step?: number; demo?: Demo | null; play?: boolean }): void
  /** Shows a step of the open lesson, playing the run to where that step leaves it. */
  goToLessonStep(step: number): void
  /** Stops following the lesson (a step the sandbox answers late is not shown). */
  closeLesson(): void
  /** Keeps the learner's answer to step `step`'s question, in this browser with the lesson's progress. */
  recordAnswer(step: number, answer: LessonAnswer): void
  /** Forgets this lesson's progress and answers, and goes back to its first step. */
  resetProgress(): void
  /** Replaces the document's lesson (null: removes it), as one undoable edit; the place follows, clamped to the steps there are. */
  setLesson(lesson: Lesson | null): void
  /** Starts a lesson on a mesh that has none (one empty step, as one undoable edit) and opens it, its editor open. */
  writeLesson(): void
  setGalleryOpen(open: boolean): void
}

/** The lesson followed and its step shown, if any. */
export function lessonStep(state: { lesson: LessonPlace | null; document: MeshDocument }): LessonStep | null {
  return state.lesson ? (state.document.lesson?.steps[state.lesson.step] ?? null) : null
}

export const createLessonSlice =
  (history: () => HistoryApi, storage: Storage | null): SliceCreator<LessonSlice> =>
  (set, get) => {
    /** Where the lesson last left the run and the document: Next plays on from there only if nothing moved since. */
    let left: Mark | null = null
    /** Counts the steps asked for, so that a step the sandbox answers late is not shown over a later one. */
    let asked = 0
    const mark = (): Mark => ({ ...get().runMark(), document: get().document })
    const untouched = () => {
      const now = mark()
      return left !== null && left.run === now.run && left.tick === now.tick && left.actions === now.actions && left.document === now.document
    }
    /** The run's document last shown, and the document (with the lesson) it was shown as. */
    let shownRun: { run: MeshDocument; as: MeshDocument } | null = null

    /** Publishes the run, with the document following the run's (a step's `update` actions change it), the lesson kept. */
    const follow = (run: MeshDocument, track: boolean) => {
      const current = get().document
      const lesson = current.lesson
      let document = run
      if (lesson) document = shownRun && shownRun.run === run && shownRun.as.lesson === lesson ? shownRun.as : { ...run, lesson }
      if (lessonless(current) === run) document = current
      shownRun = { run, as: document }
      const temporal = history().getState()
      if (!track) temporal.pause()
      try {
        // The store's subscription publishes the run when the document changes…
        if (document !== get().document) set({ document })
        // …and an unchanged document needs no following, only publishing.
        else get().followDocument(document)
      } finally {
        if (!track) temporal.resume()
      }
    }

    const keep = () => {
      const place = get().lesson
      if (place && storage) saveProgress(storage, place.key, { step: place.step, answers: get().answers })
    }

    /** What the step shown asks for: its watch, and the node to ring. */
    const watching = (step: LessonStep | undefined) => ({ watch: step?.watch ?? null, focus: watchedNode(step?.watch) })

    /** Shows step `index` once `steps` are played (after a fresh start from the lesson's start, when `restart`): at once on the page, or when the sandbox has played them. */
    const play = (place: LessonPlace, steps: readonly LessonStep[], restart: boolean, track: boolean) => {
      const ask = ++asked
      left = null
      const step = get().document.lesson?.steps[place.step]
      set({ lesson: place, ...watching(step) })
      keep()
      const shown = () => {
        follow(get().runDocument(), track)
        left = mark()
        if (step?.select && get().document.nodes.some((n) => n.id === step.select)) get().setSelection({ nodes: [step.select], edges: [] })
      }
      const played = get().playLesson(steps, restart ? place.start : undefined)
      if (!played) return shown()
      void played.then((all) => {
        if (ask === asked && all) shown()
      })
    }

    const clamp = (step: number, lesson: Lesson) => Math.max(0, Math.min(Math.floor(step), lesson.steps.length - 1))

    return {
      lesson: null,
      focus: null,
      watch: null,
      answers: {},
      galleryOpen: false,
      challenge: null,

      checkChallenge() {
        const { document } = get()
        const challenge = lessonStep(get())?.challenge
        if (!challenge) {
          if (get().challenge !== null) set({ challenge: null })
          return
        }
        const mesh = lessonless(document)
        const next = { goal: describeChallenge(challenge, mesh), ...checkChallenge(challenge, mesh) }
        const shown = get().challenge
        if (shown && shown.goal === next.goal && shown.won === next.won && shown.detail === next.detail) return
        set({ challenge: next })
      },

      openDemo(demo, step) {
        set({ galleryOpen: false })
        get().openMesh(demo.document, { lesson: { demo, ...(step === undefined ? {} : { step }) } })
      },

      openLesson({ step, demo = null, play: playing = true } = {}) {
        const document = get().document
        const lesson = document.lesson
        if (!lesson) return get().closeLesson()
        const key = lessonKey(lesson)
        const progress = loadProgress(storage, key)
        const index = clamp(step ?? progress?.step ?? 0, lesson)
        const answers = progress?.answers ?? {}
        const place: LessonPlace = { step: index, start: lessonless(document), demo, key }
        if (!playing) {
          asked++
          left = null
          set({ lesson: place, answers, ...watching(lesson.steps[index]) })
          return keep()
        }
        set({ answers })
        play(place, lesson.steps.slice(0, index + 1), true, false)
      },

      goToLessonStep(step) {
        const place = get().lesson
        const lesson = get().document.lesson
        if (!place || !lesson) return
        const index = clamp(step, lesson)
        if (get().player.activity !== 'paused') get().pause()
        const onward = index === place.step + 1 && untouched()
        // Lesson steps leave no undo steps of their own, unless they replace the person's edits.
        const track = left !== null && get().document !== left.document
        const steps = onward ? [lesson.steps[index]!] : lesson.steps.slice(0, index + 1)
        play({ ...place, step: index }, steps, !onward, track)
      },

      closeLesson() {
        asked++
        left = null
        set({ lesson: null, focus: null, watch: null, answers: {} })
      },

      recordAnswer(step, answer) {
        if (!get().lesson) return
        set({ answers: { ...get().answers, [step]: { given: answer.given, right: answer.right } } })
        keep()
      },

      resetProgress() {
        const place = get().lesson
        if (!place) return
        if (storage) forgetProgress(storage, place.key)
        set({ answers: {} })
        get().goToLessonStep(0)
        // Going to the first step keeps it as progress again: the first step is where a fresh start is.
      },

      writeLesson() {
        if (get().document.lesson) return get().openLesson({ play: false })
        get().setLesson({ steps: [{ title: 'Step 1', text: '' }] })
        get().openLesson({ step: 0, play: false })
      },

      setLesson(lesson) {
        const document = get().document
        const mesh = lessonless(document)
        const next: MeshDocument = lesson ? { ...mesh, lesson } : mesh
        set({ document: next })
        // An edit of the lesson is not an edit of the mesh: the run the lesson left is still where it was, and Next plays on from it.
        if (left && left.document === document) left = { ...left, document: next }
        if (shownRun && shownRun.as === document) shownRun = { run: shownRun.run, as: next }
        const place = get().lesson
        if (!lesson) return get().closeLesson()
        if (!place) return
        const index = clamp(place.step, lesson)
        set({ lesson: { ...place, step: index, key: lessonKey(lesson) }, ...watching(lesson.steps[index]) })
      },

      setGalleryOpen: (open) => set({ galleryOpen: open }),
    }
  }
