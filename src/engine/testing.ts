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
