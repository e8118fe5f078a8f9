/** The timeline: any tick of this history, back or forth, and where the run is now. */
import { useId } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import './what-if.css'

export function TimelineScrubber() {
  const api = useMeshStoreApi()
  const id = useId()
  const tick = useMeshStore((s) => s.run.tick)
  const end = useMeshStore((s) => s.run.end)
  const differs = useMeshStore((s) => (s.whatIf?.status === 'shown' ? s.whatIf.result.divergence : null))
  return (
    <div className="run-group run-scrubber">
      <label htmlFor={id} className="visually-hidden">
        Timeline
      </label>
      <span className="scrubber-track">
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
        {differs !== null && (
          <button
            type="button"
            className="what-if-mark"
            style={{ left: `${(Math.min(differs, Math.max(end, 1)) / Math.max(end, 1)) * 100}%` }}
            aria-label={`What if differs from here: tick ${differs}`}
            title={`What if differs from here: tick ${differs}`}
            onClick={() => api.getState().seek(differs)}
          />
        )}
      </span>
      <span className="tick-counter">
        tick <strong>{tick}</strong>
        <span className="tick-end">/{end}</span>
      </span>
    </div>
  )
}
