/**
 * React Flow's nodes and edges, derived from the mesh document and the
 * selection. Positions live in the document; while a drag is under way the
 * canvas shows the dragged positions and commits them when it ends. Each
 * flow object is reused while its source is unchanged, so React Flow
 * re-renders only what changed.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react'

import { ownValue, type MeshDocument, type MeshEdge, type MeshNode, type NodeKind } from '../engine'
import type { XY } from '../store/document-edits'
import type { Selection } from '../store/ui-slice'

export interface MeshNodeData extends Record<string, unknown> {
  node: MeshNode
}

/** A mesh node on the canvas; its type is its kind, so each kind has its node component. */
export type MeshFlowNode = Node<MeshNodeData, NodeKind>
export type MeshFlowEdge = Edge<Record<string, never>>

export interface Size {
  width: number
  height: number
}

/** The handle every node receives items on. */
export const TARGET_HANDLE = 'in'

interface CachedNode {
  selected: boolean
  measured: Size | undefined
  position: XY
  flow: MeshFlowNode
}

const nodeCache = new WeakMap<MeshNode, CachedNode>()
const edgeCache = new WeakMap<MeshEdge, { selected: boolean; label: string; flow: MeshFlowEdge }>()

export function flowNodes(doc: MeshDocument, selection: Selection, measured: Readonly<Record<string, Size>>, dragged: Readonly<Record<string, XY>> | null): MeshFlowNode[] {
  const selected = new Set(selection.nodes)
  return doc.nodes.map((node) => {
    const isSelected = selected.has(node.id)
    const size = ownValue(measured, node.id)
    const position = ownValue(dragged, node.id) ?? node.position
    const cached = nodeCache.get(node)
    if (cached && cached.selected === isSelected && cached.measured === size && cached.position === position) return cached.flow
    const flow: MeshFlowNode = {
      id: node.id,
      type: node.kind,
      position,
      data: { node },
      selected: isSelected,
      measured: size,
      ariaLabel: `${node.label}, ${node.kind}`,
    }
    nodeCache.set(node, { selected: isSelected, measured: size, position, flow })
    return flow
  })
}

/** The id a wire the run made (not the document's) has on the canvas. */
export const RUN_WIRE_PREFIX = 'run-wire:'

/**
 * The canvas's wires: the document's, or, while a run's code nodes have
 * rewired it (`wires`), the run's — the document's that are still there,
 * and the ones the code made, marked and not selectable (they are the
 * run's, not the person's, until they keep the mesh as it is now).
 */
export function flowEdges(doc: MeshDocument, selection: Selection, wires: readonly MeshEdge[] | null = null): MeshFlowEdge[] {
  const selected = new Set(selection.edges)
  const labels = new Map(doc.nodes.map((n) => [n.id, n.label]))
  const own = (edge: MeshEdge) => {
    const isSelected = selected.has(edge.id)
    const label = `Wire from ${labels.get(edge.source) ?? edge.source}.${edge.port} to ${labels.get(edge.target) ?? edge.target}`
    const cached = edgeCache.get(edge)
    if (cached && cached.selected === isSelected && cached.label === label) return cached.flow
    const flow: MeshFlowEdge = {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.port,
      target: edge.target,
      targetHandle: TARGET_HANDLE,
      selected: isSelected,
      ariaLabel: label,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    }
    edgeCache.set(edge, { selected: isSelected, label, flow })
    return flow
  }
  if (wires === null) return doc.edges.map(own)
  const ends = (e: MeshEdge) => JSON.stringify([e.source, e.port, e.target])
  const docEdges = new Map(doc.edges.map((e) => [ends(e), e]))
  const flows: MeshFlowEdge[] = []
  const seen = new Set<string>()
  for (const wire of wires) {
    const key = ends(wire)
    // What the worker sent is checked: only wires between the document's nodes, once each.
    if (seen.has(key) || !labels.has(wire.source) || !labels.has(wire.target)) continue
    seen.add(key)
    const mine = docEdges.get(key)
    if (mine) {
      flows.push(own(mine))
      continue
    }
    flows.push({
      id: RUN_WIRE_PREFIX + key,
      source: wire.source,
      sourceHandle: wire.port,
      target: wire.target,
      targetHandle: TARGET_HANDLE,
      selectable: false,
      deletable: false,
      className: 'edge-rewired',
      ariaLabel: `Wire the run made from ${labels.get(wire.source)}.${wire.port} to ${labels.get(wire.target)}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    })
  }
  return flows
}
