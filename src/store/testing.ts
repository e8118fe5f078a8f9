/** Helpers for tests: small documents, and localStorage in memory. */
import { parseDocument, type MeshDocument } from '../engine'

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

/** localStorage as the browser has it, in memory; `failWrites` makes it refuse like a full one. */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  failWrites = false
  get length() {
    return this.items.size
  }
  clear() {
    this.items.clear()
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new Error('QuotaExceededError')
    this.items.set(key, value)
  }
}
