/**
 * The canvas's overview: zoomed out past the point where a card's text can
 * be read (its 14 px type is under 6 px on screen), cards draw as their
 * name, state and queue length in large type; wires drop their rate labels
 * and tokens (a token would be a pixel: a wire that carried something is
 * drawn active), and the grid's dots go five times as far apart. What a
 * card no longer shows, its inspector does (a click selects it), and a zoom
 * back in shows it all again.
 *
 * Drawing less is also what lets a big mesh play at 60 ticks a second:
 * every tick repaints the cards it changes, and a card's dozens of tiny
 * lines of text cost the browser as much to lay out and rasterise as large
 * ones (npm run bench:ui, "200 nodes at 60 ticks/s").
 */
import { useStore, type ReactFlowState } from '@xyflow/react'

/** Below this zoom the canvas shows its overview. */
export const OVERVIEW_ZOOM = 0.4
/** How much farther apart the grid's dots are in the overview. */
export const OVERVIEW_GRID_STEP = 5

const selectOverview = (s: ReactFlowState) => s.transform[2] < OVERVIEW_ZOOM

/** Whether the canvas shows its overview: changes only when a zoom crosses OVERVIEW_ZOOM. */
export function useOverview(): boolean {
  return useStore(selectOverview)
}
