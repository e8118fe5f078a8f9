/**
 * What the run slice publishes: plain data read from the engine after each
 * change, with structural sharing. A node's view object is reused when
 * nothing in it changed, so a component that selects `run.nodes[id]`
 * re-renders only when that node did.
 */
import {
  type Output,
  type Priority,
  type RunStats,
  type SchedulerView,
  type StopReason,
  type Timeline,
  type Value,
} from '../engine'

/** How many queued items are published per node (the head first); the node card shows fewer. */
export const HEAD_ITEMS = 12

export type NodeState = 'idle' | 'active' | 'closed' | 'error'

export interface NodeView {
  queueLength: number
  /** The first items of the queue; the head is the one `next()` takes. */
  head: readonly Value[]
  closed: boolean
  error: string | null
  activations: number
  dropped: number
  received: number
  /** The priority as set: "5" or "1–20". */
  priority: string
  /** The priority the scheduler drew for it, while it sits in the priority queue or runs. */
  drawn: number | null
  /** active: it took the latest item. */
  state: NodeState
  /** The scheduler will run it at the next step. */
  nextUp: boolean
}

/** ready: nothing ran yet; paused: work is left; idle: the scheduler's call returned; halted: a limit stopped it. */
export type RunStatus = 'ready' | 'paused' | 'idle' | 'halted'

export interface RunView {
  tick: number
  /** The furthest tick of this history (for stepping back and forth). */
  end: number
  stats: RunStats
  status: RunStatus
  halt: StopReason | null
  /** What stopped the run, in words. */
  haltDetail: string | null
  schedulerView: SchedulerView
  /** The node the next step activates; null when the scheduler's call would end (or a limit stop it). */
  nextUp: string | null
  nodes: Readonly<Record<string, NodeView>>
  /** What each sink received, oldest first (the newest the run keeps). */
  outputs: Readonly<Record<string, readonly Output[]>>
}

export function priorityText(priority: Priority): string {
  return typeof priority === 'number' ? String(priority) : `${priority.random[0]}–${priority.random[1]}`
}

function drawnPriorities(view: SchedulerView): Map<string, number> {
  const drawn = new Map<string, number>()
  if (view.kind !== 'priority') return drawn
  for (const entry of view.queue) drawn.set(entry.node, entry.priority)
  if (view.executing) drawn.set(view.executing.node, view.executing.priority)
  return drawn
}

function sameValues(a: readonly Value[], b: readonly Value[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]))
}

function sameNode(a: NodeView, b: NodeView): boolean {
  return (
    a.queueLength === b.queueLength &&
    a.closed === b.closed &&
    a.error === b.error &&
    a.activations === b.activations &&
    a.dropped === b.dropped &&
    a.received === b.received &&
    a.priority === b.priority &&
    a.drawn === b.drawn &&
    a.state === b.state &&
    a.nextUp === b.nextUp &&
    sameValues(a.head, b.head)
  )
}

function sameRecord<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>): boolean {
  const keys = Object.keys(b)
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k])
}

function sameStats(a: RunStats, b: RunStats): boolean {
  return (Object.keys(b) as (keyof RunStats)[]).every((k) => a[k] === b[k])
}

function sameSchedulerView(a: SchedulerView, b: SchedulerView): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Reads the run at the timeline's current tick, reusing every part of
 * `previous` that did not change. With `cards`, only the nodes at those
 * places of the node order are read (the rest stay as `previous` had them):
 * a fast run refreshes its hundreds of cards a share at a time.
 */
export function viewRun(timeline: Timeline, previous: RunView | null, { cards }: { cards?: { from: number; to: number } } = {}): RunView {
  const sim = timeline.sim
  const peek = sim.peekNext()
  const schedulerView = sim.schedulerView()
  const drawn = drawnPriorities(schedulerView)
  const nodes: Record<string, NodeView> = {}
  const outputs: Record<string, readonly Output[]> = {}
  for (let index = 0; index < sim.order.length; index++) {
    const node = sim.order[index]!
    const kept = cards && (index < cards.from || index >= cards.to) ? previous?.nodes[node.id] : undefined
    if (kept) {
      nodes[node.id] = kept
      const keptOutputs = previous?.outputs[node.id]
      if (keptOutputs) outputs[node.id] = keptOutputs
      continue
    }
    const tasklet = node.tasklet
    const error = tasklet.error ? `${tasklet.error.name}: ${tasklet.error.message}` : null
    const view: NodeView = {
      queueLength: tasklet.items.length,
      head: tasklet.items.slice(HEAD_ITEMS),
      closed: tasklet.closed,
      error,
      activations: node.activations,
      dropped: node.dropped,
      received: node.received,
      priority: priorityText(node.priority),
      drawn: drawn.get(node.id) ?? null,
      state: error ? 'error' : tasklet.closed ? 'closed' : sim.lastActive === node.id && sim.tick > 0 ? 'active' : 'idle',
      nextUp: peek === node.id,
    }
    const old = previous?.nodes[node.id]
    nodes[node.id] = old && sameNode(old, view) ? old : view
    if (node.kind === 'sink') {
      const oldOutputs = previous?.outputs[node.id]
      const oldView = previous?.nodes[node.id]
      const list = sim.outputs.toArray(node.id)
      outputs[node.id] = oldOutputs && oldView && oldView.received === node.received && oldOutputs.length === list.length ? oldOutputs : list
    }
  }
  const stats = sim.stats
  const status: RunStatus = sim.halt ? 'halted' : peek === null ? 'idle' : sim.tick === 0 ? 'ready' : 'paused'
  return {
    tick: sim.tick,
    end: timeline.end,
    stats: previous && sameStats(previous.stats, stats) ? previous.stats : { ...stats },
    status,
    halt: sim.halt,
    haltDetail: sim.haltDetail,
    schedulerView: previous && sameSchedulerView(previous.schedulerView, schedulerView) ? previous.schedulerView : schedulerView,
    nextUp: peek,
    nodes: previous && sameRecord(previous.nodes, nodes) ? previous.nodes : nodes,
    outputs: previous && sameRecord(previous.outputs, outputs) ? previous.outputs : outputs,
  }
}
