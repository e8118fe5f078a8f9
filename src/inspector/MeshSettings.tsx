/** The mesh's own settings, shown when no node is selected: title, scheduler, mode and seed. */
import { useId } from 'react'

import { MODES, SCHEDULERS, type SchedulerMode } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { CommitField, IntegerField } from './fields'

const MODE_HINT: Record<SchedulerMode, string> = {
  flush: 'In its turn a tasklet drains its whole queue.',
  next: 'In its turn a tasklet takes one item.',
}

export function MeshSettings() {
  const api = useMeshStoreApi()
  const id = useId()
  const title = useMeshStore((s) => s.document.title)
  const scheduler = useMeshStore((s) => s.document.scheduler)
  const mode = useMeshStore((s) => s.document.mode)
  const seed = useMeshStore((s) => s.document.seed)
  const nodeCount = useMeshStore((s) => s.document.nodes.length)
  const state = api.getState()
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        Mesh
      </h2>
      <p className="inspector-summary">
        {nodeCount === 0 ? 'Add a node from the palette to begin.' : 'Select a node to inspect its queue, wiring and coroutine.'}
      </p>
      <section className="inspector-section" aria-label="Mesh settings">
        <CommitField label="Title" value={title} maxLength={200} onCommit={(text) => state.setTitle(text)} />
        <div className="field">
          <label htmlFor={`${id}-scheduler`}>Scheduler</label>
          <select id={`${id}-scheduler`} value={scheduler} onChange={(event) => state.setScheduler(SCHEDULERS.find((s) => s === event.target.value) ?? scheduler, mode)}>
            {SCHEDULERS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-mode`}>Mode</label>
          <select id={`${id}-mode`} aria-describedby={`${id}-mode-hint`} value={mode} onChange={(event) => state.setScheduler(scheduler, MODES.find((m) => m === event.target.value) ?? mode)}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <p className="field-hint" id={`${id}-mode-hint`}>
            {MODE_HINT[mode]}
          </p>
        </div>
        <IntegerField label="Seed" value={seed} onCommit={(n) => state.setSeed(n)} hint="Branch, recycler and random priorities draw from it." />
      </section>
    </>
  )
}
