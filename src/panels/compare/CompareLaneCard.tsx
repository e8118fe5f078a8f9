/**
 * One lane of a comparison as a card: its outputs in order (from where the
 * lanes first differ, highlighted, once the panel jumped there), how far it
 * went and why it stopped, its longest queue, what is queued now, and the
 * nodes closed with an error; code the watchdog stopped in it, first.
 */
import { excerpt, type LaneSpec, type LaneStop, type LaneView } from '../../engine'
import type { CompareStopped } from '../../sandbox/compare-client'
import { STOPPED_ERROR } from '../../sandbox/protocol'
import { useLabels } from '../use-labels'
import { specName } from './compare-choices'

const OUTPUTS_SHOWN = 40
/** An output longer than this is cut, with its hidden characters shown (code can print anything). */
const OUTPUT_CHARS = 80
/** Outputs shown before the first that differs, once the panel jumped there. */
const SHOWN_BEFORE = 8
const STOPPED: Record<LaneStop['reason'], string> = {
  idle: 'no work left',
  budget: 'budget spent',
  'queue-cap': 'a queue is full',
  policy: 'stopped by its policy',
  pick: 'at the end of its picks',
  tick: 'at its tick limit',
}

/** The outputs listed: the first ones, or (jumped) a few before the first that differs and on from it. */
function shownOutputs(lane: LaneView, differsAt: number, jumped: boolean): { from: number; to: number } {
  const from = jumped && differsAt > SHOWN_BEFORE && differsAt < lane.outputs.length ? differsAt - SHOWN_BEFORE : 0
  return { from, to: Math.min(lane.outputs.length, from + OUTPUTS_SHOWN) }
}

export function CompareLaneCard({
  index,
  spec,
  lane,
  stopped,
  differsAt,
  jumped,
  done,
}: {
  index: number
  spec: LaneSpec
  lane: LaneView
  stopped: readonly CompareStopped[]
  /** The first output that differs between lanes, or -1. */
  differsAt: number
  jumped: boolean
  done: boolean
}) {
  const label = useLabels()
  const busiest = [...lane.queues]
    .filter((q) => q.length > 0)
    .sort((a, b) => b.length - a.length)
    .slice(0, 6)
  // A node the watchdog stopped is told of at the top; the rest of the closed nodes below.
  const closed = lane.errors.filter((e) => !stopped.some((stop) => stop.node === e.id))
  const name = specName(spec)
  const { from, to } = shownOutputs(lane, differsAt, jumped)
  const more = lane.outputCount - to
  return (
    <section className="compare-lane" aria-label={`Lane ${index + 1}: ${name}`} tabIndex={0}>
      <h3 className="dock-subheading">
        <span className="compare-lane-number">{index + 1}</span> {name}
      </h3>
      {stopped.map((stop, i) => (
        <p key={i} className="compare-stopped">
          {stop.node === null ? 'Its policy' : label(stop.node)} stopped {stop.lane === null ? 'before its first item' : `at tick ${stop.tick}`}: {STOPPED_ERROR}
        </p>
      ))}
      {lane.stopped?.reason === 'policy' && lane.detail && !stopped.some((stop) => stop.node === null) && <p className="compare-stopped">{lane.detail}</p>}
      <p className="compare-outputs-head">Outputs ({lane.outputCount.toLocaleString('en')}):</p>
      <ol className="compare-outputs" start={from + 1}>
        {from > 0 && <li className="muted">…{from.toLocaleString('en')} before</li>}
        {lane.outputs.slice(from, to).map((value, k) => {
          const i = from + k
          return (
            <li
              key={i}
              value={i + 1}
              title={`#${i + 1}, printed at tick ${lane.outputTicks[i]?.toLocaleString('en')}`}
              data-differs={differsAt >= 0 && i >= differsAt ? 'true' : undefined}
              data-divergence={differsAt === i ? 'true' : undefined}
            >
              {excerpt(value, OUTPUT_CHARS)}
            </li>
          )
        })}
        {more > 0 && <li className="muted">+{more.toLocaleString('en')} more</li>}
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
