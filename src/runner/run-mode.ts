/**
 * The run's one interface: every verb a person or a lesson can ask of a
 * run, whichever place runs it — the page's own Timeline (page-run.ts) or
 * the sandbox worker, for a mesh with code nodes allowed to run
 * (sandbox-run.ts). The store holds one RunMode at a time and calls its
 * verbs without asking where the run lives; the mode tells the store what
 * happened through the narrow hooks below, never by reaching into it.
 */
import type {
  Alteration,
  AnswerResult,
  Breakpoint,
  BreakpointHit,
  LessonStep,
  MeshDocument,
  Question,
  RecordedRun,
  RunAction,
  TimelineHistory,
  TraceEvent,
  WatchResult,
  WatchTarget,
  WhatIfResult,
} from '../engine'
import type { RunView } from '../engine/run-view'
import type { FlowCollector, FlowStyle, FlowView } from './flow'
import type { QueueSeries } from './queue-series'
import type { Speed } from './speeds'
import type { TraceLog } from './trace-log'

/** Where a fast run goes: to the end or the round's end. */
export type BurstGoal = 'end' | 'round'
/** Where the page's fast run goes: a goal, or a tick (breakpoints aside, as a link's tick is the run's own). */
export type BurstTarget = BurstGoal | { tick: number }

/** paused; playing at a speed (or Turbo); running: a fast run to the end, the round's end or a tick. */
export type RunActivity = 'paused' | 'playing' | 'running'

/** The trace, the queue series and the flow along the wires: kept beside the run, wherever it lives, and read by the panels. */
export interface RunLogs {
  readonly trace: TraceLog
  readonly series: QueueSeries
  readonly flow: FlowCollector
}

/** A notice the run gives the person (the store shows it). */
export interface RunNotice {
  key: 'run-halt' | 'start-changed' | 'opening' | 'code-stopped'
  tone: 'info' | 'warning' | 'error'
  text: string
}

/** What the run tells the store; each hook does one thing. */
export interface RunHooks {
  /** The breakpoints to watch, as they are now. */
  breakpoints(): readonly Breakpoint[]
  /** The run changed: the store reads `published` and shows it. */
  publish(): void
  /** Playing, running fast or paused, as the run goes. */
  activity(activity: RunActivity): void
  /** The run stopped by itself: at a breakpoint (its hit), or not (null); a limit's detail comes as a notice. */
  stopped(hit: BreakpointHit | null): void
  notify(notice: RunNotice): void
  /** After moving in time, the editor shows the document the run has at its tick. */
  showRunDocument(document: MeshDocument): void
  /** A request to the sandbox is out (true) or answered (false). */
  busy(busy: boolean): void
  /** Opening a mesh at a tick: how far it got, or null once it got there or stopped. */
  opening(progress: { tick: number; goal: number } | null): void
}

/** What the store publishes of a run. */
export interface RunPublished {
  run: RunView
  flow: FlowView
  logRevision: number
  /** While opening a mesh at a tick: how far it got. */
  opening?: { tick: number; goal: number }
}

/** Where a run stands, to tell later whether anything moved it: which run, its tick, and how many actions were logged. */
export interface RunMark {
  run: object | null
  tick: number
  actions: number
}

/** How a watch stands after `advance`: done (up to the run's history as last followed), more to replay now, or waiting (for the sandbox's reply, which calls `changed`). */
export type RunWatchProgress = 'done' | 'more' | 'waiting'

/**
 * A watch after the fact (engine/watch.ts), made where the run lives by
 * RunMode.watch: on the page, an engine Watch replayed in slices of the
 * page's time; in the sandbox, the same in the worker, a slice a request,
 * its reply checked before it is read.
 */
export interface RunWatch {
  readonly target: WatchTarget
  /** What it found so far, or null before its replay has begun. */
  result(): WatchResult | null
  /** Up to the end of the run's history as it last followed it. */
  readonly done: boolean
  /** Why it could not be made, or null. */
  readonly error: string | null
  /** The run it watched has gone (its sandbox run was replaced): the watch must be made anew. */
  readonly retired: boolean
  /** Replays on, on the page until `enough()` says so; in the sandbox, one request unless one is out or following would come too soon. */
  advance(enough: () => boolean): RunWatchProgress
  /** The run's history may have changed: the watch goes on along it, or is made again. */
  follow(): void
  /** The watch is not wanted any more. */
  dispose(): void
}

export interface RunMode {
  /** Where the run lives. */
  readonly where: 'page' | 'sandbox'
  /** Tick 0 of `document`, with no history (and, for the sandbox, the code it may run). */
  reset(document: MeshDocument): void
  /** Tick 0 of `document`, then on to `tick` at once, untraced (the run moving here from the other place). */
  startAt(document: MeshDocument, tick: number): void
  /** Tick 0 of `history.document` with the history ahead, done as it was (a recording), then on to `tick` along it. */
  restore(history: TimelineHistory, tick: number): void
  /** The run's history: its document, what was done by hand at which tick, how far it reaches (for a recording). */
  history(): TimelineHistory
  /** One activation. */
  step(): void
  /** Plays at `speed`, watching for breakpoints; Turbo is a fast run to the end, shown as playing. */
  play(speed: Speed): void
  /** A new pace while playing at a speed (not Turbo). */
  setPace(speed: number): void
  /** Stops playing or running, where the run got to. */
  halt(): void
  /** A fast run to the end or the round's end (breakpoints watched), shown as running. */
  runFast(goal: BurstGoal): void
  /** Runs a mesh just opened on to `tick` (a link's `&tick=`), with its progress shown; Pause stops it where it got to. */
  openAt(tick: number): void
  /** To any tick of this history: back exactly, or forward along it. */
  seek(tick: number): void
  /** One tick back from where the run is once what was asked before is done (in the sandbox, the requests still out). */
  stepBack(): void
  /** Does something to the run at its tick by hand (later history is dropped). */
  act(action: RunAction): void
  /** An edit of the document reaches the run: the update, and new inputs and seed at tick 0 (later, a word that they wait for Reset). */
  follow(previous: MeshDocument, document: MeshDocument): void
  /** Plays lesson steps as the demos' playStep does: null when done on return, else a promise of whether all were played. */
  playLesson(steps: readonly LessonStep[]): Promise<boolean> | null
  /** The breakpoints changed (a play at a speed watches the new ones). */
  breakpointsChanged(): void
  /**
   * The run's record (engine/run-record.ts): its whole history replayed
   * with the item ledger on, where the run lives — on the page in slices of
   * its time, in the sandbox worker a slice a request — checked before it is
   * given (recordProblem). Rejects with why, when it cannot be made.
   */
  record(): Promise<RecordedRun>
  /**
   * What if (engine/what-if.ts): the run's history with `alteration` made,
   * replayed beside the original where the run lives — on the page in
   * slices of its time, in the sandbox worker a slice a request, its answer
   * checked before it is given. Rejects with why (the change cannot be
   * made, the answer does not fit the run). The run does not move.
   */
  whatIf(alteration: Alteration): Promise<WhatIfResult>
  /**
   * A watch after the fact on `target` over the run's whole history, made
   * where the run lives (see RunWatch); `changed` is called when it found
   * more without being asked to advance (a reply from the sandbox came).
   */
  watch(target: WatchTarget, changed: () => void): RunWatch
  /**
   * The trace events of each of `ticks` as the run made them (a story of
   * where an item came from: engine/lineage.ts), replayed where the run
   * lives — on the page at once (Timeline.eventsAt, a Map), in the sandbox
   * a slice a request from the worker's replay of its own run, its answer
   * checked before it is given (a promise; it rejects with why). At most
   * LINEAGE_TICKS ticks; the run does not move.
   */
  eventsAt(ticks: readonly number[]): Map<number, TraceEvent[]> | Promise<Map<number, TraceEvent[]>>
  /** The engine's answer to a lesson question at the run's tick, from a copy of the run where it lives (see engine/answer.ts); the run does not move. */
  answer(question: Question): AnswerResult
  /** What the store publishes of the run now (null before the run has anything to show). */
  published(previous: { run: RunView; flow: FlowView }, style: FlowStyle, duration: number, now: number): RunPublished | null
  /** The run's tick. */
  readonly tick: number
  /** The document the run follows at its tick. */
  runDocument(): MeshDocument
  /** A node's label in that document. */
  label(id: string): string
  /** Whether anything but edits was done to the run by hand, up to its tick. */
  acted(): boolean
  /** Whether what the run published may be behind it: a request to the sandbox is still out (never, on the page). */
  behind(): boolean
  mark(): RunMark
  /** The run goes (its worker, if it has one). */
  dispose(): void
}
