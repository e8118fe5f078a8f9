/**
 * The run slice: what the engine's Timeline publishes, and the actions that
 * drive it — stepping, play at a speed, fast runs, time travel and
 * breakpoints. The Timeline is the single source of truth for what the mesh
 * does; the driver (src/runner) keeps the trace and queue series beside it, and
 * this slice publishes plain data after every change, through `publish`.
 * Each action goes where the run lives: on the page (page-mode.ts), or, for
 * a mesh with code nodes allowed to run, in the sandbox worker
 * (sandbox-mode.ts): the same actions, answered asynchronously.
 */
import type { LessonStep } from '../demos/lesson'
import type { Breakpoint, BreakpointHit, MeshDocument, RunAction, Timeline, Value } from '../engine'
import type { Clock } from '../runner/clock'
import { RunDriver, type BurstGoal } from '../runner/driver'
import { NO_FLOW, type FlowStyle, type FlowView } from '../runner/flow'
import type { QueueSeries } from '../runner/queue-series'
import { DEFAULT_SPEED, TOKEN_SPEED, tokenDuration, type Speed } from '../runner/speeds'
import type { TraceLog } from '../runner/trace-log'
import type { SandboxClient } from '../sandbox/client'
import type { HistoryApi, SliceCreator } from './mesh-store'
import { PageMode } from './page-mode'
import { changesNodes, changesRun, changesStart, documentAtTick } from '../runner/run-document'
import { readRun, type RunView } from '../engine/run-view'
import { SandboxMode, type RunMark } from './sandbox-mode'

/** The seed's Tasklet API on one node, by hand (besides `send`). */
export type TaskletAction = Exclude<RunAction['type'], 'update' | 'send' | 'fail'>

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

export type BreakpointSpec = Omit<Extract<Breakpoint, { kind: 'activation' }>, 'id' | 'enabled'> | Omit<Extract<Breakpoint, { kind: 'queue' }>, 'id' | 'enabled'> | Omit<Extract<Breakpoint, { kind: 'output' }>, 'id' | 'enabled'>

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
  /** Brings the run in line with the document after it changed (called by the store). */
  followDocument(previous: MeshDocument): void
  /** Brings the run in line with which code may run, after that changed or a mesh was opened (called by the store). */
  followCode(): void
  /** Whether the person did anything but edit to this run (sent, next, close…), on the page or in the sandbox. */
  runActed(): boolean
  /**
   * Plays lesson steps as the demos' playStep does (from tick 0 of `restart`,
   * when given) wherever the run lives: on the page's Timeline, done on
   * return (null); or in the sandbox for a mesh with code nodes, done when
   * the promise resolves (true once the run shows them all).
   */
  playLesson(steps: readonly LessonStep[], restart?: MeshDocument): Promise<boolean> | null
  /** The document the run follows at its tick, wherever it runs. */
  runDocument(): MeshDocument
  /** Where the run stands, to tell later whether anything moved it. */
  runMark(): RunMark
  addBreakpoint(spec: BreakpointSpec): void
  setBreakpointEnabled(id: string, enabled: boolean): void
  removeBreakpoint(id: string): void
}

let nextBreakpoint = 1

export const createRunSlice =
  (timeline: Timeline, clock: Clock, history: () => HistoryApi, createSandbox: (() => SandboxClient) | null = null): SliceCreator<RunSlice> =>
  (set, get) => {
    const driver = new RunDriver(timeline, clock.now)
    // eslint-disable-next-line prefer-const -- made below, with the functions they call back
    let page: PageMode, sandbox: SandboxMode

    const flowStyle = (): FlowStyle => {
      const { activity, speed } = get().player
      if (activity === 'running') return 'counters'
      if (activity === 'playing' && (speed === 'turbo' || speed > TOKEN_SPEED)) return 'counters'
      return 'tokens'
    }

    /** The one place the run is read into the store. */
    const publish = () => {
      const { run, flow, player } = get()
      const style = flowStyle()
      const duration = tokenDuration(player.activity === 'playing' ? player.speed : null)
      set(sandbox.active ? sandbox.published(flow, style, duration, clock.now()) : page.published({ run, flow }, style, duration))
    }

    const setActivity = (activity: PlayerView['activity']) => {
      if (get().player.activity !== activity) set({ player: { ...get().player, activity } })
    }

    const clearReport = () => {
      if (get().breakpointHit) set({ breakpointHit: null })
      const notice = get().notices.find((n) => n.key === 'run-halt')
      if (notice) get().dismissNotice(notice.id)
    }

    /** Stops playing or running, wherever the run is. */
    const halt = () => (sandbox.active ? sandbox.halt() : page.halt())

    const startPlaying = () => {
      const speed = get().player.speed
      clearReport()
      if (sandbox.active) return sandbox.play(speed)
      page.play(speed)
    }

    const runFast = (goal: BurstGoal) => {
      halt()
      clearReport()
      if (sandbox.active) return sandbox.runFast(goal)
      page.runFast(goal)
    }

    /** After going back or forth in time, the editor shows the document the run has at that tick. */
    const showRunDocument = (run = timeline.sim.document) => {
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

    const moveInTime = (tick: number) => {
      halt()
      clearReport()
      if (sandbox.active) return void sandbox.seek(tick)
      page.seek(tick)
    }

    const act = (action: RunAction) => (sandbox.active ? sandbox.act(action) : page.act(action))

    page = new PageMode({ get, set, timeline, driver, clock, publish, setActivity, showRunDocument })
    sandbox = new SandboxMode({ get, set, driver, timeline, clock, createClient: createSandbox, publish, setActivity, showRunDocument, halt: () => (clearReport(), halt()) })

    const editBreakpoints = (change: (list: readonly Breakpoint[]) => Breakpoint[]) => {
      set({ breakpoints: change(get().breakpoints) })
      page.breakpointsChanged()
    }

    return {
      run: readRun(timeline, null),
      player: { activity: 'paused', speed: DEFAULT_SPEED },
      flow: NO_FLOW,
      runLog: { trace: driver.trace, series: driver.series, label: (id) => (sandbox.active ? sandbox.label(id) : driver.label(id)) },
      logRevision: 0,
      breakpoints: [],
      breakpointHit: null,
      runBusy: false,
      opening: null,

      step() {
        halt()
        clearReport()
        if (sandbox.active) return sandbox.step()
        page.step()
      },
      stepRound: () => runFast('round'),
      stepBack: () => moveInTime((sandbox.active ? (sandbox.view?.tick ?? 0) : timeline.tick) - 1),
      seek: moveInTime,
      play() {
        if (get().player.activity === 'paused') startPlaying()
      },
      pause() {
        halt()
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
        if (speed !== 'turbo' && old !== 'turbo' && !sandbox.active) page.setPace(speed)
        else {
          halt()
          startPlaying()
        }
      },
      runToEnd: () => runFast('end'),
      openAtTick(tick) {
        halt()
        clearReport()
        if (sandbox.active) return sandbox.enter(get().document, tick)
        page.openAt(tick)
      },
      reset(document) {
        halt()
        clearReport()
        sandbox.restart(document ?? get().document)
        publish()
      },
      send: (node, values) => act({ type: 'send', node, values: [...values] }),
      taskletAction: (action, node) => act({ type: action, node }),

      followDocument(previous) {
        const document = get().document
        if (sandbox.rebase(document)) return
        // A run that has ended has nothing to go on with: new initial inputs or seed, or nodes added or deleted, start a fresh run
        // at once, so Run to end runs the mesh as it is now and nothing shown is of a mesh that is gone. Re-wiring and settings
        // keep the run, as the seed's rescope keeps a live mesh going.
        const { run, player } = get()
        const ended = run.tick > 0 && (run.status === 'idle' || run.status === 'halted') && player.activity === 'paused' && !get().runBusy
        if (ended && (changesStart(previous, document) || changesNodes(previous, document))) {
          const waiting = get().notices.find((n) => n.key === 'start-changed')
          if (waiting) get().dismissNotice(waiting.id)
          return get().reset()
        }
        if (sandbox.active) return sandbox.follow(document, changesRun, changesStart(previous, document))
        page.follow(previous, document)
      },

      followCode: () => void sandbox.rebase(get().document, { trustChanged: true }),
      runActed: () => (sandbox.active ? sandbox.acted() : timeline.acted),

      playLesson(steps, restart) {
        halt()
        clearReport()
        // Tick 0 of the lesson's document, in the sandbox or on the page, whichever runs it.
        if (restart) sandbox.restart(restart)
        if (sandbox.active) return sandbox.playLesson(steps)
        page.playLesson(steps)
        return null
      },
      runDocument: () => (sandbox.active ? sandbox.runDocument() : timeline.sim.document),
      runMark: () => (sandbox.active ? sandbox.mark() : page.mark()),

      addBreakpoint: (spec) => editBreakpoints((list) => [...list, { ...spec, id: `bp-${nextBreakpoint++}`, enabled: true }]),
      setBreakpointEnabled: (id, enabled) => editBreakpoints((list) => list.map((b) => (b.id === id ? { ...b, enabled } : b))),
      removeBreakpoint: (id) => editBreakpoints((list) => list.filter((b) => b.id !== id)),
    }
  }
