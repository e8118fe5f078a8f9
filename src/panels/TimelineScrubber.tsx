/** The timeline: any tick of this history, back or forth, and where the run is now. */
import { useId } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'

export function TimelineScrubber() {
  const api = useMeshStoreApi()
  const id = useId()
  const tick = useMeshStore((s) => s.run.tick)
  const end = useMeshStore((s) => s.run.end)
  return (
    <div className="run-group run-scrubber">
      <label htmlFor={id} className="visually-hidden">
        Timeline
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(end, 1)}
        step={1}
        value={tick}
        disabled={end === 0}
        aria-valuetext={`tick ${tick} of ${end}`}
        aria-keyshortcuts="Home End"
        onChange={(event) => api.getState().seek(Number(event.target.value))}
      />
      <span className="tick-counter">
        tick <strong>{tick}</strong>
        <span className="tick-end">/{end}</span>
      </span>
    </div>
  )
}
