/**
 * The mesh on a React Flow canvas. Nodes and edges are derived from the
 * document; React Flow's changes come back as store actions: wiring,
 * re-wiring, moving, selecting and deleting.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  useUpdateNodeInternals,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type NodeMouseHandler,
  type NodeTypes,
  type OnDelete,
} from '@xyflow/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type Ref } from 'react'

import { idRecord, isNodeKind, NODE_KINDS } from '../engine'
import { EDGE_TYPES } from './RunEdge'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown, selectShownRun } from '../store/group-scope'
import { wireProblem, type XY } from '../store/document-edits'
import { canPick } from '../store/presenter-slice'
import { fitViewOptions, MINIMAP_MIN_CANVAS_WIDTH, MINIMAP_SIZE } from './fit-view'
import { flowEdges, flowNodes, type MeshFlowEdge, type MeshFlowNode, type Size } from './flow-elements'
import { otherTake } from './HandPick'
import { MeshNodeCard } from './MeshNodeCard'
import { OVERVIEW_GRID_STEP, useOverview } from './overview'
import './canvas.css'

/** Every kind's node type is the same card, told apart by kind; at module scope, as React Flow asks. */
const nodeTypes: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, MeshNodeCard]))

/** The drag-and-drop data type a palette item carries. */
export const KIND_MIME = 'application/x-mesh-kind'
export const GRID: [number, number] = [20, 20]
/** A dropped node is centred on the pointer (about half a node's size). */
const DROP_OFFSET: XY = { x: 104, y: 48 }
const DELETE_KEYS = ['Delete', 'Backspace']
/** Above this many nodes only those in view are rendered (it costs more than it saves on small meshes). */
const VISIBLE_ONLY_ABOVE = 300

/** A position on the grid, when snapping is on. */
export function snapped(at: XY, snap: boolean): XY {
  return snap ? { x: Math.round(at.x / GRID[0]) * GRID[0], y: Math.round(at.y / GRID[1]) * GRID[1] } : at
}

/** What a click on a card does not pick with, while the person is the scheduler: its controls and its name (a double click renames it). */
const NOT_A_PICK = 'button, input, textarea, select, a, .react-flow__handle, .mesh-node-label'

/**
 * The canvas's grid, its dots farther apart in the overview (at 0.2 zoom a
 * 20-unit grid is a 4 px haze that costs more to rasterise than the cards).
 */
function Grid() {
  const step = useOverview() ? OVERVIEW_GRID_STEP : 1
  return <Background variant={BackgroundVariant.Dots} gap={GRID[0] * step} size={1.5 * step} />
}

/**
 * Has React Flow measure every card again when a zoom crosses into or out of
 * the overview: the card changed its shape and its handles moved. One call
 * for them all (a call per card would cost O(n²)).
 */
function MeasureOnOverview() {
  const overview = useOverview()
  const updateNodeInternals = useUpdateNodeInternals()
  const flow = useStoreApi()
  const was = useRef(overview)
  useEffect(() => {
    if (was.current === overview) return
    was.current = overview
    updateNodeInternals([...flow.getState().nodeLookup.keys()])
  }, [overview, updateNodeInternals, flow])
  return null
}

/** The minimap, shown on a canvas wide enough for it unless the person chose otherwise with the toolbar. */
function RoomyMinimap() {
  const api = useMeshStoreApi()
  const shown = useMeshStore((s) => s.panels.minimap)
  const canvasWidth = useStore((s) => s.width)
  useLayoutEffect(() => {
    // Zero until React Flow has measured the canvas.
    if (canvasWidth > 0) api.getState().fitPanelToRoom('minimap', canvasWidth >= MINIMAP_MIN_CANVAS_WIDTH)
  }, [api, canvasWidth])
  return shown ? <MiniMap position="bottom-right" pannable zoomable ariaLabel="Minimap of the mesh" style={MINIMAP_SIZE} /> : null
}

const wireOf = (c: Connection) => ({ source: c.source, port: c.sourceHandle ?? '', target: c.target })

/** `chrome`: the zoom buttons and the minimap (presenter mode shows the mesh alone). */
export function Canvas({ ref, chrome = true }: { ref?: Ref<HTMLDivElement>; chrome?: boolean }) {
  const api = useMeshStoreApi()
  // The mesh shown: the outer one, or the inside of the group opened (see group-scope.ts).
  const document = useMeshStore(selectShown)
  const openPath = useMeshStore((s) => s.openPath)
  const selection = useMeshStore((s) => s.selection)
  const predicting = useMeshStore((s) => s.predicting)
  const snapToGrid = useMeshStore((s) => s.snapToGrid)
  const showMinimap = useMeshStore((s) => s.panels.minimap)
  // Embedded: the mesh runs and can be looked around, but not edited.
  const readOnly = useMeshStore((s) => s.readOnly)
  // View state of the canvas alone: node sizes as React Flow measured them, and positions while a drag is under way.
  const [measured, setMeasured] = useState(() => idRecord<Size>())
  const [dragged, setDragged] = useState<Record<string, XY> | null>(null)
  // Fit the mesh in view when the page opens on one; an empty canvas keeps its place as nodes arrive.
  const [fitOnLoad] = useState(() => api.getState().document.nodes.length > 0)
  const { screenToFlowPosition, fitView } = useReactFlow()
  // Going into a group or out of one shows the whole of what is shown now.
  const pathKey = openPath.join('\u0000')
  const shownPath = useRef(pathKey)
  useEffect(() => {
    if (shownPath.current === pathKey) return
    shownPath.current = pathKey
    setMeasured(idRecord<Size>())
    requestAnimationFrame(() => void fitView(fitViewOptions(api.getState().panels.minimap)))
  }, [api, fitView, pathKey])

  const nodes = useMemo(() => flowNodes(document, selection, measured, dragged), [document, selection, measured, dragged])
  // While code nodes have rewired the run, the canvas shows the run's wires (the document keeps the person's).
  const runWires = useMeshStore((s) => selectShownRun(s).wires)
  const edges = useMemo(() => flowEdges(document, selection, runWires), [document, selection, runWires])

  const onNodesChange = useCallback(
    (changes: NodeChange<MeshFlowNode>[]) => {
      const sizes = idRecord<Size>()
      const moving = idRecord<XY>()
      const moved = idRecord<XY>()
      const selects = []
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions
        else if (change.type === 'position' && change.position) (change.dragging ? moving : moved)[change.id] = change.position
        else if (change.type === 'select') selects.push({ kind: 'node' as const, id: change.id, selected: change.selected })
      }
      if (Object.keys(sizes).length) setMeasured((old) => Object.assign(idRecord<Size>(), old, sizes))
      if (Object.keys(moving).length) setDragged((old) => Object.assign(idRecord<XY>(), old, moving))
      if (Object.keys(moved).length) {
        // A drag ends (or arrow keys move nodes): one undoable move.
        api.getState().moveNodes(moved)
        setDragged(null)
      }
      if (selects.length) api.getState().changeSelection(selects)
    },
    [api],
  )

  const onEdgesChange = useCallback(
    (changes: EdgeChange<MeshFlowEdge>[]) => {
      const selects = changes.flatMap((c) => (c.type === 'select' ? [{ kind: 'edge' as const, id: c.id, selected: c.selected }] : []))
      if (selects.length) api.getState().changeSelection(selects)
    },
    [api],
  )

  const onDelete: OnDelete<MeshFlowNode, MeshFlowEdge> = useCallback(
    ({ nodes: gone, edges: cut }) =>
      api.getState().removeElements(
        gone.map((n) => n.id),
        cut.map((e) => e.id),
      ),
    [api],
  )

  // You are the scheduler: a click on a card picks it (Shift: the other of one item and its whole queue).
  const onNodeClick: NodeMouseHandler<MeshFlowNode> = useCallback(
    (event, node) => {
      const state = api.getState()
      // A lesson question asks which tasklet runs next: the click is the learner's prediction.
      if (state.predicting) return state.predictCard(node.id)
      if (state.document.scheduler !== 'hand' || !canPick(state)) return
      if (event.target instanceof Element && event.target.closest(NOT_A_PICK)) return
      state.pickTasklet(node.id, event.shiftKey ? otherTake(state.handTake) : state.handTake)
    },
    [api],
  )

  // A double click on a group card opens it (not on its name, which renames it, nor on its controls).
  const onNodeDoubleClick: NodeMouseHandler<MeshFlowNode> = useCallback(
    (event, node) => {
      if (node.data.node.kind !== 'group') return
      if (event.target instanceof Element && event.target.closest(NOT_A_PICK)) return
      api.getState().openGroup(node.id)
    },
    [api],
  )

  // Enter on a focused group card opens it, as a double click does.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Enter' || !(event.target instanceof Element) || !event.target.classList.contains('react-flow__node')) return
      const id = event.target.getAttribute('data-id')
      const state = api.getState()
      if (id === null || selectShown(state).nodes.find((n) => n.id === id)?.kind !== 'group') return
      event.preventDefault()
      state.openGroup(id)
    },
    [api],
  )

  const onConnect = useCallback((connection: Connection) => void api.getState().connect(wireOf(connection)), [api])
  const onReconnect = useCallback((old: MeshFlowEdge, connection: Connection) => api.getState().reconnect(old.id, wireOf(connection)), [api])
  const isValidConnection: IsValidConnection<MeshFlowEdge> = useCallback(
    (c) => Boolean(c.sourceHandle) && wireProblem(selectShown(api.getState()), { source: c.source, port: c.sourceHandle ?? '', target: c.target }) === null,
    [api],
  )

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_MIME)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_MIME)
      if (!isNodeKind(kind)) return
      event.preventDefault()
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY })
      api.getState().addNode(kind, snapped({ x: at.x - DROP_OFFSET.x, y: at.y - DROP_OFFSET.y }, api.getState().snapToGrid))
    },
    [api, screenToFlowPosition],
  )

  return (
    <div className="mesh-canvas" ref={ref} data-predicting={predicting || undefined} onKeyDown={onKeyDown}>
      <ReactFlow<MeshFlowNode, MeshFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onConnect={readOnly ? undefined : onConnect}
        onReconnect={readOnly ? undefined : onReconnect}
        isValidConnection={isValidConnection}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        elementsSelectable={!readOnly}
        snapToGrid={snapToGrid}
        snapGrid={GRID}
        colorMode="system"
        fitView={fitOnLoad}
        fitViewOptions={fitViewOptions(showMinimap)}
        minZoom={0.2}
        onlyRenderVisibleElements={document.nodes.length > VISIBLE_ONLY_ABOVE}
        defaultEdgeOptions={{ interactionWidth: 24 }}
        aria-label="Mesh canvas"
      >
        <Grid />
        <MeasureOnOverview />
        {chrome && <Controls showInteractive={false} position="bottom-left" />}
        {chrome && <RoomyMinimap />}
      </ReactFlow>
    </div>
  )
}
