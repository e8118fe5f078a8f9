/**
 * A run in the sandbox worker, for a mesh that has code nodes allowed to
 * run: the same verbs as a run on the page (page-run.ts), driven through
 * the client one request at a time. What comes back is kept the same way:
 * the run view (shared with the previous one), the trace, the queue series
 * and the flow. Play steps at its pace in frames; fast runs go in slices of
 * the worker's time. A request out longer than a moment shows the run as
 * busy, and the page keeps working meanwhile.
 */
import {
  alterHistory,
  answerWithoutRun,
  hitOf,
  recordProblem,
  restartsRun,
  runActionOf,
  type AnswerResult,
  type LessonStep,
  type MeshDocument,
  type Question,
  type Alteration,
  type RecordedRun,
  type WhatIfResult,
  type RunAction,
  type RunStop,
  type TimelineHistory,
  type TraceEvent,
  type WatchTarget,
  LINEAGE_TICKS,
  WHAT_IF_MORE,
} from '../engine'
import { shareRun, type RunView } from '../engine/run-view'
import type { ClientResult, SandboxClient } from '../sandbox/client'
import { STOPPED_ERROR } from '../sandbox/protocol'
import type { Clock } from './clock'
import { TRACED_SEEK } from './driver'
import { haltNotice, START_CHANGED_NOTICE } from './notices'
import { WORKER_SLICE_MS } from './player'
import { changesPicks, changesRun, changesStart } from './run-document'
import type { BurstGoal, RunActivity, RunHooks, RunLogs, RunMark, RunMode, RunPublished, RunWatch } from './run-mode'
import { SandboxWatch } from './run-watches'
import { sampleOfView, type RunSample } from './run-sample'
import { readLineageEvents, readWhatIf } from './sandbox-replies'
import type { Speed } from './speeds'

/** A fast run asks for at most this many steps a slice. */
const SLICE_STEPS = 1_000_000
/** A request out longer than this shows the run as busy (shorter ones would only make the controls flicker, and eat the click that sent them). */
const BUSY_AFTER_MS = 150

/** Replies in a row a what-if in the worker may make without getting further (a slice that only goes from one phase to the next) before it is given up as stuck. */
const STILL_SLICES = 8

export class SandboxRun implements RunMode {
  readonly where = 'sandbox'
  private latest: RunView | null = null
  private inFlight = 0
  private busyTimer: ReturnType<typeof setTimeout> | null = null
  /** Bumped by every stop, so a loop that outlived its run ends. */
  private generation = 0
  private cancelFrame: (() => void) | null = null
  /** A play at a speed: its ticks a second, the clock time it counts from, and the ticks stepped since. */
  private paced = { tps: 1, origin: 0, stepped: 0 }
  private tracing = true
  private disposed = false
  /** The document the run was last reset to, shown until the worker's first reply. */
  private document: MeshDocument
  /** Playing, running fast or paused, as last told. */
  private activity: RunActivity = 'paused'
  private readonly hooks: RunHooks
  /** The watches made in this run's worker, and the key the next one is known by there. */
  private readonly watches = new Set<SandboxWatch>()
  private nextWatch = 1
  /** The last lineage ask, which the next waits for (each is several requests, and the worker keeps one under way). */
  private lineageAsks: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly client: SandboxClient,
    private readonly clock: Clock,
    private readonly logs: RunLogs,
    hooks: RunHooks,
    /** The code in a document that may run. */
    private readonly allowed: (document: MeshDocument) => string[],
    document: MeshDocument,
  ) {
    this.document = document
    this.hooks = {
      ...hooks,
      activity: (activity) => {
        this.activity = activity
        hooks.activity(activity)
      },
    }
  }

  /** The run as the worker last told it (null before its first reply). */
  get view(): RunView | null {
    return this.latest
  }

  get tick(): number {
    return this.latest?.tick ?? 0
  }

  published({ flow }: Parameters<RunMode['published']>[0], style: Parameters<RunMode['published']>[1], duration: number, now: number): RunPublished | null {
    const view = this.latest
    if (!view) return null
    const { trace, series } = this.logs
    return { run: view, flow: this.logs.flow.publish(this.sample(), style, duration, now, flow), logRevision: trace.revision + series.revision }
  }

  runDocument(): MeshDocument {
    return (this.latest ? this.client.documentAt(this.latest.tick) : null) ?? this.document
  }

  label(id: string): string {
    return this.runDocument().nodes.find((n) => n.id === id)?.label ?? id
  }

  acted(): boolean {
    return this.client.actedBy(this.tick)
  }

  behind(): boolean {
    return this.inFlight > 0
  }

  mark(): RunMark {
    return { run: this, tick: this.tick, actions: this.client.actions.length }
  }

  /** Whether every one of these sources may run in this run (else a fresh run is needed for them). */
  allowsAll(sources: readonly string[]): boolean {
    return sources.every((source) => this.client.allows(source))
  }

  reset(document: MeshDocument): void {
    this.startAt(document, 0)
  }

  startAt(document: MeshDocument, tick: number): void {
    this.stop()
    this.document = document
    const { trace, series, flow } = this.logs
    trace.clear()
    series.clear()
    flow.clear()
    void this.request(() => this.client.reset(document, this.allowed(document)))
      .then(() => (tick > 0 ? this.advance(tick, false) : undefined))
      .catch(() => undefined)
  }

  restore(history: TimelineHistory, tick: number): void {
    this.stop()
    this.document = history.document
    const { trace, series, flow } = this.logs
    trace.clear()
    series.clear()
    flow.clear()
    void this.request(() => this.client.restore(history, this.allowed(history.document)))
      .then(() => this.moveTo(tick))
      .then(() => {
        this.hooks.showRunDocument(this.runDocument())
        this.hooks.publish()
      })
      .catch(() => undefined)
  }

  history(): TimelineHistory {
    return this.client.history(this.latest?.end ?? 0) ?? { document: this.document, entries: [], end: 0 }
  }

  /** One activation; like the page's Step, it does not stop at breakpoints (it stops after one activation anyway). */
  step(): void {
    this.halt()
    void this.request(() => this.client.step(1))
      .then((r) => this.finished(r.stop))
      .catch(() => undefined)
  }

  runFast(goal: BurstGoal): void {
    this.halt()
    this.hooks.activity('running')
    void this.burst(goal).catch(() => this.hooks.activity('paused'))
  }

  /** The worker steps there in one request; the trace notes the gap. */
  openAt(tick: number): void {
    this.halt()
    void this.advance(tick, false)
      .then(() => this.hooks.publish())
      .catch(() => undefined)
  }

  play(speed: Speed): void {
    this.halt()
    this.hooks.activity('playing')
    if (speed === 'turbo') void this.burst('end').catch(() => this.hooks.activity('paused'))
    else this.pace(speed)
  }

  /** A new pace for the play going on: the next step comes one interval of it from now, as on the page. */
  setPace(speed: number): void {
    this.paced = { tps: speed, origin: this.clock.now(), stepped: 0 }
  }

  /** Stops playing or running (a request already out still lands). */
  halt(): void {
    this.stop()
    this.hooks.activity('paused')
  }

  seek(tick: number): void {
    this.halt()
    void this.moveTo(tick)
      .catch(() => undefined)
      .then(() => {
        this.hooks.showRunDocument(this.runDocument())
        this.hooks.publish()
      })
  }

  /** Back from the tick the requests still out leave the run at: the worker reads it when this one's turn comes. */
  stepBack(): void {
    this.halt()
    void this.request(() => this.client.back())
      .then(() => this.logs.flow.recall(this.logs.trace.eventsAt(this.tick)))
      .catch(() => undefined)
      .then(() => {
        this.hooks.showRunDocument(this.runDocument())
        this.hooks.publish()
      })
  }

  act(action: RunAction): void {
    void this.request(() => this.client.apply(action)).catch(() => undefined)
  }

  /** New code it may run, then the update. */
  follow(previous: MeshDocument, document: MeshDocument): void {
    const startChanged = changesStart(previous, document)
    if (startChanged && this.tick === 0 && !this.client.actedBy(0)) return this.reset(document)
    const sources = this.allowed(document)
    if (sources.length) void this.request(() => this.client.allow(sources)).catch(() => undefined)
    const run = this.runDocument()
    if (changesRun(run, document) || changesPicks(previous, document, run)) this.act({ type: 'update', document })
    if (startChanged) this.hooks.notify(START_CHANGED_NOTICE)
  }

  breakpointsChanged(): void {
    // Every request reads the breakpoints as they are when it is sent.
  }

  /**
   * Plays lesson steps as the demos' playStep plays them on a Timeline:
   * each step's actions (as run actions on the run's document, a new seed
   * starting the run again), then one activation, a run until no work is
   * left (or a limit), some ticks, or to a tick; traced. True once all are played; false
   * when the run was stopped or moved on meanwhile.
   */
  /** Not yet from the worker: a question whose answer needs the run gets none here, rather than a wrong one (a choice's is the author's). */
  answer(question: Question): AnswerResult {
    return answerWithoutRun(question, 'Questions on meshes with code nodes are not answered yet: their run lives in the sandbox.')
  }

  playLesson(steps: readonly LessonStep[]): Promise<boolean> {
    this.halt()
    const generation = this.generation
    const current = () => generation === this.generation && !this.disposed
    const play = async (): Promise<boolean> => {
      for (const step of steps) {
        for (const action of step.actions ?? []) {
          if (!current()) return false
          const run = this.runDocument()
          const done = runActionOf(action, run)
          if (!done) continue
          if (done.type === 'update' && restartsRun(action, run)) {
            this.document = done.document
            await this.request(() => this.client.reset(done.document, this.allowed(done.document)))
          } else await this.request(() => this.client.apply(done))
        }
        if (!current()) return false
        const go = step.run
        if (go === 'step') await this.request(() => this.client.step(1))
        else if (go === 'to-end') await this.runOn(Infinity, current)
        else if (go && 'ticks' in go) await this.runOn(go.ticks, current)
        else if (go && go.seek > this.tick) await this.runOn(go.seek - this.tick, current)
        else if (go) await this.moveTo(go.seek)
      }
      return current()
    }
    return play()
      .catch(() => false)
      .then((played) => {
        this.hooks.publish()
        return played
      })
  }

  /**
   * Both replays in the worker, a slice of its time a request (each watched
   * as any request is), with its code compiled as the run's is, beside the
   * run, which stays as it is. The page makes the same change to the same
   * history first (a change that cannot be made is said at once), and reads
   * the answer against it (readWhatIf): the worker only says where things
   * happened, the page keeps its own actions.
   */
  async whatIf(alteration: Alteration): Promise<WhatIfResult> {
    const history = this.history()
    const altered = alterHistory(history, alteration)
    if (!altered.ok) throw new Error(altered.error)
    const more = Math.max(history.end, WHAT_IF_MORE)
    for (let begin = true, reached = -1, still = 0; ; begin = false) {
      const { whatIf } = await this.client.whatIfSlice(alteration, history.end, WORKER_SLICE_MS, begin)
      if (!whatIf) throw new Error('the sandbox answered a what-if request without one')
      if (whatIf.done) return readWhatIf(whatIf.answer, history, altered, more)
      // Both replays only go forward, and no further than the original's end and the altered run's extra ticks.
      if (whatIf.progress < reached || whatIf.progress > 2 * history.end + more) throw new Error("the sandbox's what-if went back or past the run")
      still = whatIf.progress === reached ? still + 1 : 0
      if (still > STILL_SLICES) throw new Error("the sandbox's what-if did not move on")
      reached = whatIf.progress
    }
  }

  /**
   * From the worker's replay of its own run history beside the run (its
   * code compiled as the run's, drawing from the replay's generator), a
   * slice of its time a request, each watched as any request is; its
   * answer is read against the ticks asked (readLineageEvents). Asks go
   * one after another: the worker replays one at a time.
   */
  eventsAt(ticks: readonly number[]): Promise<Map<number, TraceEvent[]>> {
    const asked = this.lineageAsks.then(() => this.askEvents(ticks))
    this.lineageAsks = asked.catch(() => undefined)
    return asked
  }

  private async askEvents(ticks: readonly number[]): Promise<Map<number, TraceEvent[]>> {
    const upTo = this.latest?.end ?? 0
    const wanted = [...new Set(ticks)].filter((t) => Number.isInteger(t) && t >= 1 && t <= upTo).sort((a, b) => a - b)
    if (wanted.length > LINEAGE_TICKS) throw new Error(`a story is told from at most ${LINEAGE_TICKS} ticks, not ${wanted.length}`)
    if (wanted.length === 0) return new Map()
    for (let begin = true, reached = -1; ; begin = false) {
      const { lineage } = await this.client.lineageSlice(wanted, upTo, WORKER_SLICE_MS, begin)
      if (!lineage) throw new Error('the sandbox answered a lineage request without one')
      if (lineage.done) return readLineageEvents(lineage.events, wanted)
      // Every slice goes a stretch of ticks or tells a tick at least, and no further than the ticks asked.
      if (lineage.progress <= reached || lineage.progress > lineage.goal || lineage.goal > wanted.at(-1)! + wanted.length) throw new Error("the sandbox's lineage did not move on")
      reached = lineage.progress
    }
  }

  /**
   * Replayed in the worker, a slice of its time a request (each watched as
   * any request is), beside the run, which stays as it is; the record comes
   * back in its typed arrays, and is checked before the page reads it.
   */
  /** An engine Watch in the worker, over its own run history, a slice a request (see SandboxWatch); gone with this run. */
  watch(target: WatchTarget, changed: () => void): RunWatch {
    const watch = new SandboxWatch(
      target,
      this.nextWatch++,
      { client: this.client, clock: this.clock, end: () => this.latest?.end ?? 0, moving: () => this.activity !== 'paused' },
      () => {
        if (!this.disposed) changed()
      },
    )
    this.watches.add(watch)
    return watch
  }

  async record(): Promise<RecordedRun> {
    const upTo = this.latest?.end ?? 0
    for (let begin = true, reached = -1; ; begin = false) {
      const { record } = await this.client.recordSlice(upTo, WORKER_SLICE_MS, begin)
      if (!record) throw new Error('the sandbox answered a record request without one')
      if (!record.done) {
        // Every slice replays a tick at least: a worker that says otherwise is not making the record.
        if (record.tick <= reached || record.tick > upTo) throw new Error("the sandbox's record did not move on")
        reached = record.tick
        continue
      }
      const problem = recordProblem(record.record)
      if (problem) throw new Error(`the sandbox sent a record that does not fit the run: ${problem}`)
      return record.record
    }
  }

  dispose(): void {
    this.disposed = true
    for (const watch of this.watches) watch.retire()
    this.watches.clear()
    this.stop()
    this.setBusy(false)
    this.client.dispose()
  }

  /** Ends play or a fast run; a request already sent still lands. */
  private stop(): void {
    this.generation++
    this.cancelFrame?.()
    this.cancelFrame = null
  }

  /** The run stopped by itself: paused, with why (a breakpoint, a limit). */
  private finished(stop: RunStop | null): void {
    this.hooks.activity('paused')
    this.hooks.stopped(hitOf(stop))
    const view = this.latest
    // Waiting for the person's pick is their turn, not a warning: the hand bar says so.
    if (view?.halt && view.halt !== 'pick' && view.haltDetail) this.hooks.notify(haltNotice(view.haltDetail))
    this.hooks.publish()
  }

  /** Puts the run at `tick`: back (the worker replays), or forward along its history. */
  private async moveTo(tick: number): Promise<void> {
    const from = this.tick
    const target = Math.max(0, Math.min(Math.floor(tick), this.latest?.end ?? 0))
    const { trace, series, flow } = this.logs
    if (target < from) {
      await this.request(() => this.client.seek(target))
      trace.truncate(target)
      series.truncate(target)
    } else if (target > from) await this.advance(target, target - from <= TRACED_SEEK)
    flow.recall(trace.eventsAt(this.tick))
  }

  /** Plays at `tps` ticks a second: each frame asks for the steps due, traced, when no request is waiting. */
  private pace(tps: number): void {
    const generation = this.generation
    this.paced = { tps, origin: this.clock.now(), stepped: 0 }
    let waiting = false
    const ended = (result: ClientResult): boolean => {
      const stop = result.stop
      if (generation !== this.generation || !stop) return false
      this.generation++
      this.finished(stop)
      return true
    }
    const onFrame = () => {
      this.cancelFrame = null
      if (generation !== this.generation) return
      const paced = this.paced
      const due = Math.floor(((this.clock.now() - paced.origin) * paced.tps) / 1000) - paced.stepped
      if (due > 0 && !waiting) {
        // One step at least per request; a slow reply is caught up on, a few steps at a time.
        const n = Math.min(due, 4)
        paced.stepped += due
        waiting = true
        void this.request(() => this.client.step(n, this.hooks.breakpoints()))
          .then((result) => {
            waiting = false
            ended(result)
          })
          .catch(() => undefined)
      }
      if (generation === this.generation) this.cancelFrame = this.clock.frame(onFrame)
    }
    void this.request(() => this.client.step(1, this.hooks.breakpoints()))
      .then((result) => {
        if (!ended(result) && generation === this.generation) this.cancelFrame = this.clock.frame(onFrame)
      })
      .catch(() => this.hooks.activity('paused'))
  }

  /** Runs fast, untraced, in slices of the worker's time, to the end (or the round's end); the trace notes the gap. */
  private async burst(goal: BurstGoal): Promise<void> {
    const generation = this.generation
    const start = this.tick
    await this.setTracing(false)
    let stop: RunStop | null = null
    try {
      while (generation === this.generation) {
        const breakpoints = this.hooks.breakpoints()
        const result = await this.request(() => (goal === 'round' ? this.client.round(SLICE_STEPS, breakpoints) : this.client.run(SLICE_STEPS, WORKER_SLICE_MS, breakpoints)))
        stop = result.stop
        if (stop || result.stopped) break
      }
    } finally {
      this.logs.trace.gap(start + 1, this.tick)
      if (this.latest) this.logs.series.sample(this.sample(), true)
      await this.setTracing(true)
    }
    if (generation !== this.generation) return
    this.generation++
    this.finished(stop)
  }

  /** Steps on to `tick`: traced, as a person stepping would see it, or untraced with a gap in the trace. */
  private async advance(tick: number, traced: boolean): Promise<void> {
    const from = this.tick
    if (tick <= from) return
    if (!traced) await this.setTracing(false)
    await this.request(() => this.client.step(tick - from))
    if (!traced) {
      this.logs.trace.gap(from + 1, this.tick)
      await this.setTracing(true)
    }
  }

  /** Runs on, traced, for up to `ticks` activations, until no work is left or a limit, in slices of the worker's time. */
  private async runOn(ticks: number, current: () => boolean): Promise<void> {
    for (let left = ticks; left > 0 && current();) {
      const result = await this.request(() => this.client.run(Math.min(left, SLICE_STEPS), WORKER_SLICE_MS, []))
      left -= result.steps
      if (result.stop || result.stopped) return
    }
  }

  private async setTracing(on: boolean): Promise<void> {
    if (this.tracing === on) return
    this.tracing = on
    await this.request(() => this.client.setTrace(on))
  }

  private sample(): RunSample {
    return sampleOfView(this.latest!, this.runDocument())
  }

  private setBusy(busy: boolean): void {
    if (this.busyTimer) clearTimeout(this.busyTimer)
    this.busyTimer = busy ? setTimeout(() => this.hooks.busy(true), BUSY_AFTER_MS) : null
    if (!busy) this.hooks.busy(false)
  }

  /** One request: busy while it is out; what comes back is taken in and published. */
  private async request(send: () => Promise<ClientResult>): Promise<ClientResult> {
    this.inFlight++
    if (this.inFlight === 1) this.setBusy(true)
    try {
      const result = await send()
      if (!this.disposed) this.absorb(result)
      return result
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      // A run given up on purpose (the mesh lost its code) is no failure to tell of.
      if (!this.disposed) this.hooks.notify({ key: 'code-stopped', tone: 'error', text: `The code sandbox failed: ${error.message}. Press Reset to start the run again.` })
      throw error
    } finally {
      this.inFlight--
      if (this.inFlight === 0 && !this.disposed) this.setBusy(false)
    }
  }

  private absorb(result: ClientResult): void {
    const { trace, series, flow } = this.logs
    const previousTick = this.tick
    this.latest = shareRun(result.view, this.latest)
    if (this.latest.tick < previousTick) {
      trace.truncate(this.latest.tick)
      series.truncate(this.latest.tick)
    }
    const label = (id: string) => this.label(id)
    for (const event of result.events) {
      trace.push(event, label)
      flow.collect(event)
    }
    if (result.eventsDropped > 0) trace.gap(this.latest.tick, this.latest.tick)
    series.sample(this.sample(), this.tracing)
    if (result.stopped) {
      const { node, tick } = result.stopped
      const text =
        node === null
          ? `The policy "${this.runDocument().policy?.name ?? ''}" was stopped at tick ${tick}: it ${STOPPED_ERROR}. The mesh is as it was; edit the policy or choose another scheduler to go on.`
          : `${this.label(node)} was stopped at tick ${tick}: ${STOPPED_ERROR}. The rest of the mesh is as it was.`
      this.hooks.notify({ key: 'code-stopped', tone: 'warning', text })
    }
    this.hooks.publish()
  }
}
