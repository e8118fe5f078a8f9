/**
 * Compare: the mesh as it is now, with its seed, under two schedulers side
 * by side — stepped together, or run to the end — with ticks to drain, the
 * longest queue and the order of outputs. The store runs the comparison (on
 * the page, or in the sandbox when the mesh has code nodes); this shows it.
 */
import { useEffect, useId } from 'react'

import { firstDifference, MODES, SCHEDULERS, type LaneSpec, type LaneStop, type LaneView } from '../engine'
import type { CompareStopped } from '../sandbox/compare-client'
import { STOPPED_ERROR } from '../sandbox/protocol'
import type { Comparison } from '../store/compare-slice'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { modeName } from './SchedulerControls'
import { useLabels } from './use-labels'

/** Every scheduler in every mode, from the document format's own lists. */
const CHOICES: readonly LaneSpec[] = SCHEDULERS.flatMap((scheduler) => MODES.map((mode) => ({ scheduler, mode })))
const OUTPUTS_SHOWN = 40

const specName = (spec: LaneSpec) => `${spec.scheduler}, ${modeName(spec.scheduler, spec.mode)}`
const choiceOf = (spec: LaneSpec | undefined) => CHOICES.findIndex((c) => c.scheduler === spec?.scheduler && c.mode === spec.mode)
const STOPPED: Record<LaneStop['reason'], string> = {
  idle: 'no work left',
  budget: 'budget spent',
  'queue-cap': 'a queue is full',
  policy: 'stopped by its policy',
  tick: 'at its tick limit',
}

/** The document's own scheduler on the left, the other scheduler in the same mode on the right. */
function firstSpecs(doc: { scheduler: LaneSpec['scheduler']; mode: LaneSpec['mode'] }): LaneSpec[] {
  return [CHOICES[choiceOf(doc)]!, CHOICES.find((c) => c.scheduler !== doc.scheduler && c.mode === doc.mode)!]
}

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

function Lane({ lane, stopped, differsAt, done }: { lane: LaneView; stopped: readonly CompareStopped[]; differsAt: number; done: boolean }) {
  const label = useLabels()
  const busiest = [...lane.queues]
    .filter((q) => q.length > 0)
    .sort((a, b) => b.length - a.length)
    .slice(0, 6)
  // A node the watchdog stopped is told of at the top; the rest of the closed nodes below.
  const closed = lane.errors.filter((e) => !stopped.some((stop) => stop.node === e.id))
  return (
    <section className="compare-lane" aria-label={specName(lane)} tabIndex={0}>
      <h3 className="dock-subheading">{specName(lane)}</h3>
      {stopped.map((stop, i) => (
        <p key={i} className="compare-stopped">
          {stop.node === null ? 'Its policy' : label(stop.node)} stopped {stop.lane === null ? 'before its first item' : `at tick ${stop.tick}`}: {STOPPED_ERROR}
        </p>
      ))}
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
        <dd>{lane.stopped ? STOPPED[lane.stopped.reason] : lane.ticks === 0 ? 'ready' : 'running'}</dd>
        <dt>Last active</dt>
        <dd>{lane.lastActive ? label(lane.lastActive) : '—'}</dd>
        <dt>Longest queue</dt>
        <dd>{lane.longestQueue ? `${label(lane.longestQueue.node)} ${lane.longestQueue.length}, tick ${lane.longestQueue.tick}` : '—'}</dd>
        <dt>Queued now</dt>
        <dd>{busiest.length ? busiest.map((q) => `${label(q.id)} ${q.length}`).join(', ') : 'nothing'}</dd>
        {closed.length > 0 && (
          <>
            <dt>Closed</dt>
            <dd className="compare-errors">{closed.map((e) => `${label(e.id)}: ${e.error}`).join('; ')}</dd>
          </>
        )}
      </dl>
    </section>
  )
}

/** One line for what the two lanes show, or why they show nothing new. */
function summary(comparison: Comparison, stale: boolean): string {
  if (stale) return 'The mesh changed: Restart to compare it.'
  const [a, b] = comparison.lanes
  if (!a || !b) return 'Starting the comparison in the sandbox…'
  const differsAt = firstDifference(a.outputs, b.outputs)
  if (differsAt < 0) return 'Same outputs, in the same order.'
  const sameSet = a.outputs.length === b.outputs.length && [...a.outputs].sort().join('\n') === [...b.outputs].sort().join('\n')
  return sameSet ? `Same outputs, in another order from #${differsAt + 1}.` : `Outputs differ from #${differsAt + 1}.`
}

/** Which code nodes the watchdog stopped, in a sentence: "looper was stopped after running for over 1 s; the rest runs on." */
function stoppedSentence(stopped: readonly CompareStopped[], label: (id: string) => string): string {
  const names = [...new Set(stopped.map((stop) => (stop.node === null ? 'a policy' : label(stop.node))))]
  if (names.length === 0) return ''
  return ` ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} stopped after running for over 1 s; the rest runs on.`
}

export function ComparePanel() {
  const api = useMeshStoreApi()
  const comparison = useMeshStore((s) => s.comparison)
  const stale = useMeshStore((s) => s.comparison !== null && (s.document !== s.comparison.document || s.codeTrust !== s.comparison.codeTrust))
  const label = useLabels()

  // Opened for the first time: the open lesson's demo's pair ("Side by side" in Flush versus next: flush and next), else the mesh's own
  // scheduler and the other one. Closed: stop running, keep the lanes.
  useEffect(() => {
    const state = api.getState()
    const lessonPair = state.lesson?.demo.compare
    if (!state.comparison) state.startComparison(lessonPair && lessonPair.length === 2 ? lessonPair.map((spec) => CHOICES[choiceOf(spec)]!) : firstSpecs(state.document))
    return () => api.getState().pauseComparison()
  }, [api])

  if (!comparison) return null
  const state = api.getState()
  const specs = comparison.specs
  const choose = (which: 0 | 1, index: number) => {
    const next = [...specs]
    next[which] = CHOICES[index]!
    state.startComparison(next)
  }
  const [a, b] = comparison.lanes
  const differsAt = a && b ? firstDifference(a.outputs, b.outputs) : -1
  const waiting = comparison.running || comparison.busy || comparison.done || comparison.error !== null
  return (
    <div className="compare-panel">
      <div className="dock-controls">
        <SpecSelect label="Left" value={choiceOf(specs[0])} onChange={(index) => choose(0, index)} />
        <SpecSelect label="Right" value={choiceOf(specs[1])} onChange={(index) => choose(1, index)} />
        <button type="button" onClick={() => state.stepComparison(1)} disabled={waiting}>
          Step both
        </button>
        <button type="button" onClick={() => state.stepComparison(10)} disabled={waiting}>
          Step both ×10
        </button>
        <button type="button" onClick={() => state.runComparison()} disabled={waiting}>
          Run both to end
        </button>
        <button type="button" onClick={() => state.startComparison(specs)}>
          Restart
        </button>
        <span className="dock-count" role="status">
          {summary(comparison, stale)}
          {stoppedSentence(comparison.stopped, label)}
        </span>
      </div>
      {comparison.error && <p className="compare-notes">The comparison&apos;s sandbox failed: {comparison.error}. Restart to try again.</p>}
      <div className="compare-lanes">
        {comparison.lanes.map((lane, i) => (
          <Lane key={i} lane={lane} stopped={comparison.stopped.filter((stop) => stop.lane === null || stop.lane === i)} differsAt={differsAt} done={comparison.done} />
        ))}
      </div>
    </div>
  )
}
