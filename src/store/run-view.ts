/**
 * What the run slice publishes: plain data read from the engine after each
 * change, with structural sharing. A node's view object is reused when
 * nothing in it changed, so a component that selects `run.nodes[id]`
 * re-renders only when that node did.
 */
import type { Output, Timeline } from '../engine'
import { drawnPriorities, HEAD_ITEMS, priorityText, readNode, sameNode, sameRecord, sameSchedulerView, sameStats, type NodeView, type RunStatus, type RunView } from './published-run'

// The published shapes are shared with the code sandbox, whose worker reads its own Timeline (published-run.ts).
export { HEAD_ITEMS, priorityText }
export type { NodeState, NodeView, RunStatus, RunView } from './published-run'

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
