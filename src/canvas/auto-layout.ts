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
 * The nodes in the order items flow. The wires' cycles (start → branch →
 * recycler → start, a self-loop) are taken as units: a cycle is entered
 * where items first reach it (a node with initial inputs, a wire from
 * before it, else a start, else the node sending most), and comes after
 * every node that feeds it, so a node nothing leaves (the sink) comes after
 * the cycles that feed it. Elk keeps this order when it breaks cycles, so a
 * wire going back (recycler → start) is drawn going back, and the document's
 * own order (which a re-wire or a saved file may shuffle) does not matter.
 */
export function flowOrder(doc: MeshDocument): string[] {
  const ids = doc.nodes.map((n) => n.id)
  const next = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const edge of doc.edges) next.get(edge.source)?.push(edge.target)
  const component = cycles(ids, next)
  const hasInputs = new Set(doc.inputs.filter((i) => i.values.length > 0).map((i) => i.node))
  const kind = new Map(doc.nodes.map((n) => [n.id, n.kind]))
  // Per cycle (component), its nodes, and how many wires reach it from other components.
  const members = new Map<number, string[]>()
  const waiting = new Map<number, number>()
  for (const id of ids) {
    const c = component.get(id)!
    members.set(c, [...(members.get(c) ?? []), id])
    for (const to of next.get(id)!) if (component.get(to) !== c) waiting.set(component.get(to)!, (waiting.get(component.get(to)!) ?? 0) + 1)
  }
  const order: string[] = []
  const placed = new Set<string>()
  const fedFrom = new Map<string, number>()
  // Components nothing feeds (those with initial inputs, then single nodes, then closed cycles); then each as the last wire into it is placed.
  const rank = (c: number) => {
    const nodes = members.get(c)!
    return nodes.some((id) => hasInputs.has(id)) ? 0 : nodes.length === 1 && !next.get(nodes[0]!)!.includes(nodes[0]!) ? 1 : 2
  }
  const ready = [...members.keys()].filter((c) => !waiting.has(c)).sort((a, b) => rank(a) - rank(b))
  for (let i = 0; i < ready.length; i++) {
    const c = ready[i]!
    const nodes = members.get(c)!
    const score = (id: string) =>
      (hasInputs.has(id) ? 8 : 0) + (fedFrom.has(id) ? 4 : 0) + (kind.get(id) === 'start' ? 2 : 0) + next.get(id)!.filter((to) => component.get(to) === c).length / (nodes.length + 1)
    const entry = nodes.reduce((best, id) => (score(id) > score(best) ? id : best))
    // Breadth first along the wires, inside the component.
    const queue = [entry]
    for (let j = 0; j < queue.length; j++) {
      const id = queue[j]!
      if (placed.has(id)) continue
      placed.add(id)
      order.push(id)
      for (const to of next.get(id)!) {
        if (component.get(to) === c) queue.push(to)
        else {
          fedFrom.set(to, (fedFrom.get(to) ?? 0) + 1)
          const left = waiting.get(component.get(to)!)! - 1
          waiting.set(component.get(to)!, left)
          if (left === 0) ready.push(component.get(to)!)
        }
      }
    }
  }
  return order
}

/** Each node's strongly connected component (its cycle, or itself), numbered; Tarjan's algorithm, without recursion. */
function cycles(ids: readonly string[], next: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const component = new Map<string, number>()
  let counter = 0
  let components = 0
  for (const root of ids) {
    if (index.has(root)) continue
    const frames: { id: string; edge: number }[] = [{ id: root, edge: 0 }]
    index.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!
      const targets = next.get(frame.id)!
      if (frame.edge < targets.length) {
        const to = targets[frame.edge++]!
        if (!index.has(to)) {
          index.set(to, counter)
          low.set(to, counter++)
          stack.push(to)
          onStack.add(to)
          frames.push({ id: to, edge: 0 })
        } else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!))
        continue
      }
      frames.pop()
      const parent = frames[frames.length - 1]
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!))
      if (low.get(frame.id) === index.get(frame.id)) {
        const c = components++
        let id: string
        do {
          id = stack.pop()!
          onStack.delete(id)
          component.set(id, c)
        } while (id !== frame.id)
      }
    }
  }
  return component
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
