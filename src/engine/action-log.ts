/**
 * What was done to a running mesh by hand, at which tick: edits, sends,
 * tasklet actions, and where the scheduler's call ended. A replay of the
 * run repeats each entry at its tick, so that it lands exactly where the
 * run was. Entries are kept in the order of their ticks. The Timeline keeps
 * one to step back; the sandbox's client keeps one to rebuild a run in a
 * fresh worker.
 */
import type { MeshDocument } from './document'
import type { Value } from './value'

/** Something the user does to a running mesh; logged so that replay repeats it. */
export type RunAction =
  | { type: 'update'; document: MeshDocument }
  | { type: 'send'; node: string; values: Value[] }
  | { type: 'next' | 'last' | 'flush' | 'clear' | 'close' | 'restart'; node: string }
  /** The sandbox stopped a node (a code node that hung): closed with this message. */
  | { type: 'fail'; node: string; error?: string }
  /** A person edited a tasklet's queue by hand while paused (index 0 is the head). */
  | { type: 'queue'; node: string; edit: QueueEdit }
  /** What if: the next random draw `node` makes for its behaviour (a branch's or recycler's 50/50, in its next activation) gives `value` instead; the generator still moves on as it would have, so no other draw changes. */
  | { type: 'draw'; node: string; value: number }

/** An edit of one tasklet's queue by hand (see Simulation.editQueue); positions count from the head, 0 first. */
export type QueueEdit =
  | { op: 'drop'; index: number }
  | { op: 'set'; index: number; value: Value }
  | { op: 'move'; from: number; to: number }
  | { op: 'insert'; index: number; value: Value }
  | { op: 'transfer'; index: number; to: string; at: number } // moved to another tasklet's queue, at position `at` there

/** An action done to the run by hand, at its tick. */
export interface LoggedAction {
  tick: number
  action: RunAction
}

/** An entry of the log: an action at its tick, or where the scheduler's call ended. */
export interface LogEntry {
  tick: number
  /**
   * What the user did, or null where the scheduler's call ended (a step that
   * found no work): a send after that begins a new call, a send before it
   * joins the current one, so replay has to end the call where it ended.
   */
  action: RunAction | null
}

/**
 * A run's action log, in the order of the ticks.
 * @example
 * log.truncate(log.upTo(tick)) // acting at an earlier tick rewrites its future
 * log.add(tick, { type: 'send', node: 'a', values: [1] })
 */
export class ActionLog implements Iterable<LogEntry> {
  private entries: LogEntry[] = []

  /** Entries logged, the ends of calls among them. */
  get length(): number {
    return this.entries.length
  }

  /** The entry at `index` (0 is the first logged), if there is one. */
  at(index: number): LogEntry | undefined {
    return this.entries[index]
  }

  /** The entries in order. */
  [Symbol.iterator](): Iterator<LogEntry> {
    return this.entries[Symbol.iterator]()
  }

  /** What was done by hand, at which tick, leaving out where calls ended. */
  get actions(): LoggedAction[] {
    return this.entries.filter((entry): entry is LoggedAction => entry.action !== null)
  }

  /** How many entries were logged at or before `tick`. */
  upTo(tick: number): number {
    let count = this.entries.length
    while (count > 0 && this.entries[count - 1]!.tick > tick) count--
    return count
  }

  /** Whether anything but edits was done by hand in the first `count` entries. */
  acted(count = this.entries.length): boolean {
    return this.entries.slice(0, count).some((entry) => entry.action !== null && entry.action.type !== 'update')
  }

  /** Logs `action`, done at `tick` (truncate first what came after it: acting at an earlier tick rewrites its future). */
  add(tick: number, action: RunAction): void {
    this.entries.push({ tick, action })
  }

  /**
   * The scheduler's call ended at `tick`: logged once, so that a replay ends
   * it there too before what came after. Not logged where the log already
   * goes past `tick`: that history holds it already.
   */
  callEnded(tick: number): void {
    const last = this.entries[this.entries.length - 1]
    if (last && (last.tick > tick || (last.tick === tick && last.action === null))) return
    this.entries.push({ tick, action: null })
  }

  /** Keeps the first `count` entries and drops the rest: the history after them is rewritten. */
  truncate(count: number): void {
    this.entries.length = Math.min(count, this.entries.length)
  }

  /** Empties the log: a fresh run. */
  clear(): void {
    this.entries = []
  }
}
