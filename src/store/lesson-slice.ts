/**
 * The lesson slice: opening a mesh from a demo, a link or a file, and the
 * lesson being followed. Opening is a deliberate load: the mesh becomes the
 * current document in one undoable step, so the mesh it replaced is one
 * Undo away. A lesson step drives the run through the demos' own helpers
 * (playStep, openLessonStep) on the store's Timeline, and the document
 * follows whatever the step's `update` actions made of it.
 */
import { openLessonStep, playStep, type Demo } from '../demos/lesson'
import type { MeshDocument, Timeline } from '../engine'
import type { HistoryApi, SliceCreator } from './mesh-store'

export interface LessonPlace {
  demo: Demo
  /** The step shown, from 0. */
  step: number
}

export type OpenedFrom = 'link' | 'file' | 'demo'

interface Mark {
  sim: Timeline['sim']
  tick: number
  actions: number
  document: MeshDocument
}

export interface OpenOptions {
  /** Runs to this tick after opening (a link's `&tick=`). */
  tick?: number
  /** Says where the mesh came from in a notice; no notice without it. */
  from?: OpenedFrom
}

export interface LessonSlice {
  lesson: LessonPlace | null
  /** The node the lesson step points at, for the canvas to highlight. */
  focus: string | null
  /** The demo gallery is showing. */
  galleryOpen: boolean
  /** Embedded: the mesh can be run but not edited. */
  readOnly: boolean
  /** Counts the meshes opened, so the canvas can fit a new one in view. */
  opened: number
  /** Replaces the document and starts its run afresh (at `tick`, if given); undo brings the old one back. */
  openMesh(document: MeshDocument, options?: OpenOptions): void
  /** Opens a demo at a step of its lesson. */
  openDemo(demo: Demo, step?: number): void
  /** Shows a step of the open lesson, playing the run to where that step leaves it. */
  goToLessonStep(step: number): void
  closeLesson(): void
  setGalleryOpen(open: boolean): void
  setReadOnly(readOnly: boolean): void
  /** Whether the person sent items or used the Tasklet API in this run: a link's tick then replays another run. */
  runHasHandActions(): boolean
}

/** Notices about opening a mesh (opened, or why not) replace each other. */
export const OPEN_NOTICE_KEY = 'open'

const NOTICE: Record<OpenedFrom, string> = {
  link: 'Opened the mesh from the link.',
  file: 'Opened the mesh from the file.',
  demo: 'Opened the demo.',
}

export const createLessonSlice =
  (timeline: Timeline, history: () => HistoryApi): SliceCreator<LessonSlice> =>
  (set, get) => {
    /** Where the lesson last left the run and the document: Next plays on from there only if nothing moved since. */
    let left: Mark | null = null
    const mark = (): Mark => ({ sim: timeline.sim, tick: timeline.tick, actions: timeline.historySize.actions, document: get().document })
    const untouched = () => {
      const now = mark()
      return left !== null && left.sim === now.sim && left.tick === now.tick && left.actions === now.actions && left.document === now.document
    }

    /** Publishes the run, with the document following the timeline's (a step's `update` actions change it). */
    const follow = (track: boolean) => {
      const document = timeline.sim.document
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

    const showStep = (demo: Demo, step: number) => {
      set({ lesson: { demo, step }, focus: demo.lesson[step]?.focus ?? null })
      left = mark()
    }

    return {
      lesson: null,
      focus: null,
      galleryOpen: false,
      readOnly: false,
      opened: 0,

      openMesh(document, { tick, from } = {}) {
        get().reset(document)
        set({ document, selection: { nodes: [], edges: [] }, lesson: null, focus: null, opened: get().opened + 1 })
        if (tick !== undefined && tick > 0) {
          timeline.run(tick)
          follow(false)
        }
        left = null
        if (from) get().notify({ key: OPEN_NOTICE_KEY, tone: 'info', text: `${NOTICE[from]} Undo brings back the mesh you had.` })
      },

      openDemo(demo, step = 0) {
        get().openMesh(demo.document)
        const index = Math.max(0, Math.min(step, demo.lesson.length - 1))
        openLessonStep(demo, index, timeline)
        follow(false)
        set({ galleryOpen: false })
        showStep(demo, index)
      },

      goToLessonStep(step) {
        const lesson = get().lesson
        if (!lesson) return
        const index = Math.max(0, Math.min(step, lesson.demo.lesson.length - 1))
        if (get().player.activity !== 'paused') get().pause()
        if (index === lesson.step + 1 && untouched()) playStep(timeline, lesson.demo.lesson[index]!)
        else openLessonStep(lesson.demo, index, timeline)
        // Lesson steps leave no undo steps of their own, unless they replace the person's edits.
        follow(left !== null && get().document !== left.document)
        showStep(lesson.demo, index)
      },

      closeLesson() {
        left = null
        set({ lesson: null, focus: null })
      },
      setGalleryOpen: (open) => set({ galleryOpen: open }),
      setReadOnly: (readOnly) => set({ readOnly }),
      runHasHandActions: () => get().runActed(),
    }
  }
