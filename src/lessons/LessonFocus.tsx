/**
 * Marks the node a lesson step points at: a ring around it on the canvas,
 * with a "watch" tag, drawn in the viewport's own layer so it moves and
 * zooms with the node and never takes a click.
 */
import { useInternalNode, ViewportPortal } from '@xyflow/react'

import { useMeshStore } from '../store/context'
import './lessons.css'

/** Space between the node and the ring. */
const GAP = 8

function Ring({ id }: { id: string }) {
  const node = useInternalNode(id)
  const width = node?.measured.width
  const height = node?.measured.height
  if (!node || !width || !height) return null
  const { x, y } = node.internals.positionAbsolute
  return (
    <div
      className="lesson-focus"
      data-testid="lesson-focus"
      data-node={id}
      aria-hidden="true"
      style={{ transform: `translate(${x - GAP}px, ${y - GAP}px)`, width: width + 2 * GAP, height: height + 2 * GAP }}
    >
      <span className="lesson-focus-tag">watch</span>
    </div>
  )
}

export function LessonFocus() {
  const focus = useMeshStore((s) => s.focus)
  if (!focus) return null
  return (
    <ViewportPortal>
      <Ring id={focus} />
    </ViewportPortal>
  )
}
