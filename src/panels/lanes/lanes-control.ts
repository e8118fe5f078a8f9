/**
 * The Lanes view's behaviour on its canvas, apart from React (xyflow's
 * `{ update, destroy }` shape): it keeps the view window, moves it with
 * the wheel (ctrl+wheel and pinch zoom), drags, the scrollbars and the keys,
 * follows the current tick while the run plays unless the person scrolled
 * away, hit-tests a click to a tick and asks for a seek there, and has the
 * renderer draw each change once, at the next frame.
 */
import type { RunLanes } from '../../engine/run-record'
import { LanesIndex } from './lanes-index'
import type { LaneMark } from './lanes-marks'
import { createLanesRenderer, type LanesFocus, type LanesTheme } from './lanes-renderer'
import {
  clampView,
  columnTicks,
  follow,
  hitTest,
  hThumb,
  lanesLayout,
  MIN_SCALE,
  nowInView,
  plotWidth,
  reveal,
  revealLane,
  scrollBy,
  startAtThumb,
  tickX,
  topAtThumb,
  visibleTicks,
  vThumb,
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
  /** The summaries the view draws from, for the panel's words. */
  readonly index: LanesIndex
  destroy(): void
}

export interface LanesCallbacks {
  onSeek(tick: number): void
  onStatus(status: LanesStatus): void
}

const ZOOM_STEP = 2
/** A press that moves less than this is a click, not a drag. */
const DRAG_SLOP = 4
const WHEEL_LINE = 16
const THEME_VARIABLES: Record<keyof LanesTheme, [string, string]> = {
  background: ['--surface', '#ffffff'],
  stripe: ['--surface-2', '#f1f5f9'],
  text: ['--text', '#0f172a'],
  muted: ['--muted', '#475569'],
  grid: ['--border-strong', '#cbd5e1'],
  accent: ['--accent', '#4f46e5'],
  danger: ['--danger', '#b91c1c'],
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
  let data: LanesData = { lanes: EMPTY, labels: [], colours: [], marks: [], now: 0, hit: null }
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
  /** The current tick as far as the record goes: a record that lags the run a little is followed to its end. */
  const now = () => Math.max(0, Math.min(data.now, ticks()))

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
    renderer.update({ index, view, layout, labels: data.labels, colours: data.colours, marks: data.marks, now: data.now, hit: data.hit, focus: focus(), theme })
    const { first, last } = visibleTicks(view, layout, ticks())
    const status: LanesStatus = {
      ticks: ticks(),
      from: Math.min(first, last),
      to: last,
      following,
      whole,
      canZoomIn: view.scale > MIN_SCALE,
      canZoomOut: view.scale < wholeScale(ticks(), layout),
      focus: focus(),
    }
    if (!lastStatus || !sameStatus(lastStatus, status)) {
      lastStatus = status
      callbacks.onStatus(status)
    }
  }

  /** The view after the run or the canvas changed: the whole run kept whole, the current tick kept in sight. */
  const settle = () => {
    const t = ticks()
    view = whole ? wholeRun(view, t, layout) : clampView(view, t, layout)
    if (following) view = follow(view, now(), t, layout)
  }

  /** A move the person made: the view keeps the whole run whole only while it still shows it all, and follows the current tick only while it stays in sight. */
  const moved = (next: LanesView) => {
    view = next
    whole = view.start === 0 && view.scale >= wholeScale(ticks(), layout)
    following = nowInView(view, layout, now())
    draw()
  }

  const zoomAbout = (factor: number, x: number) => moved(zoomAt(view, factor, x, ticks(), layout))

  const anchorX = () => (nowInView(view, layout, now()) ? tickX(view, layout, now()) : layout.gutter + plotWidth(layout) / 2)

  // ---- pointer: hover, click to seek, drag to scroll, the scrollbars, pinch ----
  const pointers = new Map<number, { x: number; y: number }>()
  let press: { x: number; y: number; view: LanesView; on: 'plot' | 'hbar' | 'vbar'; grab: number; dragged: boolean } | null = null
  let pinch: { distance: number; view: LanesView } | null = null

  const local = (event: { clientX: number; clientY: number }) => {
    const box = canvas.getBoundingClientRect()
    return { x: event.clientX - box.left, y: event.clientY - box.top }
  }

  const setHover = (next: LanesFocus | null) => {
    if (next?.lane === hover?.lane && next?.from === hover?.from && next?.to === hover?.to) return
    hover = next
    draw()
  }

  const hoverAt = (x: number, y: number) => {
    const hit = hitTest(view, layout, ticks(), x, y)
    canvas.style.cursor = hit && (hit.on === 'plot' || hit.on === 'axis') ? 'pointer' : 'default'
    setHover(hit && (hit.on === 'plot' || hit.on === 'axis') ? { lane: hit.lane, from: hit.from, to: hit.to } : null)
  }

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return
    const p = local(event)
    pointers.set(event.pointerId, p)
    canvas.setPointerCapture?.(event.pointerId)
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }]
      pinch = { distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), view }
      press = null
      return
    }
    const hit = hitTest(view, layout, ticks(), p.x, p.y)
    if (hit?.on === 'hbar') {
      const thumb = hThumb(view, layout, ticks())
      const inside = p.x >= thumb.x && p.x < thumb.x + thumb.width
      // A press on the track beside the thumb pages there; on the thumb, it drags.
      if (!inside) moved(startAtThumb(view, layout, ticks(), p.x - thumb.width / 2))
      press = { ...p, view, on: 'hbar', grab: inside ? p.x - thumb.x : thumb.width / 2, dragged: true }
    } else if (hit?.on === 'vbar') {
      const thumb = vThumb(view, layout)
      const inside = p.y >= thumb.y && p.y < thumb.y + thumb.height
      if (!inside) moved(topAtThumb(view, layout, ticks(), p.y - thumb.height / 2))
      press = { ...p, view, on: 'vbar', grab: inside ? p.y - thumb.y : thumb.height / 2, dragged: true }
    } else {
      press = { ...p, view, on: 'plot', grab: 0, dragged: false }
    }
  }

  const onPointerMove = (event: PointerEvent) => {
    const p = local(event)
    if (pointers.has(event.pointerId)) pointers.set(event.pointerId, p)
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }]
      const factor = Math.hypot(a.x - b.x, a.y - b.y) / pinch.distance
      const next = zoomAt(pinch.view, factor, (a.x + b.x) / 2, ticks(), layout)
      moved(next)
      return
    }
    if (!press) return hoverAt(p.x, p.y)
    if (press.on === 'hbar') return moved(startAtThumb(press.view, layout, ticks(), p.x - press.grab))
    if (press.on === 'vbar') return moved(topAtThumb(press.view, layout, ticks(), p.y - press.grab))
    const dx = p.x - press.x
    const dy = p.y - press.y
    if (!press.dragged && Math.hypot(dx, dy) < DRAG_SLOP) return
    press.dragged = true
    canvas.style.cursor = 'grabbing'
    hover = null
    moved(clampView({ ...press.view, start: press.view.start - dx * press.view.scale, top: press.view.top - dy / layout.laneHeight }, ticks(), layout))
  }

  const onPointerUp = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    if (pointers.size < 2) pinch = null
    const done = press
    press = null
    if (!done || done.dragged) return
    const p = local(event)
    const hit = hitTest(view, layout, ticks(), p.x, p.y)
    if (!hit || (hit.on !== 'plot' && hit.on !== 'axis') || hit.tick === null) return
    if (hit.lane !== null) cursor = { tick: hit.tick, lane: hit.lane }
    following = true
    callbacks.onSeek(hit.tick)
  }

  const onPointerCancel = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    pinch = null
    press = null
  }

  const onPointerLeave = () => {
    if (!press) setHover(null)
  }

  const onWheel = (event: WheelEvent) => {
    event.preventDefault()
    const unit = event.deltaMode === 1 ? WHEEL_LINE : event.deltaMode === 2 ? plotWidth(layout) : 1
    const p = local(event)
    if (event.ctrlKey || event.metaKey) return zoomAbout(Math.exp(-event.deltaY * unit * 0.0025), p.x)
    // Over the labels the wheel moves the lanes up and down; over the plot, along the run.
    if (p.x < layout.gutter) return moved(scrollBy(view, 0, Math.sign(event.deltaY), ticks(), layout))
    moved(scrollBy(view, (event.deltaX + event.deltaY) * unit, 0, ticks(), layout))
  }

  // ---- keys, when the canvas has focus ----
  const moveCursor = (tick: number, lane: number) => {
    const t = Math.max(1, Math.min(ticks(), Math.round(tick)))
    cursor = { tick: t, lane: Math.max(0, Math.min(layout.laneCount - 1, lane)) }
    const next = revealLane(reveal(view, t, ticks(), layout), cursor.lane, ticks(), layout)
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

  canvas.addEventListener('pointerdown', onPointerDown)
  canvas.addEventListener('pointermove', onPointerMove)
  canvas.addEventListener('pointerup', onPointerUp)
  canvas.addEventListener('pointercancel', onPointerCancel)
  canvas.addEventListener('pointerleave', onPointerLeave)
  canvas.addEventListener('wheel', onWheel, { passive: false })
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
    },
    backToNow() {
      following = true
      const span = plotWidth(layout) * view.scale
      view = clampView({ ...view, start: now() - span * 0.8 }, ticks(), layout)
      draw()
    },
    destroy() {
      renderer.destroy()
      canvas.removeEventListener('pointerdown', onPointerDown)
      canvas.removeEventListener('pointermove', onPointerMove)
      canvas.removeEventListener('pointerup', onPointerUp)
      canvas.removeEventListener('pointercancel', onPointerCancel)
      canvas.removeEventListener('pointerleave', onPointerLeave)
      canvas.removeEventListener('wheel', onWheel)
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
