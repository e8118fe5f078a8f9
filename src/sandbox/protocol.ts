/**
 * The messages between the page and the sandbox worker. Every request has
 * an id and gets exactly one reply with the same id (unless the worker hangs:
 * then the client's watchdog takes over). Besides replies the worker posts
 * `priming` notes (which code node it is about to start, so that a node
 * that hangs before its first `yield` can be named) and, in careful steps,
 * `activating` notes (which code node the next step runs, at which tick).
 */
import type { Breakpoint, BreakpointHit, MeshDocument, RunAction, TraceEvent } from '../engine'
import type { RunView } from '../store/published-run'

export type SandboxCommand =
  /**
   * A fresh run of `document`. Only sources in `allowed` are compiled (the
   * rest start closed: not allowed to run); sources in `stopped` are not
   * run again (they hung before).
   */
  | { type: 'reset'; document: MeshDocument; allowed: readonly string[]; stopped: readonly string[] }
  /** More sources that may be compiled from now on. */
  | { type: 'allow'; sources: readonly string[] }
  | { type: 'apply'; action: RunAction }
  /**
   * Up to `steps` single steps; stops early when no work is left, a limit, or
   * a breakpoint. `careful`: for at most `sliceMs`, with an `activating` note
   * before each step of a code node (how the watchdog finds a node that hangs).
   */
  | { type: 'step'; steps: number; breakpoints?: readonly Breakpoint[]; careful?: { sliceMs: number } }
  /** Runs untraced for at most `sliceMs` or `maxSteps`, stopping at a breakpoint. */
  | { type: 'run'; maxSteps: number; sliceMs: number; breakpoints?: readonly Breakpoint[] }
  /** On to the end of the scheduler's round or pass (at most `maxSteps`), stopping at a breakpoint. */
  | { type: 'round'; maxSteps: number; breakpoints?: readonly Breakpoint[] }
  | { type: 'seek'; tick: number }
  | { type: 'view' }
  /** The node the next step would activate (nothing runs). */
  | { type: 'peek' }
  /** Traced replies carry the trace events since the last reply (at most TRACE_LIMIT). */
  | { type: 'trace'; on: boolean }

export type SandboxRequest = SandboxCommand & { id: number }

/** Why a step or run stopped before it was done. */
export type SandboxStop = 'idle' | 'budget' | 'queue-cap' | 'breakpoint' | 'round' | null

export interface SandboxResult {
  view: RunView
  /** Activations this request made. */
  steps: number
  stop: SandboxStop
  hit: BreakpointHit | null
  /** peek's answer. */
  next?: string | null
  /** Trace events since the previous reply, while tracing is on. */
  events: TraceEvent[]
  /** Events left out because there were more than TRACE_LIMIT. */
  eventsDropped: number
}

export type SandboxReply = { id: number; ok: true; result: SandboxResult } | { id: number; ok: false; error: string }

export type SandboxNote = { type: 'priming'; node: string } | { type: 'activating'; node: string; tick: number }

export type SandboxMessage = ({ kind: 'reply' } & SandboxReply) | ({ kind: 'note' } & SandboxNote)

/** The error a node gets when its code hung and the watchdog stopped it. */
export const STOPPED_ERROR = 'ran for over 1 s (an infinite loop?)'
/** What a code node says when its code came from elsewhere and the person has not agreed to run it (as the engine says without a compiler). */
export const NOT_ALLOWED = 'its code has not been allowed to run'

/** Trace events one reply carries at most. */
export const TRACE_LIMIT = 5_000
