/**
 * The editor: palette, canvas and inspector side by side. It knows where the
 * view's centre is, for adding nodes from the keyboard.
 */
import { useReactFlow } from '@xyflow/react'
import { lazy, Suspense, useCallback, useRef, useState } from 'react'

import { Canvas, snapped } from '../canvas/Canvas'
import { CanvasToolbar } from '../canvas/CanvasToolbar'
import { GroupBreadcrumbs } from '../canvas/GroupBreadcrumbs'
import { freeSpot } from '../canvas/free-spot'
import type { Size } from '../canvas/flow-elements'
import { Palette } from '../canvas/Palette'
import { useEditorShortcuts } from '../canvas/use-shortcuts'
import { idRecord, isNodeKind, KINDS, type NodeKind } from '../engine'
import { Inspector } from '../inspector/Inspector'
import { RunDock } from '../panels/RunDock'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown } from '../store/group-scope'

// A lesson's panel and its editor load when a lesson is first open (a demo's, a link's, a file's).
const LessonPanel = lazy(() => import('../lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })))
const LessonEditor = lazy(() => import('../lessons/LessonEditor').then((m) => ({ default: m.LessonEditor })))

/** A card's size before React Flow has measured it: about 210 by 110 px, and a line more for each port after the first. */
const cardSize = (kind: NodeKind): Size => ({ width: 210, height: 110 + 20 * Math.max(0, KINDS[kind].ports.length - 1) })

export function Workspace() {
  const api = useMeshStoreApi()
  const showInspector = useMeshStore((s) => s.panels.inspector)
  const inLesson = useMeshStore((s) => s.lesson !== null)
  const canvasRef = useRef<HTMLDivElement>(null)
  const [layingOut, setLayingOut] = useState(false)
  const { screenToFlowPosition, fitView, getNodes } = useReactFlow()
  useEditorShortcuts()

  const addAtCentre = useCallback(
    (kind: NodeKind) => {
      const rect = canvasRef.current?.getBoundingClientRect()
      const centre = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 }
      // In free space near the centre: a new card never hides one already there.
      const taken = getNodes().map((n) => {
        const guess = cardSize(isNodeKind(n.type ?? '') ? (n.type as NodeKind) : kind)
        return { ...n.position, width: n.measured?.width ?? guess.width, height: n.measured?.height ?? guess.height }
      })
      const sameKind = getNodes().filter((n) => n.type === kind && n.measured?.width && n.measured.height)
      const size = sameKind.length ? { width: Math.max(...sameKind.map((n) => n.measured!.width!)), height: Math.max(...sameKind.map((n) => n.measured!.height!)) } : cardSize(kind)
      const corner = rect ? screenToFlowPosition({ x: rect.right, y: rect.bottom }) : null
      const topLeft = rect ? screenToFlowPosition({ x: rect.left, y: rect.top }) : null
      const view = corner && topLeft ? { ...topLeft, width: corner.x - topLeft.x, height: corner.y - topLeft.y } : null
      const spot = freeSpot(centre, size, taken, view)
      api.getState().addNode(kind, snapped(spot, api.getState().snapToGrid))
      // No room left in view: show the whole mesh, the new card with it.
      if (!spot.inView) requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1, duration: 200 }))
    },
    [api, screenToFlowPosition, getNodes, fitView],
  )

  const onAutoLayout = useCallback(async () => {
    setLayingOut(true)
    try {
      const sizes = idRecord<Size>()
      for (const node of getNodes()) if (node.measured?.width && node.measured.height) sizes[node.id] = { width: node.measured.width, height: node.measured.height }
      // The layout (and elkjs behind it) loads on first use.
      const { autoLayout } = await import('../canvas/auto-layout')
      const positions = await autoLayout(selectShown(api.getState()), sizes)
      api.getState().moveNodes(positions)
      // Let React Flow take the new positions in before fitting the view to them.
      requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 }))
    } catch (e) {
      api.getState().notify({ key: 'layout', tone: 'error', text: `Auto layout failed: ${e instanceof Error ? e.message : String(e)}` })
    } finally {
      setLayingOut(false)
    }
  }, [api, fitView, getNodes])

  return (
    <div className={showInspector || inLesson ? 'workspace' : 'workspace no-inspector'}>
      <Palette onAdd={addAtCentre} />
      <section className="canvas-area" aria-label="Canvas">
        <CanvasToolbar onAutoLayout={onAutoLayout} layingOut={layingOut} />
        <GroupBreadcrumbs />
        <Canvas ref={canvasRef} />
        <RunDock />
      </section>
      {(showInspector || inLesson) && (
        <div className="side-column">
          {inLesson && (
            <Suspense
              fallback={
                <p className="lesson-loading muted" role="status">
                  Loading…
                </p>
              }
            >
              <LessonPanel />
              <LessonEditor />
            </Suspense>
          )}
          {showInspector && <Inspector />}
        </div>
      )}
    </div>
  )
}
