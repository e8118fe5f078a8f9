/**
 * Lanes: a Gantt chart of the run. One lane per tasklet, a cell per tick
 * in the colour of the card that ran, its queue under it; zoom from every
 * tick to the whole run, the current tick and the breakpoints marked, and
 * a click seeks there. The chart is a canvas (lanes/lanes-control.ts and
 * lanes-renderer.ts, no React), so the panel gives it words: a summary of
 * the ticks in view, and the cell under the pointer or the keyboard's
 * cursor in a live region.
 */
import { useEffect, useId, useLayoutEffect, useMemo } from 'react'

import type { MeshNode } from '../engine'
import type { RunLanes } from '../engine/run-record'
import { GONE_COLOUR, KIND_COLOURS } from '../formats/kind-colours'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { laneMarks } from './lanes/lanes-marks'
import { describeCell } from './lanes/lanes-text'
import { useLanesControl, useLanesSummary } from './use-lanes-control'
import './what-if.css'
import { useRunRecord } from './use-run-record'

export function LanesPanel() {
  const record = useRunRecord()
  if (!record || record.lanes.ticks === 0 || record.lanes.nodes.length === 0) {
    return <p className="muted dock-empty">Nothing has run yet. Step or play the run: each tasklet gets a lane here, with a cell at every tick it ran and its queue beneath.</p>
  }
  return <LanesChart lanes={record.lanes} />
}

/** The chart of `lanes`, with its controls and its words. */
export function LanesChart({ lanes }: { lanes: RunLanes }) {
  const api = useMeshStoreApi()
  const id = useId()
  const nodes = useMeshStore((s) => s.document.nodes)
  const breakpoints = useMeshStore((s) => s.breakpoints)
  const hit = useMeshStore((s) => s.breakpointHit)
  // A what-if shown: where it first parts from the run is marked across the lanes.
  const differs = useMeshStore((s) => (s.whatIf?.status === 'shown' ? s.whatIf.result.divergence : null))
  const { canvas, box, control, status } = useLanesControl({ onSeek: (tick) => api.getState().seek(tick) })

  const { labels, colours } = useMemo(() => laneLooks(lanes.nodes, nodes), [nodes, lanes.nodes])
  const marks = useMemo(() => laneMarks(lanes.nodes, breakpoints, hit), [lanes.nodes, breakpoints, hit])

  useLayoutEffect(() => {
    control?.update({ lanes, labels, colours, marks, hit: hit?.tick ?? null, marker: differs })
  }, [control, lanes, labels, colours, marks, hit, differs])

  // The current tick goes straight to the canvas, not through React: at 60 ticks a second only the chart redraws.
  useEffect(() => {
    if (!control) return
    let shown = -1
    const show = (tick: number) => {
      if (tick === shown) return
      shown = tick
      control.update({ now: tick })
    }
    show(api.getState().run.tick)
    return api.subscribe((state) => show(state.run.tick))
  }, [api, control])

  const summary = useLanesSummary(control, labels, status)
  const from = status?.from ?? 0
  const to = status?.to ?? 0
  const ticks = status?.ticks ?? 0

  const focus = status?.focus ?? null
  const details = useMemo(() => (control && focus && ticks > 0 ? describeCell(control.index, labels, focus.lane, focus.from, focus.to) : null), [control, labels, focus, ticks])
  const queueTop = control?.index.queueTop ?? 0

  return (
    <div className="lanes-panel">
      <div className="dock-controls lanes-controls">
        <div className="segmented" role="group" aria-label="Zoom">
          <button type="button" aria-label="Zoom the lanes out" title="Zoom out (−)" disabled={!status?.canZoomOut} onClick={() => control?.zoom(0.5)}>
            −
          </button>
          <button type="button" aria-label="Zoom the lanes in" title="Zoom in (+)" disabled={!status?.canZoomIn} onClick={() => control?.zoom(2)}>
            +
          </button>
        </div>
        <button type="button" aria-pressed={status?.whole ?? true} onClick={() => control?.wholeRun()}>
          Whole run
        </button>
        {differs !== null && (
          <button type="button" className="lanes-what-if" aria-label={`What if differs from here: tick ${differs}`} onClick={() => api.getState().seek(differs)}>
            What if differs from here: tick {differs}
          </button>
        )}
        {status && !status.following && (
          <button type="button" onClick={() => control?.backToNow()}>
            Back to now
          </button>
        )}
        <p className="lanes-details" role="status">
          {details ?? (
            <span className="muted">
              {from > 0 ? `Ticks ${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${ticks.toLocaleString('en')}. ` : ''}
              {queueTop > 0 ? `A full queue bar is ${queueTop.toLocaleString('en')} ${queueTop === 1 ? 'item' : 'items'}. ` : ''}
              Click a tick to go there; ctrl+wheel or pinch zooms.
            </span>
          )}
        </p>
      </div>
      <div ref={box} className="lanes-box">
        <canvas
          ref={canvas}
          className="lanes-canvas"
          tabIndex={0}
          role="application"
          aria-roledescription="lanes chart"
          aria-label="Lanes: who ran at each tick"
          aria-describedby={`${id}-summary ${id}-keys`}
        />
      </div>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
      <p id={`${id}-keys`} className="visually-hidden">
        Left and right arrows move along the ticks, up and down between lanes, Page Up and Page Down by a screen, Home and End to the first and last tick. Enter goes to the tick; plus
        and minus zoom.
      </p>
    </div>
  )
}

/** Each lane's label and colour, as its card has them (a node the mesh no longer has: its id, in GONE_COLOUR). */
export function laneLooks(lanes: readonly string[], nodes: readonly MeshNode[]): { labels: string[]; colours: string[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  return {
    labels: lanes.map((node) => byId.get(node)?.label ?? node),
    colours: lanes.map((node) => {
      const kind = byId.get(node)?.kind
      return kind ? KIND_COLOURS[kind] : GONE_COLOUR
    }),
  }
}
