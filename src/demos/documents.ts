/**
 * The demos' documents: the `*.mesh.json` files (which `npm run simulate`
 * runs too), read through parseDocument, and the edited versions a lesson
 * switches to, checked the same way.
 */
import { parseDocument, type MeshDocument, type MeshNode } from '../engine'

/** Reads a built-in document; a bad one is a bug, so it throws. */
export function demoDocument(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(`a built-in demo document is not valid:\n${parsed.errors.join('\n')}`)
  return parsed.document
}

/** The document with one node changed (its kind, say: the seed's `task.set(tripler, …)`). */
export function withNode(doc: MeshDocument, id: string, change: Partial<Omit<MeshNode, 'id'>>): MeshDocument {
  return demoDocument({ ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, ...change } : n)) })
}

/** The document with a port's wires replaced by one to `target` (the seed's `task.rescope(new_sink())`). */
export function rewired(doc: MeshDocument, source: string, port: string, target: string): MeshDocument {
  const edges = doc.edges.filter((e) => !(e.source === source && e.port === port)).map(({ source, port, target }) => ({ source, port, target }))
  return demoDocument({ ...doc, edges: [...edges, { source, port, target }] })
}
