/**
 * Queue surgery's checks on the page: whether an edit of a tasklet's queue
 * fits the queues as the run shows them, and what it is in words. The
 * engine refuses what does not fit too (Simulation.editQueue), silently;
 * here the person is told why first.
 */
import { describeUnsendable, isSendable, type LogEntry, type QueueEdit } from '../engine'
import type { RunView } from '../engine/run-view'

/** Why `edit` of `node`'s queue cannot be done on the run as shown, or null when it can. */
export function queueEditProblem(run: RunView, node: string, edit: QueueEdit, label: (id: string) => string, maxQueue: number): string | null {
  return fitProblem(run, node, edit, label) ?? fullProblem(run, node, edit, label, maxQueue)
}

function fitProblem(run: RunView, node: string, edit: QueueEdit, label: (id: string) => string): string | null {
  const view = Object.hasOwn(run.nodes, node) ? run.nodes[node] : undefined
  if (!view) return `The mesh has no tasklet "${node.slice(0, 40)}" whose queue to edit.`
  const name = label(node)
  const size = view.queueLength
  const item = (index: number) => (Number.isSafeInteger(index) && index >= 0 && index < size ? null : `${name}'s queue has no item ${position(index)} now (it holds ${size}).`)
  switch (edit.op) {
    case 'drop':
      return item(edit.index)
    case 'set':
      return item(edit.index) ?? valueProblem(edit.value)
    case 'move':
      return item(edit.from) ?? item(edit.to) ?? (edit.from === edit.to ? `Item ${edit.from + 1} is there already.` : null)
    case 'insert':
      if (!Number.isSafeInteger(edit.index) || edit.index < 0 || edit.index > size)
        return `${name}'s queue has no position ${position(edit.index)} to put an item at (it holds ${size}).`
      return valueProblem(edit.value)
    case 'transfer': {
      const target = Object.hasOwn(run.nodes, edit.to) ? run.nodes[edit.to] : undefined
      if (!target || edit.to === node) return `Choose another tasklet to move the item to.`
      if (!Number.isSafeInteger(edit.at) || edit.at < 0 || edit.at > target.queueLength)
        return `${label(edit.to)}'s queue has no position ${position(edit.at)} (it holds ${target.queueLength}).`
      return item(edit.index)
    }
    default:
      return 'That is not an edit of a queue.'
  }
}

/** An insert or a transfer into a queue at its cap: refused, as the engine would refuse it. */
function fullProblem(run: RunView, node: string, edit: QueueEdit, label: (id: string) => string, maxQueue: number): string | null {
  const into = edit.op === 'insert' ? node : edit.op === 'transfer' ? edit.to : null
  if (into === null) return null
  const length = Object.hasOwn(run.nodes, into) ? (run.nodes[into]?.queueLength ?? 0) : 0
  return length >= maxQueue ? `${label(into)}'s queue is full (${maxQueue} items, the mesh's queue cap): nothing more fits in it.` : null
}

/** Where in `entries` the hand action at `tick` that an undo takes out is: the last action logged up to `tick`, if it was at `tick` and done to the run (not an edit of the mesh), else -1. */
export function undoableAt(entries: readonly LogEntry[], tick: number): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!
    if (entry.tick > tick || entry.action === null) continue
    if (entry.tick < tick || entry.action.type === 'update' || entry.action.type === 'fail') return -1
    return i
  }
  return -1
}

function valueProblem(value: unknown): string | null {
  return isSendable(value) ? null : `That value cannot be queued: ${describeUnsendable(value)}.`
}

function position(index: number): string {
  return Number.isSafeInteger(index) ? String(index + 1) : String(index)
}
