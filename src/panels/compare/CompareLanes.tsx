/**
 * The comparison's lanes, one Gantt chart per lane (the Lanes view's
 * control and renderer), one above the other on one scroll and zoom: the
 * same tick is at the same place in each, whichever chart is scrolled, and
 * the tick each lane printed the first output that differs is marked on it.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'

import type { LaneSpec, MeshNode } from '../../engine'
import type { CompareRecord } from '../../store/compare-slice'
import { laneLooks } from '../LanesPanel'
import type { LanesControl, LanesStatus, LanesWindow } from '../lanes/lanes-control'
import { describeCell } from '../lanes/lanes-text'
import { useLanesControl, useLanesSummary } from '../use-lanes-control'
import { specName } from './compare-choices'

/** Ticks `from` … `to` to show in every chart: asked for again by a new object (the panel's "Jump to the divergence"). */
export interface LanesJump {
  from: number
  to: number
}

interface ChartProps {
  index: number
  spec: LaneSpec
  record: CompareRecord
  nodes: readonly MeshNode[]
  extent: number
  marker: number | null
  /** Joins the stack: the chart's control, or null when it goes. */
  join(index: number, control: LanesControl | null): void
  /** The person moved this chart's window: the others take it. */
  moved(index: number, window: LanesWindow): void
  /** This chart's status changed: for the words above the stack. */
  told(index: number, status: LanesStatus | null, describe: (status: LanesStatus) => string | null): void
  /** The id of the keys' description, shared by the charts. */
  keys: string
}

/** A lane's chart's height: a row per tasklet as low as the chart draws them (up to 8 in view; more scroll), the tick numbers, the scrollbar and the box's border. */
const chartHeight = (tasklets: number) => 32 + Math.min(8, Math.max(1, tasklets)) * 16

function LaneChart({ index, spec, record, nodes, extent, marker, join, moved, told, keys }: ChartProps) {
  const id = useId()
  const { canvas, box, control, status } = useLanesControl({ onWindow: (window) => moved(index, window) })
  const { labels, colours } = useMemo(() => laneLooks(record.lanes.nodes, nodes), [record.lanes.nodes, nodes])
  const summary = useLanesSummary(control, labels, status)
  const name = `Lane ${index + 1}: ${specName(spec)}`

  useLayoutEffect(() => {
    join(index, control)
    return () => join(index, null)
  }, [join, index, control])

  useLayoutEffect(() => {
    control?.update({ lanes: record.lanes, labels, colours, marks: [], hit: null, now: extent, extent, marker })
  }, [control, record.lanes, labels, colours, extent, marker])

  useLayoutEffect(() => {
    told(index, status, (s) => (control && s.focus && s.ticks > 0 ? `${name}: ${describeCell(control.index, labels, s.focus.lane, s.focus.from, s.focus.to)}` : null))
  }, [told, index, status, control, labels, name])

  return (
    <div className="compare-chart">
      <h4 className="compare-chart-heading">{name}</h4>
      <div ref={box} className="lanes-box" style={{ height: chartHeight(record.lanes.nodes.length) }}>
        <canvas
          ref={canvas}
          className="lanes-canvas"
          tabIndex={0}
          role="application"
          aria-roledescription="lanes chart"
          aria-label={`${name}: who ran at each tick`}
          aria-describedby={`${id}-summary ${id}-marker ${keys}`}
        />
      </div>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
      <p id={`${id}-marker`} className="visually-hidden">
        {marker !== null ? `Marked: tick ${marker.toLocaleString('en')}, where it printed the first output that differs.` : ''}
      </p>
      <p id={keys} className="visually-hidden">
        Left and right arrows move along the ticks, up and down between lanes, Page Up and Page Down by a screen, Home and End to the first and last tick; plus and minus zoom. Every
        lane&apos;s chart moves with this one.
      </p>
    </div>
  )
}

export interface CompareLanesProps {
  specs: readonly LaneSpec[]
  records: readonly CompareRecord[]
  nodes: readonly MeshNode[]
  /** By lane: the tick it printed the first output that differs at, or null. */
  markers: readonly (number | null)[]
  jump: LanesJump | null
}

export function CompareLanes({ specs, records, nodes, markers, jump }: CompareLanesProps) {
  const keys = `${useId()}-keys`
  const controls = useRef<(LanesControl | null)[]>([])
  const descriptions = useRef<(string | null)[]>([])
  const [first, setFirst] = useState<LanesStatus | null>(null)
  const [details, setDetails] = useState<string | null>(null)
  const extent = records.reduce((most, r) => Math.max(most, r.lanes.ticks), 0)

  const stack = useMemo(
    () => ({
      join(index: number, control: LanesControl | null) {
        controls.current[index] = control
      },
      moved(index: number, window: LanesWindow) {
        controls.current.forEach((other, i) => {
          if (i !== index) other?.setWindow(window)
        })
      },
      told(index: number, status: LanesStatus | null, describe: (status: LanesStatus) => string | null) {
        if (index === 0) setFirst(status)
        descriptions.current[index] = status ? describe(status) : null
        // The chart pointed at or moved through last says what is under the pointer or cursor.
        setDetails(descriptions.current[index] ?? descriptions.current.find((d) => d !== null) ?? null)
      },
    }),
    [],
  )

  // The first chart shows the ticks, and the others take its window.
  useEffect(() => {
    if (jump) controls.current[0]?.showTicks(jump.from, jump.to)
  }, [jump])

  const lead = () => controls.current[0]
  return (
    <div className="compare-stack">
      <div className="dock-controls lanes-controls">
        <div className="segmented" role="group" aria-label="Zoom the lanes">
          <button type="button" aria-label="Zoom the lanes out" title="Zoom out" disabled={!first?.canZoomOut} onClick={() => lead()?.zoom(0.5)}>
            −
          </button>
          <button type="button" aria-label="Zoom the lanes in" title="Zoom in" disabled={!first?.canZoomIn} onClick={() => lead()?.zoom(2)}>
            +
          </button>
        </div>
        <button type="button" aria-pressed={first?.whole ?? true} onClick={() => lead()?.wholeRun()}>
          Whole run
        </button>
        {/* Polite, as a status is, but not one: the panel's one status is the comparison's line above. */}
        <p className="lanes-details" aria-live="polite">
          {details ?? <span className="muted">One chart per lane, on one scroll: the wheel, a drag or ctrl+wheel in any of them moves them all.</span>}
        </p>
      </div>
      {specs.map((spec, i) =>
        records[i] ? (
          <LaneChart
            keys={keys}
            key={i}
            index={i}
            spec={spec}
            record={records[i]}
            nodes={nodes}
            extent={extent}
            marker={markers[i] ?? null}
            join={stack.join}
            moved={stack.moved}
            told={stack.told}
          />
        ) : null,
      )}
      <p id={keys} className="visually-hidden">
        Left and right arrows move along the ticks, up and down between lanes, Page Up and Page Down by a screen, Home and End to the first and last tick; plus and minus zoom. Every
        lane&apos;s chart moves with this one.
      </p>
    </div>
  )
}
