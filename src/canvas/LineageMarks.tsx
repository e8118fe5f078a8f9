/**
 * A story's path on the canvas (the store's `lineageShown`, set while a
 * lineage story shows): each card it went through numbered in order, and
 * each wire its emits went along lit with the step numbers. Each mark
 * selects only its own card's or wire's numbers, so showing or closing a
 * story re-renders only the cards and wires on its path.
 */
import { stepsText } from '../store/lineage-slice'
import { useMeshStore } from '../store/context'
import './lineage.css'

/** The story's step numbers on a card or wire: of the outer mesh (an opened group's inside shows none). */
const useNumbers = (kind: 'numbers' | 'edges', id: string) => useMeshStore((s) => (s.openPath.length ? undefined : s.lineageShown?.[kind].get(id)))

/** The card's badge: "3, 7" for a card the story went through at steps 3 and 7. */
export function LineageBadge({ id }: { id: string }) {
  const numbers = useNumbers('numbers', id)
  if (!numbers) return null
  const text = stepsText(numbers)
  return (
    <span className="lineage-badge" role="img" aria-label={text} title={text} data-steps={numbers.join(' ')}>
      {numbers.join(', ')}
    </span>
  )
}

/**
 * A wire on the story's path: drawn wide in the path's colour under the wire
 * (`under`), and its step numbers at its middle over it (`over`).
 */
export function LitWire({ id, path, x, y, part }: { id: string; path: string; x: number; y: number; part: 'under' | 'over' }) {
  const numbers = useNumbers('edges', id)
  if (!numbers) return null
  if (part === 'under') {
    const text = `On the story's path: ${stepsText(numbers).replace(' of the story', '').toLowerCase()}`
    return <path className="lineage-lit-wire" d={path} role="img" aria-label={text} data-lit-edge={id} data-steps={numbers.join(' ')} />
  }
  return (
    <text className="lineage-lit-label" x={x} y={y} textAnchor="middle" dominantBaseline="central" aria-hidden="true">
      {numbers.join(', ')}
    </text>
  )
}
