/**
 * The breakpoints as the Lanes view marks them. A breakpoint is a
 * condition, not a tick: a lane with one on its tasklet has the card's red
 * ring by its label (filled when that one stopped the run), a queue
 * breakpoint draws its limit across the lane's queue bars (every lane's,
 * for "any queue"), and the tick a breakpoint stopped the run at is a red
 * line across all the lanes.
 */
import type { Breakpoint, BreakpointHit } from '../../engine'

export interface LaneMark {
  /** Enabled breakpoints on this lane's tasklet. */
  breakpoints: number
  /** One of them stopped the run. */
  hit: boolean
  /** The lowest queue limit watched on this lane ("more than N items"), or null. */
  above: number | null
}

/** Each lane's marks, by lane index (undefined: none), from the enabled breakpoints. */
export function laneMarks(nodes: readonly string[], breakpoints: readonly Breakpoint[], hit: BreakpointHit | null): (LaneMark | undefined)[] {
  const marks: (LaneMark | undefined)[] = new Array<LaneMark | undefined>(nodes.length)
  const lanes = new Map<string, number>()
  nodes.forEach((id, i) => lanes.set(id, i))
  const mark = (lane: number) => (marks[lane] ??= { breakpoints: 0, hit: false, above: null })
  for (const bp of breakpoints) {
    if (!bp.enabled) continue
    const lane = bp.node === null ? undefined : lanes.get(bp.node)
    if (lane !== undefined) {
      const m = mark(lane)
      m.breakpoints++
      if (hit?.breakpoint.id === bp.id) m.hit = true
    }
    if (bp.kind !== 'queue') continue
    for (const i of lane !== undefined ? [lane] : bp.node === null ? nodes.keys() : []) {
      const m = mark(i)
      m.above = m.above === null ? bp.above : Math.min(m.above, bp.above)
    }
  }
  return marks
}
