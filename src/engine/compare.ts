/**
 * Compare: the same mesh and seed under several schedulers, measured side by
 * side — ticks to drain, the longest queue, and the order of the outputs.
 * A CompareSession steps its lanes together (the run panel's Compare tab);
 * compareSchedulers runs each to the end. Code nodes run only when given a
 * compiler, as in a Simulation.
 */
import type { MeshDocument, SchedulerKind, SchedulerMode } from './document'
import type { CodeCompiler } from './kinds'
import type { RunStop } from './run-stop'
import { Simulation } from './simulation'
import type { StopReason } from './trace'
import { pyStr } from './value'

export interface RunMetrics {
  scheduler: SchedulerKind
  mode: SchedulerMode
  /** Activations until the scheduler ran out of work (or was stopped). */
  ticks: number
  /** Why the lane stopped for good (no work left, a limit, its tick limit), or null while it can go on. */
  stopped: LaneStop | null
  longestQueue: { node: string; length: number; tick: number } | null
  /** Sink outputs in the order they arrived, as printed. */
  outputs: string[]
}

/** The stops a lane of a comparison can come to: it watches no breakpoints and no rounds. */
export type LaneStop = Extract<RunStop, { reason: 'idle' | StopReason | 'tick' }>

/** The scheduler and mode one lane runs under. */
export interface LaneSpec {
  scheduler: SchedulerKind
  mode: SchedulerMode
}

/** A lane as the Compare panel shows it: its metrics so far, and where it is now. */
export interface LaneView extends RunMetrics {
  /** The node of the latest activation. */
  lastActive: string | null
  /** Each node's queue length, in document order. */
  queues: { id: string; length: number }[]
  /** Nodes closed with an error ("Error: …", "Stopped: …"), in document order. */
  errors: { id: string; error: string }[]
}

export interface CompareOptions {
  /** Ticks a lane runs at most. */
  maxTicks?: number
  /** Compiles code nodes (see SimulationOptions.compile); without it they stay closed. */
  compile?: CodeCompiler
}

/** Ticks a lane runs at most, unless told otherwise. */
export const COMPARE_TICKS = 100_000

/** Tracks the longest queue seen in a run, after each activation. */
export class QueueWatch {
  longest: RunMetrics['longestQueue'] = null

  observe(sim: Simulation): void {
    for (const node of sim.order) {
      const length = node.tasklet.items.length
      if (length > (this.longest?.length ?? 0)) this.longest = { node: node.id, length, tick: sim.tick }
    }
  }
}

/** One scheduler's run of the document, measured as it goes. */
export class CompareLane {
  readonly sim: Simulation
  readonly watch = new QueueWatch()
  stopped: RunMetrics['stopped'] = null
  private readonly maxTicks: number

  constructor(
    document: MeshDocument,
    readonly spec: LaneSpec,
    { maxTicks = COMPARE_TICKS, compile }: CompareOptions = {},
  ) {
    this.maxTicks = maxTicks
    this.sim = new Simulation({ ...document, scheduler: spec.scheduler, mode: spec.mode }, { compile })
    this.watch.observe(this.sim)
  }

  /** Up to `n` activations; stops for good when the run does. Returns the activations made. */
  step(n: number): number {
    const sim = this.sim
    const from = sim.tick
    for (let i = 0; i < n && this.stopped === null; i++) {
      if (sim.tick >= this.maxTicks) this.stopped = { reason: 'tick' }
      else if (!sim.step()) this.stopped = { reason: sim.halt ?? 'idle' }
      else {
        this.watch.observe(sim)
        if (sim.halt) this.stopped = { reason: sim.halt }
      }
    }
    return sim.tick - from
  }

  metrics(): RunMetrics {
    const sim = this.sim
    return {
      scheduler: this.spec.scheduler,
      mode: this.spec.mode,
      ticks: sim.tick,
      stopped: this.stopped,
      longestQueue: this.watch.longest,
      outputs: sim.outputs.toArray().map((o) => pyStr(o.value)),
    }
  }

  view(): LaneView {
    const sim = this.sim
    return {
      ...this.metrics(),
      lastActive: sim.tick > 0 ? sim.lastActive : null,
      queues: sim.order.map((n) => ({ id: n.id, length: n.tasklet.items.length })),
      errors: sim.order.flatMap((n) => (n.tasklet.error ? [{ id: n.id, error: `${n.tasklet.error.name}: ${n.tasklet.error.message}` }] : [])),
    }
  }
}

/** The lanes of a comparison, stepped together. */
export class CompareSession {
  readonly lanes: CompareLane[]

  constructor(document: MeshDocument, specs: readonly LaneSpec[], options: CompareOptions = {}) {
    this.lanes = specs.map((spec) => new CompareLane(document, spec, options))
  }

  /** Whether every lane has stopped. */
  get done(): boolean {
    return this.lanes.every((lane) => lane.stopped !== null)
  }

  /** Every lane takes up to `n` steps. */
  step(n = 1): void {
    for (const lane of this.lanes) lane.step(n)
  }

  /** Runs the lanes on until `deadline` (by `now`); true when all have stopped. */
  runSlice(deadline: number, now: () => number): boolean {
    while (!this.done && now() < deadline) this.step(256)
    return this.done
  }

  view(): LaneView[] {
    return this.lanes.map((lane) => lane.view())
  }
}

/**
 * Runs the document once per scheduler (same seed) to the end, at most
 * `maxTicks` each: `compareSchedulers(doc, [{ scheduler: 'taskmaster', mode: 'flush' }, …], { compile })`.
 */
export function compareSchedulers(document: MeshDocument, schedulers: readonly LaneSpec[], options: CompareOptions = {}): RunMetrics[] {
  return schedulers.map((spec) => {
    const lane = new CompareLane(document, spec, options)
    while (lane.stopped === null) lane.step(4096)
    return lane.metrics()
  })
}

/** Where two output orders first differ: -1 when they are the same. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return -1
}
