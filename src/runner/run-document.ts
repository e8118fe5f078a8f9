/**
 * How the editor's document and the run's agree: which edits change what
 * the running mesh does (and so reach the Timeline), which change only how
 * a run starts, and what the editor shows after going back in time.
 */
import { firstChangedPick, type MeshDocument, type MeshNode } from '../engine'

function sameRunNode(a: MeshNode, b: MeshNode): boolean {
  if (a === b) return true
  const pa = a.priority
  const pb = b.priority
  const samePriority = typeof pa === 'number' || typeof pb === 'number' ? pa === pb : pa.random[0] === pb.random[0] && pa.random[1] === pb.random[1]
  return a.id === b.id && a.kind === b.kind && a.label === b.label && a.params === b.params && a.code === b.code && samePriority && sameInside(a.group, b.group)
}

/** A group's inside as it runs: the same but for where its cards are (moving one does not change the run). */
function sameInside(a: MeshNode['group'], b: MeshNode['group']): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const running = (key: string, value: unknown) => (key === 'position' ? undefined : value)
  return JSON.stringify(a, running) === JSON.stringify(b, running)
}

/** Whether an edit changes what the running mesh does (moving a node does not). */
export function changesRun(a: MeshDocument, b: MeshDocument): boolean {
  if (a.edges !== b.edges || a.scheduler !== b.scheduler || a.mode !== b.mode || a.limits !== b.limits || a.policy !== b.policy) return true
  if (a.nodes === b.nodes) return false
  return a.nodes.length !== b.nodes.length || a.nodes.some((node, i) => !sameRunNode(node, b.nodes[i]!))
}

/**
 * Whether an edit changed the picks (scheduled by hand) and they are not
 * the run's: they reach the run as an update. The picks are not part of
 * `changesRun`: going back in time leaves the editor's picks as they are
 * (the later ones are the run's future, not another run), so the editor's
 * may be ahead of the run's without changing it.
 */
export function changesPicks(previous: MeshDocument, document: MeshDocument, run: MeshDocument): boolean {
  return previous.hand !== document.hand && firstChangedPick(run.hand?.picks ?? [], document.hand?.picks ?? []) >= 0
}

/** Whether nodes were added or deleted (not only changed). */
export function changesNodes(a: MeshDocument, b: MeshDocument): boolean {
  if (a.nodes === b.nodes) return false
  if (a.nodes.length !== b.nodes.length) return true
  const ids = new Set(a.nodes.map((n) => n.id))
  return b.nodes.some((n) => !ids.has(n.id))
}

/** Whether an edit changes only how a run starts: initial inputs and seed. */
export function changesStart(a: MeshDocument, b: MeshDocument): boolean {
  return a.seed !== b.seed || JSON.stringify(a.inputs) !== JSON.stringify(b.inputs)
}

/**
 * The document the editor shows after going back or forth in time: the
 * run's own at that tick (so what you see is what runs), with the editor's
 * node positions, title, seed and inputs, which do not change a run, and
 * its picks, whose later ones are where the run goes on to.
 */
export function documentAtTick(run: MeshDocument, editor: MeshDocument): MeshDocument {
  if (!changesRun(run, editor)) return editor
  const positions = new Map(editor.nodes.map((n) => [n.id, n.position]))
  const ids = new Set(run.nodes.map((n) => n.id))
  return {
    ...run,
    ...(editor.hand ? { hand: editor.hand } : {}),
    title: editor.title,
    seed: editor.seed,
    inputs: editor.inputs.filter((input) => ids.has(input.node)),
    nodes: run.nodes.map((n) => {
      const position = positions.get(n.id)
      return position && position !== n.position ? { ...n, position } : n
    }),
  }
}
