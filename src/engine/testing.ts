/** Helpers for tests: small documents. */
import { parseDocument, type MeshDocument } from './document'

export function meshDocument(json: object): MeshDocument {
  const parsed = parseDocument({ format: 'mesh-playground', version: 1, ...json })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** start → doubler → sink, with a tripler wired to the sink and nothing feeding it. */
export function chainDocument(): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'a', kind: 'start', label: 'start', position: { x: 0, y: 0 } },
      { id: 'd', kind: 'doubler', label: 'doubler', position: { x: 200, y: 0 } },
      { id: 't', kind: 'tripler', label: 'tripler', position: { x: 200, y: 150 } },
      { id: 's', kind: 'sink', label: 'sink', position: { x: 400, y: 0 } },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'd' },
      { source: 'd', port: 'target', target: 's' },
      { source: 't', port: 'target', target: 's' },
    ],
  })
}

/** Two starts passing one item back and forth, for a run as long as its budget. */
export function pingPongDocument(budget: number): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'p', kind: 'start', label: 'ping' },
      { id: 'q', kind: 'start', label: 'pong' },
    ],
    edges: [
      { source: 'p', port: 'target', target: 'q' },
      { source: 'q', port: 'target', target: 'p' },
    ],
    inputs: [{ node: 'p', values: [0] }],
    limits: { maxActivations: budget, maxQueue: 100 },
  })
}

/** A start that feeds itself twice: its queue doubles until the cap. */
export function runawayDocument(): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'r', kind: 'start', label: 'runaway' },
      { id: 'e', kind: 'start', label: 'echo' },
    ],
    edges: [
      { source: 'r', port: 'target', target: 'r' },
      { source: 'r', port: 'target', target: 'e' },
      { source: 'e', port: 'target', target: 'r' },
    ],
    inputs: [{ node: 'r', values: [0] }],
    limits: { maxActivations: 1_000_000, maxQueue: 500 },
  })
}
