/**
 * Generated meshes for the UI benchmark, as mesh documents (JSON objects,
 * checked by parseDocument before use): a ring of starts that keeps items
 * going round for ever, and a big grid for load and pan times.
 */
import { parseDocument, type MeshDocument } from '../../src/engine'

function checked(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const grid = (i: number, columns: number) => ({ x: (i % columns) * 280, y: Math.floor(i / columns) * 170 })

/**
 * `count` starts in a ring, one item on every `every`-th: each activation
 * passes an item on, so the run never ends (but for its budget).
 */
export function ringMesh(count: number, { every = 10, budget = 1_000_000_000 } = {}): MeshDocument {
  const columns = Math.ceil(Math.sqrt(count * 2))
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'start', label: `start ${i}`, position: grid(i, columns) }))
  const edges = nodes.map((node, i) => ({ source: node.id, port: 'target', target: nodes[(i + 1) % count]!.id }))
  const inputs = nodes.filter((_, i) => i % every === 0).map((node) => ({ node: node.id, values: [0] }))
  return checked({
    format: 'mesh-playground',
    version: 1,
    title: `A ring of ${count} starts`,
    nodes,
    edges,
    inputs,
    scheduler: 'taskmaster',
    mode: 'next',
    limits: { maxActivations: budget, maxQueue: 10_000 },
  })
}

/** `count` nodes on a grid, each wired to the next, plus wires to random others until there are `wires`. */
export function bigMesh(count: number, wires: number): MeshDocument {
  const columns = 40
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: i % 7 === 3 ? 'doubler' : 'start', label: `node ${i}`, position: grid(i, columns) }))
  const seen = new Set<string>()
  const edges: { source: string; port: string; target: string }[] = []
  const wire = (a: number, b: number) => {
    const key = `${a}>${b}`
    if (a === b || seen.has(key)) return
    seen.add(key)
    edges.push({ source: `n${a}`, port: 'target', target: `n${b}` })
  }
  for (let i = 0; i + 1 < count; i++) wire(i, i + 1)
  // A fixed sequence, so every run of the benchmark loads the same mesh.
  let state = 12345
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31)
  while (edges.length < wires) {
    const a = next() % count
    wire(a, (a + 1 + (next() % 80)) % count)
  }
  return checked({
    format: 'mesh-playground',
    version: 1,
    title: `${count} nodes and ${wires} wires`,
    nodes,
    edges,
    inputs: [{ node: 'n0', values: [1, 2, 3] }],
    scheduler: 'taskmaster',
    mode: 'flush',
  })
}

/**
 * A ring of `count` starts with one item going round, its first start wired
 * to a sink too (a port sends to every wire on it): a sink output every
 * round, and every output's chain goes back round the ring to the one
 * initial input, until the budget of activations ends the run.
 */
export function ringWithSink(count: number, budget: number): MeshDocument {
  const columns = Math.ceil(Math.sqrt(count * 2))
  const nodes: object[] = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'start', label: `start ${i}`, position: grid(i, columns) }))
  nodes.push({ id: 'out', kind: 'sink', label: 'sink', position: { x: columns * 280, y: 0 } })
  const edges = Array.from({ length: count }, (_, i) => ({ source: `n${i}`, port: 'target', target: `n${(i + 1) % count}` }))
  edges.push({ source: 'n0', port: 'target', target: 'out' })
  return checked({
    format: 'mesh-playground',
    version: 1,
    title: `A ring of ${count} starts and a sink`,
    nodes,
    edges,
    inputs: [{ node: 'n0', values: [0] }],
    scheduler: 'taskmaster',
    mode: 'next',
    limits: { maxActivations: budget, maxQueue: 10_000 },
  })
}
