/**
 * How the canvas fits a mesh in view and where the minimap goes. The fit is
 * snug, so cards are as large as the canvas allows (never above their own
 * size), and keeps a column clear for the minimap when it shows.
 */
import type { FitViewOptions } from '@xyflow/react'

/** Smaller than React Flow's default, to leave the canvas room. */
export const MINIMAP_SIZE = { width: 160, height: 110 }
/** Below this canvas width the minimap starts hidden: it would cover the cards (the toolbar still shows it). */
export const MINIMAP_MIN_CANVAS_WIDTH = 900
/** React Flow's panel margin around the minimap, and a little air beside it. */
const MINIMAP_ROOM = MINIMAP_SIZE.width + 15 + 9
/** Space left around the mesh: less than React Flow's default, for a larger mesh on a projector, with room for a wire looping back round the cards. */
const EDGE = 24

/** The fit-view options for the canvas, with room kept for the minimap when it shows. */
export function fitViewOptions(minimap: boolean): FitViewOptions {
  const right = minimap ? MINIMAP_ROOM : EDGE
  return { maxZoom: 1, padding: { top: `${EDGE}px`, bottom: `${EDGE}px`, left: `${EDGE}px`, right: `${right}px` } }
}
