/**
 * The inspector: the selected node in full (its settings, queue, Tasklet
 * API, wiring and coroutine), or the mesh's own settings when no node is
 * selected.
 */
import { useEffect, useRef } from 'react'

import { KINDS } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown } from '../store/group-scope'
import { GroupSettings } from './GroupSettings'
import { CodeSection } from './code/CodeSection'
import { CoroutineSource } from './CoroutineSource'
import { MeshSettings } from './MeshSettings'
import { NodeSettings } from './NodeSettings'
import { QueueStory } from './QueueStory'
import { QueueView } from './QueueView'
import { TaskletActions } from './TaskletActions'
import { WatchQueueButton, WatchWireButton } from './WatchButtons'
import { WiringForm } from './WiringForm'
import './inspector.css'

function NodeInspector({ id }: { id: string }) {
  const node = useMeshStore((s) => selectShown(s).nodes.find((n) => n.id === id))
  // The Tasklet API acts on the outer run's tasklets: an opened group's inside is run by its group.
  const inside = useMeshStore((s) => s.openPath.length > 0)
  if (!node) return null
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        {node.label} <span className="inspector-kind">{node.kind}</span>
      </h2>
      <p className="inspector-summary">{KINDS[node.kind].summary}</p>
      {node.kind === 'code' && <CodeSection node={node} />}
      <NodeSettings node={node} />
      <QueueView id={id} />
      <WatchQueueButton node={id} />
      <QueueStory id={id} />
      {node.kind === 'group' && <GroupSettings node={node} />}
      {inside ? (
        <p className="inspector-summary muted">Inside a group its tasklets are run by the group&rsquo;s own scheduler: send, next and flush act on the outer mesh&rsquo;s tasklets.</p>
      ) : (
        <TaskletActions id={id} label={node.label} />
      )}
      <WiringForm node={node} />
      {node.kind !== 'code' && <CoroutineSource kind={node.kind} />}
    </>
  )
}

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
      {content}
    </aside>
  )
}
