/**
 * What a tick did to one node card: the item it took (a chip that fades
 * above the card, so the card keeps its size) and the ports that dropped
 * items; and the breakpoints set on it. Each selects only its own node's
 * part of the store.
 */
import { useMeshStore } from '../store/context'
import './card-flow.css'

const NO_DROPS: readonly string[] = []

/** The ports this node dropped items on since the last publish ('' for items its full queue refused); undefined if none. */
export function useDroppedPorts(id: string): readonly string[] | undefined {
  // The outer run's flow: an opened group's cards (whose ids are the inside's own) show none of it.
  return useMeshStore((s) => (s.openPath.length ? undefined : s.flow.drops[id]))
}

export function TookChip({ id }: { id: string }) {
  const took = useMeshStore((s) => (s.flow.took?.node === id && !s.openPath.length ? s.flow.took : null))
  const seq = useMeshStore((s) => (s.flow.took?.node === id && !s.openPath.length ? s.flow.seq : 0))
  const overflow = (useDroppedPorts(id) ?? NO_DROPS).includes('')
  if (!took && !overflow) return null
  return (
    <span key={seq} className="mesh-took" data-overflow={overflow || undefined} aria-hidden="true">
      {overflow ? 'queue full: item lost' : `took ${took!.item.length > 14 ? `${took!.item.slice(0, 13)}…` : took!.item}`}
    </span>
  )
}

/** A red mark on the card's corner, as a debugger marks a line, for the enabled breakpoints on this node (filled when one stopped the run). */
export function BreakpointMark({ id }: { id: string }) {
  // Breakpoints are on the outer mesh's nodes.
  const count = useMeshStore((s) => (s.openPath.length ? 0 : s.breakpoints.reduce((n, b) => (b.enabled && b.node === id ? n + 1 : n), 0)))
  const hit = useMeshStore((s) => s.breakpointHit?.breakpoint.node === id && !s.openPath.length)
  if (count === 0) return null
  const text = `${count === 1 ? 'A breakpoint' : `${count} breakpoints`} on this node${hit ? '; one stopped the run here' : ''}`
  return <span className="mesh-breakpoint" data-hit={hit || undefined} role="img" aria-label={text} title={text} />
}
