/**
 * Compare: the mesh as it is now, with its seed, under up to four
 * schedulers side by side — the seed's two in both modes, the mesh's own
 * written policy, the policy templates — stepped together or run to the
 * end: each lane's outputs and facts, their scheduling figures in one table
 * with the best of each row marked, where their outputs first differ (and
 * the tick each lane printed it at, with a jump there), and their lanes one
 * above the other. The store runs the comparison (on the page, or in the
 * sandbox when it has code); this shows it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react'

import { excerpt, MAX_COMPARE_LANES, type Divergence, type LaneSpec, type LaneView } from '../engine'
import type { CompareStopped } from '../sandbox/compare-client'
import type { Comparison } from '../store/compare-slice'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { choiceOf, firstLanes, laneChoices, nextLane, specName, type LaneChoice } from './compare/compare-choices'
import { CompareFigures } from './compare/CompareFigures'
import { CompareLaneCard } from './compare/CompareLaneCard'
import { CompareLanes, type LanesJump } from './compare/CompareLanes'
import { useLabels } from './use-labels'

/** A lane's picker: every choice, grouped; a lane running a policy the mesh no longer offers keeps it, listed as it is. */
function LanePicker({ index, spec, choices, onChange }: { index: number; spec: LaneSpec; choices: readonly LaneChoice[]; onChange: (spec: LaneSpec) => void }) {
  const id = useId()
  const chosen = choiceOf(spec, choices)
  const groups = [
    { label: 'Built in', choices: choices.filter((c) => c.group === 'built-in') },
    { label: 'Written policies', choices: choices.filter((c) => c.group === 'written') },
    { label: 'By hand', choices: choices.filter((c) => c.group === 'hand') },
  ].filter((group) => group.choices.length > 0)
  return (
    <span className="compare-picker">
      <label htmlFor={id}>Lane {index + 1}</label>
      <select
        id={id}
        value={chosen?.key ?? 'current'}
        onChange={(event) => {
          const picked = choices.find((c) => c.key === event.target.value)
          if (picked) onChange(picked.spec)
        }}
      >
        {!chosen && <option value="current">{specName(spec)}</option>}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.choices.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </span>
  )
}

/** One line for what the lanes show, or why they show nothing new. */
function summary(comparison: Comparison, stale: boolean): string {
  if (stale) return 'The mesh changed: Restart to compare it.'
  if (comparison.lanes.length < comparison.specs.length) return 'Starting the comparison in the sandbox…'
  const divergence = comparison.divergence
  if (!divergence) return 'Same outputs, in the same order.'
  return divergence.sameOutputs ? `Same outputs, in another order from #${divergence.index + 1}.` : `Outputs differ from #${divergence.index + 1}.`
}

/** Where each lane printed the first output that differs: "Lane 1 printed 2x2 at tick 13; lane 2 printed 3x1 at tick 7." */
function divergenceSentence(divergence: Divergence, lanes: readonly LaneView[]): string {
  const parts = divergence.at.map((at, i) => {
    if (at) return `lane ${i + 1} printed ${excerpt(at.value, 40)} at tick ${at.tick.toLocaleString('en')}`
    return `lane ${i + 1} ${lanes[i]?.stopped ? 'printed nothing there' : 'has printed nothing there yet'}`
  })
  const sentence = `${parts.join('; ')}.`
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

/** Which code nodes (and policies) the watchdog stopped, in a sentence: "looper was stopped after running for over 1 s; the rest runs on." */
function stoppedSentence(stopped: readonly CompareStopped[], label: (id: string) => string): string {
  const names = [...new Set(stopped.map((stop) => (stop.node === null ? `lane ${(stop.lane ?? 0) + 1}'s policy` : label(stop.node))))]
  if (names.length === 0) return ''
  return ` ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} stopped after running for over 1 s; the rest runs on.`
}

export function ComparePanel() {
  const api = useMeshStoreApi()
  const comparison = useMeshStore((s) => s.comparison)
  const stale = useMeshStore((s) => s.comparison !== null && (s.document !== s.comparison.document || s.codeTrust !== s.comparison.codeTrust))
  const policy = useMeshStore((s) => s.document.policy)
  const hand = useMeshStore((s) => s.document.hand)
  const label = useLabels()
  const choices = useMemo(() => laneChoices({ policy, hand }), [policy, hand])
  /** The last jump to the divergence, and the comparison it was in (a new comparison has not been jumped into). */
  const [jumped, setJumped] = useState<{ jump: LanesJump; specs: readonly LaneSpec[] } | null>(null)
  const stack = useRef<HTMLElement>(null)

  // Opened for the first time: the open lesson's demo's lanes ("Side by side" in Flush versus next: flush and next), else the mesh's own
  // scheduler and the other one. Closed: stop running, keep the lanes.
  useEffect(() => {
    const state = api.getState()
    if (!state.comparison) state.startComparison(firstLanes(state.document, state.lesson?.demo?.compare))
    return () => api.getState().pauseComparison()
  }, [api])

  if (!comparison) return null
  const jump = jumped?.specs === comparison.specs ? jumped.jump : null
  const state = api.getState()
  const restart = (next: readonly LaneSpec[]) => state.startComparison(next)
  const choose = (which: number, spec: LaneSpec) => restart(comparison.specs.map((s, i) => (i === which ? spec : s)))
  const divergence = comparison.divergence
  const waiting = comparison.running || comparison.busy || comparison.done || comparison.error !== null
  const all = comparison.specs.length === 2 ? 'both' : 'all'
  const markers = comparison.specs.map((_, i) => divergence?.at[i]?.tick ?? null)

  const jumpToDivergence = () => {
    const ticks = markers.filter((t): t is number => t !== null)
    if (ticks.length === 0) return
    setJumped({ jump: { from: Math.min(...ticks), to: Math.max(...ticks) }, specs: comparison.specs })
    stack.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
    stack.current?.focus({ preventScroll: true })
  }

  return (
    <div className="compare-panel">
      <div className="dock-controls compare-pickers">
        {comparison.specs.map((spec, i) => (
          <span key={i} className="compare-picker-group">
            <LanePicker index={i} spec={spec} choices={choices} onChange={(next) => choose(i, next)} />
            {comparison.specs.length > 2 && (
              <button
                type="button"
                className="compare-remove"
                aria-label={`Remove lane ${i + 1} (${specName(spec)})`}
                title="Remove this lane"
                onClick={() => restart(comparison.specs.filter((_, k) => k !== i))}
              >
                ✕
              </button>
            )}
          </span>
        ))}
        <button
          type="button"
          disabled={comparison.specs.length >= MAX_COMPARE_LANES}
          title={comparison.specs.length >= MAX_COMPARE_LANES ? `${MAX_COMPARE_LANES} lanes at most` : 'Another lane, from tick 0 with the others'}
          onClick={() => restart([...comparison.specs, nextLane(comparison.specs, choices)])}
        >
          Add a lane
        </button>
      </div>
      <div className="dock-controls">
        <button type="button" onClick={() => state.stepComparison(1)} disabled={waiting}>
          Step {all}
        </button>
        <button type="button" onClick={() => state.stepComparison(10)} disabled={waiting}>
          Step {all} ×10
        </button>
        <button type="button" onClick={() => state.runComparison()} disabled={waiting}>
          Run {all} to end
        </button>
        <button type="button" onClick={() => restart(comparison.specs)}>
          Restart
        </button>
        <span className="dock-count" role="status">
          {summary(comparison, stale)}
          {stoppedSentence(comparison.stopped, label)}
        </span>
      </div>
      {divergence && !stale && (
        <p className="compare-divergence">
          <span>
            First divergence, output #{divergence.index + 1}: {divergenceSentence(divergence, comparison.lanes)}
          </span>{' '}
          <button type="button" onClick={jumpToDivergence} disabled={!comparison.records}>
            Jump to the divergence
          </button>
        </p>
      )}
      {comparison.error && <p className="compare-notes">The comparison&apos;s sandbox failed: {comparison.error}. Restart to try again.</p>}
      {comparison.recordError && <p className="compare-notes">The lanes&apos; records could not be made: {comparison.recordError}.</p>}
      <div className="compare-lanes" data-lanes={comparison.specs.length}>
        {comparison.lanes.map((lane, i) => (
          <CompareLaneCard
            key={i}
            index={i}
            spec={comparison.specs[i]!}
            lane={lane}
            stopped={comparison.stopped.filter((stop) => stop.lane === null || stop.lane === i)}
            differsAt={divergence?.index ?? -1}
            jumped={jump !== null}
            done={comparison.done}
          />
        ))}
      </div>
      {comparison.lanes.length > 0 && <CompareFigures specs={comparison.specs} lanes={comparison.lanes} records={comparison.records} done={comparison.done} />}
      {comparison.records && (
        <section ref={stack} className="compare-stack-section" aria-label="The lanes, one above the other" tabIndex={-1}>
          <h3 className="dock-subheading">Lanes, one above the other</h3>
          <CompareLanes specs={comparison.specs} records={comparison.records} nodes={comparison.document.nodes} markers={markers} jump={jump} />
        </section>
      )}
    </div>
  )
}
