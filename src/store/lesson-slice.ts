/**
 * The lesson slice: the demo lesson being followed, and the demo gallery.
 * A demo opens as any mesh does (the open slice's openMesh), then shows a
 * step of its lesson. A lesson step plays its actions and run where the run
 * lives (the run slice's playLesson): on the page's Timeline, or in the
 * sandbox for a demo with code nodes, where it lands when the worker
 * answers. The document follows whatever the step's `update` actions made
 * of it.
 */
import type { Demo, LessonStep } from '../demos/lesson'
import { checkChallenge, describeChallenge, type ChallengeResult, type MeshDocument } from '../engine'
import type { HistoryApi, SliceCreator } from './mesh-store'
import type { RunMark } from '../runner/run-mode'

export interface LessonPlace {
  demo: Demo
  /** The step shown, from 0. */
  step: number
}

interface Mark extends RunMark {
  document: MeshDocument
}

export interface LessonSlice {
  lesson: LessonPlace | null
  /** The node the lesson step points at, for the canvas to highlight. */
  focus: string | null
  /** The demo gallery is showing. */
  galleryOpen: boolean
  /** The challenge of the step shown, if it has one: the goal in a sentence, and whether the run of the document meets it. */
  challenge: ({ goal: string } & ChallengeResult) | null
  /** Checks the step's challenge against the document as it is now (the store calls it when either changes). */
  checkChallenge(): void
  /** Opens a demo at a step of its lesson. */
  openDemo(demo: Demo, step?: number): void
  /** Shows a step of the open lesson, playing the run to where that step leaves it. */
  goToLessonStep(step: number): void
  /** Stops following the lesson (a step the sandbox answers late is not shown). */
  closeLesson(): void
  setGalleryOpen(open: boolean): void
}

export const createLessonSlice =
  (history: () => HistoryApi): SliceCreator<LessonSlice> =>
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

    /** Publishes the run, with the document following the run's, `document` (a step's `update` actions change it). */
    const follow = (document: MeshDocument, track: boolean) => {
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

    /** Shows step `index` of `demo` once `steps` are played (after a fresh start, when `restart`): at once on the page, or when the sandbox has played them. */
    const play = (demo: Demo, index: number, steps: readonly LessonStep[], restart: boolean, track: boolean) => {
      const ask = ++asked
      left = null
      set({ lesson: { demo, step: index }, focus: demo.lesson[index]?.focus ?? null })
      const shown = () => {
        follow(get().runDocument(), track)
        left = mark()
      }
      const played = get().playLesson(steps, restart ? demo.document : undefined)
      if (!played) return shown()
      void played.then((all) => {
        if (ask === asked && all) shown()
      })
    }

    return {
      lesson: null,
      focus: null,
      galleryOpen: false,
      challenge: null,

      checkChallenge() {
        const { lesson, document } = get()
        const challenge = lesson?.demo.lesson[lesson.step]?.challenge
        if (!challenge) {
          if (get().challenge !== null) set({ challenge: null })
          return
        }
        const next = { goal: describeChallenge(challenge, document), ...checkChallenge(challenge, document) }
        const shown = get().challenge
        if (shown && shown.goal === next.goal && shown.won === next.won && shown.detail === next.detail) return
        set({ challenge: next })
      },

      openDemo(demo, step = 0) {
        get().openMesh(demo.document)
        const index = Math.max(0, Math.min(step, demo.lesson.length - 1))
        set({ galleryOpen: false })
        play(demo, index, demo.lesson.slice(0, index + 1), true, false)
      },

      goToLessonStep(step) {
        const lesson = get().lesson
        if (!lesson) return
        const index = Math.max(0, Math.min(step, lesson.demo.lesson.length - 1))
        if (get().player.activity !== 'paused') get().pause()
        const onward = index === lesson.step + 1 && untouched()
        // Lesson steps leave no undo steps of their own, unless they replace the person's edits.
        const track = left !== null && get().document !== left.document
        const steps = onward ? [lesson.demo.lesson[index]!] : lesson.demo.lesson.slice(0, index + 1)
        play(lesson.demo, index, steps, !onward, track)
      },

      closeLesson() {
        asked++
        left = null
        set({ lesson: null, focus: null })
      },
      setGalleryOpen: (open) => set({ galleryOpen: open }),
    }
  }
