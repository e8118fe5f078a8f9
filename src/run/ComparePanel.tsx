/**
 * Compare: the mesh as it is now, with its seed, under two schedulers side
 * by side — stepped together, or run to the end in slices — with ticks to
 * drain, the longest queue and the order of outputs.
 */
import { useEffect, useId, useRef, useState } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { browserClock } from './clock'
import { CompareSession, firstDifference, type LaneSpec, type LaneView } from './compare-session'
import { SLICE_MS } from './player'
import { modeName } from './SchedulerControls'
import { useLabels } from './use-labels'

const CHOICES: readonly LaneSpec[] = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'taskmaster', mode: 'next' },
  { scheduler: 'priority', mode: 'flush' },
  { scheduler: 'priority', mode: 'next' },
]
const clock = browserClock()
const OUTPUTS_SHOWN = 40

const specName = (spec: LaneSpec) => `${spec.scheduler}, ${modeName(spec.scheduler, spec.mode)}`
const STOPPED: Record<LaneView['stopped'], string> = { idle: 'no work left', budget: 'budget spent', 'queue-cap': 'a queue is full', steps: 'running' }

function SpecSelect({ label, value, onChange }: { label: string; value: number; onChange: (index: number) => void }) {
  const id = useId()
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {CHOICES.map((spec, i) => (
          <option key={specName(spec)} value={i}>
            {specName(spec)}
          </option>
        ))}
      </select>
    </>
  )
}

function Lane({ lane, differsAt, done }: { lane: LaneView; differsAt: number; done: boolean }) {
  const label = useLabels()
  const busiest = [...lane.queues].filter((q) => q.length > 0).sort((a, b) => b.length - a.length).slice(0, 6)
  return (
    <section className="compare-lane" aria-label={specName(lane)} tabIndex={0}>
      <h3 className="dock-subheading">{specName(lane)}</h3>
      <p className="compare-outputs-head">Outputs ({lane.outputs.length}):</p>
      <ol className="compare-outputs">
        {lane.outputs.slice(0, OUTPUTS_SHOWN).map((value, i) => (
          <li key={i} data-differs={differsAt >= 0 && i >= differsAt ? 'true' : undefined}>
            {value}
          </li>
        ))}
        {lane.outputs.length > OUTPUTS_SHOWN && <li className="muted">+{lane.outputs.length - OUTPUTS_SHOWN} more</li>}
      </ol>
      <dl className="compare-facts">
        <dt>{done ? 'Ticks to drain' : 'Tick'}</dt>
        <dd>{lane.ticks.toLocaleString('en')}</dd>
        <dt>Status</dt>
        <dd>{lane.ticks === 0 && lane.stopped === 'steps' ? 'ready' : STOPPED[lane.stopped]}</dd>
        <dt>Last active</dt>
        <dd>{lane.lastActive ? label(lane.lastActive) : '—'}</dd>
        <dt>Longest queue</dt>
        <dd>{lane.longestQueue ? `${label(lane.longestQueue.node)} ${lane.longestQueue.length}, tick ${lane.longestQueue.tick}` : '—'}</dd>
        <dt>Queued now</dt>
        <dd>{busiest.length ? busiest.map((q) => `${label(q.id)} ${q.length}`).join(', ') : 'nothing'}</dd>
      </dl>
    </section>
  )
}

export function ComparePanel() {
  const api = useMeshStoreApi()
  const document = useMeshStore((s) => s.document)
  const [specs, setSpecs] = useState<[number, number]>(() => {
    const doc = api.getState().document
    const own = CHOICES.findIndex((c) => c.scheduler === doc.scheduler && c.mode === doc.mode)
    return [own, CHOICES.findIndex((c) => c.scheduler !== doc.scheduler && c.mode === doc.mode)]
  })
  const [{ session, from }, setCompare] = useState(() => ({ session: new CompareSession(document, [CHOICES[specs[0]]!, CHOICES[specs[1]]!]), from: document }))
  const [lanes, setLanes] = useState(() => session.view())
  const [running, setRunning] = useState(false)
  const cancel = useRef<(() => void) | null>(null)
  const stale = document !== from

  useEffect(() => () => cancel.current?.(), [])

  const restart = (next: [number, number] = specs) => {
    cancel.current?.()
    setRunning(false)
    const now = api.getState().document
    const fresh = new CompareSession(now, [CHOICES[next[0]]!, CHOICES[next[1]]!])
    setCompare({ session: fresh, from: now })
    setLanes(fresh.view())
  }
  const step = (n: number) => {
    session.step(n)
    setLanes(session.view())
  }
  const runToEnd = () => {
    setRunning(true)
    const slice = () => {
      const done = session.runSlice(clock.now() + SLICE_MS, clock.now)
      setLanes(session.view())
      if (done) {
        cancel.current = null
        setRunning(false)
      } else cancel.current = clock.task(slice)
    }
    slice()
  }
  const choose = (which: 0 | 1, index: number) => {
    const next: [number, number] = which === 0 ? [index, specs[1]] : [specs[0], index]
    setSpecs(next)
    restart(next)
  }
  const [a, b] = lanes
  const differsAt = a && b ? firstDifference(a.outputs, b.outputs) : -1
  const sameSet = a && b && differsAt >= 0 && a.outputs.length === b.outputs.length && [...a.outputs].sort().join('\n') === [...b.outputs].sort().join('\n')
  return (
    <div className="compare-panel">
      <div className="dock-controls">
        <SpecSelect label="Left" value={specs[0]} onChange={(index) => choose(0, index)} />
        <SpecSelect label="Right" value={specs[1]} onChange={(index) => choose(1, index)} />
        <button type="button" onClick={() => step(1)} disabled={running || session.done}>
          Step both
        </button>
        <button type="button" onClick={() => step(10)} disabled={running || session.done}>
          Step both ×10
        </button>
        <button type="button" onClick={runToEnd} disabled={running || session.done}>
          Run both to end
        </button>
        <button type="button" onClick={() => restart()}>
          Restart
        </button>
        <span className="dock-count" role="status">
          {stale ? 'The mesh changed: Restart to compare it.' : differsAt < 0 ? 'Same outputs, in the same order.' : sameSet ? `Same outputs, in another order from #${differsAt + 1}.` : `Outputs differ from #${differsAt + 1}.`}
        </span>
      </div>
      {document.nodes.some((n) => n.kind === 'code') && (
        <p className="muted">Code nodes stay closed here: the comparison runs on the page, and their code runs only in the sandbox.</p>
      )}
      <div className="compare-lanes">
        {lanes.map((lane, i) => (
          <Lane key={i} lane={lane} differsAt={differsAt} done={session.done} />
        ))}
      </div>
    </div>
  )
}
