/**
 * A mesh node on the canvas: its label, kind, ports, queue, priority and
 * state, as the run publishes them. Every kind uses this component, told
 * apart by `data-kind`; it shows what the store holds and computes nothing
 * of the run itself.
 */
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react'
import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

import { portsOf, pyStr, type MeshNode } from '../engine'
import { useQueueEditable } from '../inspector/queue-editable'
import { formatValue } from '../inspector/values-text'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShownRun } from '../store/group-scope'
import { BreakpointMark, TookChip, useDroppedPorts } from './CardFlow'
import { HandPick } from './HandPick'
import { LineageBadge } from './LineageMarks'
import { useOverview } from './overview'
import { priorityText, type NodeView } from '../engine/run-view'
import { TARGET_HANDLE, type MeshFlowNode } from './flow-elements'

/** How many of a sink's latest values it shows. */
const SINK_SHOWN = 4
/** How many queued items it shows, the head first. */
const QUEUE_SHOWN = 5

export function stateText(view: NodeView): string {
  if (view.state === 'error') return 'error'
  if (view.state === 'closed') return 'closed'
  if (view.state === 'active') return view.nextUp ? 'active, next up' : 'active'
  return view.nextUp ? 'next up' : 'idle'
}

function NodeLabel({ id, label }: { id: string; label: string }) {
  const api = useMeshStoreApi()
  const [draft, setDraft] = useState<string | null>(null)
  const readOnly = useMeshStore((s) => s.readOnly)
  if (draft === null) {
    if (readOnly) return <span className="mesh-node-label">{label}</span>
    return (
      <span className="mesh-node-label" title="Double-click to rename" onDoubleClick={() => setDraft(label)}>
        {label}
      </span>
    )
  }
  const commit = () => {
    api.getState().setLabel(id, draft)
    setDraft(null)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit()
    else if (event.key === 'Escape') setDraft(null)
  }
  return (
    <input
      className="mesh-node-label-input nodrag"
      aria-label={`Label of ${label}`}
      value={draft}
      maxLength={80}
      autoFocus
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  )
}

function QueueBadge({ id, view }: { id: string; view: NodeView }) {
  const shown = view.head.slice(0, QUEUE_SHOWN)
  // While paused, a chip drops its item (its × or Delete on it): the inspector has the rest of queue surgery.
  const editable = useQueueEditable()
  const api = useMeshStoreApi()
  const drop = (index: number) => api.getState().editQueue(id, { op: 'drop', index })
  return (
    <div className="mesh-queue">
      <span className="mesh-queue-count" data-empty={view.queueLength === 0}>
        queue {view.queueLength}
      </span>
      {view.queueLength > 0 && (
        <ol className="mesh-queue-items">
          {shown.map((item, i) => {
            // An item is cut short to fit the card: its full text shows on hover (and is read out in full).
            const text = formatValue(item)
            const title = i === 0 ? `${text}, next: the item next() takes` : text
            if (!editable)
              return (
                <li key={i} className={i === 0 ? 'is-head' : undefined} title={title}>
                  {text}
                </li>
              )
            return (
              <li
                key={i}
                className={i === 0 ? 'is-head is-editable nodrag' : 'is-editable nodrag'}
                title={`${title} (Delete drops it)`}
                tabIndex={0}
                onKeyDown={(event) => {
                  if (event.key !== 'Delete' && event.key !== 'Backspace') return
                  event.preventDefault()
                  event.stopPropagation()
                  drop(i)
                }}
              >
                <span className="mesh-queue-text">{text}</span>
                {/* Its × is drawn by CSS, so the chip's text is the item's alone, as a reader or a test finds it. */}
                <button
                  type="button"
                  className="mesh-queue-drop nodrag"
                  aria-label={`Drop item ${i + 1} (${text}) from the queue`}
                  tabIndex={-1}
                  onClick={(event) => {
                    event.stopPropagation()
                    drop(i)
                  }}
                />
              </li>
            )
          })}
          {view.queueLength > shown.length && <li className="is-more">+{view.queueLength - shown.length}</li>}
        </ol>
      )}
    </div>
  )
}

function SinkOutputs({ id, received }: { id: string; received: number }) {
  const outputs = useMeshStore((s) => selectShownRun(s).outputs[id])
  const latest = outputs?.slice(-SINK_SHOWN) ?? []
  return (
    <div className="mesh-sink">
      <span className="mesh-sink-count">received {received}</span>
      {latest.length > 0 && (
        <ol className="mesh-sink-values">
          {latest.map((output) => {
            const text = pyStr(output.value)
            return (
              <li key={output.tick} title={text}>
                {text}
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}

/** The group's way in: its inside opens on the canvas in place of the mesh it sits in. */
function OpenGroup({ id, label, inside }: { id: string; label: string; inside: number }) {
  const api = useMeshStoreApi()
  return (
    <button type="button" className="mesh-open-group nodrag" aria-label={`Open group ${label}`} onClick={() => api.getState().openGroup(id)}>
      Open group · {inside} {inside === 1 ? 'node' : 'nodes'} inside
    </button>
  )
}

/**
 * What every card is, whole or in the overview: its box, told apart by kind
 * and state for the styles, its breakpoint and story marks and the handle
 * wires come in by; `lead` goes first (the whole card's took chip).
 */
function CardFrame({
  id,
  kind,
  view,
  selected,
  dropped,
  overview = false,
  lead,
  isConnectable,
  children,
}: {
  id: string
  kind: MeshNode['kind']
  view: NodeView | undefined
  selected: boolean
  dropped: boolean
  overview?: boolean
  lead?: ReactNode
  isConnectable: boolean
  children: ReactNode
}) {
  return (
    <div
      className={`mesh-node${overview ? ' is-overview' : ''}${selected ? ' is-selected' : ''}`}
      data-kind={kind}
      data-state={view?.state ?? 'idle'}
      data-next={view?.nextUp ? 'true' : undefined}
      data-dropped={dropped ? 'true' : undefined}
      data-testid={`node-${id}`}
    >
      {lead}
      <BreakpointMark id={id} />
      <LineageBadge id={id} />
      <Handle type="target" position={Position.Left} id={TARGET_HANDLE} className="mesh-handle mesh-handle-in" isConnectable={isConnectable} isConnectableEnd={isConnectable} />
      {children}
    </div>
  )
}

/**
 * The card zoomed out (./overview.ts): its name, state and queue length in
 * type large enough to read there, its breakpoint and story marks, and its
 * handles down its sides so the wires keep their ends.
 */
function OverviewCard({
  id,
  node,
  view,
  selected,
  dropped,
  ports,
  isConnectable,
}: {
  id: string
  node: MeshNode
  view: NodeView | undefined
  selected: boolean
  dropped: boolean
  ports: readonly string[]
  isConnectable: boolean
}) {
  const queued = view?.queueLength ?? 0
  return (
    <CardFrame id={id} kind={node.kind} view={view} selected={selected} dropped={dropped} overview isConnectable={isConnectable}>
      <span className="mesh-node-label mesh-overview-label" title={node.label}>
        {node.label}
      </span>
      <span className="mesh-overview-queue" data-empty={queued === 0 || undefined}>
        {view ? `${queued} queued` : node.kind}
      </span>
      {ports.map((port, i) => (
        <Handle
          key={port}
          type="source"
          position={Position.Right}
          id={port}
          className="mesh-handle"
          style={{ top: `${((i + 1) / (ports.length + 1)) * 100}%` }}
          isConnectable={isConnectable}
          isConnectableStart={isConnectable}
        />
      ))}
    </CardFrame>
  )
}

function MeshNodeCardView({ id, data, selected, isConnectable }: NodeProps<MeshFlowNode>) {
  const node = data.node
  const view = useMeshStore((s) => selectShownRun(s).nodes[id])
  const dropped = useDroppedPorts(id)
  const ports = portsOf(node)
  const portKey = ports.join(' ')
  const updateNodeInternals = useUpdateNodeInternals()
  // A code node's ports come and go: React Flow must measure its handles again.
  // Not on mount: React Flow measures a new node itself, and a call per node would cost O(n²) on a big mesh.
  const measuredPorts = useRef(portKey)
  useEffect(() => {
    if (measuredPorts.current === portKey) return
    measuredPorts.current = portKey
    updateNodeInternals(id)
  }, [id, portKey, updateNodeInternals])
  const overview = useOverview()
  if (overview) return <OverviewCard id={id} node={node} view={view} selected={selected} dropped={dropped !== undefined} ports={ports} isConnectable={isConnectable} />
  return (
    <CardFrame id={id} kind={node.kind} view={view} selected={selected} dropped={dropped !== undefined} lead={<TookChip id={id} />} isConnectable={isConnectable}>
      <div className="mesh-node-head">
        <HandPick id={id} label={node.label} queued={view?.queueLength ?? 0} />
        <NodeLabel key={node.label} id={id} label={node.label} />
        {view && <span className="mesh-node-state">{stateText(view)}</span>}
      </div>
      <div className="mesh-node-meta">
        <span className="mesh-node-kind">{node.kind}</span>
        <span>
          priority {priorityText(node.priority)}
          {view?.drawn !== null && view?.drawn !== undefined && typeof node.priority !== 'number' ? ` (drew ${view.drawn})` : ''}
        </span>
      </div>
      {view && <QueueBadge id={id} view={view} />}
      {node.kind === 'sink' && <SinkOutputs id={id} received={view?.received ?? 0} />}
      {view?.error && <p className="mesh-node-error">{view.error}</p>}
      {node.kind === 'group' && <OpenGroup id={id} label={node.label} inside={node.group?.nodes.length ?? 0} />}
      {ports.length > 0 && (
        <ul className="mesh-ports">
          {ports.map((port) => (
            <li key={port} className="mesh-port" data-dropped={dropped?.includes(port) ? 'true' : undefined}>
              {port}
              <Handle type="source" position={Position.Right} id={port} className="mesh-handle" isConnectable={isConnectable} isConnectableStart={isConnectable} />
            </li>
          ))}
        </ul>
      )}
    </CardFrame>
  )
}

/** The node component of every kind: re-renders when its document node, selection or run view changes. */
export const MeshNodeCard = memo(MeshNodeCardView)
