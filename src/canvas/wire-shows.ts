import type { MeshState } from '../store/mesh-store'

/**
 * What a wire shows of the store, read in one selector (a big mesh has
 * hundreds of wires, and every publish runs each wire's selectors).
 * Only this wire's flow, of the outer run (an opened group's wires show
 * none of it). The publish it came with (`seq`, which restarts its token)
 * only while it carries a token: counters do not re-render on it.
 */
export function wireShows(s: MeshState, id: string) {
  const flow = s.openPath.length ? undefined : s.flow.edges[id]
  const tokens = s.flow.style === 'tokens'
  return {
    flow,
    tokens,
    seq: flow && tokens ? s.flow.seq : 0,
    duration: tokens ? s.flow.duration : 0,
    // The wire a lesson step asks to watch: drawn wide, in the ring's colour, under its tokens.
    watched: s.watch !== null && 'wire' in s.watch && s.watch.wire === id,
  }
}
