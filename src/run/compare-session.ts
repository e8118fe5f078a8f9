/**
 * Compare: the same mesh and seed under two schedulers, stepped together,
 * each lane measured as the engine's compareSchedulers measures a run:
 * ticks until it ran out of work, the longest queue, the order of outputs.
 */
import { pyStr, QueueWatch, Simulation, type MeshDocument, type RunMetrics, type SchedulerKind, type SchedulerMode } from '../engine'

export interface LaneSpec {
  scheduler: SchedulerKind
  mode: SchedulerMode
}

export interface LaneView extends RunMetrics {
  /** The node of the latest activation. */
  lastActive: string | null
  /** Each node's queue length, in document order. */
  queues: { id: string; length: number }[]
}

/** Ticks a lane runs at most. */
export const COMPARE_TICKS = 100_000

class Lane {
  readonly sim: Simulation
  readonly watch = new QueueWatch()
  stopped: RunMetrics['stopped'] | null = null

  constructor(
    document: MeshDocument,
    readonly spec: LaneSpec,
    private readonly maxTicks: number,
  ) {
    this.sim = new Simulation({ ...document, scheduler: spec.scheduler, mode: spec.mode })
    this.watch.observe(this.sim)
  }

  /** Up to `n` activations; stops for good when the run does. */
  step(n: number): void {
    const sim = this.sim
    for (let i = 0; i < n && this.stopped === null; i++) {
      if (sim.tick >= this.maxTicks) this.stopped = 'steps'
      else if (!sim.step()) this.stopped = sim.halt ?? 'idle'
      else {
        this.watch.observe(sim)
        if (sim.halt) this.stopped = sim.halt
      }
    }
  }

  view(): LaneView {
    const sim = this.sim
    return {
      scheduler: this.spec.scheduler,
      mode: this.spec.mode,
      ticks: sim.tick,
      stopped: this.stopped ?? 'steps',
      longestQueue: this.watch.longest,
      outputs: sim.outputs.toArray().map((o) => pyStr(o.value)),
      lastActive: sim.tick > 0 ? sim.lastActive : null,
      queues: sim.order.map((n) => ({ id: n.id, length: n.tasklet.items.length })),
    }
  }
}

export class CompareSession {
  private readonly lanes: Lane[]

  constructor(document: MeshDocument, specs: readonly LaneSpec[], maxTicks = COMPARE_TICKS) {
    this.lanes = specs.map((spec) => new Lane(document, spec, maxTicks))
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

/** Where two output orders first differ: -1 when they are the same. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return -1
}
