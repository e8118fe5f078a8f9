/**
 * Where a node added from the palette goes: the free place nearest the
 * view's centre, so a new card never lands on (or hides the name of) one
 * already there.
 */
import type { XY } from '../store/document-edits'
import type { Size } from './flow-elements'

export interface Box extends XY, Size {}

/** Room kept free around every card. */
const GAP = 24
/** How many rings of places around the centre are tried before giving up on the centre itself. */
const RINGS = 40

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
}

const inside = (box: Box, view: Box) => box.x >= view.x && box.y >= view.y && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height

/**
 * The top-left corner for a card of `size` nearest to having its centre at
 * `centre`, where it overlaps no card in `taken` (with a gap around each);
 * a place wholly inside `view` (what the canvas shows) first, when there is one.
 * Places are tried on a grid of a quarter of a card, nearest first.
 * `inView` says whether the place is wholly in `view`.
 * @example freeSpot({ x: 0, y: 0 }, { width: 200, height: 100 }, []) // { x: -100, y: -50, inView: true }
 */
export function freeSpot(centre: XY, size: Size, taken: readonly Box[], view: Box | null = null, gap = GAP): XY & { inView: boolean } {
  const origin = { x: centre.x - size.width / 2, y: centre.y - size.height / 2 }
  const stepX = (size.width + gap) / 4
  const stepY = (size.height + gap) / 4
  const places: { x: number; y: number; distance: number }[] = []
  for (let i = -RINGS; i <= RINGS; i++) {
    for (let j = -RINGS; j <= RINGS; j++) {
      const x = origin.x + i * stepX
      const y = origin.y + j * stepY
      places.push({ x, y, distance: Math.hypot(i * stepX, j * stepY) })
    }
  }
  places.sort((a, b) => a.distance - b.distance)
  let outside: XY | null = null
  for (const place of places) {
    const box = { x: place.x, y: place.y, ...size }
    if (taken.some((other) => overlaps(box, other, gap))) continue
    if (!view || inside(box, view)) return { x: place.x, y: place.y, inView: true }
    outside ??= { x: place.x, y: place.y }
  }
  return { ...(outside ?? origin), inView: false }
}
