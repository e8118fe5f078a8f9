/**
 * A run on the page: the store's own Timeline, stepped by the RunDriver
 * (which keeps the trace, queue series and flow beside it) and played by
 * the Player, at a speed with a watch for breakpoints or in fast slices
 * towards a goal, all synchronously. Meshes without code that may run live
 * here; the same verbs for a mesh with code are in sandbox-run.ts.
 */
import { playStep } from '../demos/lesson'
import {
  alterHistory,
  answerQuestion,
  count,
  hitOf,
  RunRecorder,
  WhatIfReplay,
  type Alteration,
  type AnswerResult,
  type BreakpointWatch,
  type LessonStep,
  type MeshDocument,
  type Question,
  type RecordedRun,
  type RunAction,
  type RunStop,
  type Timeline,
  type TimelineHistory,
  type TraceEvent,
  type WatchTarget,
  type WhatIfResult,
} from '../engine'
import { readRun } from '../engine/run-view'
import type { Clock } from './clock'
import { RunDriver } from './driver'
import { haltNotice, START_CHANGED_NOTICE } from './notices'
import { Player, SLICE_MS } from './player'
import { changesPicks, changesRun, changesStart } from './run-document'
import type { BurstGoal, BurstTarget, RunHooks, RunLogs, RunMark, RunMode, RunPublished, RunWatch } from './run-mode'
import { PageWatch } from './run-watches'
import type { Speed } from './speeds'

/** A fast run refreshes every card within this many publishes (a quarter second at 20 a second)… */
const CARD_PUBLISHES = 5
/** …and at least this many at a time. */
const CARDS_SHARE = 40

export class PageRun implements RunMode {
  readonly where = 'page'
  private readonly driver: RunDriver
  private readonly player: Player
  private breakpointWatch: BreakpointWatch | null = null
  private burstGoal: BurstTarget = 'end'
  private stopped: RunStop | null = null
  /** The tick a fast run is opening a mesh at (a link's `&tick=`), until it gets there or is stopped. */
  private opening: number | null = null
  /** Where in the node order a fast run's next publish reads its share of cards. */
  private cardsFrom = 0

  constructor(
    private readonly timeline: Timeline,
    private readonly clock: Clock,
    logs: RunLogs,
    private readonly hooks: RunHooks,
  ) {
    const driver = (this.driver = new RunDriver(timeline, clock.now, logs))
    this.player = new Player(clock, {
      advance: (n) => {
        this.stopped = driver.steps(n, this.breakpointWatch)
        return this.stopped === null
      },
      slice: (deadline) => {
        this.stopped = driver.burstSlice(this.burstGoal, hooks.breakpoints(), deadline)
        return this.stopped !== null
      },
      publish: () => hooks.publish(),
      finished: () => {
        driver.endBurst()
        hooks.activity('paused')
        this.endOpening(false)
        this.report(this.stopped)
        hooks.publish()
      },
    })
  }

  get tick(): number {
    return this.timeline.tick
  }

  published({ run, flow }: Parameters<RunMode['published']>[0], style: Parameters<RunMode['published']>[1], duration: number, now: number): RunPublished {
    const { driver, timeline } = this
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
      flow: driver.flow.publish(timeline.sim, style, duration, now, flow),
      logRevision: driver.trace.revision + driver.series.revision,
    }
  }

  runDocument(): MeshDocument {
    return this.timeline.sim.document
  }

  label(id: string): string {
    return this.timeline.sim.label(id)
  }

  acted(): boolean {
    return this.timeline.acted
  }

  behind(): boolean {
    return false
  }

  mark(): RunMark {
    const { timeline } = this
    return { run: timeline.sim, tick: timeline.tick, actions: timeline.historySize.actions }
  }

  reset(document: MeshDocument): void {
    this.halt()
    this.driver.reset(document)
  }

  startAt(document: MeshDocument, tick: number): void {
    this.reset(document)
    if (tick > 0) this.driver.seek(this.timeline.run(tick).steps)
  }

  restore(history: TimelineHistory, tick: number): void {
    this.reset(history.document)
    this.timeline.load(history)
    // In slices, with its progress and a Cancel, as a link's tick: the history can be a million activations long.
    if (tick > 0) this.openAt(tick)
    else this.driver.seek(0)
  }

  history(): TimelineHistory {
    return this.timeline.history()
  }

  halt(): void {
    if (!this.player.active) return
    this.player.stop()
    this.driver.endBurst()
    this.hooks.activity('paused')
    this.endOpening(true)
  }

  /** In slices, shown as running with its progress, which Cancel or Pause stop where it got to. Breakpoints are not watched: the tick is the link's. */
  openAt(tick: number): void {
    this.halt()
    this.opening = tick
    this.hooks.opening({ tick: this.timeline.tick, goal: tick })
    this.burst({ tick }, 'running')
  }

  private endOpening(stopped: boolean): void {
    const goal = this.opening
    if (goal === null) return
    this.opening = null
    this.hooks.opening(null)
    // At the tick it opens at, the run stands as it did after everything done there (a recording's edits at its last tick).
    if (this.timeline.tick === goal) this.driver.catchUp()
    // A recording's edits on the way change the document the run follows: the editor shows it.
    this.hooks.showRunDocument(this.timeline.sim.document)
    const tick = this.timeline.tick
    if (stopped && tick < goal) {
      this.hooks.notify({ key: 'opening', tone: 'info', text: `Stopped at tick ${count(tick)} on the way to tick ${count(goal)}: the mesh is there. Run goes on from it.` })
    }
  }

  play(speed: Speed): void {
    this.halt()
    if (speed === 'turbo') return this.burst('end', 'playing')
    this.stopped = null
    this.breakpointWatch = this.driver.watch(this.hooks.breakpoints())
    this.hooks.activity('playing')
    this.player.pace(speed)
  }

  setPace(speed: number): void {
    this.player.setPace(speed)
  }

  runFast(goal: BurstGoal): void {
    this.halt()
    this.burst(goal, 'running')
  }

  private burst(goal: BurstTarget, shown: 'playing' | 'running'): void {
    this.stopped = null
    this.burstGoal = goal
    this.hooks.activity(shown)
    this.driver.beginBurst()
    this.player.burst()
  }

  breakpointsChanged(): void {
    if (this.player.active === 'paced') this.breakpointWatch = this.driver.watch(this.hooks.breakpoints())
  }

  step(): void {
    this.halt()
    this.report(this.driver.steps(1))
    this.hooks.publish()
  }

  stepBack(): void {
    this.seek(this.timeline.sim.tick - 1)
  }

  seek(tick: number): void {
    this.halt()
    this.driver.seek(tick)
    this.hooks.showRunDocument(this.timeline.sim.document)
    this.hooks.publish()
  }

  act(action: RunAction): void {
    this.driver.apply(action)
    this.hooks.publish()
  }

  follow(previous: MeshDocument, document: MeshDocument): void {
    const { timeline, driver } = this
    // Already running this very document (loaded with a reset), or one that runs the same.
    if (document === timeline.sim.document) return this.hooks.publish()
    if (changesRun(timeline.sim.document, document) || changesPicks(previous, document, timeline.sim.document)) driver.apply({ type: 'update', document })
    if (changesStart(previous, document)) {
      if (timeline.tick === 0 && !timeline.acted) driver.reset(document)
      else this.hooks.notify(START_CHANGED_NOTICE)
    }
    this.hooks.publish()
  }

  answer(question: Question): AnswerResult {
    return answerQuestion(this.timeline, question)
  }

  playLesson(steps: readonly LessonStep[]): null {
    this.halt()
    for (const step of steps) playStep(this.timeline, step)
    this.hooks.publish()
    return null
  }

  /**
   * Replayed on the page in slices of SLICE_MS, each its own task, as fast
   * runs go: a million activations take about a second to replay, which in
   * one go would freeze the page.
   */
  record(): Promise<RecordedRun> {
    const recorder = new RunRecorder(this.timeline.history())
    return this.sliced(
      (enough) => recorder.advance(enough),
      () => recorder.result(),
    )
  }

  /** Both replays on the page in slices of SLICE_MS, as the record is: a million activations each. */
  whatIf(alteration: Alteration): Promise<WhatIfResult> {
    const history = this.timeline.history()
    const altered = alterHistory(history, alteration)
    if (!altered.ok) return Promise.reject(new Error(altered.error))
    const replay = new WhatIfReplay(history, altered)
    return this.sliced(
      (enough) => replay.advance(enough),
      () => replay.result(),
    )
  }

  /** The page's own Timeline replays them at once, as it always has. */
  eventsAt(ticks: readonly number[]): Map<number, TraceEvent[]> {
    return this.timeline.eventsAt(ticks)
  }

  /** An engine Watch over the page's run history, advanced by whoever holds it in slices of the page's time. */
  watch(target: WatchTarget): RunWatch {
    return new PageWatch(target, () => this.timeline.history())
  }

  /** Work done a slice of SLICE_MS at a time, each its own task, and its result gathered in a task of its own. */
  private sliced<T>(advance: (enough: () => boolean) => boolean, result: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        try {
          resolve(result())
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)))
        }
      }
      const slice = () => {
        try {
          const deadline = this.clock.now() + SLICE_MS
          if (advance(() => this.clock.now() >= deadline)) this.clock.task(finish)
          else this.clock.task(slice)
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)))
        }
      }
      slice()
    })
  }

  dispose(): void {
    this.halt()
  }

  /** Tells why the run stopped by itself: a breakpoint, or a limit. */
  private report(stop: RunStop | null): void {
    this.hooks.stopped(hitOf(stop))
    const sim = this.timeline.sim
    // Waiting for the person's pick is their turn, not a warning: the hand bar says so.
    if (sim.halt && sim.halt !== 'pick' && sim.haltDetail) this.hooks.notify(haltNotice(sim.haltDetail))
  }
}
