/**
 * Marks the node a lesson step points at: a ring around it on the canvas,
 * with a "watch" tag, drawn in the viewport's own layer so it moves and
 * zooms with the node and never takes a click.
 */
import { useInternalNode, useStore, ViewportPortal } from '@xyflow/react'

import { useMeshStore } from '../store/context'
import './lessons.css'

/** Space between the node and the ring. */
const GAP = 8
/** The tag's height above the ring, in the canvas's own pixels (1.5rem in lessons.css). */
const TAG_ROOM = 24

function Ring({ id }: { id: string }) {
  const node = useInternalNode(id)
  const width = node?.measured.width
  const height = node?.measured.height
  const top = (node?.internals.positionAbsolute.y ?? 0) - GAP
  // With no room above the ring (the node at the canvas's top edge), the tag goes below it rather than being cut off.
  const tagBelow = useStore((s) => {
    const [, y, zoom] = s.transform
    return y + (top - TAG_ROOM) * zoom < 0
  })
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
      <span className={tagBelow ? 'lesson-focus-tag lesson-focus-tag-below' : 'lesson-focus-tag'}>watch</span>
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
