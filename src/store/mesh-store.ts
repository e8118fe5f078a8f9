/**
 * The one store of the playground: the document being edited, what the
 * engine publishes about the run, and UI state, one slice per file. Made by
 * a factory so that tests, demos and links seed their own. Undo and redo
 * track the document only. The store owns one engine Timeline, kept in this
 * closure: every change of the document reaches the running mesh from here.
 */
import { temporal, type TemporalState } from 'zundo'
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'

import { emptyDocument, Timeline, type MeshDocument } from '../engine'
import { browserClock, type Clock } from '../runner/clock'
import type { SandboxClient } from '../sandbox/client'
import type { SandboxComparison } from '../sandbox/compare-client'
import { createSandboxClient, createSandboxComparison } from '../sandbox/create-worker'
import { TrustedCode } from '../sandbox/trust'
import { createCodeSlice, type CodeSlice } from './code-slice'
import { createCompareSlice, type CompareSlice } from './compare-slice'
import { createDocumentSlice, type DocumentSlice } from './document-slice'
import { validPath } from './group-scope'
import { createHandSlice, type HandSlice } from './hand-slice'
import { createLessonSlice, type LessonSlice } from './lesson-slice'
import { createLineageSlice, type LineageSlice } from './lineage-slice'
import { createOpenSlice, type OpenSlice } from './open-slice'
import { createPresenterSlice, type PresenterSlice } from './presenter-slice'
import { createQuestionSlice, type QuestionSlice } from './question-slice'
import { createRecordSlice, dropsRecord, type RecordSlice } from './record-slice'
import { createRunSlice, type RunSlice } from './run-slice'
import { lessonSteps } from './shown-lesson'
import { createUiSlice, type Notice, type UiSlice } from './ui-slice'
import { createWatchSlice, type WatchSlice } from './watch-slice'
import { createWhatIfSlice, type WhatIfSlice } from './what-if-slice'

export type MeshState = DocumentSlice &
  RunSlice &
  UiSlice &
  OpenSlice &
  LessonSlice &
  CodeSlice &
  CompareSlice &
  RecordSlice &
  HandSlice &
  QuestionSlice &
  PresenterSlice &
  WatchSlice &
  LineageSlice &
  WhatIfSlice

/** What undo and redo restore. */
export interface HistoryState {
  document: MeshDocument
}

export type HistoryApi = StoreApi<TemporalState<HistoryState>>

/** The store as `createMeshStore` makes it: zustand's API plus `temporal`, the undo history. */
export type MeshStore = StoreApi<MeshState> & { temporal: HistoryApi }

/** A slice creator: sees the whole state, returns its own part. */
export type SliceCreator<T> = StateCreator<MeshState, [['temporal', unknown]], [], T>

export interface MeshStoreInit {
  document?: MeshDocument
  /** Shown at once, e.g. why a saved document could not be restored. */
  notices?: Omit<Notice, 'id'>[]
  /** Time for play and fast runs (tests pass a ManualClock). */
  clock?: Clock
  /** Where the code the person trusts is remembered (none: for this store only). */
  trustStorage?: Storage | null
  /** Where a learner's progress in each lesson is kept (none: it is not kept, and every lesson opens at its first step). */
  progressStorage?: Storage | null
  /** Makes the client of the sandbox worker that runs code nodes (tests pass a fake; null: code nodes stay closed). Default: a real Worker, where there are workers. */
  sandbox?: (() => SandboxClient) | null
  /** Makes the sandbox a comparison of schedulers runs in, for a mesh with code nodes (tests pass a fake; null: compared on the page, code nodes closed). Default: a real Worker, where there are workers. */
  compareSandbox?: (() => SandboxComparison) | null
}

const defaultSandbox = (): (() => SandboxClient) | null => (typeof Worker === 'undefined' ? null : () => createSandboxClient())
const defaultCompareSandbox = (): (() => SandboxComparison) | null => (typeof Worker === 'undefined' ? null : () => createSandboxComparison())

/** Steps of undo kept. */
const HISTORY_LIMIT = 200

export function createMeshStore(init: MeshStoreInit = {}): MeshStore {
  const initial = init.document ?? emptyDocument()
  const timeline = new Timeline(initial)
  const clock = init.clock ?? browserClock()
  let history: HistoryApi | null = null
  const getHistory = (): HistoryApi => {
    if (!history) throw new Error('the undo history is not ready yet')
    return history
  }
  const store = createStore<MeshState>()(
    temporal(
      (...a) => ({
        ...createDocumentSlice(initial, getHistory)(...a),
        ...createRunSlice(timeline, clock, getHistory, init.sandbox === undefined ? defaultSandbox() : init.sandbox)(...a),
        ...createUiSlice(...a),
        ...createOpenSlice(...a),
        ...createLessonSlice(getHistory, init.progressStorage ?? null)(...a),
        ...createCodeSlice(new TrustedCode(init.trustStorage ?? null))(...a),
        ...createCompareSlice(clock, init.compareSandbox === undefined ? defaultCompareSandbox() : init.compareSandbox)(...a),
        ...createRecordSlice(clock)(...a),
        ...createHandSlice(...a),
        ...createQuestionSlice(...a),
        ...createPresenterSlice(...a),
        ...createWatchSlice(clock)(...a),
        ...createLineageSlice(...a),
        ...createWhatIfSlice(...a),
      }),
      {
        partialize: (state): HistoryState => ({ document: state.document }),
        equality: (past, current) => past.document === current.document,
        limit: HISTORY_LIMIT,
      },
    ),
  )
  history = store.temporal
  // Edits, undo, redo and loads all land here: the run follows the document.
  store.subscribe((state, previous) => {
    if (state.document === previous.document) return
    // An undo, a redo or an edit outside may take away the group that was open: the canvas goes out to what is still there.
    const path = validPath(state.document, state.openPath)
    if (path !== state.openPath) store.setState({ openPath: path })
    store.getState().pruneSelection()
    state.followDocument(previous.document)
  })
  // A lesson is the document's: undoing back to a mesh without one (or editing it away) stops following it.
  store.subscribe((state, previous) => {
    if (state.document !== previous.document && state.lesson && !state.document.lesson) state.closeLesson()
  })
  // The run's record follows the run, and goes with the mesh it was of.
  store.subscribe((state, previous) => {
    if (state.document !== previous.document) {
      const drops = dropsRecord(previous.document, state.document)
      state.followRunRecord(drops)
      // A story is of the mesh it was told of: it closes with it.
      if (drops) state.showStory(null)
    } else if (state.run !== previous.run || state.player !== previous.player) state.followRunRecord(false)
  })
  // Watches after the fact follow the run's history.
  store.subscribe((state, previous) => {
    if (state.run !== previous.run || state.document !== previous.document || state.player !== previous.player) state.followWatches()
  })
  // A mesh opened with code from elsewhere asks before that code runs; code allowed to run goes to the sandbox.
  store.subscribe((state, previous) => {
    if (state.opened !== previous.opened) {
      if (state.untrustedCode().length > 0 || state.untrustedPolicy()) state.setCodeReviewOpen(true)
      // After the opening is done (it may run the page's Timeline to a link's tick).
      queueMicrotask(() => store.getState().followCode())
    } else if (state.codeTrust !== previous.codeTrust) state.followCode()
  })
  // A lesson step's challenge is checked again whenever the document (its picks) or the step changes.
  store.subscribe((state, previous) => {
    if (state.document !== previous.document || state.lesson !== previous.lesson) state.checkChallenge()
  })
  // A what-if is of the mesh it was asked of: it goes when the document changes.
  store.subscribe((state, previous) => {
    if (state.document !== previous.document && state.whatIf) state.dropWhatIf()
  })
  // Presenter mode presents a lesson: it ends with the lesson.
  store.subscribe((state) => {
    if (state.presenting && !lessonSteps(state)?.length) state.stopPresenting()
  })
  store.getState().followCode()
  for (const notice of init.notices ?? []) store.getState().notify(notice)
  return store
}
