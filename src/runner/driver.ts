/**
 * Drives the store's Timeline for the player: traced steps one at a time,
 * fast untraced runs in time slices (their last ticks traced again after,
 * so the trace shows how a run ended), going back and forth in time, and
 * the trace, queue series and flow that go with all of these.
 */
import {
  KINDS,
  stepUntil,
  watchFor,
  type Breakpoint,
  type BreakpointWatch,
  type MeshDocument,
  type RunAction,
  type RunStop,
  type Simulation,
  type StepUntilOptions,
  type Timeline,
  type TraceSink,
} from '../engine'
import type { FlowCollector } from './flow'
import type { QueueSeries } from './queue-series'
import type { BurstTarget, RunLogs } from './run-mode'
import type { TraceLog } from './trace-log'

/** Ticks of a fast run traced again after it, so the trace shows how it ended. */
export const BACKFILL = 5000
/** Going forward by at most this many ticks steps with the trace on; further, it jumps. */
export const TRACED_SEEK = 2000

const MIN_CHUNK = 16
const MAX_CHUNK = 1 << 20

export class RunDriver {
  readonly trace: TraceLog
  readonly series: QueueSeries
  readonly flow: FlowCollector
  private readonly sink: TraceSink
  private burst: { start: number; stop: RunStop | null } | null = null
  /** Activations per engine call in a fast run, tuned to about a millisecond. */
  private chunk = 256
  /** The tick of the latest trace event. */
  private lastTick = 0

  constructor(
    readonly timeline: Timeline,
    private readonly now: () => number,
    logs: RunLogs,
  ) {
    this.trace = logs.trace
    this.series = logs.series
    this.flow = logs.flow
    this.sink = (event) => {
      // Time went back without the driver (the lessons drive the Timeline too): what came after goes.
      if (event.tick < this.lastTick) this.rewound(event.tick - 1)
      this.lastTick = event.tick
      this.trace.push(event, this.label)
      this.flow.collect(event)
    }
    timeline.setTrace(this.sink)
    // A run not yet begun starts again traced, so the trace opens with its initial inputs.
    if (timeline.tick === 0 && timeline.end === 0 && !timeline.acted) timeline.reset(timeline.sim.document)
    this.series.sample(timeline.sim, true)
  }

  label = (id: string): string => this.timeline.sim.label(id)

  /** The queue series samples the run after each traced step. */
  private sample = (sim: Simulation): void => this.series.sample(sim)

  /** Catches up with a Timeline driven from elsewhere: the queue series samples the tick it is at. */
  sync(): void {
    const tick = this.timeline.tick
    if (this.series.lastTick > tick) this.series.truncate(tick)
    if (this.series.lastTick !== tick) this.series.sample(this.timeline.sim, true)
  }

  get bursting(): boolean {
    return this.burst !== null
  }

  /** Steps up to `n` ticks one at a time, traced; stops early at no work, a limit or a breakpoint. */
  steps(n: number, watch: BreakpointWatch | null = null): RunStop | null {
    return stepUntil(this.timeline, { max: n, breakpoints: watch, afterStep: this.sample }).stop
  }

  /** A watch for breakpoints from the current tick on, or null when none is enabled. */
  watch(breakpoints: readonly Breakpoint[]): BreakpointWatch | null {
    return watchFor(breakpoints, this.timeline.sim)
  }

  /** Starts a fast run: the trace goes off until `endBurst`. */
  beginBurst(): void {
    if (this.burst) return
    this.burst = { start: this.timeline.tick, stop: null }
    this.timeline.setTrace(null)
    this.flow.setTraced(false, this.timeline.sim)
  }

  /** Runs the engine until `deadline` (clock time) or the goal; the reason it stopped, or null to go on. */
  burstSlice(goal: BurstTarget, breakpoints: readonly Breakpoint[], deadline: number): RunStop | null {
    const timeline = this.timeline
    for (;;) {
      const started = this.now()
      const { stop } = stepUntil(timeline, { max: this.chunk, ...burstStops(goal, breakpoints) })
      const spent = this.now() - started
      if (spent < 0.5 && this.chunk < MAX_CHUNK) this.chunk *= 2
      else if (spent > 2 && this.chunk > MIN_CHUNK) this.chunk /= 2
      this.series.sample(timeline.sim)
      if (stop) {
        if (this.burst) this.burst.stop = stop
        return stop
      }
      if (this.now() >= deadline) return null
    }
  }

  /** Does what was done by hand at the run's tick, if it is not done yet (a run opened at a tick stops before it). */
  catchUp(): void {
    this.timeline.catchUp()
    this.series.sample(this.timeline.sim, true)
  }

  /** Ends a fast run: the trace comes back on, and its last ticks are traced again. */
  endBurst(): void {
    const burst = this.burst
    if (!burst) return
    this.burst = null
    const timeline = this.timeline
    const end = timeline.tick
    // A code node's or a group's state cannot be restored from a keyframe, so going back could replay the whole run.
    const replayable = !timeline.sim.order.some((n) => KINDS[n.kind].keepsState)
    const from = replayable ? Math.max(burst.start, end - BACKFILL) : end
    this.trace.gap(burst.start + 1, from)
    if (from < end) {
      timeline.seek(from)
      timeline.setTrace(this.sink)
      // The same steps again, traced, and sampled tick by tick.
      this.series.truncate(from)
      while (timeline.tick < end && timeline.step()) this.series.sample(timeline.sim)
      // The step that found no work (or the budget spent) changed the scheduler too: take it again.
      if (burst.stop?.reason === 'idle' || burst.stop?.reason === 'budget') timeline.step()
    }
    timeline.setTrace(this.sink)
    this.series.sample(timeline.sim, true)
    this.flow.setTraced(true, timeline.sim)
    // What the replay collected is not movement to show.
    this.flow.clear()
  }

  /** Puts the run at `tick`: back exactly, or forward along this history. */
  seek(tick: number): void {
    const timeline = this.timeline
    const target = Math.max(0, Math.min(Math.floor(tick), timeline.end))
    if (target < timeline.tick) {
      timeline.seek(target)
      this.trace.truncate(target)
      this.series.truncate(target)
    } else if (target - timeline.tick <= TRACED_SEEK) {
      while (timeline.tick < target && timeline.step()) this.series.sample(timeline.sim)
      // What was done by hand at the tick it lands on (a queue edit, a send) is done, as a seek back to it does.
      timeline.catchUp()
    } else {
      const from = timeline.tick
      timeline.seek(target)
      this.trace.gap(from + 1, target)
    }
    this.series.sample(timeline.sim, true)
    this.flow.recall(this.trace.eventsAt(timeline.tick))
    this.lastTick = timeline.tick
  }

  /** Does something to the run at the current tick (later history is dropped); undoing a pick the run took takes it back to that pick's decision first. */
  apply(action: RunAction): void {
    const before = this.timeline.tick
    this.timeline.apply(action)
    if (this.timeline.tick < before) {
      this.rewound(this.timeline.tick)
      this.lastTick = this.timeline.tick
    }
    this.series.sample(this.timeline.sim, true)
  }

  /** Tick 0 of `document`, with no history. */
  reset(document: MeshDocument): void {
    this.trace.clear()
    this.series.clear()
    this.flow.clear()
    this.lastTick = 0
    this.timeline.reset(document)
    this.series.sample(this.timeline.sim, true)
  }

  private rewound(tick: number): void {
    this.trace.truncate(tick)
    this.series.truncate(tick)
    this.flow.clear()
  }
}

/** What a fast run stops at, besides no work and the limits: breakpoints on the way to the end or the round's end; only the tick on the way to a tick. */
function burstStops(goal: BurstTarget, breakpoints: readonly Breakpoint[]): StepUntilOptions {
  if (goal === 'end') return { breakpoints }
  if (goal === 'round') return { breakpoints, roundEnd: true }
  return { tick: goal.tick }
}
