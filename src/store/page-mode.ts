/**
 * The run slice's way of running a mesh on the page, beside sandbox-mode.ts:
 * the store's own Timeline, stepped by the RunDriver (which keeps the trace,
 * queue series and flow beside it) and played by the Player, at a speed
 * with a watch for breakpoints or in fast slices towards a goal, all
 * synchronously. It reads the run for the store (during a fast run, a share
 * of the cards at a time), follows edits of the document, and tells why a
 * run stopped by itself: a breakpoint, or a limit.
 */
import { playStep, type LessonStep } from '../demos/lesson'
import { count, hitOf, type BreakpointWatch, type MeshDocument, type RunAction, type RunStop, type Timeline } from '../engine'
import type { Clock } from '../runner/clock'
import type { BurstGoal, BurstTarget, RunDriver } from '../runner/driver'
import type { FlowStyle } from '../runner/flow'
import { haltNotice, START_CHANGED_NOTICE } from '../runner/notices'
import { Player } from '../runner/player'
import type { Speed } from '../runner/speeds'
import type { MeshState } from './mesh-store'
import { changesRun, changesStart } from '../runner/run-document'
import { readRun } from '../engine/run-view'
import type { RunMark } from './sandbox-mode'

export interface PageModeDeps {
  get(): MeshState
  set(partial: Partial<MeshState>): void
  /** The page's own Timeline, which runs meshes without code. */
  timeline: Timeline
  driver: RunDriver
  clock: Clock
  publish(): void
  setActivity(activity: MeshState['player']['activity']): void
  /** Shows the document the run has at its tick. */
  showRunDocument(): void
}

/** A fast run refreshes every card within this many publishes (a quarter second at 20 a second)… */
const CARD_PUBLISHES = 5
/** …and at least this many at a time. */
const CARDS_SHARE = 40

export class PageMode {
  private readonly player: Player
  private watch: BreakpointWatch | null = null
  private burstGoal: BurstTarget = 'end'
  private stopped: RunStop | null = null
  /** The tick a fast run is opening a mesh at (a link's `&tick=`), until it gets there or is stopped. */
  private opening: number | null = null
  /** Where in the node order a fast run's next publish reads its share of cards. */
  private cardsFrom = 0

  constructor(private readonly deps: PageModeDeps) {
    const { driver, get } = deps
    this.player = new Player(deps.clock, {
      advance: (n) => {
        this.stopped = driver.steps(n, this.watch)
        return this.stopped === null
      },
      slice: (deadline) => {
        this.stopped = driver.burstSlice(this.burstGoal, get().breakpoints, deadline)
        return this.stopped !== null
      },
      publish: () => deps.publish(),
      finished: () => {
        driver.endBurst()
        deps.setActivity('paused')
        this.endOpening(false)
        this.report(this.stopped)
        deps.publish()
      },
    })
  }

  /** What the store publishes of the page's run: its view, the flow along the wires, the log's revision. */
  published({ run, flow }: Pick<MeshState, 'run' | 'flow'>, style: FlowStyle, duration: number): Partial<MeshState> {
    const { driver, timeline, clock } = this.deps
    driver.sync()
    // A fast run reads a share of its cards at each publish, so no one frame re-renders them all.
    let cards: { from: number; to: number } | undefined
    if (driver.bursting) {
      const count = timeline.sim.order.length
      const share = Math.max(CARDS_SHARE, Math.ceil(count / CARD_PUBLISHES))
      cards = { from: this.cardsFrom, to: this.cardsFrom + share }
      this.cardsFrom = this.cardsFrom + share >= count ? 0 : this.cardsFrom + share
    }
    return {
      ...(this.opening === null ? {} : { opening: { tick: timeline.tick, goal: this.opening } }),
      run: readRun(timeline, run, { cards }),
      flow: driver.flow.publish(timeline.sim, style, duration, clock.now(), flow),
      logRevision: driver.trace.revision + driver.series.revision,
    }
  }

  /** Where the page's run stands: which Simulation, its tick, the actions logged. */
  mark(): RunMark {
    const { timeline } = this.deps
    return { run: timeline.sim, tick: timeline.tick, actions: timeline.historySize.actions }
  }

  /** Stops playing or running; a fast run's last ticks are traced again. */
  halt(): void {
    if (!this.player.active) return
    this.player.stop()
    this.deps.driver.endBurst()
    this.deps.setActivity('paused')
    this.endOpening(true)
  }

  /**
   * Opens the run at `tick` (a link's `&tick=`): a fast run there in slices,
   * shown as running with its progress (`opening`), which Cancel or Pause
   * stop where it got to. Breakpoints are not watched: the tick is the link's.
   */
  openAt(tick: number): void {
    const { driver, timeline } = this.deps
    this.stopped = null
    this.burstGoal = { tick }
    this.opening = tick
    this.deps.set({ opening: { tick: timeline.tick, goal: tick } })
    this.deps.setActivity('running')
    driver.beginBurst()
    this.player.burst()
  }

  private endOpening(stopped: boolean): void {
    const goal = this.opening
    if (goal === null) return
    this.opening = null
    this.deps.set({ opening: null })
    const tick = this.deps.timeline.tick
    if (stopped && tick < goal) {
      this.deps.get().notify({
        key: 'opening',
        tone: 'info',
        text: `Stopped at tick ${count(tick)} on the way to tick ${count(goal)}: the mesh is there. Run goes on from it.`,
      })
    }
  }

  /** Plays at `speed`, watching for breakpoints; Turbo is a fast run to the end, shown as playing. */
  play(speed: Speed): void {
    const { driver, get, setActivity } = this.deps
    this.stopped = null
    if (speed === 'turbo') {
      this.burstGoal = 'end'
      setActivity('playing')
      driver.beginBurst()
      this.player.burst()
    } else {
      this.watch = driver.watch(get().breakpoints)
      setActivity('playing')
      this.player.pace(speed)
    }
  }

  /** A new pace for a play at a speed (not Turbo). */
  setPace(speed: number): void {
    this.player.setPace(speed)
  }

  /** A fast run to the end (or the round's end), shown as running. */
  runFast(goal: BurstGoal): void {
    this.stopped = null
    this.burstGoal = goal
    this.deps.setActivity('running')
    this.deps.driver.beginBurst()
    this.player.burst()
  }

  /** The breakpoints changed: a play at a speed watches for the new ones. */
  breakpointsChanged(): void {
    if (this.player.active === 'paced') this.watch = this.deps.driver.watch(this.deps.get().breakpoints)
  }

  step(): void {
    this.report(this.deps.driver.steps(1))
    this.deps.publish()
  }

  seek(tick: number): void {
    this.deps.driver.seek(tick)
    this.deps.showRunDocument()
    this.deps.publish()
  }

  act(action: RunAction): void {
    this.deps.driver.apply(action)
    this.deps.publish()
  }

  /** An edit of the document reaches the page's run: the update, and new inputs and seed at tick 0 (later, a word that they wait for Reset). */
  follow(previous: MeshDocument, document: MeshDocument): void {
    const { timeline, driver, get } = this.deps
    // Already running this very document (loaded with a reset), or one that runs the same.
    if (document === timeline.sim.document) return this.deps.publish()
    if (changesRun(timeline.sim.document, document)) driver.apply({ type: 'update', document })
    if (changesStart(previous, document)) {
      if (timeline.tick === 0 && !timeline.acted) driver.reset(document)
      else get().notify(START_CHANGED_NOTICE)
    }
    this.deps.publish()
  }

  /** Plays lesson steps on the Timeline as the demos' playStep does: done on return. */
  playLesson(steps: readonly LessonStep[]): void {
    for (const step of steps) playStep(this.deps.timeline, step)
  }

  /** Tells why the run stopped by itself: a breakpoint, or a limit. */
  private report(stop: RunStop | null): void {
    this.deps.set({ breakpointHit: hitOf(stop) })
    const sim = this.deps.timeline.sim
    if (sim.halt && sim.haltDetail) this.deps.get().notify(haltNotice(sim.haltDetail))
  }
}
