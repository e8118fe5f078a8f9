/**
 * An opened group: the canvas shows and edits a group's inside in place of
 * the outer mesh. The open path names the groups from the outer mesh in
 * (`['g', 'h']`: group `h` inside group `g`). Every edit of the document
 * (document-edits.ts, code-edits.ts) works on the inside unchanged: the
 * inside is read as a document of its own (`scopeDocument`), the edit is
 * made to it, and `liftEdit` writes what changed back into the whole
 * document, so each is one undoable edit of the whole document.
 */
import {
  idRecord,
  MAX_GROUP_DEPTH,
  MAX_NODES,
  everyNode,
  ownValue,
  type GroupInside,
  type MeshDocument,
  type MeshEdge,
  type MeshNode,
  type Output,
  type SchedulerView,
} from '../engine'
import type { InnerView, NodeView, RunView } from '../engine/run-view'
import { PORT_NAME } from './code-edits'

/** The outer mesh: no group open. */
export const OUTER: readonly string[] = Object.freeze([])

/** The group node `id` of a mesh's own nodes, if there is one. */
function groupNode(nodes: readonly MeshNode[], id: string): MeshNode | undefined {
  return nodes.find((n) => n.id === id && n.kind === 'group')
}

/** The longest start of `path` that still names groups inside groups of `doc` (the outer mesh when its first group is gone). */
export function validPath(doc: MeshDocument, path: readonly string[]): readonly string[] {
  let nodes: readonly MeshNode[] = doc.nodes
  for (let depth = 0; depth < path.length; depth++) {
    const node = groupNode(nodes, path[depth]!)
    if (!node) return depth === 0 ? OUTER : path.slice(0, depth)
    nodes = node.group?.nodes ?? []
  }
  return path
}

/** The group nodes along the path, outermost first (as far as the path holds). */
export function groupsAlong(doc: MeshDocument, path: readonly string[]): MeshNode[] {
  const out: MeshNode[] = []
  let nodes: readonly MeshNode[] = doc.nodes
  for (const id of path) {
    const node = groupNode(nodes, id)
    if (!node) break
    out.push(node)
    nodes = node.group?.nodes ?? []
  }
  return out
}

const EMPTY_INSIDE: GroupInside = Object.freeze({ nodes: [], edges: [], inputs: [], scheduler: 'taskmaster', mode: 'flush', call: 'flush', outputs: [] }) as GroupInside

/** Inside documents made so far, by inside: the same inside reads as the same document (so the canvas's selectors keep their identity). */
const insideDocuments = new WeakMap<GroupInside, MeshDocument>()

/**
 * A group's inside as a document of its own: its nodes, wires, inputs,
 * scheduler and mode. Only those are the inside's: the title, seed, limits
 * and the like are the outer document's as they were when the inside was
 * first read (edits do not use them).
 */
export function insideDocument(inside: GroupInside, outer: MeshDocument): MeshDocument {
  let doc = insideDocuments.get(inside)
  if (!doc) {
    const { policy: _policy, hand: _hand, ...rest } = outer
    doc = { ...rest, title: '', nodes: inside.nodes, edges: inside.edges, inputs: inside.inputs, scheduler: inside.scheduler, mode: inside.mode }
    insideDocuments.set(inside, doc)
  }
  return doc
}

/** The document the canvas shows at `path`: the outer one, or the inside of the group the path opens (as far as it holds). */
export function scopeDocument(doc: MeshDocument, path: readonly string[]): MeshDocument {
  let scope = doc
  for (const node of groupsAlong(doc, path)) scope = insideDocument(node.group ?? EMPTY_INSIDE, scope)
  return scope
}

/** How deep groups nest in these nodes (0: no group). */
function depthOf(nodes: readonly MeshNode[]): number {
  let deepest = 0
  for (const node of nodes) if (node.group) deepest = Math.max(deepest, 1 + depthOf(node.group.nodes))
  return deepest
}

/** An inside after an edit of it: what it marks as input and outputs follows the nodes that are still there. */
function writeBack(inside: GroupInside, edited: MeshDocument): GroupInside {
  const ids = new Set(edited.nodes.map((n) => n.id))
  const next: GroupInside = { ...inside, nodes: edited.nodes, edges: edited.edges, inputs: edited.inputs }
  if (next.input !== undefined && !ids.has(next.input)) delete next.input
  const outputs = inside.outputs.filter((o) => ids.has(o.node))
  if (outputs.length !== inside.outputs.length) next.outputs = outputs
  return next
}

/** The wires of a mesh with those from a group's ports that are gone cut. */
function keepPortWires(edges: MeshEdge[], group: MeshNode): MeshEdge[] {
  const ports = new Set(group.group?.outputs.map((o) => o.port) ?? [])
  const kept = edges.filter((e) => e.source !== group.id || ports.has(e.port))
  return kept.length === edges.length ? edges : kept
}

/** Replaces group node `id` of `doc` by `next`, its wires from ports it no longer has cut. */
export function replaceGroup(doc: MeshDocument, id: string, next: MeshNode): MeshDocument {
  const nodes = doc.nodes.map((n) => (n.id === id && n.kind === 'group' ? next : n))
  return { ...doc, nodes, edges: keepPortWires(doc.edges, next) }
}

/**
 * Makes `change` (an edit of a document) at the level `path` opens: to the
 * whole document when the path is empty, else to the inside of the group
 * it names, written back into every group along the path. The same
 * document when the edit changes nothing, when the path no longer holds, or
 * when the result would break the document's rules for groups (more than
 * MAX_NODES nodes at all levels together, groups more than MAX_GROUP_DEPTH
 * deep).
 */
export function liftEdit(doc: MeshDocument, path: readonly string[], change: (scope: MeshDocument) => MeshDocument): MeshDocument {
  if (path.length === 0) return change(doc)
  const next = lift(doc, path, change)
  if (next === doc) return doc
  return depthOf(next.nodes) > MAX_GROUP_DEPTH || everyNode(next.nodes).length > MAX_NODES ? doc : next
}

function lift(doc: MeshDocument, path: readonly string[], change: (scope: MeshDocument) => MeshDocument): MeshDocument {
  if (path.length === 0) return change(doc)
  const id = path[0]!
  const node = groupNode(doc.nodes, id)
  if (!node) return doc
  const inside = node.group ?? EMPTY_INSIDE
  const before = insideDocument(inside, doc)
  const after = lift(before, path.slice(1), change)
  return after === before ? doc : replaceGroup(doc, id, { ...node, group: writeBack(inside, after) })
}

/** `liftEdit` for an edit that also answers something (the id of a node it added, say): null when nothing was changed. */
export function liftEditWith<T>(
  doc: MeshDocument,
  path: readonly string[],
  change: (scope: MeshDocument) => { document: MeshDocument; result: T },
): { document: MeshDocument; result: T | null } {
  let result: T | null = null
  const document = liftEdit(doc, path, (scope) => {
    const made = change(scope)
    result = made.result
    return made.document
  })
  return { document, result: document === doc ? null : result }
}

/** What can be set of a group's inside from its inspector. */
export type GroupSettings = Partial<Pick<GroupInside, 'scheduler' | 'mode' | 'call' | 'outputs'>> & { input?: string | null }

/** Why a group's output ports cannot be these, or null when they can. */
export function outputsProblem(inside: GroupInside, outputs: GroupInside['outputs']): string | null {
  if (outputs.length > 8) return 'a group has at most 8 ports'
  const ports = new Set<string>()
  for (const { port, node } of outputs) {
    if (!PORT_NAME.test(port)) return `"${port}": a port name is letters, digits, _ or $ (at most 32), not starting with a digit`
    if (ports.has(port)) return `there is already a port "${port}"`
    if (!inside.nodes.some((n) => n.id === node)) return `there is no node "${node}" inside`
    ports.add(port)
  }
  return null
}

/** Sets a group node's inside's scheduler, mode, call, input node (null: none) or ports; a port that goes takes its wires with it. */
export function setGroup(doc: MeshDocument, id: string, settings: GroupSettings): MeshDocument {
  const node = groupNode(doc.nodes, id)
  if (!node) return doc
  const inside = node.group ?? EMPTY_INSIDE
  const next: GroupInside = { ...inside }
  let changed = false
  for (const key of ['scheduler', 'mode', 'call'] as const) {
    const value = settings[key]
    if (value !== undefined && value !== inside[key]) {
      Object.assign(next, { [key]: value })
      changed = true
    }
  }
  if (settings.input !== undefined && settings.input !== (inside.input ?? null)) {
    if (settings.input === null) delete next.input
    else if (inside.nodes.some((n) => n.id === settings.input)) next.input = settings.input
    else return doc
    changed = true
  }
  if (settings.outputs && JSON.stringify(settings.outputs) !== JSON.stringify(inside.outputs)) {
    if (outputsProblem(inside, settings.outputs)) return doc
    next.outputs = settings.outputs.map((o) => ({ port: o.port, node: o.node }))
    changed = true
  }
  return changed ? replaceGroup(doc, id, { ...node, group: next }) : doc
}

/** What an opened group's inside shows before its inner run exists (a group whose inside could not start). */
export const NOT_STARTED: InnerView = Object.freeze({
  tick: 0,
  status: 'ready',
  haltDetail: null,
  schedulerView: { kind: 'taskmaster', mode: 'flush', round: 0, position: null, worked: false } satisfies SchedulerView,
  nextUp: null,
  nodes: Object.freeze(idRecord<NodeView>()),
  outputs: Object.freeze(idRecord<readonly Output[]>()),
  wires: null,
  groups: Object.freeze(idRecord<InnerView>()),
}) as InnerView

/** The run of the mesh shown at `path`: the outer run's view, or the open group's inside's (NOT_STARTED while there is none). */
export function scopeRun(run: RunView, path: readonly string[]): RunView | InnerView {
  let view: RunView | InnerView = run
  for (const id of path) view = ownValue(view.groups, id) ?? NOT_STARTED
  return view
}

/** The store's selectors of the mesh shown: its document and its run. */
export const selectShown = (s: { document: MeshDocument; openPath: readonly string[] }): MeshDocument => scopeDocument(s.document, s.openPath)
export const selectShownRun = (s: { run: RunView; openPath: readonly string[] }): RunView | InnerView => scopeRun(s.run, s.openPath)
