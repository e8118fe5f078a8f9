/**
 * Auto layout with elkjs' layered algorithm, left to right, in the order the
 * items flow. elkjs is large, so it is loaded on first use and stays out of
 * the initial bundle.
 */
import type { MeshDocument } from '../engine'
import type { XY } from '../store/document-edits'
import type { Size } from './flow-elements'

/** A node not measured yet is laid out at this size. */
const DEFAULT_SIZE: Size = { width: 208, height: 120 }

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
      'elk.layered.crossingMinimization.semiInteractive': 'true',
    },
    children: doc.nodes.map((node) => ({ id: node.id, ...(sizes[node.id] ?? DEFAULT_SIZE) })),
    edges: doc.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  })
  const positions: Record<string, XY> = {}
  for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 }
  return positions
}
