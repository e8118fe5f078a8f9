/**
 * A wire on the canvas, showing what it carries: at slow speeds each item
 * sent travels it as a token (or, with reduced motion, shows at its middle);
 * at high speeds a counter of items a second and a stroke weight instead.
 * It selects only its own flow, so a tick re-renders only the wires it used.
 */
import { BaseEdge, getBezierPath, useStore, type EdgeProps } from '@xyflow/react'
import { memo, useLayoutEffect, useMemo, useRef } from 'react'

import type { MeshFlowEdge } from './flow-elements'
import type { EdgeFlow } from '../runner/flow'
import { useReducedMotion } from '../ui/use-reduced-motion'
import { LitWire } from './LineageMarks'
import { useOverview } from './overview'
import { goesBack, loopPath, type Box } from './wire-path'
import { useWireShows } from './wire-shows'
import './edge.css'

/** Longest value a token shows; the rest is cut with an ellipsis. */
const TOKEN_TEXT = 12

function tokenText(flow: EdgeFlow): string {
  const first = flow.values[0] ?? ''
  const text = first.length > TOKEN_TEXT ? `${first.slice(0, TOKEN_TEXT - 1)}…` : first
  return flow.count > 1 ? `${text} +${flow.count - 1}` : text
}

function Token({ path, duration, text }: { path: string; duration: number; text: string }) {
  const motion = useRef<SVGAnimateMotionElement>(null)
  // Started by hand: an animation added to a running SVG would otherwise count from the page's start.
  useLayoutEffect(() => {
    motion.current?.beginElement()
  }, [])
  return (
    <g className="edge-token" style={{ animationDuration: `${duration}ms` }} aria-hidden="true">
      <circle r={5.5} />
      <text y={-9} textAnchor="middle">
        {text}
      </text>
      <animateMotion ref={motion} begin="indefinite" dur={`${duration}ms`} path={path} fill="freeze" calcMode="spline" keyTimes="0;1" keySplines="0.4 0 0.2 1" />
    </g>
  )
}

/** The cards a loop must pass round: every node as React Flow has placed and measured it. */
function cardBoxes(nodes: readonly { position: { x: number; y: number }; measured?: { width?: number; height?: number } }[]): Box[] {
  return nodes.map((node) => ({ x: node.position.x, y: node.position.y, width: node.measured?.width ?? 0, height: node.measured?.height ?? 0 }))
}

function RunEdgeView(props: EdgeProps<MeshFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth } = props
  const back = goesBack(sourceX, targetX)
  // Only a wire going back follows the cards (they change on a move or a measure, not on a tick).
  const nodes = useStore((s) => (back ? s.nodes : null))
  const [path, labelX, labelY] = useMemo(
    () => (nodes ? loopPath(sourceX, sourceY, targetX, targetY, cardBoxes(nodes)) : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })),
    [nodes, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition],
  )
  const { flow, tokens, seq, duration, watched } = useWireShows(id)
  const reduced = useReducedMotion()
  const weight = flow && flow.level > 0 && !tokens ? { ...style, strokeWidth: 2 + flow.level * 1.25 } : style
  const carrying = flow !== undefined && flow.count > 0 && tokens
  // Zoomed out to the overview a wire's label and token cannot be seen (a token is a pixel):
  // its weight tells the rate, and a wire that carried something this tick is drawn active.
  const overview = useOverview()
  const label = overview ? null : carrying && reduced ? tokenText(flow) : flow && !tokens && flow.rate !== null ? `${flow.rate}/s` : null
  return (
    <>
      {watched && <path className="lesson-watched-wire" d={path} data-testid="lesson-watched-wire" data-edge={id} aria-hidden="true" />}
      <LitWire id={id} path={path} x={labelX} y={labelY} part="under" />
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={weight} interactionWidth={interactionWidth} className={flow ? 'run-edge is-active' : 'run-edge'} />
      {carrying && !reduced && !overview && <Token key={seq} path={path} duration={duration} text={tokenText(flow)} />}
      <LitWire id={id} path={path} x={labelX} y={labelY} part="over" />
      {/* SVG text, not React Flow's HTML label layer, whose every instance queries the DOM on each canvas update. */}
      {label !== null && (
        <text className="edge-flow-label" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="central" aria-hidden="true">
          {label}
        </text>
      )}
    </>
  )
}

/** Every wire's component (React Flow's default edge type), at module scope. */
export const RunEdge = memo(RunEdgeView)
export const EDGE_TYPES = { default: RunEdge }
