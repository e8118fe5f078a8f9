/**
 * Running a mesh that has code nodes: the run lives in the sandbox worker,
 * and this drives it through the client, one request at a time, as the
 * page's own Timeline is driven otherwise. What comes back is published the
 * same way: the run view (shared with the previous one), the trace into the
 * driver's TraceLog, the queue series and the flow. Play steps at its pace
 * in frames; fast runs go in slices of the worker's time. While a request
 * is in flight the store says the run is busy, and the page keeps working.
 */
import type { LessonStep } from '../demos/lesson'
import type { Breakpoint, MeshDocument, RunAction, RunStop, Simulation } from '../engine'
import type { Clock } from '../runner/clock'
import { TRACED_SEEK, type RunDriver } from '../runner/driver'
import { WORKER_SLICE_MS } from '../runner/player'
import type { ClientResult, SandboxClient, StoppedNode } from '../sandbox/client'
import { shareRun, type RunView } from '../engine/run-view'

/** A fast run asks for at most this many steps a slice. */
const SLICE_STEPS = 1_000_000

export interface SandboxRunHooks {
  clock: Clock
  driver: RunDriver
  breakpoints(): readonly Breakpoint[]
  /** A node's label, for the trace's printed lines. */
  label(id: string): string
  /** The run changed: publish it. */
  changed(): void
  busy(busy: boolean): void
  /** A run stopped by itself (no work, a limit, a breakpoint, a round's end). */
  finished(stop: RunStop | null): void
  /** A node's code hung and was stopped. */
  stopped(stopped: StoppedNode): void
  /** A request failed outright (the sandbox could not be restored). */
  failed(error: Error): void
}

/** The run view as the queue series and the flow read a Simulation: tick, order (id, activations, queue length), document. */
export function viewAsSim(view: RunView, document: MeshDocument): Simulation {
  const order = document.nodes
    .filter((n) => view.nodes[n.id])
    .map((n) => ({ id: n.id, activations: view.nodes[n.id]!.activations, tasklet: { items: { length: view.nodes[n.id]!.queueLength } } }))
  return { tick: view.tick, document, order } as unknown as Simulation
}

export class SandboxRun {
  view: RunView | null = null
  private inFlight = 0
  /** Bumped by every stop, so a loop that outlived its run ends. */
  private generation = 0
  private cancelFrame: (() => void) | null = null
  private tracing = true
  private disposed = false

  constructor(
    readonly client: SandboxClient,
    private readonly hooks: SandboxRunHooks,
  ) {}

  get busy(): boolean {
    return this.inFlight > 0
  }

  /** The document the run followed at its current tick. */
  runDocument(): MeshDocument | null {
    return this.view ? this.client.documentAt(this.view.tick) : null
  }

  /** Starts the run of `document` afresh in the sandbox, and steps it on to `tick` (a link's tick, or where the page's run was). */
  async reset(document: MeshDocument, allowed: Iterable<string>, tick = 0): Promise<void> {
    this.stop()
    const { trace, series, flow } = this.hooks.driver
    trace.clear()
    series.clear()
    flow.clear()
    await this.request(() => this.client.reset(document, allowed))
    if (tick > 0) await this.advance(tick, false)
  }

  step(steps = 1): Promise<void> {
    this.stop()
    return this.request(() => this.client.step(steps, this.hooks.breakpoints())).then((r) => this.hooks.finished(r.stop))
  }

  /** Puts the run at `tick`: back (the worker replays), or forward along its history. */
  async seek(tick: number): Promise<void> {
    this.stop()
    const from = this.view?.tick ?? 0
    const target = Math.max(0, Math.min(Math.floor(tick), this.view?.end ?? 0))
    const { trace, series, flow } = this.hooks.driver
    if (target < from) {
      await this.request(() => this.client.seek(target))
      trace.truncate(target)
      series.truncate(target)
    } else if (target > from) await this.advance(target, target - from <= TRACED_SEEK)
    flow.recall(trace.eventsAt(this.view?.tick ?? 0))
    this.hooks.changed()
  }

  /** More code that may run from now on. */
  allow(sources: Iterable<string>): Promise<void> {
    const list = [...sources]
    return list.length ? this.request(() => this.client.allow(list)).then(() => undefined) : Promise.resolve()
  }

  act(action: RunAction): Promise<void> {
    return this.request(() => this.client.apply(action)).then(() => undefined)
  }

  /** Plays at `tps` ticks a second: each frame asks for the steps due, traced, when no request is waiting. */
  play(tps: number): void {
    this.stop()
    const generation = this.generation
    const origin = this.hooks.clock.now()
    let stepped = 0
    let waiting = false
    const onFrame = () => {
      this.cancelFrame = null
      if (generation !== this.generation) return
      const due = Math.floor(((this.hooks.clock.now() - origin) * tps) / 1000) - stepped
      if (due > 0 && !waiting) {
        // One step at least per request; a slow reply is caught up on, a few steps at a time.
        const n = Math.min(due, 4)
        stepped += due
        waiting = true
        void this.request(() => this.client.step(n, this.hooks.breakpoints())).then((result) => {
          waiting = false
          if (generation !== this.generation) return
          if (result.stop) {
            this.generation++
            this.hooks.finished(result.stop)
          }
        })
      }
      if (generation === this.generation) this.cancelFrame = this.hooks.clock.frame(onFrame)
    }
    void this.request(() => this.client.step(1, this.hooks.breakpoints())).then((result) => {
      if (generation !== this.generation) return
      if (result.stop) {
        this.generation++
        this.hooks.finished(result.stop)
      } else this.cancelFrame = this.hooks.clock.frame(onFrame)
    })
  }

  /** Runs fast, untraced, in slices of the worker's time, to the end (or the round's end); the trace notes the gap. */
  async burst(goal: 'end' | 'round'): Promise<void> {
    this.stop()
    const generation = this.generation
    const start = this.view?.tick ?? 0
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
      const end = this.view?.tick ?? start
      this.hooks.driver.trace.gap(start + 1, end)
      this.hooks.driver.series.sample(this.sim(), true)
      await this.setTracing(true)
    }
    if (generation !== this.generation) return
    this.generation++
    this.hooks.finished(stop)
  }

  /**
   * Plays lesson steps as the demos' playStep plays them on a Timeline:
   * each step's actions, then one activation, a run until no work is left
   * (or a limit), or some ticks; traced. True once all are played; false
   * when the run was stopped or moved on meanwhile.
   */
  async playLesson(steps: readonly LessonStep[]): Promise<boolean> {
    this.stop()
    const generation = this.generation
    const current = () => generation === this.generation && !this.disposed
    for (const step of steps) {
      for (const action of step.actions ?? []) {
        if (!current()) return false
        await this.act(action)
      }
      if (!current()) return false
      if (step.run === 'step') await this.request(() => this.client.step(1))
      else if (step.run) await this.runOn(step.run === 'to-end' ? Infinity : step.run.ticks, current)
    }
    return current()
  }

  /** Ends play or a fast run; a request already sent still lands. */
  stop(): void {
    this.generation++
    this.cancelFrame?.()
    this.cancelFrame = null
  }

  dispose(): void {
    this.disposed = true
    this.stop()
    this.client.dispose()
  }

  /** Steps on to `tick`: traced, as a person stepping would see it, or untraced with a gap in the trace. */
  private async advance(tick: number, traced: boolean): Promise<void> {
    const from = this.view?.tick ?? 0
    if (tick <= from) return
    if (!traced) await this.setTracing(false)
    await this.request(() => this.client.step(tick - from))
    if (!traced) {
      this.hooks.driver.trace.gap(from + 1, this.view?.tick ?? tick)
      await this.setTracing(true)
    }
  }

  /** Runs on, traced, for up to `ticks` activations, until no work is left or a limit, in slices of the worker's time. */
  private async runOn(ticks: number, current: () => boolean): Promise<void> {
    for (let left = ticks; left > 0 && current(); ) {
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

  private sim(): Simulation {
    return viewAsSim(this.view!, this.runDocument() ?? { nodes: [] } as unknown as MeshDocument)
  }

  /** One request: busy while it is out; what comes back is taken in and published. */
  private async request(send: () => Promise<ClientResult>): Promise<ClientResult> {
    this.inFlight++
    if (this.inFlight === 1) this.hooks.busy(true)
    try {
      const result = await send()
      if (!this.disposed) this.absorb(result)
      return result
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      // A run given up on purpose (the mesh lost its code) is no failure to tell of.
      if (!this.disposed) this.hooks.failed(error)
      throw error
    } finally {
      this.inFlight--
      if (this.inFlight === 0) this.hooks.busy(false)
    }
  }

  private absorb(result: ClientResult): void {
    const { trace, series, flow } = this.hooks.driver
    const previousTick = this.view?.tick ?? 0
    this.view = shareRun(result.view, this.view)
    if (this.view.tick < previousTick) {
      trace.truncate(this.view.tick)
      series.truncate(this.view.tick)
    }
    const label = this.hooks.label
    for (const event of result.events) {
      trace.push(event, label)
      flow.collect(event)
    }
    if (result.eventsDropped > 0) trace.gap(this.view.tick, this.view.tick)
    series.sample(this.sim(), this.tracing)
    if (result.stopped) this.hooks.stopped(result.stopped)
    this.hooks.changed()
  }
}

