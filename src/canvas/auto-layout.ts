/**
 * Auto layout with elkjs' layered algorithm, left to right, in the order the
 * items flow. elkjs is large, so it is loaded on first use and stays out of
 * the initial bundle.
 */
import { idRecord, ownValue, type MeshDocument } from '../engine'
import type { XY } from '../store/document-edits'
import type { Size } from './flow-elements'

/** A node not measured yet is laid out at this size. */
const DEFAULT_SIZE: Size = { width: 208, height: 120 }

/**
 * The nodes in the order items flow: from the nodes fed with initial inputs
 * or fed by nothing, breadth first along the wires; nodes only reachable
 * through a cycle come last. Elk keeps this order when it breaks cycles, so
 * a wire going back (recycler → start) is drawn going back.
 */
export function flowOrder(doc: MeshDocument): string[] {
  const fed = new Set(doc.edges.map((e) => e.target))
  const hasInputs = new Set(doc.inputs.filter((i) => i.values.length > 0).map((i) => i.node))
  const entries = doc.nodes.filter((n) => hasInputs.has(n.id) || !fed.has(n.id)).map((n) => n.id)
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (queue: string[]) => {
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!
      if (seen.has(id)) continue
      seen.add(id)
      order.push(id)
      for (const edge of doc.edges) if (edge.source === id && !seen.has(edge.target)) queue.push(edge.target)
    }
  }
  visit(entries)
  for (const node of doc.nodes) visit([node.id])
  return order
}

/** New positions for every node, as the layered layout places them. */
export async function autoLayout(doc: MeshDocument, sizes: Readonly<Record<string, Size>>): Promise<Record<string, XY>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  const elk = new ELK()
  const graph = await elk.layout({
    id: 'mesh',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: flowOrder(doc).map((id) => ({ id, ...(ownValue(sizes, id) ?? DEFAULT_SIZE) })),
    edges: doc.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  })
  const positions = idRecord<XY>()
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 }
  return positions
}
