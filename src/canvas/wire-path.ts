/**
 * The shape of a wire. A wire forward (its target's input to the right of
 * its port) is React Flow's bezier. A wire going back (recycler → start, the
 * circle of Part 3) or a self-loop would cut straight back across the cards,
 * hidden under them; it is drawn as a loop instead: out to the right, round
 * the cards it spans (below them, or above when that is shorter) and into
 * its target from the left, as a forward wire enters.
 */

/** A card's box on the canvas, in the canvas's own coordinates. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** How far left of its port a target's input may be and the wire still be drawn forward (a card just beside another). */
const BACK_ROOM = 40
/** How far a loop runs out of its port and into its input before it turns. */
const STUB = 20
/** The loop's distance from the cards it passes. */
const CLEARANCE = 20
/** The loop's corner radius. */
const RADIUS = 12

/** Whether a wire from a port at x `sourceX` to an input at x `targetX` goes back (a self-loop does). */
export function goesBack(sourceX: number, targetX: number): boolean {
  return targetX < sourceX - BACK_ROOM
}

/**
 * The loop of a wire going back, as an SVG path with the point its label
 * sits at: `[path, labelX, labelY]`, as React Flow's path helpers return.
 * `cards` are every card on the canvas; the loop passes those between its
 * ends, the wire's own two included.
 */
export function loopPath(sourceX: number, sourceY: number, targetX: number, targetY: number, cards: readonly Box[]): [string, number, number] {
  const right = sourceX + STUB
  const left = targetX - STUB
  let bottom = Math.max(sourceY, targetY)
  let top = Math.min(sourceY, targetY)
  for (const card of cards) {
    if (card.x >= right || card.x + card.width <= left) continue
    bottom = Math.max(bottom, card.y + card.height)
    top = Math.min(top, card.y)
  }
  bottom += CLEARANCE
  top -= CLEARANCE
  const below = 2 * bottom - sourceY - targetY <= sourceY + targetY - 2 * top
  const lane = below ? bottom : top
  const down = below ? 1 : -1
  const r = Math.min(RADIUS, Math.abs(lane - sourceY) / 2, Math.abs(lane - targetY) / 2, (right - left) / 2)
  const path = [
    `M ${sourceX},${sourceY}`,
    `L ${right - r},${sourceY}`,
    `Q ${right},${sourceY} ${right},${sourceY + down * r}`,
    `L ${right},${lane - down * r}`,
    `Q ${right},${lane} ${right - r},${lane}`,
    `L ${left + r},${lane}`,
    `Q ${left},${lane} ${left},${lane - down * r}`,
    `L ${left},${targetY + down * r}`,
    `Q ${left},${targetY} ${left + r},${targetY}`,
    `L ${targetX},${targetY}`,
  ].join(' ')
  return [path, (left + right) / 2, lane]
}
