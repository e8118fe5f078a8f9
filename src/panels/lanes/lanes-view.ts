/**
 * The Lanes view's geometry, with no DOM: where ticks and lanes fall on the
 * canvas, zooming about a point, scrolling, following the current tick, and
 * which tick and lane a point is on. The renderer draws what these say and
 * the panel moves the view with them, so the two agree by construction.
 *
 * Ticks are laid on a line of tick coordinates: tick t's cell spans
 * [t − 1, t), so the line at coordinate t is "after tick t" (the current
 * tick's mark) and coordinate 0 is the start of the run.
 */

/** The part of the run in view. */
export interface LanesView {
  /** The tick coordinate at the plot's left edge. */
  start: number
  /** Ticks per CSS pixel: 1/8 draws every tick 8 px wide; above 1, each pixel column sums several ticks. */
  scale: number
  /** The first lane in view: the lanes scroll up and down when they do not all fit. */
  top: number
}

/** Where the parts of the chart are, in CSS pixels from the canvas's top left. */
export interface LanesLayout {
  width: number
  height: number
  /** The lane labels' column, at the left. */
  gutter: number
  /** The tick numbers' row, at the top. */
  axis: number
  laneHeight: number
  /** The cell that shows who ran, at the top of each lane. */
  cellHeight: number
  /** The queue's bars, under the cell. */
  queueHeight: number
  /** Lanes in view at once. */
  rows: number
  laneCount: number
  /** The horizontal scrollbar's height, at the bottom. */
  scrollbar: number
  /** The vertical scrollbar's width, at the right: 0 when every lane fits. */
  vbar: number
}

/** The widest a tick's cell gets, in CSS pixels. */
export const MAX_CELL = 48
/** The narrowest scale: MAX_CELL pixels a tick. */
export const MIN_SCALE = 1 / MAX_CELL
/** From this cell width on, every tick has its own cell with a gap around it, and the axis marks every tick. */
export const CELL_WITH_GAP = 8
const AXIS = 16
const SCROLLBAR = 8
const VBAR = 10
const MIN_LANE = 16
const MAX_LANE = 34

/** Lays the chart out in a canvas of `width` × `height` for `laneCount` lanes whose longest label has `labelChars` characters. */
export function lanesLayout(width: number, height: number, laneCount: number, labelChars: number): LanesLayout {
  const lanes = Math.max(1, laneCount)
  const gutter = clamp(Math.round(labelChars * 6.4) + 26, 64, 168)
  const room = Math.max(MIN_LANE, height - AXIS - SCROLLBAR)
  const laneHeight = clamp(Math.floor(room / lanes), MIN_LANE, MAX_LANE)
  const rows = Math.max(1, Math.min(lanes, Math.floor(room / laneHeight)))
  const cellHeight = Math.round(laneHeight * 0.55)
  return {
    width,
    height,
    gutter,
    axis: AXIS,
    laneHeight,
    cellHeight,
    queueHeight: laneHeight - cellHeight - 3,
    rows,
    laneCount: Math.max(0, laneCount),
    scrollbar: SCROLLBAR,
    vbar: laneCount > rows ? VBAR : 0,
  }
}

export function plotWidth(layout: LanesLayout): number {
  return Math.max(1, layout.width - layout.gutter - layout.vbar)
}

/** The bottom of the last lane in view. */
export function plotBottom(layout: LanesLayout): number {
  return layout.axis + Math.min(layout.rows, Math.max(1, layout.laneCount)) * layout.laneHeight
}

/** The scale that shows the whole run (never wider than MAX_CELL a tick). */
export function wholeScale(ticks: number, layout: LanesLayout): number {
  return Math.max(MIN_SCALE, ticks / plotWidth(layout))
}

/** The view moved back inside the run: no further in than MAX_CELL a tick, no further out than the whole run, no scrolling past either end. */
export function clampView(view: LanesView, ticks: number, layout: LanesLayout): LanesView {
  const scale = clamp(finite(view.scale, MIN_SCALE), MIN_SCALE, wholeScale(ticks, layout))
  const span = plotWidth(layout) * scale
  const start = clamp(finite(view.start, 0), 0, Math.max(0, ticks - span))
  const top = clamp(Math.round(finite(view.top, 0)), 0, Math.max(0, layout.laneCount - layout.rows))
  return start === view.start && scale === view.scale && top === view.top ? view : { start, scale, top }
}

/** The whole run in view. */
export function wholeRun(view: LanesView, ticks: number, layout: LanesLayout): LanesView {
  return clampView({ start: 0, scale: wholeScale(ticks, layout), top: view.top }, ticks, layout)
}

/** Zoomed in by `factor` (below 1: out) about the point `x` pixels from the canvas's left, which stays on the same tick. */
export function zoomAt(view: LanesView, factor: number, x: number, ticks: number, layout: LanesLayout): LanesView {
  const offset = clamp(x - layout.gutter, 0, plotWidth(layout))
  const anchor = view.start + offset * view.scale
  const scale = clamp(view.scale / factor, MIN_SCALE, wholeScale(ticks, layout))
  return clampView({ start: anchor - offset * scale, scale, top: view.top }, ticks, layout)
}

/** Scrolled by `dx` pixels along the run (positive: later) and `dy` lanes. */
export function scrollBy(view: LanesView, dx: number, dy: number, ticks: number, layout: LanesLayout): LanesView {
  return clampView({ start: view.start + dx * view.scale, scale: view.scale, top: view.top + dy }, ticks, layout)
}

/** The x of tick coordinate `at` (tick t's cell starts at t − 1). */
export function tickX(view: LanesView, layout: LanesLayout, at: number): number {
  return layout.gutter + (at - view.start) / view.scale
}

/** The ticks in view, first and last (1-based, inclusive); last < first when none is. */
export function visibleTicks(view: LanesView, layout: LanesLayout, ticks: number): { first: number; last: number } {
  const first = Math.floor(view.start) + 1
  const last = Math.min(ticks, Math.ceil(view.start + plotWidth(layout) * view.scale))
  return { first, last }
}

/**
 * Pixel column `c` of the plot (0 at its left edge) when each column sums
 * several ticks: ticks from + 1 … to. Consecutive columns meet without a
 * gap or an overlap, so every tick in view falls in exactly one column.
 */
export function columnTicks(view: LanesView, c: number): { from: number; to: number } {
  return { from: Math.floor(view.start + c * view.scale) + 1, to: Math.floor(view.start + (c + 1) * view.scale) }
}

/** The lanes in view, first and last index (inclusive). */
export function visibleLanes(view: LanesView, layout: LanesLayout): { first: number; last: number } {
  return { first: view.top, last: Math.min(layout.laneCount, view.top + layout.rows) - 1 }
}

/** The top of lane `lane`'s row, in pixels. */
export function laneY(view: LanesView, layout: LanesLayout, lane: number): number {
  return layout.axis + (lane - view.top) * layout.laneHeight
}

/** What a point of the canvas is on. */
export type LanesHit =
  /** A cell, or a lane label (its lane, no tick), or the axis (a tick, no lane). `from`…`to` are the ticks its pixel column sums (one tick when zoomed in). */
  { on: 'plot' | 'label' | 'axis'; lane: number | null; tick: number | null; from: number; to: number } | { on: 'hbar' | 'vbar' }

/** What the point (x, y), in CSS pixels from the canvas's top left, is on; null for nothing (past the run's end, below the last lane). */
export function hitTest(view: LanesView, layout: LanesLayout, ticks: number, x: number, y: number): LanesHit | null {
  const right = layout.gutter + plotWidth(layout)
  if (y >= layout.height - layout.scrollbar && y < layout.height && x >= layout.gutter && x < right) return { on: 'hbar' }
  if (layout.vbar > 0 && x >= right && x < layout.width && y >= layout.axis && y < plotBottom(layout)) return { on: 'vbar' }
  const row = y >= layout.axis ? Math.floor((y - layout.axis) / layout.laneHeight) : -1
  const lane = row >= 0 && row < layout.rows && view.top + row < layout.laneCount ? view.top + row : null
  if (x < layout.gutter) return lane === null || x < 0 ? null : { on: 'label', lane, tick: null, from: 0, to: 0 }
  if (x >= right || y < 0) return null
  const c = Math.floor(x - layout.gutter)
  const column = view.scale > 1 ? columnTicks(view, c) : null
  const tick = Math.floor(view.start + (x - layout.gutter) * view.scale) + 1
  if (tick < 1 || tick > ticks) return null
  const from = column ? Math.max(1, column.from) : tick
  const to = column ? Math.min(ticks, Math.max(column.to, from)) : tick
  if (y < layout.axis) return { on: 'axis', lane: null, tick, from, to }
  return lane === null ? null : { on: 'plot', lane, tick, from, to }
}

/** Whether the line after tick `now` is in view. */
export function nowInView(view: LanesView, layout: LanesLayout, now: number): boolean {
  return now >= view.start && now <= view.start + plotWidth(layout) * view.scale
}

/**
 * The view that keeps the current tick in sight as the run goes on: as it
 * is while the tick is well inside, else scrolled so the tick stands at
 * four fifths of the width (or as far right as the run allows).
 */
export function follow(view: LanesView, now: number, ticks: number, layout: LanesLayout): LanesView {
  const span = plotWidth(layout) * view.scale
  const margin = Math.min(span * 0.05, 2 * view.scale)
  if (now >= view.start + margin && now <= view.start + span - margin) return view
  if (now <= span) return clampView({ ...view, start: 0 }, ticks, layout)
  return clampView({ ...view, start: now - span * 0.8 }, ticks, layout)
}

/** The view scrolled just enough to show tick `tick`'s cell (for the keyboard's cursor). */
export function reveal(view: LanesView, tick: number, ticks: number, layout: LanesLayout): LanesView {
  const span = plotWidth(layout) * view.scale
  if (tick - 1 < view.start) return clampView({ ...view, start: tick - 1 }, ticks, layout)
  if (tick > view.start + span) return clampView({ ...view, start: tick - span }, ticks, layout)
  return view
}

/** The view scrolled up or down just enough to show lane `lane`. */
export function revealLane(view: LanesView, lane: number, ticks: number, layout: LanesLayout): LanesView {
  if (lane < view.top) return clampView({ ...view, top: lane }, ticks, layout)
  if (lane >= view.top + layout.rows) return clampView({ ...view, top: lane - layout.rows + 1 }, ticks, layout)
  return view
}

/** The horizontal scrollbar's thumb: x and width in pixels (the whole track when the whole run is in view). */
export function hThumb(view: LanesView, layout: LanesLayout, ticks: number): { x: number; width: number } {
  const track = plotWidth(layout)
  const span = track * view.scale
  if (ticks <= span || ticks <= 0) return { x: layout.gutter, width: track }
  const width = Math.max(24, Math.min(track, (track * span) / ticks))
  return { x: layout.gutter + ((track - width) * view.start) / (ticks - span), width }
}

/** The view whose thumb's left edge is at `x` (dragging the horizontal thumb). */
export function startAtThumb(view: LanesView, layout: LanesLayout, ticks: number, x: number): LanesView {
  const track = plotWidth(layout)
  const span = track * view.scale
  const thumb = hThumb(view, layout, ticks)
  if (thumb.width >= track) return view
  return clampView({ ...view, start: ((x - layout.gutter) / (track - thumb.width)) * (ticks - span) }, ticks, layout)
}

/** The vertical scrollbar's thumb: y and height in pixels. */
export function vThumb(view: LanesView, layout: LanesLayout): { y: number; height: number } {
  const track = plotBottom(layout) - layout.axis
  const lanes = Math.max(1, layout.laneCount)
  if (layout.rows >= lanes) return { y: layout.axis, height: track }
  const height = Math.max(16, (track * layout.rows) / lanes)
  return { y: layout.axis + ((track - height) * view.top) / (lanes - layout.rows), height }
}

/** The view whose vertical thumb's top is at `y`. */
export function topAtThumb(view: LanesView, layout: LanesLayout, ticks: number, y: number): LanesView {
  const track = plotBottom(layout) - layout.axis
  const thumb = vThumb(view, layout)
  if (thumb.height >= track) return view
  return clampView({ ...view, top: ((y - layout.axis) / (track - thumb.height)) * (layout.laneCount - layout.rows) }, ticks, layout)
}

/** The step between two numbered ticks on the axis: 1, 2 or 5 times a power of ten, far enough apart for numbers up to `last` to fit between. */
export function labelStep(scale: number, last: number): number {
  const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, last))) + 1)
  const gap = 14 + digits * 8.5
  const least = Math.max(1, gap * scale)
  const power = 10 ** Math.floor(Math.log10(least))
  return [1, 2, 5].map((m) => m * power).find((step) => step >= least) ?? 10 * power
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value
}

function finite(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback
}
