/**
 * The inspector: the selected node in full (its settings, queue, Tasklet
 * API, wiring and coroutine), or the mesh's own settings when no node is
 * selected.
 */
import { lazy, Suspense, useEffect, useRef } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown } from '../store/group-scope'
import { MeshSettings } from './MeshSettings'
import { WatchWireButton } from './WatchButtons'
import './inspector.css'

// A node's inspector (its queue and queue surgery, code, group, wiring and coroutine) is needed only once a node is selected.
const NodeInspector = lazy(() => import('./NodeInspector').then((m) => ({ default: m.NodeInspector })))

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "3 nodes and 2 wires selected": nodes and wires counted apart. */
export function selectedText(nodes: number, edges: number): string {
  const parts = [nodes > 0 && plural(nodes, 'node', 'nodes'), edges > 0 && plural(edges, 'wire', 'wires')].filter(Boolean)
  return `${parts.join(' and ')} selected`
}

function ManySelected() {
  const api = useMeshStoreApi()
  const nodes = useMeshStore((s) => s.selection.nodes.length)
  const edges = useMeshStore((s) => s.selection.edges.length)
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        {selectedText(nodes, edges)}
      </h2>
      <p className="inspector-summary">Select one node to inspect it.</p>
      <div className="button-row">
        <button type="button" onClick={api.getState().duplicateSelection}>
          Duplicate
        </button>
        <button type="button" onClick={api.getState().deleteSelection}>
          Delete
        </button>
      </div>
    </>
  )
}

function EdgeSelected({ id }: { id: string }) {
  const api = useMeshStoreApi()
  const edge = useMeshStore((s) => selectShown(s).edges.find((e) => e.id === id))
  const nodes = useMeshStore((s) => selectShown(s).nodes)
  if (!edge) return null
  const labelOf = (nodeId: string) => nodes.find((n) => n.id === nodeId)?.label ?? nodeId
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        Wire
      </h2>
      <p className="inspector-summary">
        From {labelOf(edge.source)}.{edge.port} to {labelOf(edge.target)}. Drag either end to another node to re-wire it.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => api.getState().removeEdges([id])}>
          Delete wire
        </button>
      </div>
      <WatchWireButton from={edge.source} port={edge.port} to={edge.target} />
    </>
  )
}

/** While a node's inspector loads: its heading's place kept, so the panel does not jump. */
function InspectorLoading() {
  return (
    <p className="inspector-summary muted" role="status">
      Loading…
    </p>
  )
}

export function Inspector() {
  const panel = useRef<HTMLElement>(null)
  const selectedNode = useMeshStore((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0]! : null))
  const selectedEdge = useMeshStore((s) => (s.selection.edges.length === 1 && s.selection.nodes.length === 0 ? s.selection.edges[0]! : null))
  const count = useMeshStore((s) => s.selection.nodes.length + s.selection.edges.length)
  // A new selection is read from its top.
  useEffect(() => {
    if (panel.current) panel.current.scrollTop = 0
  }, [selectedNode, selectedEdge])
  let content = <MeshSettings />
  if (selectedNode) content = <NodeInspector key={selectedNode} id={selectedNode} />
  else if (selectedEdge) content = <EdgeSelected id={selectedEdge} />
  else if (count > 1) content = <ManySelected />
  return (
    <aside className="inspector" aria-labelledby="inspector-heading" ref={panel}>
      <Suspense fallback={<InspectorLoading />}>{content}</Suspense>
    </aside>
  )
}
