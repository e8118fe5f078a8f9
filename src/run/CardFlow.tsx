/**
 * What a tick did to one node card: the item it took (a chip that fades
 * above the card, so the card keeps its size) and the ports that dropped
 * items. Each selects only its own node's part of the flow.
 */
import { useMeshStore } from '../store/context'
import './card-flow.css'

const NO_DROPS: readonly string[] = []

/** The ports this node dropped items on since the last publish ('' for items its full queue refused); undefined if none. */
export function useDroppedPorts(id: string): readonly string[] | undefined {
  return useMeshStore((s) => s.flow.drops[id])
}

export function TookChip({ id }: { id: string }) {
  const took = useMeshStore((s) => (s.flow.took?.node === id ? s.flow.took : null))
  const seq = useMeshStore((s) => (s.flow.took?.node === id ? s.flow.seq : 0))
  const overflow = (useDroppedPorts(id) ?? NO_DROPS).includes('')
  if (!took && !overflow) return null
  return (
    <span key={seq} className="mesh-took" data-overflow={overflow || undefined} aria-hidden="true">
      {overflow ? 'queue full: item lost' : `took ${took!.item.length > 14 ? `${took!.item.slice(0, 13)}…` : took!.item}`}
    </span>
  )
}
