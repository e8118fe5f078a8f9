/** The benchmark meshes of the engine issue, as documents plus inputs queued by hand. */
import { parseDocument, type MeshDocument, type Value } from '../src/engine'

export interface BenchCase {
  name: string
  document: MeshDocument
  /** Items queued on a node before the run (more than a document carries). */
  inputs: { node: string; values: Value[] }
  /** Activations the run should make. */
  activations: number
}

function documentOf(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

export function benchCases(scale = 1): BenchCase[] {
  const inputs = Math.round(100_000 * scale)
  const long = Math.round(1_000_000 * scale)
  return [
    {
      name: 'fan-out: start → doubler + tripler → sink, taskmaster flush',
      document: documentOf({
        format: 'mesh-playground',
        version: 1,
        nodes: [
          { id: 'a', kind: 'start' },
          { id: 'd', kind: 'doubler' },
          { id: 't', kind: 'tripler' },
          { id: 's', kind: 'sink' },
        ],
        edges: [
          { source: 'a', port: 'target', target: 'd' },
          { source: 'a', port: 'target', target: 't' },
          { source: 'd', port: 'target', target: 's' },
          { source: 't', port: 'target', target: 's' },
        ],
        scheduler: 'taskmaster',
        mode: 'flush',
        limits: { maxActivations: 1_000_000_000, maxQueue: 10_000_000 },
      }),
      inputs: { node: 'a', values: range(inputs) },
      activations: inputs * 5,
    },
    {
      name: 'ping-pong: two starts wired to each other, taskmaster next',
      document: documentOf({
        format: 'mesh-playground',
        version: 1,
        nodes: [
          { id: 'first', kind: 'start' },
          { id: 'second', kind: 'start' },
        ],
        edges: [
          { source: 'first', port: 'target', target: 'second' },
          { source: 'second', port: 'target', target: 'first' },
        ],
        scheduler: 'taskmaster',
        mode: 'next',
        limits: { maxActivations: long, maxQueue: 10_000_000 },
      }),
      inputs: { node: 'first', values: [1] },
      activations: long,
    },
    {
      name: 'ring of three starts at priorities 3, 1, 2, priority incremental',
      document: documentOf({
        format: 'mesh-playground',
        version: 1,
        nodes: [
          { id: 'x', kind: 'start', priority: 3 },
          { id: 'y', kind: 'start', priority: 1 },
          { id: 'z', kind: 'start', priority: 2 },
        ],
        edges: [
          { source: 'x', port: 'target', target: 'y' },
          { source: 'y', port: 'target', target: 'z' },
          { source: 'z', port: 'target', target: 'x' },
        ],
        scheduler: 'priority',
        mode: 'next',
        limits: { maxActivations: long, maxQueue: 10_000_000 },
      }),
      inputs: { node: 'x', values: range(Math.round(1000 * Math.min(1, scale * 10))) },
      activations: long,
    },
  ]
}

/** The same coroutines as the built-in kinds, written as a person would write code nodes. */
const CODE_EQUIVALENTS: Partial<Record<string, string>> = {
  start: 'function* (ports) { while (true) ports.target.send((yield) + 1) }',
  doubler: "function* (ports) { while (true) ports.target.send('2x' + (yield)) }",
  tripler: "function* (ports) { while (true) ports.target.send('3x' + (yield)) }",
  sink: 'function* (ports, params, self) { while (true) self.output(yield) }',
}

/** The mesh with every node made a code node running the same coroutine. */
export function asCodeNodes(document: MeshDocument): MeshDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      const source = CODE_EQUIVALENTS[node.kind]
      if (!source) throw new Error(`no code equivalent for ${node.kind}`)
      return { ...node, kind: 'code' as const, code: { source, ports: node.kind === 'sink' ? [] : ['target'] } }
    }),
  }
}
