/**
 * The open slice: opening a mesh from a link, a file, a demo (the lesson
 * slice's openDemo opens it here, then shows its lesson) or the embed view.
 * Opening is a deliberate load: the mesh becomes the current document in
 * one undoable step, so the mesh it replaced is one Undo away, and its run
 * starts afresh. A link's tick is reached through the run slice's
 * `openAtTick`, wherever the run lives, so the run is made once: in slices
 * on the page, or in the sandbox for a mesh whose code may run.
 */
import type { Demo } from '../demos/lesson'
import { count, type MeshDocument } from '../engine'
import type { Recording } from '../formats/recording'
import type { SliceCreator } from './mesh-store'

export type OpenedFrom = 'link' | 'file'

export interface OpenOptions {
  /** Runs to this tick after opening (a link's `&tick=`). */
  tick?: number
  /** Says where the mesh came from in a notice; no notice without it. */
  from?: OpenedFrom
  /** The run as it was explored (a recording file): done again, and landed on at its tick. */
  recording?: Recording
  /** For a document with a lesson: the demo it is, and the step to open (none: where this browser last left it). */
  lesson?: { demo?: Demo; step?: number }
}

export interface OpenSlice {
  /** Counts the meshes opened, so the canvas can fit a new one in view. */
  opened: number
  /** Embedded: the mesh can be run but not edited. */
  readOnly: boolean
  /**
   * Replaces the document and starts its run afresh (at `tick`, if given);
   * undo brings the old one back. A document with a lesson opens it: played
   * to its step, or, at a link's tick, shown at its step with the run at
   * the tick.
   */
  openMesh(document: MeshDocument, options?: OpenOptions): void
  setReadOnly(readOnly: boolean): void
  /** Whether the person sent items or used the Tasklet API in this run: a link's tick then replays another run. */
  runHasHandActions(): boolean
}

/** Notices about opening a mesh (opened, or why not) replace each other. */
export const OPEN_NOTICE_KEY = 'open'

const NOTICE: Record<OpenedFrom, string> = {
  link: 'Opened the mesh from the link.',
  file: 'Opened the mesh from the file.',
}

export const createOpenSlice: SliceCreator<OpenSlice> = (set, get) => ({
  opened: 0,
  readOnly: false,

  openMesh(document, { tick, from, recording, lesson } = {}) {
    get().closeLesson()
    get().reset(document)
    set({ document, selection: { nodes: [], edges: [] }, opened: get().opened + 1 })
    if (recording) {
      get().restoreRun(recording.history, recording.tick)
      // Its lesson shows, where this browser last left it; the run is the recording's, not the step's.
      if (document.lesson) get().openLesson({ demo: null, play: false })
      const what = from === 'link' ? 'the link' : 'the recording'
      const text = `Opened ${what}: its run is done again as it was explored, to tick ${count(recording.tick)} of ${count(recording.history.end)}. Undo brings back the mesh you had.`
      return get().notify({ key: OPEN_NOTICE_KEY, tone: 'info', text })
    }
    if (from) get().notify({ key: OPEN_NOTICE_KEY, tone: 'info', text: `${NOTICE[from]} Undo brings back the mesh you had.` })
    const ticked = tick !== undefined && tick > 0
    if (document.lesson) get().openLesson({ demo: lesson?.demo ?? null, ...(lesson?.step === undefined ? {} : { step: lesson.step }), play: !ticked })
    if (!ticked) return
    const budget = document.limits.maxActivations
    if (tick > budget) {
      const text = `The link asks for tick ${count(tick)}, past the mesh's activation budget (${count(budget)}), so it opened at tick 0. Undo brings back the mesh you had.`
      return get().notify({ key: OPEN_NOTICE_KEY, tone: 'warning', text })
    }
    // In slices, with its progress shown and a Cancel: a link's tick can be a billion activations away.
    get().openAtTick(tick)
  },

  setReadOnly: (readOnly) => set({ readOnly }),
  runHasHandActions: () => get().runActed(),
})
