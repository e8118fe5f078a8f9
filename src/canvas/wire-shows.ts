import { useRef } from 'react'

import type { EdgeFlow } from '../runner/flow'
import { useMeshStore } from '../store/context'
import type { MeshState } from '../store/mesh-store'

export interface WireShows {
  flow: EdgeFlow | undefined
  tokens: boolean
  seq: number
  duration: number
  watched: boolean
}

/**
 * What a wire shows of the store, read in one selector (a big mesh has
 * hundreds of wires, and every publish runs each wire's selectors).
 * Only this wire's flow, of the outer run (an opened group's wires show
 * none of it). The publish it came with (`seq`, which restarts its token)
 * only while it carries a token: counters do not re-render on it.
 */
export function wireShows(s: MeshState, id: string): WireShows {
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

const sameShows = (a: WireShows, b: WireShows) => a.flow === b.flow && a.tokens === b.tokens && a.seq === b.seq && a.duration === b.duration && a.watched === b.watched

/**
 * What wire `id` shows, re-rendering it only when that changes: the last
 * answer is kept while the next equals it, field by field (zustand's
 * useShallow builds two Maps per wire and publish to find the same).
 */
export function useWireShows(id: string): WireShows {
  const last = useRef<WireShows | null>(null)
  return useMeshStore((s) => {
    const next = wireShows(s, id)
    if (last.current && sameShows(last.current, next)) return last.current
    return (last.current = next)
  })
}
