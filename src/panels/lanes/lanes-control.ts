/**
 * The Lanes view's behaviour on its canvas, apart from React (xyflow's
 * `{ update, destroy }` shape): it keeps the view window, moves it as the
 * pointer (lanes-pointer.ts: wheel, drag, scrollbars, ctrl+wheel and pinch
 * zoom) and the keys say, follows the current tick while the run plays
 * unless the person scrolled away, asks for a seek to the tick clicked, and
 * has the renderer draw each change once, at the next frame.
 */
import type { RunLanes } from '../../engine/run-record'
import { LanesIndex } from './lanes-index'
import type { LaneMark } from './lanes-marks'
import { attachLanesPointer } from './lanes-pointer'
import { createLanesRenderer, type LanesFocus, type LanesTheme } from './lanes-renderer'
import {
  clampView,
  columnTicks,
  follow,
  lanesLayout,
  MIN_SCALE,
  nowInView,
  plotWidth,
  reveal,
  revealLane,
  tickX,
  visibleTicks,
  wholeRun,
  wholeScale,
  zoomAt,
  type LanesLayout,
  type LanesView,
} from './lanes-view'

/** What the panel gives the view. */
export interface LanesData {
  lanes: RunLanes
  labels: readonly string[]
  colours: readonly string[]
  marks: readonly (LaneMark | undefined)[]
  now: number
  hit: number | null
  /** Ticks the time axis spans, at least the record's: charts stacked on one scroll (the Compare panel's) span the longest of them. */
  extent: number
  /** A tick to mark across the lanes (the Compare panel's first divergence), or null. */
  marker: number | null
}

/** The horizontal part of the view, which stacked charts share: the tick at the left edge, and ticks per pixel. */
export interface LanesWindow {
  start: number
  scale: number
}

/** What the panel shows around the canvas: its buttons and its words. */
export interface LanesStatus {
  ticks: number
  /** The ticks in view. */
  from: number
  to: number
  /** The view keeps the current tick in sight as the run goes on. */
  following: boolean
  /** The view shows the whole run, and keeps doing so as it grows. */
  whole: boolean
  canZoomIn: boolean
  canZoomOut: boolean
  /** The hovered cell, else the keyboard's cursor. */
  focus: LanesFocus | null
}

export interface LanesControl {
  update(data: Partial<LanesData>): void
  /** The canvas's box changed size (CSS pixels). */
  resize(width: number, height: number): void
  /** Zoomed in by `factor` (below 1: out) about the current tick if in view, else the middle. */
  zoom(factor: number): void
  wholeRun(): void
  /** Scrolls to the current tick and follows it again. */
  backToNow(): void
  /** Shows ticks `from` … `to` (1-based), with some of the run either side, as near as the zoom allows. */
  showTicks(from: number, to: number): void
  /** Takes another chart's window (stacked charts scroll and zoom together): nothing is told back. */
  setWindow(window: LanesWindow): void
  /** The summaries the view draws from, for the panel's words. */
  readonly index: LanesIndex
  destroy(): void
}

export interface LanesCallbacks {
  /** A cell was clicked, or Enter pressed on one: the run goes to its tick (without it, a click only moves the cursor). */
  onSeek?(tick: number): void
  onStatus(status: LanesStatus): void
  /** The person moved the window (scrolled or zoomed): for charts stacked on one scroll to follow. */
  onWindow?(window: LanesWindow): void
}

const ZOOM_STEP = 2
const THEME_VARIABLES: Record<keyof LanesTheme, [string, string]> = {
  background: ['--surface', '#ffffff'],
  stripe: ['--surface-2', '#f1f5f9'],
  text: ['--text', '#0f172a'],
  muted: ['--muted', '#475569'],
  grid: ['--border-strong', '#cbd5e1'],
  accent: ['--accent', '#4f46e5'],
  danger: ['--danger', '#b91c1c'],
  warning: ['--warning-border', '#f59e0b'],
}

function readTheme(element: Element): LanesTheme {
  const style = getComputedStyle(element)
  const theme = {} as LanesTheme
  for (const [key, [variable, fallback]] of Object.entries(THEME_VARIABLES) as [keyof LanesTheme, [string, string]][]) {
    theme[key] = style.getPropertyValue(variable).trim() || fallback
  }
  return theme
}

const EMPTY: RunLanes = { nodes: [], ticks: 0, ran: new Int32Array(0), queueStride: 1, queued: new Uint32Array(0) }

export function createLanesControl(canvas: HTMLCanvasElement, callbacks: LanesCallbacks): LanesControl {
  const renderer = createLanesRenderer(canvas)
  const index = new LanesIndex()
  let data: LanesData = { lanes: EMPTY, labels: [], colours: [], marks: [], now: 0, hit: null, extent: 0, marker: null }
  let width = Math.max(1, canvas.clientWidth || 600)
  let height = Math.max(1, canvas.clientHeight || 120)
  let layout: LanesLayout = lanesLayout(width, height, 0, 0)
  let view: LanesView = { start: 0, scale: MIN_SCALE * 4, top: 0 }
  let whole = true
  let following = true
  let hover: LanesFocus | null = null
  let cursor: { tick: number; lane: number } | null = null
  let focused = false
  let theme = readTheme(canvas)
  let lastStatus: LanesStatus | null = null

  const ticks = () => Math.min(data.lanes.ticks, data.lanes.ran.length)
  /** Ticks the axis spans: the record's, or the extent given, if longer. The view moves over these; the cells are the record's. */
  const span = () => Math.max(ticks(), data.extent)
  /** The current tick as far as the axis goes: a record that lags the run a little is followed to its end. */
  const now = () => Math.max(0, Math.min(data.now, span()))
  /** The window last told to `onWindow` (or taken from another chart). */
  let told: LanesWindow = { start: view.start, scale: view.scale }

  const relayout = () => {
    const chars = data.labels.reduce((most, label) => Math.max(most, label.length), 0)
    layout = lanesLayout(width, height, data.lanes.nodes.length, chars)
  }

  /** The column (a tick zoomed in) that holds tick `tick`, in lane `lane`. */
  const cellOf = (tick: number, lane: number | null): LanesFocus => {
    if (view.scale <= 1) return { lane, from: tick, to: tick }
    const c = Math.floor((tick - 1 - view.start) / view.scale)
    const { from, to } = columnTicks(view, c)
    return { lane, from: Math.max(1, Math.min(from, tick)), to: Math.min(ticks(), Math.max(to, tick)) }
  }

  const focus = (): LanesFocus | null => hover ?? (focused && cursor ? cellOf(cursor.tick, cursor.lane) : null)

  const draw = () => {
    renderer.update({
      index,
      view,
      layout,
      labels: data.labels,
      colours: data.colours,
      marks: data.marks,
      now: data.now,
      hit: data.hit,
      focus: focus(),
      theme,
      extent: data.extent,
      marker: data.marker,
    })
    const { first, last } = visibleTicks(view, layout, ticks())
    const status: LanesStatus = {
      ticks: ticks(),
      from: Math.min(first, last),
      to: last,
      following,
      whole,
      canZoomIn: view.scale > MIN_SCALE,
      canZoomOut: view.scale < wholeScale(span(), layout),
      focus: focus(),
    }
    if (!lastStatus || !sameStatus(lastStatus, status)) {
      lastStatus = status
      callbacks.onStatus(status)
    }
  }

  /** The view after the run or the canvas changed: the whole run kept whole, the current tick kept in sight. */
  const settle = () => {
    const t = span()
    view = whole ? wholeRun(view, t, layout) : clampView(view, t, layout)
    if (following) view = follow(view, now(), t, layout)
  }

  /** Tells the window to a chart stacked with this one, if it moved since it was last told. */
  const tell = () => {
    if (view.start === told.start && view.scale === told.scale) return
    told = { start: view.start, scale: view.scale }
    callbacks.onWindow?.(told)
  }

  /** Keeps the whole run whole only while the view still shows it all, and follows the current tick only while it stays in sight. */
  const place = (next: LanesView) => {
    view = next
    whole = view.start === 0 && view.scale >= wholeScale(span(), layout)
    following = nowInView(view, layout, now())
  }

  /** A move the person made. */
  const moved = (next: LanesView) => {
    place(next)
    draw()
    tell()
  }

  const zoomAbout = (factor: number, x: number) => moved(zoomAt(view, factor, x, span(), layout))

  const anchorX = () => (nowInView(view, layout, now()) ? tickX(view, layout, now()) : layout.gutter + plotWidth(layout) / 2)

  const setHover = (cell: LanesFocus | null) => {
    // Past the record's end (the axis may span a longer chart's): nothing to point at.
    const next = cell && cell.from <= ticks() ? { ...cell, to: Math.min(cell.to, ticks()) } : null
    if (next?.lane === hover?.lane && next?.from === hover?.from && next?.to === hover?.to) return
    hover = next
    draw()
  }

  const detachPointer = attachLanesPointer(canvas, {
    current: () => ({ view, layout, ticks: span() }),
    move: moved,
    hover: setHover,
    click(tick, lane) {
      if (tick > ticks()) return
      if (lane !== null) cursor = { tick, lane }
      if (!callbacks.onSeek) return draw()
      following = true
      callbacks.onSeek(tick)
    },
  })

  // ---- keys, when the canvas has focus ----
  const moveCursor = (tick: number, lane: number) => {
    const t = Math.max(1, Math.min(ticks(), Math.round(tick)))
    cursor = { tick: t, lane: Math.max(0, Math.min(layout.laneCount - 1, lane)) }
    const next = revealLane(reveal(view, t, span(), layout), cursor.lane, span(), layout)
    if (next !== view) moved(next)
    else draw()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || ticks() === 0) return
    // The cursor starts on the current tick, in the lane of the tasklet that ran it.
    const start = Math.max(1, now())
    const at = cursor ?? { tick: start, lane: Math.max(0, index.ranAt(start)) }
    const step = view.scale <= 1 ? 1 : Math.ceil(view.scale)
    const page = Math.max(1, Math.floor(plotWidth(layout) * view.scale * 0.9))
    const keys: Record<string, () => void> = {
      ArrowLeft: () => moveCursor(at.tick - step, at.lane),
      ArrowRight: () => moveCursor(at.tick + step, at.lane),
      ArrowUp: () => moveCursor(at.tick, at.lane - 1),
      ArrowDown: () => moveCursor(at.tick, at.lane + 1),
      PageUp: () => moveCursor(at.tick - page, at.lane),
      PageDown: () => moveCursor(at.tick + page, at.lane),
      Home: () => moveCursor(1, at.lane),
      End: () => moveCursor(ticks(), at.lane),
      Enter: () => {
        if (!callbacks.onSeek) return
        following = true
        callbacks.onSeek(at.tick)
      },
      '+': () => zoomAbout(ZOOM_STEP, tickX(view, layout, at.tick - 0.5)),
      '=': () => zoomAbout(ZOOM_STEP, tickX(view, layout, at.tick - 0.5)),
      '-': () => zoomAbout(1 / ZOOM_STEP, tickX(view, layout, at.tick - 0.5)),
    }
    keys[' '] = keys.Enter!
    const act = keys[event.key]
    if (!act) return
    event.preventDefault()
    cursor = at
    act()
  }

  const onFocus = () => {
    focused = true
    draw()
  }
  const onBlur = () => {
    focused = false
    draw()
  }

  const scheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
  const onScheme = () => {
    theme = readTheme(canvas)
    draw()
  }

  canvas.addEventListener('keydown', onKeyDown)
  canvas.addEventListener('focus', onFocus)
  canvas.addEventListener('blur', onBlur)
  scheme?.addEventListener?.('change', onScheme)

  return {
    index,
    update(next) {
      const before = data
      data = { ...data, ...next }
      if (data.lanes !== before.lanes) index.sync(data.lanes)
      if (data.lanes.nodes.length !== before.lanes.nodes.length || data.labels !== before.labels) relayout()
      // A cursor or hover past the end of a shorter run, or on a lane it no longer has, goes.
      if (cursor && (cursor.tick > ticks() || cursor.lane >= data.lanes.nodes.length)) cursor = null
      if (hover && (hover.to > ticks() || (hover.lane ?? 0) >= data.lanes.nodes.length)) hover = null
      settle()
      draw()
    },
    resize(w, h) {
      width = Math.max(1, w)
      height = Math.max(1, h)
      relayout()
      settle()
      draw()
    },
    zoom(factor) {
      zoomAbout(factor, anchorX())
    },
    wholeRun() {
      whole = true
      following = true
      settle()
      draw()
      tell()
    },
    backToNow() {
      following = true
      const width = plotWidth(layout) * view.scale
      view = clampView({ ...view, start: now() - width * 0.8 }, span(), layout)
      draw()
      tell()
    },
    showTicks(from, to) {
      const lo = Math.max(0, Math.min(from, to) - 1)
      const hi = Math.max(from, to)
      const pad = Math.max(2, (hi - lo) * 0.25)
      const scale = Math.min(Math.max(MIN_SCALE, (hi - lo + 2 * pad) / plotWidth(layout)), wholeScale(span(), layout))
      moved(clampView({ start: (lo + hi) / 2 - (plotWidth(layout) * scale) / 2, scale, top: view.top }, span(), layout))
    },
    setWindow(window) {
      place(clampView({ ...view, start: window.start, scale: window.scale }, span(), layout))
      told = { start: view.start, scale: view.scale }
      draw()
    },
    destroy() {
      renderer.destroy()
      detachPointer()
      canvas.removeEventListener('keydown', onKeyDown)
      canvas.removeEventListener('focus', onFocus)
      canvas.removeEventListener('blur', onBlur)
      scheme?.removeEventListener?.('change', onScheme)
    },
  }
}

function sameStatus(a: LanesStatus, b: LanesStatus): boolean {
  return (
    a.ticks === b.ticks &&
    a.from === b.from &&
    a.to === b.to &&
    a.following === b.following &&
    a.whole === b.whole &&
    a.canZoomIn === b.canZoomIn &&
    a.canZoomOut === b.canZoomOut &&
    a.focus?.lane === b.focus?.lane &&
    a.focus?.from === b.focus?.from &&
    a.focus?.to === b.focus?.to
  )
}
