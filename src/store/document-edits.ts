/**
 * Edits of a mesh document as pure functions: each takes a document and
 * returns a new one (or the same one when the edit changes nothing), sharing
 * every node and edge it did not touch. The store's document slice calls
 * these; tests call them directly.
 */
import { CODE_TEMPLATE, KINDS, MAX_INPUTS, MAX_NODES, ownValue, portsOf, type MeshDocument, type MeshEdge, type MeshNode, type NodeKind, type Priority, type Value } from '../engine'

export interface XY {
  x: number
  y: number
}

/** One wire from a node's output port to another node. */
export interface Wire {
  source: string
  port: string
  target: string
}

/** Nodes copied with the wires between them and their initial inputs. */
export interface Fragment {
  nodes: MeshNode[]
  edges: MeshEdge[]
  inputs: MeshDocument['inputs']
}

const MAX_LABEL = 80
const PRIORITY_LIMIT = 1_000_000
/** How far a node added on top of another is moved, so both stay visible. */
const CASCADE = 40

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function freshName(taken: ReadonlySet<string>, base: string, separator = '-'): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}${separator}${n}`)) return `${base}${separator}${n}`
}

function edgeId(taken: ReadonlySet<string>, wire: Wire): string {
  return freshName(taken, `${wire.source}.${wire.port}-${wire.target}`, '#')
}

function freePosition(doc: MeshDocument, at: XY): XY {
  let { x, y } = at
  while (doc.nodes.some((n) => Math.abs(n.position.x - x) < 4 && Math.abs(n.position.y - y) < 4)) {
    x += CASCADE
    y += CASCADE
  }
  return { x, y }
}

export function addNode(doc: MeshDocument, kind: NodeKind, at: XY): { document: MeshDocument; id: string | null } {
  if (doc.nodes.length >= MAX_NODES) return { document: doc, id: null }
  const id = freshName(new Set(doc.nodes.map((n) => n.id)), kind)
  const label = freshName(new Set(doc.nodes.map((n) => n.label)), kind, ' ')
  const params: Record<string, Value> = {}
  for (const param of KINDS[kind].params) params[param.name] = param.default
  const node: MeshNode = { id, kind, label, params, priority: 0, position: freePosition(doc, roundXY(at)) }
  if (kind === 'code') node.code = { source: CODE_TEMPLATE, ports: ['out'] }
  // An empty inside, to open and fill in place (docs/mesh-format.md, "The group node").
  if (kind === 'group') node.group = { nodes: [], edges: [], inputs: [], scheduler: 'taskmaster', mode: 'flush', call: 'flush', outputs: [] }
  return { document: { ...doc, nodes: [...doc.nodes, node] }, id }
}

function roundXY(at: XY): XY {
  return { x: Math.round(at.x), y: Math.round(at.y) }
}

export function moveNodes(doc: MeshDocument, moves: Readonly<Record<string, XY>>): MeshDocument {
  let changed = false
  const nodes = doc.nodes.map((node) => {
    const to = ownValue(moves, node.id)
    if (!to || !Number.isFinite(to.x) || !Number.isFinite(to.y)) return node
    const position = roundXY(to)
    if (position.x === node.position.x && position.y === node.position.y) return node
    changed = true
    return { ...node, position }
  })
  return changed ? { ...doc, nodes } : doc
}

/** Removes nodes with every wire to or from them and their initial inputs. */
export function removeNodes(doc: MeshDocument, ids: Iterable<string>): MeshDocument {
  const gone = new Set(ids)
  if (!doc.nodes.some((n) => gone.has(n.id))) return doc
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges: keepEdges(doc.edges, (e) => !gone.has(e.source) && !gone.has(e.target)),
    inputs: doc.inputs.filter((input) => !gone.has(input.node)),
  }
}

function keepEdges(edges: MeshEdge[], keep: (edge: MeshEdge) => boolean): MeshEdge[] {
  const kept = edges.filter(keep)
  return kept.length === edges.length ? edges : kept
}

/** Why a wire cannot be made, or null when it can. */
export function wireProblem(doc: MeshDocument, wire: Wire, ignoreEdge?: string): string | null {
  const source = doc.nodes.find((n) => n.id === wire.source)
  if (!source) return 'its source node is gone'
  if (!portsOf(source).includes(wire.port)) return `${source.kind} has no port "${wire.port}"`
  if (!doc.nodes.some((n) => n.id === wire.target)) return 'its target node is gone'
  const same = doc.edges.some((e) => e.id !== ignoreEdge && e.source === wire.source && e.port === wire.port && e.target === wire.target)
  return same ? 'that wire is already there' : null
}

/** Wires a port to a node; a port wired to several nodes sends to each, in the order they were wired. */
export function connect(doc: MeshDocument, wire: Wire): { document: MeshDocument; id: string | null } {
  if (wireProblem(doc, wire)) return { document: doc, id: null }
  const id = edgeId(new Set(doc.edges.map((e) => e.id)), wire)
  const edge: MeshEdge = { id, source: wire.source, port: wire.port, target: wire.target }
  return { document: { ...doc, edges: [...doc.edges, edge] }, id }
}

/**
 * Makes the run's wires (as its code nodes rewired them) the document's:
 * the document's wires that are still there keep their ids and order, the
 * ones the code cut go, the ones it made are added (only between nodes and
 * ports the document has).
 */
export function keepRunWires(doc: MeshDocument, wires: readonly Wire[]): MeshDocument {
  const ends = (w: Wire) => JSON.stringify([w.source, w.port, w.target])
  const run = new Set(wires.map(ends))
  const kept = doc.edges.filter((e) => run.has(ends(e)))
  let next: MeshDocument = kept.length === doc.edges.length ? doc : { ...doc, edges: kept }
  for (const wire of wires) next = connect(next, { source: wire.source, port: wire.port, target: wire.target }).document
  return next
}

/** Moves a wire's ends; it keeps its place in the sending order. */
export function reconnect(doc: MeshDocument, id: string, wire: Wire): MeshDocument {
  const index = doc.edges.findIndex((e) => e.id === id)
  if (index < 0 || wireProblem(doc, wire, id)) return doc
  const old = doc.edges[index]!
  if (old.source === wire.source && old.port === wire.port && old.target === wire.target) return doc
  const taken = new Set(doc.edges.filter((e) => e.id !== id).map((e) => e.id))
  const edges = [...doc.edges]
  edges[index] = { id: edgeId(taken, wire), source: wire.source, port: wire.port, target: wire.target }
  return { ...doc, edges }
}

export function removeEdges(doc: MeshDocument, ids: Iterable<string>): MeshDocument {
  const gone = new Set(ids)
  const edges = keepEdges(doc.edges, (e) => !gone.has(e.id))
  return edges === doc.edges ? doc : { ...doc, edges }
}

function updateNode(doc: MeshDocument, id: string, update: (node: MeshNode) => MeshNode): MeshDocument {
  let changed = false
  const nodes = doc.nodes.map((node) => {
    if (node.id !== id) return node
    const next = update(node)
    if (next !== node) changed = true
    return next
  })
  return changed ? { ...doc, nodes } : doc
}

export function setLabel(doc: MeshDocument, id: string, label: string): MeshDocument {
  return updateNode(doc, id, (node) => {
    const text = label.trim().slice(0, MAX_LABEL) || node.kind
    return text === node.label ? node : { ...node, label: text }
  })
}

export function setParam(doc: MeshDocument, id: string, name: string, value: Value): MeshDocument {
  return updateNode(doc, id, (node) => {
    if (!KINDS[node.kind].params.some((p) => p.name === name) || node.params[name] === value) return node
    return { ...node, params: { ...node.params, [name]: value } }
  })
}

function clampPriority(n: number): number {
  return Math.max(-PRIORITY_LIMIT, Math.min(PRIORITY_LIMIT, Math.round(Number.isFinite(n) ? n : 0)))
}

/** A whole-number priority, or a random range with lo ≤ hi. */
export function normalPriority(priority: Priority): Priority {
  if (typeof priority === 'number') return clampPriority(priority)
  const lo = clampPriority(priority.random[0])
  const hi = clampPriority(priority.random[1])
  return { random: [Math.min(lo, hi), Math.max(lo, hi)] }
}

function samePriority(a: Priority, b: Priority): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b
  return a.random[0] === b.random[0] && a.random[1] === b.random[1]
}

export function setPriority(doc: MeshDocument, id: string, priority: Priority): MeshDocument {
  const next = normalPriority(priority)
  return updateNode(doc, id, (node) => (samePriority(node.priority, next) ? node : { ...node, priority: next }))
}

/** The values queued on a node when a run starts; an empty list removes the entry. */
export function setInputs(doc: MeshDocument, node: string, values: readonly Value[]): MeshDocument {
  if (!doc.nodes.some((n) => n.id === node)) return doc
  const index = doc.inputs.findIndex((input) => input.node === node)
  const old = index < 0 ? [] : doc.inputs[index]!.values
  if (old.length === values.length && old.every((v, i) => v === values[i])) return doc
  const others = doc.inputs.reduce((n, input) => n + (input.node === node ? 0 : input.values.length), 0)
  const kept = values.slice(0, Math.max(0, MAX_INPUTS - others))
  const inputs = doc.inputs.filter((input) => input.node !== node)
  if (kept.length) inputs.splice(index < 0 ? inputs.length : index, 0, { node, values: kept })
  return { ...doc, inputs }
}

const NO_VALUES: readonly Value[] = Object.freeze([])

/** A node's initial inputs (the same empty list for every node without any, so selectors stay stable). */
export function inputsOf(doc: MeshDocument, node: string): readonly Value[] {
  return doc.inputs.find((input) => input.node === node)?.values ?? NO_VALUES
}

/** The chosen nodes, the wires among them and their inputs, for copy and duplicate. */
export function copyFragment(doc: MeshDocument, ids: Iterable<string>): Fragment | null {
  const chosen = new Set(ids)
  const nodes = doc.nodes.filter((n) => chosen.has(n.id))
  if (!nodes.length) return null
  return {
    nodes,
    edges: doc.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
    inputs: doc.inputs.filter((input) => chosen.has(input.node)),
  }
}

/** Adds a copy of a fragment, moved by `offset`, with fresh ids and labels; returns the new node ids. */
export function pasteFragment(doc: MeshDocument, fragment: Fragment, offset: XY): { document: MeshDocument; ids: string[] } {
  const room = MAX_NODES - doc.nodes.length
  if (room < fragment.nodes.length) return { document: doc, ids: [] }
  const ids = new Set(doc.nodes.map((n) => n.id))
  const labels = new Set(doc.nodes.map((n) => n.label))
  const renamed = new Map<string, string>()
  const nodes = fragment.nodes.map((node) => {
    const id = freshName(ids, node.id.replace(/-\d+$/, ''))
    const label = freshName(labels, node.label.replace(/ \d+$/, ''), ' ')
    ids.add(id)
    labels.add(label)
    renamed.set(node.id, id)
    return { ...node, id, label, position: roundXY({ x: node.position.x + offset.x, y: node.position.y + offset.y }) }
  })
  let next: MeshDocument = { ...doc, nodes: [...doc.nodes, ...nodes] }
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source)
    const target = renamed.get(edge.target)
    if (source && target) next = connect(next, { source, port: edge.port, target }).document
  }
  for (const input of fragment.inputs) {
    const node = renamed.get(input.node)
    if (node) next = setInputs(next, node, input.values)
  }
  return { document: next, ids: nodes.map((n) => n.id) }
}

/**
 * Moves a node to place `to` (from 0, clamped) in the mesh's order, which is
 * the scheduler's order: the taskmaster's round, the policy's list and the
 * hand scheduler's fallback all follow `document.nodes`. Wires, inputs and
 * ids are untouched, so a run takes the new order as an update from its next
 * decision.
 */
export function moveNodeInOrder(doc: MeshDocument, id: string, to: number): MeshDocument {
  const from = doc.nodes.findIndex((n) => n.id === id)
  if (from < 0 || !Number.isFinite(to)) return doc
  const place = Math.max(0, Math.min(doc.nodes.length - 1, Math.trunc(to)))
  if (place === from) return doc
  const nodes = [...doc.nodes]
  const [node] = nodes.splice(from, 1)
  nodes.splice(place, 0, node!)
  return { ...doc, nodes }
}
