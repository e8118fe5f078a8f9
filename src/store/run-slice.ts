/**
 * The run slice: what the engine's Timeline publishes, and the actions that
 * drive it — stepping, play at a speed, fast runs, time travel and
 * breakpoints. The Timeline is the single source of truth for what the mesh
 * does; the driver (src/run) keeps the trace and queue series beside it, and
 * this slice publishes plain data after every change, through `publish`.
 * A mesh with code nodes allowed to run runs in the sandbox worker instead
 * (sandbox-mode.ts): the same actions, answered asynchronously.
 */
import { playStep, type LessonStep } from '../demos/lesson'
import type { Breakpoint, BreakpointHit, BreakpointWatch, MeshDocument, RunAction, Timeline, Value } from '../engine'
import type { Clock } from '../run/clock'
import { RunDriver, type BurstGoal, type RunStop } from '../run/driver'
import { NO_FLOW, type FlowStyle, type FlowView } from '../run/flow'
import { Player } from '../run/player'
import type { QueueSeries } from '../run/queue-series'
import { DEFAULT_SPEED, TOKEN_SPEED, tokenDuration, type Speed } from '../run/speeds'
import type { TraceLog } from '../run/trace-log'
import type { SandboxClient } from '../sandbox/client'
import type { HistoryApi, SliceCreator } from './mesh-store'
import { changesRun, changesStart, documentAtTick } from './run-document'
import { viewRun, type RunView } from './run-view'
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

/** A fast run refreshes every card within this many publishes (a quarter second at 20 a second)… */
const CARD_PUBLISHES = 5
/** …and at least this many at a time. */
const CARDS_SHARE = 40

export const createRunSlice =
  (timeline: Timeline, clock: Clock, history: () => HistoryApi, sandbox: (() => SandboxClient) | null = null): SliceCreator<RunSlice> =>
  (set, get) => {
    const driver = new RunDriver(timeline, clock.now)
    // eslint-disable-next-line prefer-const -- made below, with the functions it calls back
    let mode: SandboxMode
    let watch: BreakpointWatch | null = null
    let burstGoal: BurstGoal = 'end'
    let stopped: RunStop | null = null

    const flowStyle = (): FlowStyle => {
      const { activity, speed } = get().player
      if (activity === 'running') return 'counters'
      if (activity === 'playing' && (speed === 'turbo' || speed > TOKEN_SPEED)) return 'counters'
      return 'tokens'
    }

    /** Where in the node order a fast run's next publish reads its share of cards. */
    let cardsFrom = 0

    /** The one place the run is read into the store. */
    const publish = () => {
      const state = get()
      const playing = state.player.activity === 'playing' ? state.player.speed : null
      if (mode.active) return void set(mode.published(state.flow, flowStyle(), tokenDuration(playing), clock.now()))
      driver.sync()
      // A fast run reads a share of its cards at each publish, so no one frame re-renders them all.
      let cards: { from: number; to: number } | undefined
      if (driver.bursting) {
        const count = timeline.sim.order.length
        const share = Math.max(CARDS_SHARE, Math.ceil(count / CARD_PUBLISHES))
        cards = { from: cardsFrom, to: cardsFrom + share }
        cardsFrom = cardsFrom + share >= count ? 0 : cardsFrom + share
      }
      set({
        run: viewRun(timeline, state.run, { cards }),
        flow: driver.flow.publish(timeline.sim, flowStyle(), tokenDuration(playing), clock.now(), state.flow),
        logRevision: driver.trace.revision + driver.series.revision,
      })
    }

    const setActivity = (activity: PlayerView['activity']) => {
      if (get().player.activity !== activity) set({ player: { ...get().player, activity } })
    }

    /** Tells why the run stopped by itself: a breakpoint, or a limit. */
    const report = (stop: RunStop | null) => {
      set({ breakpointHit: stop?.hit ?? null })
      const sim = timeline.sim
      if (sim.halt && sim.haltDetail) get().notify({ key: 'run-halt', tone: 'warning', text: `The run stopped: ${sim.haltDetail}.` })
    }

    const clearReport = () => {
      if (get().breakpointHit) set({ breakpointHit: null })
      const notice = get().notices.find((n) => n.key === 'run-halt')
      if (notice) get().dismissNotice(notice.id)
    }

    const player = new Player(clock, {
      advance(n) {
        stopped = driver.steps(n, watch)
        return stopped === null
      },
      slice(deadline) {
        stopped = driver.burstSlice(burstGoal, get().breakpoints, deadline)
        return stopped !== null
      },
      publish,
      finished() {
        driver.endBurst()
        setActivity('paused')
        report(stopped)
        publish()
      },
    })

    /** Stops playing or running; a fast run's last ticks are traced again. */
    const halt = () => {
      if (mode.active) return mode.halt()
      if (!player.active) return
      player.stop()
      driver.endBurst()
      setActivity('paused')
    }

    const startPlaying = () => {
      const speed = get().player.speed
      clearReport()
      stopped = null
      if (mode.active) return mode.play(speed)
      if (speed === 'turbo') {
        burstGoal = 'end'
        setActivity('playing')
        driver.beginBurst()
        player.burst()
      } else {
        watch = driver.watch(get().breakpoints)
        setActivity('playing')
        player.pace(speed)
      }
    }

    const runFast = (goal: BurstGoal) => {
      halt()
      clearReport()
      stopped = null
      if (mode.active) return mode.runFast(goal)
      burstGoal = goal
      setActivity('running')
      driver.beginBurst()
      player.burst()
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
      if (mode.active) return void mode.seek(tick)
      driver.seek(tick)
      showRunDocument()
      publish()
    }

    const act = (action: RunAction) => {
      if (mode.active) return mode.act(action)
      driver.apply(action)
      publish()
    }

    mode = new SandboxMode({ get, set, driver, timeline, clock, createClient: sandbox, publish, setActivity, showRunDocument, halt: () => (clearReport(), halt()) })

    const editBreakpoints = (change: (list: readonly Breakpoint[]) => Breakpoint[]) => {
      set({ breakpoints: change(get().breakpoints) })
      if (player.active === 'paced') watch = driver.watch(get().breakpoints)
    }

    return {
      run: viewRun(timeline, null),
      player: { activity: 'paused', speed: DEFAULT_SPEED },
      flow: NO_FLOW,
      runLog: { trace: driver.trace, series: driver.series, label: (id) => (mode.active ? mode.label(id) : driver.label(id)) },
      logRevision: 0,
      breakpoints: [],
      breakpointHit: null,
      runBusy: false,

      step() {
        halt()
        clearReport()
        if (mode.active) return mode.step()
        report(driver.steps(1))
        publish()
      },
      stepRound: () => runFast('round'),
      stepBack: () => moveInTime((mode.active ? (mode.view?.tick ?? 0) : timeline.tick) - 1),
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
        if (speed !== 'turbo' && old !== 'turbo' && !mode.active) player.setPace(speed)
        else {
          halt()
          startPlaying()
        }
      },
      runToEnd: () => runFast('end'),
      reset(document) {
        halt()
        clearReport()
        mode.restart(document ?? get().document)
        publish()
      },
      send: (node, values) => act({ type: 'send', node, values: [...values] }),
      taskletAction: (action, node) => act({ type: action, node }),

      followDocument(previous) {
        const document = get().document
        if (mode.rebase(document)) return
        if (mode.active) return mode.follow(document, changesRun, changesStart(previous, document))
        // Already running this very document (loaded with a reset), or one that runs the same.
        if (document === timeline.sim.document) return publish()
        if (changesRun(timeline.sim.document, document)) driver.apply({ type: 'update', document })
        if (changesStart(previous, document)) {
          if (timeline.tick === 0 && !timeline.acted) driver.reset(document)
          else {
            get().notify({
              key: 'start-changed',
              tone: 'info',
              text: 'New initial inputs and seed take effect from the start of a run: press Reset to use them.',
            })
          }
        }
        publish()
      },

      followCode: () => void mode.rebase(get().document, { trustChanged: true }),
      runActed: () => (mode.active ? mode.acted() : timeline.acted),

      playLesson(steps, restart) {
        halt()
        clearReport()
        // Tick 0 of the lesson's document, in the sandbox or on the page, whichever runs it.
        if (restart) mode.restart(restart)
        if (mode.active) return mode.playLesson(steps)
        for (const step of steps) playStep(timeline, step)
        return null
      },
      runDocument: () => (mode.active ? mode.runDocument() : timeline.sim.document),
      runMark: () => (mode.active ? mode.mark() : { run: timeline.sim, tick: timeline.tick, actions: timeline.historySize.actions }),

      addBreakpoint: (spec) => editBreakpoints((list) => [...list, { ...spec, id: `bp-${nextBreakpoint++}`, enabled: true }]),
      setBreakpointEnabled: (id, enabled) => editBreakpoints((list) => list.map((b) => (b.id === id ? { ...b, enabled } : b))),
      removeBreakpoint: (id) => editBreakpoints((list) => list.filter((b) => b.id !== id)),
    }
  }
