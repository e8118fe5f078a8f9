/** How far opening a mesh at a link's tick has got, with a Cancel that leaves the run where it got to. */
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { count } from '../engine'

export function OpeningProgress() {
  const api = useMeshStoreApi()
  const opening = useMeshStore((s) => s.opening)
  if (!opening) return null
  const { tick, goal } = opening
  const percent = Math.floor((tick / goal) * 100)
  // Not a live region: the count changes twenty times a second.
  return (
    <div className="notices">
      <p className="notice opening-progress" data-tone="info">
        <span>
          Opening at tick {count(goal)}: {count(tick)} so far ({percent}%).
        </span>
        <progress max={goal} value={tick} aria-label={`Opening at tick ${count(goal)}`} />
        <button type="button" onClick={() => api.getState().pause()} aria-label="Cancel opening">
          Cancel
        </button>
      </p>
    </div>
  )
}
