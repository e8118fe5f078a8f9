/**
 * What the queue series and the flow read of a run at its tick: the
 * document it follows, and each node's activations and queue length, in
 * the scheduler's order. A Simulation is one as it is; a view from the
 * sandbox worker becomes one with `sampleOfView`.
 */
import type { MeshDocument } from '../engine'
import type { RunView } from '../engine/run-view'

export interface SampleNode {
  readonly id: string
  readonly activations: number
  readonly tasklet: { readonly items: { readonly length: number } }
}

export interface RunSample {
  readonly tick: number
  readonly document: MeshDocument
  readonly order: readonly SampleNode[]
}

/** A run view (from the worker) as a sample, its nodes in the document's order. */
export function sampleOfView(view: RunView, document: MeshDocument): RunSample {
  const order = document.nodes.flatMap((n) => {
    const node = view.nodes[n.id]
    return node ? [{ id: n.id, activations: node.activations, tasklet: { items: { length: node.queueLength } } }] : []
  })
  return { tick: view.tick, document, order }
}
