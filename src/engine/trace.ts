/**
 * Trace events: everything a run does, as typed data. `tick` is the number
 * of the activation the event belongs to (1 for the first); events before
 * the first activation, or from a user's own `send`, carry the last tick.
 */
import type { QueueEdit } from './action-log'
import type { Value } from './value'
import { pyItem, pyStr } from './value'

/**
 * Why a run stopped at a limit: its activation budget, a full queue, or its
 * written policy (a decision that is not one, or a policy that cannot run);
 * or, scheduled by hand, it waits for the person's next pick (no error:
 * their turn).
 */
export type StopReason = 'budget' | 'queue-cap' | 'policy' | 'pick'

/**
 * How many queued items an `execute` event lists by default: the seed printed
 * them all, but a page keeps its trace, so long queues are cut ("... (n more)").
 * `SimulationOptions.traceQueueItems` changes it; the CLI lists every item.
 */
export const TRACE_QUEUE_ITEMS = 50

type OwnEvent =
  /** A tasklet takes one item from its queue: one tick. */
  | { type: 'activation'; tick: number; node: string; item: Value; last?: true }
  /** A value sent along a port to one wired target. */
  | { type: 'emit'; tick: number; from: string; port: string; to: string; value: Value }
  /** A value sent along a port wired to nothing: lost. */
  | { type: 'drop'; tick: number; node: string; port: string; value: Value; reason: 'unwired' | 'node-removed' }
  /** A value a sink received. */
  | { type: 'output'; tick: number; node: string; value: Value }
  /** A closed tasklet took an item and did nothing with it. */
  | { type: 'discard'; tick: number; node: string; item: Value }
  /** A tasklet closed: by `close`, by its coroutine finishing, or by an error. */
  | { type: 'close'; tick: number; node: string; reason: 'closed' | 'finished' | 'error' }
  | { type: 'error'; tick: number; node: string; error: string }
  /** A random draw from the run's seeded generator. */
  | {
      type: 'random'
      tick: number
      node: string
      lo: number
      hi: number
      value: number
      use: 'behaviour' | 'priority'
      /** What if: the value was forced (a `draw` action), not the generator's. */ forced?: true
    }
  /** A random draw of the written policy (`mesh.random()`, `mesh.randint(lo, hi)`, Math.random), while it decides. */
  | { type: 'random'; tick: number; lo: number; hi: number; value: number; use: 'policy' }
  /** A value queued from outside the mesh (initial input or the user). */
  | { type: 'send'; tick: number; node: string; value: Value }
  /**
   * A person edited a tasklet's queue by hand (Simulation.editQueue): `value`
   * is the item dropped, moved or put there, `was` the value a set replaced,
   * `size` the queue's length before the edit. An insert at the tail is a
   * `send` instead, as the seed's Tasklet would do it.
   */
  | { type: 'queue'; tick: number; node: string; edit: QueueEdit; value: Value; size: number; was?: Value }
  /** A tasklet revived, rescoped or replaced by the user. */
  | { type: 'reset'; tick: number; node: string; how: 'restart' | 'rescope' | 'clear' }
  /** A value that did not fit in a full queue. */
  /** A code node rewired the run's mesh (`self.connect`, `self.disconnect`, `self.rescope`): one of its ports now reaches `target`, or no longer does. */
  | { type: 'wire'; tick: number; node: string; port: string; target: string; action: 'connect' | 'disconnect' }
  | { type: 'overflow'; tick: number; node: string; value: Value; cap: number }
  | { type: 'limit'; tick: number; reason: StopReason; detail: string }
  | SchedulerEvent

export type SchedulerEvent =
  /** The taskmaster begins a round over every tasklet, in node order. */
  | { type: 'schedule'; tick: number; action: 'round'; round: number }
  /** The priority scheduler's fill: tasklets with items are put in the queue. */
  | { type: 'schedule'; tick: number; action: 'fill' }
  | { type: 'schedule'; tick: number; action: 'put'; node: string; priority: number }
  /** The priority scheduler takes the lowest priority and runs that tasklet. */
  | { type: 'schedule'; tick: number; action: 'execute'; node: string; priority: number; queue: Value[]; queued: number }
  | { type: 'schedule'; tick: number; action: 'put-back'; node: string; priority: number }
  /** The written policy (or the person, `by` hand) chose a tasklet, to take one item or to drain its queue. */
  | { type: 'schedule'; tick: number; action: 'choose'; node: string; take: 'one' | 'all'; by?: 'hand' }
  /** The scheduler's call returned: a whole round (or pass) did no work. */
  | { type: 'schedule'; tick: number; action: 'end' }

/**
 * What happened inside a group node while it ran (at the outer run's tick):
 * the inner run's own event, with its own tick and its node ids (an inner
 * group's events nest once more).
 */
export type TraceEvent = OwnEvent | { type: 'inner'; tick: number; group: string; event: TraceEvent }

export type TraceSink = (event: TraceEvent) => void

/** An inner run's node ids, as its lines name them (its labels are not the outer run's). */
const innerLabel = (id: string): string => id

/** The seed's own printed text for an event, in as many lines as it printed (none for most). */
export function seedLines(event: TraceEvent, label: (id: string) => string): string[] {
  switch (event.type) {
    case 'output':
      return [`Sink got: ${pyStr(event.value)}`]
    case 'schedule':
      if (event.action === 'execute') {
        return [
          `Scheduler executes ${label(event.node)} on priority ${event.priority}`,
          ...event.queue.map((item, i) => (i === 0 ? ` ${pyItem(item)} <-- processing this item` : ` ${pyItem(item)}`)),
          ...(event.queued > event.queue.length ? [` ... (${event.queued - event.queue.length} more)`] : []),
        ]
      }
      if (event.action === 'put-back') return [`Scheduler puts ${label(event.node)} back into priority queue.`]
      return []
    case 'error':
      return [`${label(event.node)} closed by ${event.error}`]
    case 'limit':
      return [`Stopped: ${event.detail}`]
    case 'inner':
      // Indented under the outer lines, as the inner scheduler printed them.
      return seedLines(event.event, innerLabel).map((line) => `  ${line}`)
    default:
      return []
  }
}

/** One line of plain text for any event, for the trace panel and .txt export. */
export function describeEvent(event: TraceEvent, label: (id: string) => string): string {
  const seed = seedLines(event, label)
  switch (event.type) {
    case 'activation':
      return `${label(event.node)} takes ${pyStr(event.item)}${event.last ? ' (last)' : ''}`
    case 'emit':
      return `${label(event.from)}.${event.port} → ${label(event.to)}: ${pyStr(event.value)}`
    case 'drop':
      return event.reason === 'unwired'
        ? `${label(event.node)}.${event.port} is not wired: ${pyStr(event.value)} dropped`
        : `${label(event.node)} removed: ${pyStr(event.value)} dropped`
    case 'discard':
      return `${label(event.node)} is closed: ${pyStr(event.item)} taken, nothing happens`
    case 'close':
      return `${label(event.node)} closed${event.reason === 'closed' ? '' : event.reason === 'finished' ? ' (its coroutine returned)' : ' by an error'}`
    case 'random':
      if (event.use === 'policy') return `The policy draws randint(${event.lo}, ${event.hi}) = ${event.value}`
      return `${label(event.node)} draws randint(${event.lo}, ${event.hi}) = ${event.value}${event.use === 'priority' ? ' for its priority' : ''}${event.forced ? ' (what if)' : ''}`
    case 'send':
      return `${label(event.node)} ← ${pyStr(event.value)}`
    case 'reset':
      return `${label(event.node)}: ${event.how}`
    case 'queue':
      return describeQueueEdit(event, label)
    case 'wire':
      return `${label(event.node)}.${event.port} ${event.action === 'connect' ? 'wired to' : 'unwired from'} ${label(event.target)}`
    case 'overflow':
      return `${label(event.node)}'s queue is full (${event.cap}): ${pyStr(event.value)} dropped`
    case 'schedule':
      if (event.action === 'round') return `Taskmaster round ${event.round}`
      if (event.action === 'fill') return 'Scheduler fills its priority queue'
      if (event.action === 'put') return `Scheduler puts ${label(event.node)} in priority queue on priority ${event.priority}`
      if (event.action === 'put-back') return `${seed[0]} (priority ${event.priority})`
      if (event.action === 'end') return 'Scheduler: no work left'
      if (event.action === 'choose') return `${event.by === 'hand' ? 'You chose' : 'Policy chose'} ${label(event.node)} (take ${event.take})`
      return seed[0] ?? ''
    case 'inner':
      return `  ${label(event.group)} › ${describeEvent(event.event, innerLabel)}`
    default:
      return seed.join('\n')
  }
}

/** A queue edit in words, positions counted from 1 as a person reads the queue: "You dropped 3 from doubler's queue (item 2 of 4)". */
function describeQueueEdit(event: Extract<TraceEvent, { type: 'queue' }>, label: (id: string) => string): string {
  const queue = `${label(event.node)}'s queue`
  const value = pyStr(event.value)
  const edit = event.edit
  switch (edit.op) {
    case 'drop':
      return `You dropped ${value} from ${queue} (item ${edit.index + 1} of ${event.size})`
    case 'set':
      return `You set item ${edit.index + 1} of ${queue} to ${value}${event.was === undefined ? '' : ` (it was ${pyStr(event.was)})`}`
    case 'move':
      return `You moved ${value} in ${queue} from item ${edit.from + 1} to item ${edit.to + 1} (of ${event.size})`
    case 'insert':
      return `You put ${value} in ${queue} at item ${edit.index + 1} (of ${event.size + 1})`
    case 'transfer':
      return `You moved ${value} from ${queue} (item ${edit.index + 1} of ${event.size}) to ${label(edit.to)}'s queue at item ${edit.at + 1}`
  }
}
