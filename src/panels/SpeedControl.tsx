/** Play speed: 0.5 to 60 ticks a second, then Turbo. */
import { useId } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { SPEEDS, speedText } from '../runner/speeds'

export function SpeedControl() {
  const api = useMeshStoreApi()
  const id = useId()
  const speed = useMeshStore((s) => s.player.speed)
  const index = Math.max(0, SPEEDS.indexOf(speed))
  return (
    <div className="run-group run-speed">
      {/* The value beside it says what it is ("2 ticks/s"), so the name is for screen readers. */}
      <label htmlFor={id} className="visually-hidden">
        Speed
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={SPEEDS.length - 1}
        step={1}
        value={index}
        aria-valuetext={speedText(speed)}
        aria-keyshortcuts="+ -"
        onChange={(event) => api.getState().setSpeed(SPEEDS[Number(event.target.value)] ?? speed)}
      />
      <output htmlFor={id} className="run-speed-value">
        {speedText(speed)}
      </output>
    </div>
  )
}
