/**
 * Why a run stopped, in one union for every layer: the engine's runs, the
 * sandbox worker's replies, the store and the panels. A breakpoint stop
 * always carries its hit, so nobody has to guess what a "breakpoint" without
 * one would mean.
 */
import type { BreakpointHit } from './breakpoints'
import type { StopReason } from './trace'

export type RunStop =
  /** The scheduler found no work left. */
  | { reason: 'idle' }
  /** A limit of the document stopped the run: the activation budget is spent, or a queue is full (`Simulation.haltDetail` says which). */
  | { reason: StopReason }
  /** An enabled breakpoint was met. */
  | { reason: 'breakpoint'; hit: BreakpointHit }
  /** The scheduler's round (the priority scheduler's pass) ended. */
  | { reason: 'round' }
  /** A run to a tick got there: a mesh opened at a link's tick, or a comparison's lane at its tick limit. */
  | { reason: 'tick' }

/** What a run did: the activations it made, and why it stopped (null: it made the steps asked for, or its time was up, and could go on). */
export interface RunResult {
  steps: number
  stop: RunStop | null
}

/** The breakpoint a run stopped at, if it stopped at one. */
export function hitOf(stop: RunStop | null): BreakpointHit | null {
  return stop?.reason === 'breakpoint' ? stop.hit : null
}
