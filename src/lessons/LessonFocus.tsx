/**
 * Marks the node a lesson step points at: a ring around it on the canvas,
 * with a "watch" tag, drawn in the viewport's own layer so it moves and
 * zooms with the node and never takes a click. A node out of view, or
 * partly, is brought into it (the least pan that shows it whole, or a fit
 * to it if it is larger than the canvas at this zoom).
 */
import { useInternalNode, useReactFlow, useStore, useStoreApi, ViewportPortal } from '@xyflow/react'
import { useEffect } from 'react'

import { useMeshStore } from '../store/context'
import './lessons.css'

/** Space between the node and the ring. */
const GAP = 8
/** The tag's height above the ring, in the canvas's own pixels (1.5rem in lessons.css). */
const TAG_ROOM = 24
/** Space kept between the ring and the canvas's edge when the node is brought into view, in screen pixels. */
const MARGIN = 16

/** The pan, in screen pixels, that moves [start, end] into [0, size] with a margin: none if it is there already. */
function panInto(start: number, end: number, size: number): number {
  if (start >= MARGIN && end <= size - MARGIN) return 0
  return start < MARGIN ? MARGIN - start : size - MARGIN - end
}

/** Brings node `id` into view when it becomes the watched node, is measured, or the canvas changes size. */
function useBringIntoView(id: string, width: number | undefined, height: number | undefined) {
  const flow = useStoreApi()
  const { setViewport, fitView } = useReactFlow()
  const paneWidth = useStore((s) => s.width)
  const paneHeight = useStore((s) => s.height)
  useEffect(() => {
    const node = flow.getState().nodeLookup.get(id)
    if (!node || !width || !height || !paneWidth || !paneHeight) return
    const [vx, vy, zoom] = flow.getState().transform
    const { x, y } = node.internals.positionAbsolute
    const left = vx + (x - GAP) * zoom
    const top = vy + (y - GAP - TAG_ROOM) * zoom
    const right = vx + (x + width + GAP) * zoom
    const bottom = vy + (y + height + GAP) * zoom
    if (right - left > paneWidth - 2 * MARGIN || bottom - top > paneHeight - 2 * MARGIN) {
      void fitView({ nodes: [{ id }], padding: 0.15, maxZoom: zoom, duration: 300 })
      return
    }
    const dx = panInto(left, right, paneWidth)
    const dy = panInto(top, bottom, paneHeight)
    if (dx !== 0 || dy !== 0) void setViewport({ x: vx + dx, y: vy + dy, zoom }, { duration: 300 })
  }, [flow, id, width, height, paneWidth, paneHeight, setViewport, fitView])
}

function Ring({ id }: { id: string }) {
  const node = useInternalNode(id)
  const width = node?.measured.width
  const height = node?.measured.height
  useBringIntoView(id, width, height)
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
