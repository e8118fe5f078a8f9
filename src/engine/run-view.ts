/**
 * What a run publishes, as plain data: read from a Timeline in one place,
 * wherever the Timeline lives — the page, or the sandbox worker that runs
 * code nodes (whose replies arrive as structured clones). Every part of the
 * previous view that did not change is reused (`readRun` with `previous` on
 * the page, `shareRun` for a view from the worker), so a component that
 * selects `run.nodes[id]` re-renders only when that node did. A fast run on
 * the page reads a share of the cards at a time.
 */
import {
  idRecord,
  type MeshEdge,
  type NodeRuntime,
  type Output,
  type Priority,
  type RunStats,
  type SchedulerView,
  type Simulation,
  type StopReason,
  type Timeline,
  type Value,
} from './index.ts'

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

/** ready: nothing ran yet (a group: it has not run its inside); paused: work is left; idle: the scheduler's call returned (the inside has no work); halted: a limit stopped it. */
export type RunStatus = 'ready' | 'paused' | 'idle' | 'halted'

/**
 * A group node's inside as its inner run is now: what an opened group shows.
 * Its inner run begins when the group's tasklet does (at the start of the
 * outer run), with its inside's inputs queued; `tick` counts its own inner
 * activations, 0 until the group first takes an item.
 */
export interface InnerView {
  tick: number
  status: RunStatus
  /** What stopped the run, in words. */
  haltDetail: string | null
  schedulerView: SchedulerView
  /** The node the next step activates (inside a group: when the scheduler picks the group and its call runs); null when the scheduler's call would end (or a limit stop it). */
  nextUp: string | null
  nodes: Readonly<Record<string, NodeView>>
  /** What each sink received, oldest first (the newest the run keeps). */
  outputs: Readonly<Record<string, readonly Output[]>>
  /** The run's wires when code nodes rewired them (self.connect, disconnect, rescope) and they differ from the document's; null when they are the document's. */
  wires: readonly MeshEdge[] | null
  /** The insides of the mesh's group nodes, as their inner runs are now, by group id. */
  groups: Readonly<Record<string, InnerView>>
}

/** The run as a whole: what an inner run shows (see InnerView), and its history's end, its stats and what stopped it. */
export interface RunView extends InnerView {
  /** The furthest tick of this history (for stepping back and forth). */
  end: number
  stats: RunStats
  halt: StopReason | null
}

export function priorityText(priority: Priority): string {
  return typeof priority === 'number' ? String(priority) : `${priority.random[0]}–${priority.random[1]}`
}

export function drawnPriorities(view: SchedulerView): Map<string, number> {
  const drawn = new Map<string, number>()
  if (view.kind !== 'priority') return drawn
  for (const entry of view.queue) drawn.set(entry.node, entry.priority)
  if (view.executing) drawn.set(view.executing.node, view.executing.priority)
  return drawn
}

/** The run at the timeline's current tick, all of it fresh. */
/** One node's card data as the run has it now; `peek` is the node the next step activates. */
export function readNode(sim: Simulation, node: NodeRuntime, peek: string | null, drawn: ReadonlyMap<string, number>): NodeView {
  const tasklet = node.tasklet
  const error = tasklet.error ? `${tasklet.error.name}: ${tasklet.error.message}` : null
  return {
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
}

/**
 * Reads the run at the timeline's current tick, reusing every part of
 * `previous` that did not change. With `cards`, only the nodes at those
 * places of the node order are read (the rest stay as `previous` had them):
 * a fast run refreshes its hundreds of cards a share at a time.
 */
export function readRun(timeline: Timeline, previous: RunView | null = null, { cards }: { cards?: { from: number; to: number } } = {}): RunView {
  const sim = timeline.sim
  const level = readLevel(sim, previous, cards)
  return {
    tick: sim.tick,
    end: timeline.end,
    stats: previous && sameStats(previous.stats, sim.stats) ? previous.stats : { ...sim.stats },
    status: level.status,
    halt: level.halt,
    haltDetail: level.haltDetail,
    schedulerView: level.schedulerView,
    nextUp: level.nextUp,
    nodes: level.nodes,
    outputs: level.outputs,
    wires: level.wires,
    groups: level.groups,
  }
}

/** What a run and an inner run publish alike. */
type Level = Omit<InnerView, 'tick'> & { halt: StopReason | null }

/** The parts of `previous` a level's view may keep. */
type PreviousLevel = Pick<InnerView, 'nodes' | 'outputs' | 'schedulerView' | 'wires' | 'groups'>

/** One run's nodes, sinks, scheduler and group insides (recursively), reusing what `previous` had the same. */
function readLevel(sim: Simulation, previous: PreviousLevel | null, cards?: { from: number; to: number }): Level {
  // A written policy that would refuse the next step shows as stopped, with why, before anyone presses Step.
  const look = sim.peek()
  const peek = look.next
  const halt = sim.halt ?? look.halt?.reason ?? null
  const haltDetail = sim.halt ? sim.haltDetail : (look.halt?.detail ?? null)
  const schedulerView = sim.schedulerView()
  const drawn = drawnPriorities(schedulerView)
  const nodes = idRecord<NodeView>()
  const outputs = idRecord<readonly Output[]>()
  const groups = idRecord<InnerView>()
  for (let index = 0; index < sim.order.length; index++) {
    const node = sim.order[index]!
    if (node.kind === 'group') {
      const inner = sim.groups.get(node.id)
      if (inner) groups[node.id] = readInner(inner, previous?.groups[node.id] ?? null)
    }
    const kept = cards && (index < cards.from || index >= cards.to) ? previous?.nodes[node.id] : undefined
    if (kept) {
      nodes[node.id] = kept
      const keptOutputs = previous?.outputs[node.id]
      if (keptOutputs) outputs[node.id] = keptOutputs
      continue
    }
    const view = readNode(sim, node, peek, drawn)
    const old = previous?.nodes[node.id]
    nodes[node.id] = old && sameNode(old, view) ? old : view
    if (node.kind === 'sink') {
      const oldOutputs = previous?.outputs[node.id]
      const oldView = previous?.nodes[node.id]
      const list = sim.outputs.toArray(node.id)
      outputs[node.id] = oldOutputs && oldView && oldView.received === node.received && oldOutputs.length === list.length ? oldOutputs : list
    }
  }
  const status: RunStatus = halt ? 'halted' : peek === null ? 'idle' : sim.tick === 0 ? 'ready' : 'paused'
  return {
    status,
    halt,
    haltDetail,
    schedulerView: previous && sameSchedulerView(previous.schedulerView, schedulerView) ? previous.schedulerView : schedulerView,
    nextUp: peek,
    nodes: previous && sameRecord(previous.nodes, nodes) ? previous.nodes : nodes,
    outputs: previous && sameRecord(previous.outputs, outputs) ? previous.outputs : outputs,
    wires: runWires(sim, previous?.wires ?? null),
    groups: previous && sameRecord(previous.groups, groups) ? previous.groups : groups,
  }
}

/** A group's inner run as an InnerView: `previous` itself when nothing in it changed. */
function readInner(inner: Simulation, previous: InnerView | null): InnerView {
  const { halt: _halt, ...level } = readLevel(inner, previous)
  const view: InnerView = { tick: inner.tick, ...level }
  return previous && sameInner(previous, view) ? previous : view
}

/** Two inner views alike, part by part (their parts already shared where equal). */
function sameInner(a: InnerView, b: InnerView): boolean {
  return (
    a.tick === b.tick &&
    a.status === b.status &&
    a.haltDetail === b.haltDetail &&
    a.nextUp === b.nextUp &&
    a.schedulerView === b.schedulerView &&
    a.nodes === b.nodes &&
    a.outputs === b.outputs &&
    a.wires === b.wires &&
    a.groups === b.groups
  )
}

const wireKey = (e: MeshEdge) => JSON.stringify([e.source, e.port, e.target])

/** The run's wires, when code rewired them away from the document's (`previous` when it holds the same). */
function runWires(sim: Simulation, previous: readonly MeshEdge[] | null): readonly MeshEdge[] | null {
  const mesh = sim.mesh
  if (mesh === sim.document) return null
  const wires = mesh.edges
  const own = new Set(sim.document.edges.map(wireKey))
  if (wires.length === own.size && wires.every((e) => own.has(wireKey(e)))) return null
  return previous && sameWires(previous, wires) ? previous : wires
}

function sameWires(a: readonly MeshEdge[], b: readonly MeshEdge[]): boolean {
  return a.length === b.length && a.every((e, i) => wireKey(e) === wireKey(b[i]!))
}

function sameValues(a: readonly Value[], b: readonly Value[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]))
}

export function sameNode(a: NodeView, b: NodeView): boolean {
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

export function sameRecord<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>): boolean {
  const keys = Object.keys(b)
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k])
}

export function sameStats(a: RunStats, b: RunStats): boolean {
  return (Object.keys(b) as (keyof RunStats)[]).every((k) => a[k] === b[k])
}

export function sameSchedulerView(a: SchedulerView, b: SchedulerView): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** `next`, with every part equal to `previous`'s replaced by that part, so unchanged parts keep their identity. */
export function shareRun(next: RunView, previous: RunView | null): RunView {
  return { ...next, stats: previous && sameStats(previous.stats, next.stats) ? previous.stats : next.stats, ...shareLevel(next, previous) }
}

/** One level of a view from the worker shared with `previous` (which may be null), its group insides too. */
function shareLevel(next: PreviousLevel, previous: PreviousLevel | null): PreviousLevel {
  // A view from the worker came through postMessage, which gives its records Object.prototype again.
  const nodes = idRecord<NodeView>()
  for (const [id, view] of Object.entries(next.nodes)) {
    const old = previous?.nodes[id]
    nodes[id] = old && sameNode(old, view) ? old : view
  }
  const outputs = idRecord<readonly Output[]>()
  for (const [id, list] of Object.entries(next.outputs)) {
    const old = previous?.outputs[id]
    // A sink's outputs only grow (the oldest drop off past the cap): same count and length, same list.
    const same = old && previous?.nodes[id]?.received === next.nodes[id]?.received && old.length === list.length
    outputs[id] = same ? old : list
  }
  const groups = idRecord<InnerView>()
  for (const [id, inner] of Object.entries(next.groups)) {
    const old = previous?.groups[id] ?? null
    const view: InnerView = { ...inner, ...shareLevel(inner, old) }
    groups[id] = old && sameInner(old, view) ? old : view
  }
  const wires = previous && next.wires && previous.wires && sameWires(previous.wires, next.wires) ? previous.wires : next.wires
  return {
    schedulerView: previous && sameSchedulerView(previous.schedulerView, next.schedulerView) ? previous.schedulerView : next.schedulerView,
    nodes: previous && sameRecord(previous.nodes, nodes) ? previous.nodes : nodes,
    outputs: previous && sameRecord(previous.outputs, outputs) ? previous.outputs : outputs,
    wires,
    groups: previous && sameRecord(previous.groups, groups) ? previous.groups : groups,
  }
}
