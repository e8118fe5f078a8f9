/**
 * Compare: the same mesh and seed under several schedulers, measured side by
 * side — ticks to drain, the longest queue, and the order of the outputs.
 * A CompareSession steps its lanes together (the run panel's Compare tab);
 * compareSchedulers runs each to the end. Code nodes run only when given a
 * compiler, as in a Simulation.
 */
/**
 * Compare: the same mesh and seed under several schedulers, measured side by
 * side — ticks to drain, the longest queue, the order of the outputs (and
 * where two lanes' orders first differ), and each lane's record, from which
 * the scheduling figures and the lanes' Gantt charts are made. A
 * CompareSession steps its lanes together (the run panel's Compare tab);
 * compareSchedulers runs each to the end. Code nodes and written policies
 * run only when given their compilers, as in a Simulation.
 */
import { OutputAgreement, type Divergence } from './compare-outputs'
import type { MeshDocument, SchedulerKind, SchedulerMode } from './document'
import type { CodeCompiler } from './kinds'
import { RunSampler, type RecordedRun } from './run-record'
import type { RunStop } from './run-stop'
import type { PolicyCompiler } from './schedulers'
import { Simulation } from './simulation'
import type { StopReason } from './trace'
import { pyStr } from './value'

export interface RunMetrics {
  scheduler: SchedulerKind
  mode: SchedulerMode
  /** Activations until the scheduler ran out of work (or was stopped). */
  ticks: number
  /** Why the lane stopped for good (no work left, a limit, its policy, its tick limit), or null while it can go on. */
  stopped: LaneStop | null
  /** What stopped it, in words, when a limit or its written policy did (the run's `haltDetail`); else null. */
  detail: string | null
  longestQueue: { node: string; length: number; tick: number } | null
  /** Sink outputs in the order they arrived, as printed: the first COMPARE_OUTPUTS (a lane's view carries the first LANE_VIEW_OUTPUTS). */
  outputs: string[]
  /** The tick each output was printed at. */
  outputTicks: number[]
  /** Outputs printed in all (more than `outputs` when it holds only the first). */
  outputCount: number
}

/** The stops a lane of a comparison can come to: it watches no breakpoints and no rounds. */
export type LaneStop = Extract<RunStop, { reason: 'idle' | StopReason | 'tick' }>

/**
 * The scheduler one lane runs under, as a document names it: its kind and
 * mode, and what that kind takes from the document (a written policy's name
 * and source). Any scheduler the document format knows is a lane: the lane
 * runs the document with these fields in place of its own (laneDocument).
 */
export type LaneSpec = Pick<MeshDocument, 'scheduler' | 'mode'> & Partial<Pick<MeshDocument, 'policy'>>

/** The document a lane runs: the one compared, under the lane's scheduler (a policy lane without a policy of its own runs the document's). */
export function laneDocument(document: MeshDocument, spec: LaneSpec): MeshDocument {
  const lane: MeshDocument = { ...document, scheduler: spec.scheduler, mode: spec.mode }
  if (spec.policy) lane.policy = spec.policy
  return lane
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
  /** Compiles a lane's written policy (see SimulationOptions.policy); without it a policy lane stops at once, saying its policy did not run. */
  policy?: PolicyCompiler
  /** A lane's own policy compiler, by its index: the sandbox's, which names the lane when a policy hangs (else `policy`). */
  policyOf?: (lane: number) => PolicyCompiler | undefined
}

/** Ticks a lane runs at most, unless told otherwise. */
export const COMPARE_TICKS = 100_000
/** Lanes a comparison has at most: the panel's four side by side. */
export const MAX_COMPARE_LANES = 4
/** Outputs a lane keeps, with their ticks (it counts the rest): enough for every output of COMPARE_TICKS ticks of sinks. */
export const COMPARE_OUTPUTS = 100_000
/** Outputs a lane's view carries (the first ones): what the panel lists, and where it looks for them. */
export const LANE_VIEW_OUTPUTS = 2_000

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

/** One scheduler's run of the document, measured and recorded as it goes. */
export class CompareLane {
  readonly sim: Simulation
  readonly watch = new QueueWatch()
  stopped: RunMetrics['stopped'] = null
  /** The outputs kept, in order (a prefix of all of them: COMPARE_OUTPUTS at most), and their ticks. */
  readonly outputs: string[] = []
  readonly outputTicks: number[] = []
  private readonly maxTicks: number
  private readonly sampler: RunSampler
  /** Outputs of the run looked at so far. */
  private seen = 0
  /** Outputs are no longer kept: the limit was reached, or a step printed more than the run's log holds, so what is kept stays a prefix. */
  private cut = false

  constructor(
    document: MeshDocument,
    readonly spec: LaneSpec,
    { maxTicks = COMPARE_TICKS, compile, policy }: Omit<CompareOptions, 'policyOf'> = {},
  ) {
    this.maxTicks = maxTicks
    // With the item ledger: the lane's record (who ran, every item's wait) is taken as it runs, not replayed.
    this.sim = new Simulation(laneDocument(document, spec), { compile, policy, ledger: true })
    this.sampler = new RunSampler(document.nodes.length, maxTicks, false)
    this.watch.observe(this.sim)
    this.takeOutputs()
  }

  /** Up to `n` activations; stops for good when the run does. Returns the activations made. */
  step(n: number): number {
    const sim = this.sim
    const from = sim.tick
    this.takeOutputs()
    for (let i = 0; i < n && this.stopped === null; i++) {
      if (sim.tick >= this.maxTicks) this.stopped = { reason: 'tick' }
      else if (!sim.step()) this.stopped = { reason: sim.halt ?? 'idle' }
      else {
        this.watch.observe(sim)
        this.sampler.catchUp(sim.tick, sim.order)
        this.takeOutputs()
        if (sim.halt) this.stopped = { reason: sim.halt }
      }
    }
    return sim.tick - from
  }

  /** Outputs in all. */
  get outputCount(): number {
    return this.sim.outputCount
  }

  metrics(): RunMetrics {
    return this.measured(COMPARE_OUTPUTS)
  }

  view(): LaneView {
    const sim = this.sim
    return {
      ...this.measured(LANE_VIEW_OUTPUTS),
      lastActive: sim.tick > 0 ? sim.lastActive : null,
      queues: sim.order.map((n) => ({ id: n.id, length: n.tasklet.items.length })),
      errors: sim.order.flatMap((n) => (n.tasklet.error ? [{ id: n.id, error: `${n.tasklet.error.name}: ${n.tasklet.error.message}` }] : [])),
    }
  }

  /** The lane's record so far: who ran at each tick, its queues, and its item ledger (copies: the lane goes on). */
  record(): RecordedRun {
    return this.sampler.record(this.sim.ledger!.data(), this.sim.tick)
  }

  private measured(outputs: number): RunMetrics {
    const sim = this.sim
    this.takeOutputs()
    return {
      scheduler: this.spec.scheduler,
      mode: this.spec.mode,
      ticks: sim.tick,
      stopped: this.stopped,
      detail: this.stopped && this.stopped.reason !== 'idle' && this.stopped.reason !== 'tick' ? sim.haltDetail : null,
      longestQueue: this.watch.longest,
      outputs: this.outputs.slice(0, outputs),
      outputTicks: this.outputTicks.slice(0, outputs),
      outputCount: sim.outputCount,
    }
  }

  /** Keeps what the run printed since the last look (outputs may come outside a step too: a node closed by the sandbox). */
  private takeOutputs(): void {
    const sim = this.sim
    const fresh = sim.outputCount - this.seen
    if (fresh <= 0) return
    this.seen = sim.outputCount
    if (this.cut) return
    // The run's log keeps only its newest outputs: more at once than it holds, and the oldest of them are gone.
    if (fresh > sim.outputs.length) {
      this.cut = true
      return
    }
    for (const output of sim.outputs.newest(fresh)) {
      if (this.outputs.length >= COMPARE_OUTPUTS) {
        this.cut = true
        return
      }
      this.outputs.push(pyStr(output.value))
      this.outputTicks.push(output.tick)
    }
  }
}

/** The lanes of a comparison, stepped together. */
export class CompareSession {
  readonly lanes: CompareLane[]
  private readonly agreement: OutputAgreement

  constructor(document: MeshDocument, specs: readonly LaneSpec[], { policyOf, ...options }: CompareOptions = {}) {
    this.lanes = specs.map((spec, i) => new CompareLane(document, spec, { ...options, policy: policyOf?.(i) ?? options.policy }))
    this.agreement = new OutputAgreement(this.lanes.length)
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

  /** Where the lanes' outputs first differ so far, with the tick each lane printed its output there; null while they agree. */
  divergence(): Divergence | null {
    return this.agreement.find(this.lanes)
  }

  /** Every lane's record so far. */
  records(): RecordedRun[] {
    return this.lanes.map((lane) => lane.record())
  }
}

/**
 * Runs the document once per scheduler (same seed) to the end, at most
 * `maxTicks` each: `compareSchedulers(doc, [{ scheduler: 'taskmaster', mode: 'flush' }, …], { compile })`.
 */
export function compareSchedulers(document: MeshDocument, schedulers: readonly LaneSpec[], options: Omit<CompareOptions, 'policyOf'> = {}): RunMetrics[] {
  return schedulers.map((spec) => {
    const lane = new CompareLane(document, spec, options)
    while (lane.stopped === null) lane.step(4096)
    return lane.metrics()
  })
}

export { firstDifference, firstDivergence, OutputAgreement } from './compare-outputs'
export type { Divergence, LaneOutputs } from './compare-outputs'
