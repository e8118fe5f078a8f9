/**
 * What a scheduler needs from a run, and what it offers: `step` drives the
 * mesh until exactly one tasklet has taken one item (one activation), so
 * single-stepping gives the same run as running to the end.
 */
import type { Priority, SchedulerKind, SchedulerMode } from '../document'
import type { Tasklet } from '../tasklet'
import { Outcome } from '../tasklet'
import type { SchedulerEvent, StopReason } from '../trace'
import type { Value } from '../value'

export { Outcome }

/** A node as the schedulers see it. */
export interface ScheduledNode {
  readonly id: string
  /** Its name (the seed's scheduler prints it), its kind and its priority as the document declares them: what a written policy is shown. */
  readonly label: string
  readonly kind: string
  readonly priority: Priority
  readonly tasklet: Tasklet<Value>
  /** Set once the node is deleted from the mesh; schedulers skip it. */
  removed: boolean
  /** Items it took from its queue. */
  readonly activations: number
  /** The tick of its latest activation, or -1 before its first. */
  readonly lastRan: number
}

export interface SchedulerHost<N extends ScheduledNode = ScheduledNode> {
  /** Every node, in document order (the taskmaster's order). */
  readonly order: readonly N[]
  /** Activations so far. */
  readonly tick: number
  /** Whether anyone listens to events (building them costs time). */
  readonly tracing: boolean
  /** How many queued items an `execute` event lists. */
  readonly traceQueueItems: number
  /** Set when a limit stopped the run during an activation: a batch of steps ends there. */
  readonly halt: StopReason | null
  /** One tasklet takes one item: the unit of stepping. */
  activate(node: N): Outcome
  /** The node's priority now: a constant, or a fresh traced random draw. */
  priorityOf(node: N): number
  /** The run's random generator: a written policy's refused decision puts back what it drew. */
  readonly prng: { state: number }
  /** A written policy's random draw, traced: a float in [0, 1), or an integer in [lo, hi] (both ends included). */
  policyRandom(lo?: number, hi?: number): number
  /** The run's item ledger, when it keeps one: without it there are no arrivals to tell, and headArrival throws. */
  readonly ledger: object | null
  /**
   * The tick the item at the head of the node's queue arrived at, or -1 when
   * the queue is empty (its age is `tick` minus that). Works whenever the run
   * keeps its item ledger (`SimulationOptions.ledger`); throws otherwise.
   */
  headArrival(node: N): number
  /** Stops the run at the tick it is at, with why: a batch of steps ends there, and `halt` says so until the next step. */
  stop(reason: StopReason, detail: string): void
  emit(event: SchedulerEvent): void
}

/** What the scheduler sees, for the scheduler panel. */
export type SchedulerView =
  | { kind: 'taskmaster'; mode: SchedulerMode; round: number; position: string | null; worked: boolean }
  | {
      kind: 'priority'
      mode: SchedulerMode
      /** Fill-and-process passes begun in this call; 0 between calls. */
      pass: number
      queue: { node: string; priority: number }[]
      executing: { node: string; priority: number } | null
      filled: boolean
    }
  | {
      kind: 'policy'
      /** The written policy's name. */
      name: string
      /** The tasklet whose turn it is (the last one the policy chose), while it has one. */
      turn: string | null
      /** Whether that turn drains its queue (take 'all') or took one item. */
      take: 'one' | 'all' | null
      /** Decisions the policy made in this call; 0 between calls. */
      decisions: number
      /** Why the policy cannot run (its code was not allowed to run, or did not compile), or null. */
      problem: string | null
    }

export type SchedulerState =
  | { kind: 'taskmaster'; round: number; index: number; turn: string | null; goesOn: boolean; worked: boolean; activated: boolean }
  | {
      kind: 'priority'
      inCall: boolean
      queue: { priority: number; seq: number; node: string }[]
      seq: number
      current: { node: string; priority: number } | null
      goesOn: boolean
      passWorked: boolean
      activated: boolean
      pass: number
    }
  | {
      kind: 'policy'
      inCall: boolean
      turn: string | null
      drain: boolean
      goesOn: boolean
      activated: boolean
      decisions: number
    }

export interface Scheduler {
  readonly kind: SchedulerKind
  readonly mode: SchedulerMode
  /** Runs until one tasklet has taken one item: true; false when the scheduler's call returned with no work left. */
  step(host: SchedulerHost): boolean
  /**
   * Up to `max` steps in one call, exactly as `step` would take them one by
   * one: the run-to-end path. Returns the steps taken; fewer than `max` when
   * the call ended (no work left) or an activation set `host.halt`.
   */
  run(host: SchedulerHost, max: number): number
  /** Whether the next activation (if any) would begin a new round or pass: the end of the current one. No side effects. */
  atRoundEnd(host: SchedulerHost): boolean
  /** The mesh's nodes changed (added, removed, reordered). */
  nodesChanged(host: SchedulerHost): void
  view(): SchedulerView
  save(): SchedulerState
  load(state: SchedulerState, byId: (id: string) => ScheduledNode | undefined): void
}
