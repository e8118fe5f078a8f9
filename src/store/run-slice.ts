/**
 * The run slice: what the run publishes, and the actions that drive it —
 * stepping, play at a speed, fast runs, time travel and breakpoints. The
 * run is one RunMode (src/runner/run-mode.ts) at a time: on the page
 * (page-run.ts), or in the sandbox worker for a mesh with code nodes
 * allowed to run (sandbox-run.ts). Every action calls the mode's verb
 * without asking where it lives; `place` is the one place that chooses,
 * and `publish` the one place the run is read into the store.
 */
import {
  planLineage,
  tellLineage,
  pyStr,
  queuedItems,
  takenItem,
  type AnswerResult,
  type Breakpoint,
  type BreakpointHit,
  type ItemLedgerData,
  type LessonStep,
  type Lineage,
  type LineagePlan,
  type MeshDocument,
  type QueueEdit,
  type Question,
  type RecordedRun,
  type RunAction,
  type Timeline,
  type TimelineHistory,
  type TraceEvent,
  type Value,
  type Alteration,
  type WatchTarget,
  type WhatIfResult,
} from '../engine'
import { readRun, type RunView } from '../engine/run-view'
import type { Clock } from '../runner/clock'
import { FlowCollector, NO_FLOW, type FlowStyle, type FlowView } from '../runner/flow'
import { PageRun } from '../runner/page-run'
import { QueueSeries } from '../runner/queue-series'
import { changesNodes, changesStart, documentAtTick } from '../runner/run-document'
import type { BurstGoal, RunHooks, RunLogs, RunMark, RunMode, RunWatch } from '../runner/run-mode'
import { SandboxRun } from '../runner/sandbox-run'
import { DEFAULT_SPEED, TOKEN_SPEED, tokenDuration, type Speed } from '../runner/speeds'
import { TraceLog } from '../runner/trace-log'
import type { SandboxClient } from '../sandbox/client'
import { allowedSources, runsInSandbox } from '../sandbox/trust'
import type { HistoryApi, SliceCreator } from './mesh-store'
import { queueEditProblem, undoableAt } from './queue-surgery'

/** The seed's Tasklet API on one node, by hand (besides `send`). */
export type TaskletAction = Exclude<RunAction['type'], 'update' | 'send' | 'fail' | 'queue' | 'draw'>

export interface PlayerView {
  /** playing: at the chosen speed; running: a run to the end (or the round's end) as fast as the engine goes. */
  activity: 'paused' | 'playing' | 'running'
  speed: Speed
}

/** The trace and the queue series: kept outside React, read by the panels when `logRevision` changes. */
export interface RunLog {
  trace: TraceLog
  series: QueueSeries
  label(id: string): string
}

/**
 * A story of where an item came from as the run slice tells it: the story,
 * or a sentence when it cannot be told — at once on the page, as a promise
 * where the run lives in the sandbox (its events come from the worker).
 */
export type LineageTold = Lineage | string | Promise<Lineage | string>

export type BreakpointSpec =
  | Omit<Extract<Breakpoint, { kind: 'activation' }>, 'id' | 'enabled'>
  | Omit<Extract<Breakpoint, { kind: 'queue' }>, 'id' | 'enabled'>
  | Omit<Extract<Breakpoint, { kind: 'output' }>, 'id' | 'enabled'>

export interface RunSlice {
  run: RunView
  player: PlayerView
  flow: FlowView
  runLog: RunLog
  logRevision: number
  breakpoints: readonly Breakpoint[]
  /** The breakpoint the run paused at last, until the run moves again. */
  breakpointHit: BreakpointHit | null
  /** A request to the code sandbox is out: the run's controls wait for it. */
  runBusy: boolean
  /** Opening a mesh at a tick (a link's `&tick=`) on the page: where the fast run there got to, and the tick. Pause or Cancel stop it there. */
  opening: { tick: number; goal: number } | null
  /** Runs a mesh just opened to `tick`: on the page in slices, with `opening` telling how far it got; in the sandbox, the worker steps there. */
  openAtTick(tick: number): void
  /** Tick 0 of a recorded history with the history ahead, done again as it was, then on to `tick` along it (a recording). */
  restoreRun(history: TimelineHistory, tick: number): void
  /** The run's history (its document, what was done by hand at which tick, how far it reaches): what a recording keeps. */
  runHistory(): TimelineHistory
  /**
   * Where the output a sink printed at `tick` came from (engine/lineage.ts),
   * read from the item ledger of `ledger` (the run record's, which must
   * reach that tick) and the trace events of the chain's ticks, replayed
   * where the run lives (RunMode.eventsAt); a sentence when it cannot be told.
   */
  outputLineage(ledger: ItemLedgerData, node: string, tick: number): LineageTold
  /**
   * Where the item at `index` (0 the head) of tasklet `node`'s queue after
   * `tick` came from, read as `outputLineage` is; `shown`, the value the
   * queue showed there, must be the ledger's (a queue reordered by hand is
   * not first in, first out, and its story would be another item's).
   */
  queuedItemLineage(ledger: ItemLedgerData, node: string, index: number, tick: number, shown: Value): LineageTold
  /** Where the item tasklet `node`'s activation at `tick` took came from (a trace line's story). */
  takenItemLineage(ledger: ItemLedgerData, node: string, tick: number): LineageTold
  /** One activation. */
  step(): void
  /** On to the end of the taskmaster's round or the priority scheduler's pass. */
  stepRound(): void
  /** Back one tick, exactly as it was. */
  stepBack(): void
  /** To any tick of this history. */
  seek(tick: number): void
  play(): void
  pause(): void
  togglePlay(): void
  setSpeed(speed: Speed): void
  /** Runs until no work is left, a limit or a breakpoint, in slices so the page stays responsive. */
  runToEnd(): void
  /** Back to tick 0 of the current document (or of `document`): its inputs queued again, no history. */
  reset(document?: MeshDocument): void
  /** Queues values on a node (the seed's `send`); nothing runs. */
  send(node: string, values: readonly Value[]): void
  /** next, last, flush, clear, close or restart on one node. */
  taskletAction(action: TaskletAction, node: string): void
  /**
   * Edits a tasklet's queue by hand while the run is paused (queue
   * surgery): a hand action at this tick, replayed on seek. Refused with a
   * notice while the run plays, inside an opened group, or when the edit
   * does not fit the queues as shown (the queue changed since).
   */
  editQueue(node: string, edit: QueueEdit): void
  /** The tick of the last queue edit made here, while its Undo may be offered (null after an undo or a reset). */
  queueUndo: number | null
  /** Takes out the last thing done by hand at the run's tick (a queue edit, a send, a Tasklet call): the run as it was before it, the later history dropped. */
  undoHandAction(): void
  /** Brings the run in line with the document after it changed (called by the store). */
  followDocument(previous: MeshDocument): void
  /** Brings the run in line with which code may run, after that changed or a mesh was opened (called by the store). */
  followCode(): void
  /** Whether the person did anything but edit to this run (sent, next, close…), on the page or in the sandbox. */
  runActed(): boolean
  /** Whether the run as published may be behind the run: a request to the sandbox is out. */
  runBehind(): boolean
  /**
   * Plays lesson steps as the demos' playStep does (from tick 0 of `restart`,
   * when given) wherever the run lives: on the page's Timeline, done on
   * return (null); or in the sandbox for a mesh with code nodes, done when
   * the promise resolves (true once the run shows them all).
   */
  playLesson(steps: readonly LessonStep[], restart?: MeshDocument): Promise<boolean> | null
  /** The engine's answer to a lesson question at the run's tick, wherever the run lives (a copy of it is stepped on; the run does not move). */
  answerQuestion(question: Question): AnswerResult
  /** The document the run follows at its tick, wherever it runs. */
  runDocument(): MeshDocument
  /** Where the run stands, to tell later whether anything moved it. */
  runMark(): RunMark
  /** Where the run lives now: on the page, or in the sandbox worker (a mesh with code nodes). */
  runWhere(): RunMode['where']
  /** The run's record, its whole history replayed with the item ledger wherever the run lives (the record slice keeps it up to date). */
  recordRun(): Promise<RecordedRun>
  /** What if (engine/what-if.ts): the run's history with `alteration` made, replayed beside it wherever the run lives (the what-if slice shows it). */
  runWhatIf(alteration: Alteration): Promise<WhatIfResult>
  /** A watch after the fact on `target`, made wherever the run lives (the watch slice holds and advances it; see RunWatch). */
  runWatch(target: WatchTarget, changed: () => void): RunWatch
  addBreakpoint(spec: BreakpointSpec): void
  setBreakpointEnabled(id: string, enabled: boolean): void
  removeBreakpoint(id: string): void
}

let nextBreakpoint = 1

export const createRunSlice =
  (timeline: Timeline, clock: Clock, history: () => HistoryApi, createSandbox: (() => SandboxClient) | null = null): SliceCreator<RunSlice> =>
  (set, get) => {
    const logs: RunLogs = { trace: new TraceLog(), series: new QueueSeries(), flow: new FlowCollector() }

    const flowStyle = (): FlowStyle => {
      const { activity, speed } = get().player
      if (activity === 'running') return 'counters'
      if (activity === 'playing' && (speed === 'turbo' || speed > TOKEN_SPEED)) return 'counters'
      return 'tokens'
    }

    /** The one place the run is read into the store. */
    const publish = () => {
      const { run, flow, player } = get()
      const duration = tokenDuration(player.activity === 'playing' ? player.speed : null)
      const published = mode.published({ run, flow }, flowStyle(), duration, clock.now())
      if (published) set(published)
    }

    const clearReport = () => {
      if (get().breakpointHit) set({ breakpointHit: null })
      const notice = get().notices.find((n) => n.key === 'run-halt')
      if (notice) get().dismissNotice(notice.id)
    }

    /**
     * The story `plan` names, told from the trace events of its ticks as the
     * run replays them where it lives (at once on the page; in the sandbox
     * once the worker answered, its answer checked), then `finish`ed; a
     * sentence when the sandbox could not tell them.
     */
    const tellWhereRunLives = (plan: LineagePlan, ledger: ItemLedgerData, finish: (lineage: Lineage) => Lineage | string): LineageTold => {
      const run = mode
      const told = (events: ReadonlyMap<number, readonly TraceEvent[]>) => finish(tellLineage(plan, ledger, events, () => run.history().document))
      const events = run.eventsAt(plan.ticks)
      if (events instanceof Map) return told(events)
      return events.then(told, (e: unknown) => `Where it came from could not be told: ${e instanceof Error ? e.message : String(e)}.`)
    }

    /** After going back or forth in time, the editor shows the document the run has at that tick. */
    const showRunDocument = (run: MeshDocument) => {
      const shown = documentAtTick(run, get().document)
      if (shown === get().document) return
      const temporal = history().getState()
      temporal.pause()
      try {
        set({ document: shown })
      } finally {
        temporal.resume()
      }
    }

    const hooks: RunHooks = {
      breakpoints: () => get().breakpoints,
      publish,
      activity(activity) {
        if (get().player.activity !== activity) set({ player: { ...get().player, activity } })
      },
      // Only a change is set: a step by hand reports 'no breakpoint' every time, and each set runs every card's and wire's selectors.
      stopped(hit) {
        if (hit !== get().breakpointHit) set({ breakpointHit: hit })
      },
      notify: (notice) => get().notify(notice),
      showRunDocument,
      busy(busy) {
        if (get().runBusy !== busy) set({ runBusy: busy })
      },
      opening: (opening) => set({ opening }),
    }

    const allowed = (document: MeshDocument) => allowedSources(document, get().isCodeTrusted)
    const page = new PageRun(timeline, clock, logs, hooks)
    let mode: RunMode = page

    /**
     * Puts the run where `document` belongs: on the page, or (with code that
     * may run) in the sandbox, or in a fresh sandbox run where newly allowed
     * code runs too; true when it moved. At the same tick when nothing was
     * done to the run by hand. When only what code may run changed (code just
     * allowed), what was done by hand (a recording's or a link's history too)
     * is done again there at the same ticks, and the run lands on its tick;
     * else a run acted on starts again from 0.
     */
    const place = (document: MeshDocument, { trustChanged = false, restart = false } = {}): boolean => {
      const wants = createSandbox !== null && runsInSandbox(document, get().isCodeTrusted)
      const fresh = trustChanged && mode instanceof SandboxRun && !mode.allowsAll(allowed(document))
      if (wants === (mode.where === 'sandbox') && !fresh) return false
      const tick = restart ? 0 : mode.tick
      const acted = !restart && mode.acted()
      const history = acted && trustChanged ? mode.history() : null
      mode.halt()
      if (mode !== page) mode.dispose()
      mode = wants ? new SandboxRun(createSandbox!(), clock, logs, hooks, allowed, document) : page
      if (history) mode.restore(history, tick)
      else mode.startAt(document, acted ? 0 : tick)
      if (acted && !history && tick > 0) {
        const why = wants ? 'code nodes run in the sandbox from the start of a run' : 'the mesh has no code left to run in the sandbox'
        get().notify({ key: 'start-changed', tone: 'info', text: `The run started again from tick 0: ${why}.` })
      }
      publish()
      return true
    }

    /** Stops the run's play or fast run, and clears why it stopped last, before it moves again. */
    const ready = () => {
      mode.halt()
      clearReport()
    }

    const editBreakpoints = (change: (list: readonly Breakpoint[]) => Breakpoint[]) => {
      set({ breakpoints: change(get().breakpoints) })
      mode.breakpointsChanged()
    }

    const runFast = (goal: BurstGoal) => {
      ready()
      mode.runFast(goal)
    }

    const moveInTime = (tick: number) => {
      ready()
      mode.seek(tick)
    }

    const startPlaying = () => {
      clearReport()
      mode.play(get().player.speed)
    }

    return {
      run: readRun(timeline, null),
      player: { activity: 'paused', speed: DEFAULT_SPEED },
      flow: NO_FLOW,
      runLog: { trace: logs.trace, series: logs.series, label: (id) => mode.label(id) },
      logRevision: 0,
      breakpoints: [],
      breakpointHit: null,
      runBusy: false,
      opening: null,

      step() {
        ready()
        mode.step()
      },
      stepRound: () => runFast('round'),
      stepBack: () => {
        ready()
        mode.stepBack()
      },
      seek: moveInTime,
      play() {
        if (get().player.activity === 'paused') startPlaying()
      },
      pause() {
        mode.halt()
        publish()
      },
      togglePlay() {
        if (get().player.activity === 'paused') get().play()
        else get().pause()
      },
      setSpeed(speed) {
        const { activity, speed: old } = get().player
        if (speed === old) return
        set({ player: { activity, speed } })
        if (activity !== 'playing') return
        if (speed !== 'turbo' && old !== 'turbo') mode.setPace(speed)
        else {
          mode.halt()
          startPlaying()
        }
      },
      runToEnd: () => runFast('end'),
      openAtTick(tick) {
        ready()
        mode.openAt(tick)
      },
      restoreRun(history, tick) {
        ready()
        place(history.document, { restart: true })
        mode.restore(history, tick)
      },
      runHistory: () => mode.history(),
      outputLineage(ledger, node, tick) {
        const output = outputIndex(ledger, node, tick)
        if (output < 0) return "This output is not in the run's record yet."
        const plan = planLineage(ledger, ledger.outputItem[output]!)
        if (!plan) return 'This output was made outside any activation.'
        return tellWhereRunLives(plan, ledger, (lineage) => ({ ...lineage, output }))
      },
      queuedItemLineage(ledger, node, index, tick, shown) {
        const id = queuedItems(ledger, node, tick)[index]
        const plan = id === undefined ? null : planLineage(ledger, id, { at: tick })
        if (!plan) return "This item is not in the run's record yet."
        return tellWhereRunLives(plan, ledger, (lineage) => {
          const told = lineage.waiting?.value
          if (told === undefined || pyStr(told) !== pyStr(shown))
            return `The run's record has ${told === undefined ? 'another item' : pyStr(told)} there, not ${pyStr(shown)}: the queue was reordered by hand, and its story would be another item's.`
          return lineage
        })
      },
      takenItemLineage(ledger, node, tick) {
        const id = takenItem(ledger, node, tick)
        const plan = id >= 0 ? planLineage(ledger, id) : null
        if (!plan) return `${node} took no item at tick ${tick} in the run's record.`
        return tellWhereRunLives(plan, ledger, (lineage) => lineage)
      },
      reset(document) {
        ready()
        const next = document ?? get().document
        // Moving the run to the other place starts it there and publishes it.
        if (place(next, { restart: true })) return
        mode.reset(next)
        set({ queueUndo: null })
        publish()
      },
      send: (node, values) => mode.act({ type: 'send', node, values: [...values] }),
      taskletAction: (action, node) => mode.act({ type: action, node }),
      queueUndo: null,
      editQueue(node, edit) {
        const state = get()
        const problem =
          state.player.activity !== 'paused'
            ? 'Pause the run to edit a queue: queues are edited only while the run stands still.'
            : state.runBusy
              ? 'The sandbox is still answering: edit the queue once the run has caught up.'
              : state.openPath.length > 0
                ? "Queues are edited in the outer mesh only: close the group to edit its tasklets' queues."
                : queueEditProblem(state.run, node, edit, mode.label.bind(mode), mode.runDocument().limits.maxQueue)
        if (problem) return get().notify({ key: 'queue-edit', tone: 'warning', text: problem })
        clearReport()
        mode.act({ type: 'queue', node, edit: { ...edit } })
        set({ queueUndo: mode.tick })
      },
      undoHandAction() {
        const state = get()
        if (state.player.activity !== 'paused' || state.runBusy) return get().notify({ key: 'queue-edit', tone: 'warning', text: 'Pause the run to undo what was done by hand.' })
        const history = mode.history()
        const tick = mode.tick
        const at = undoableAt(history.entries, tick)
        set({ queueUndo: null })
        if (at < 0) return get().notify({ key: 'queue-edit', tone: 'info', text: `Nothing was done by hand at tick ${tick} to undo.` })
        clearReport()
        // The history without it, to this tick: replayed where the run lives, as a recording is.
        mode.restore({ document: history.document, entries: history.entries.slice(0, at), end: tick }, tick)
      },

      followDocument(previous) {
        const document = get().document
        if (place(document)) return
        // A run that has ended has nothing to go on with: new initial inputs or seed, or nodes added or deleted, start a fresh run
        // at once, so Run to end runs the mesh as it is now and nothing shown is of a mesh that is gone. Re-wiring and settings
        // keep the run, as the seed's rescope keeps a live mesh going.
        const { run, player } = get()
        // Waiting for the person's next pick is not an end: the run goes on once they pick.
        const ended = run.tick > 0 && (run.status === 'idle' || (run.status === 'halted' && run.halt !== 'pick')) && player.activity === 'paused' && !get().runBusy
        if (ended && (changesStart(previous, document) || changesNodes(previous, document))) {
          const waiting = get().notices.find((n) => n.key === 'start-changed')
          if (waiting) get().dismissNotice(waiting.id)
          return get().reset()
        }
        mode.follow(previous, document)
      },

      followCode: () => void place(get().document, { trustChanged: true }),
      runActed: () => mode.acted(),
      runBehind: () => mode.behind(),

      playLesson(steps, restart) {
        ready()
        // Tick 0 of the lesson's document, in the sandbox or on the page, whichever runs it.
        if (restart) get().reset(restart)
        return mode.playLesson(steps)
      },
      answerQuestion: (question) => mode.answer(question),
      runDocument: () => mode.runDocument(),
      runMark: () => mode.mark(),
      runWhere: () => mode.where,
      recordRun: () => mode.record(),
      runWhatIf: (alteration) => mode.whatIf(alteration),
      runWatch: (target, changed) => mode.watch(target, changed),

      addBreakpoint: (spec) => editBreakpoints((list) => [...list, { ...spec, id: `bp-${nextBreakpoint++}`, enabled: true }]),
      setBreakpointEnabled: (id, enabled) => editBreakpoints((list) => list.map((b) => (b.id === id ? { ...b, enabled } : b))),
      removeBreakpoint: (id) => editBreakpoints((list) => list.filter((b) => b.id !== id)),
    }
  }

/** The index in the ledger's outputs of what sink `node` printed at `tick` (outputs are in tick order), or -1. */
export function outputIndex(ledger: ItemLedgerData, node: string, tick: number): number {
  const { outputTick, outputNode, nodes } = ledger
  let lo = 0
  let hi = ledger.outputs
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (outputTick[mid]! < tick) lo = mid + 1
    else hi = mid
  }
  for (let k = lo; k < ledger.outputs && outputTick[k] === tick; k++) if (nodes[outputNode[k]!] === node) return k
  return -1
}
