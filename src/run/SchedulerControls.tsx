/** The scheduler and its mode (switchable mid-run), and the seed the run's random choices come from. */
import { useId, useState, type KeyboardEvent } from 'react'

import { MODES, SCHEDULERS, type SchedulerKind, type SchedulerMode } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'

/** The priority scheduler's `next` mode is the seed's `flush(incremental=True)`. */
export function modeName(scheduler: SchedulerKind, mode: SchedulerMode): string {
  return scheduler === 'priority' && mode === 'next' ? 'incremental' : mode
}

function SeedField({ disabled }: { disabled: boolean }) {
  const api = useMeshStoreApi()
  const id = useId()
  const seed = useMeshStore((s) => s.document.seed)
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft.trim() !== '' && Number.isFinite(Number(draft))) api.getState().setSeed(Number(draft))
    setDraft(null)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit()
    else if (event.key === 'Escape') setDraft(null)
  }
  return (
    <>
      <label htmlFor={id}>Seed</label>
      <input
        id={id}
        className="run-seed"
        type="number"
        inputMode="numeric"
        min={0}
        value={draft ?? String(seed)}
        disabled={disabled}
        title="The random choices of branch, recycler and random priorities come from it; a new seed takes effect at Reset"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </>
  )
}

export function SchedulerControls() {
  const api = useMeshStoreApi()
  const id = useId()
  const scheduler = useMeshStore((s) => s.document.scheduler)
  const mode = useMeshStore((s) => s.document.mode)
  const readOnly = useMeshStore((s) => s.readOnly)
  const state = api.getState()
  return (
    <div className="run-group run-scheduler">
      {/* "taskmaster" and "flush" say what they are; the names are for screen readers. */}
      <label htmlFor={`${id}-scheduler`} className="visually-hidden">
        Scheduler
      </label>
      <select
        id={`${id}-scheduler`}
        value={scheduler}
        disabled={readOnly}
        onChange={(event) => state.setScheduler(SCHEDULERS.find((s) => s === event.target.value) ?? scheduler, mode)}
      >
        {SCHEDULERS.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-mode`} className="visually-hidden">
        Mode
      </label>
      <select
        id={`${id}-mode`}
        value={mode}
        disabled={readOnly}
        title="flush: in its turn a tasklet drains its queue; next (incremental): it takes one item"
        onChange={(event) => state.setScheduler(scheduler, MODES.find((m) => m === event.target.value) ?? mode)}
      >
        {MODES.map((m) => (
          <option key={m} value={m}>
            {modeName(scheduler, m)}
          </option>
        ))}
      </select>
      <SeedField disabled={readOnly} />
    </div>
  )
}
