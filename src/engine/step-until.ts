/**
 * The run loop: steps a Timeline until it has a reason to stop (no work
 * left, a limit, a breakpoint, the end of the scheduler's round, a tick
 * reached), has made the steps asked for, or its time is up. Every way of
 * running a mesh goes through it, so each honours the same stops: stepping,
 * play, fast runs and Step round on the page (src/run/driver.ts) and in the
 * sandbox worker (src/sandbox/host.ts), and the Timeline's own stepRound.
 */
import { BreakpointWatch, watchFor, type Breakpoint } from './breakpoints'
import type { RunResult, RunStop } from './run-stop'
import type { Simulation } from './simulation'
import type { Timeline } from './timeline'

export interface StepUntilOptions {
  /** Activations at most; as many as the run takes when left out. */
  max?: number
  /**
   * Stops at the first enabled breakpoint met. A list is watched from the
   * current tick on; a watch goes on from where an earlier call left it
   * (play at a speed steps a few ticks a frame, and a queue already past its
   * limit must not fire again each frame).
   */
  breakpoints?: readonly Breakpoint[] | BreakpointWatch | null
  /** Stops at the end of the scheduler's round or pass (after one activation at least). */
  roundEnd?: boolean
  /** Stops when the run gets to this tick. */
  tick?: number
  /** Stops, with no reason (to go on in a later call), once `now()` has reached `at`. */
  deadline?: { at: number; now: () => number }
  /** Called before each activation (the sandbox names the code node about to run, for its watchdog). */
  beforeStep?: (sim: Simulation) => void
  /** Called after each activation (the page samples its queue chart). */
  afterStep?: (sim: Simulation) => void
}

/** Most steps between two looks at the clock: this many take a few milliseconds at full engine speed. */
const MAX_STRETCH = 1 << 16

const ROUND: RunStop = { reason: 'round' }
const TICK: RunStop = { reason: 'tick' }

/**
 * Steps `timeline` until one of the stops asked for:
 * `stepUntil(timeline, { max: 100, breakpoints, roundEnd: true })`. With
 * nothing to check after each activation (no enabled breakpoint, no round's
 * end, no hook) it runs at full engine speed, as `timeline.run` does.
 */
export function stepUntil(timeline: Timeline, options: StepUntilOptions = {}): RunResult {
  const { tick, deadline } = options
  const max = Math.min(options.max ?? Infinity, tick === undefined ? Infinity : tick - timeline.tick)
  const stretch = stepper(timeline, options)
  const result = max <= 0 ? { steps: 0, stop: null } : deadline ? inTime(stretch, max, deadline) : stretch(max)
  return result.stop === null && tick !== undefined && timeline.tick >= tick ? { steps: result.steps, stop: TICK } : result
}

/** Makes up to `n` steps at a call: in one engine run when nothing needs to see each activation, else one at a time. */
function stepper(timeline: Timeline, { breakpoints, roundEnd = false, beforeStep, afterStep }: StepUntilOptions): (n: number) => RunResult {
  const watch = breakpoints instanceof BreakpointWatch ? breakpoints : watchFor(breakpoints ?? [], timeline.sim)
  if (!watch && !roundEnd && !beforeStep && !afterStep) return (n) => timeline.run(n)
  return (n) => {
    let steps = 0
    while (steps < n) {
      beforeStep?.(timeline.sim)
      if (!timeline.step()) return { steps, stop: { reason: timeline.sim.halt ?? 'idle' } }
      steps++
      const sim = timeline.sim
      afterStep?.(sim)
      const hit = watch?.check(sim)
      if (hit) return { steps, stop: { reason: 'breakpoint', hit } }
      if (sim.halt) return { steps, stop: { reason: sim.halt } }
      if (roundEnd && sim.atRoundEnd()) return { steps, stop: ROUND }
    }
    return { steps, stop: null }
  }
}

/**
 * Runs stretches of steps until the deadline, reading the clock between
 * them: each stretch is at most twice the last, and no longer than the time
 * left allows at the pace so far, so slow steps (code) keep close to the
 * deadline and fast ones do not spend their time reading the clock.
 */
function inTime(stretch: (n: number) => RunResult, max: number, { at, now }: NonNullable<StepUntilOptions['deadline']>): RunResult {
  let steps = 0
  let size = 1
  let started = now()
  while (steps < max && started < at) {
    const result = stretch(Math.min(size, max - steps))
    steps += result.steps
    if (result.stop) return { steps, stop: result.stop }
    const time = now()
    const fits = ((at - time) * result.steps) / Math.max(time - started, 1e-3)
    size = Math.max(1, Math.min(size * 2, MAX_STRETCH, Math.floor(fits)))
    started = time
  }
  return { steps, stop: null }
}
