/**
 * The Lanes view under the pointer: hover, a click on a cell, a drag along
 * the run (and up and down the lanes), the scrollbars' thumbs and tracks,
 * a pinch of two fingers, and the wheel (ctrl+wheel, as a trackpad's pinch
 * arrives, zooms). It turns the canvas's events into what they mean for the
 * view; the control (lanes-control.ts) decides what follows from them.
 */
import type { LanesFocus } from './lanes-renderer'
import { clampView, hitTest, hThumb, plotWidth, scrollBy, startAtThumb, topAtThumb, vThumb, zoomAt, type LanesLayout, type LanesView } from './lanes-view'

export interface LanesPointerTarget {
  /** Where the view stands now: read at every event. */
  current(): { view: LanesView; layout: LanesLayout; ticks: number }
  /** The person moved the view there. */
  move(view: LanesView): void
  /** The cell (or pixel column) under the pointer, or none. */
  hover(cell: LanesFocus | null): void
  /** A press and release in one place on a cell, or on the axis (no lane). */
  click(tick: number, lane: number | null): void
}

/** A press that moves less than this is a click, not a drag. */
const DRAG_SLOP = 4
/** Pixels a wheel "line" scrolls. */
const WHEEL_LINE = 16
/** How much a pixel of wheel zooms: 120 (a mouse wheel's notch) about 1.35 times. */
const WHEEL_ZOOM = 0.0025

interface Point {
  x: number
  y: number
}

/** Listens on `canvas` for `target`; returns the function that stops listening. */
export function attachLanesPointer(canvas: HTMLCanvasElement, target: LanesPointerTarget): () => void {
  const pointers = new Map<number, Point>()
  let press: (Point & { view: LanesView; on: 'plot' | 'hbar' | 'vbar'; grab: number; dragged: boolean }) | null = null
  let pinch: { distance: number; view: LanesView } | null = null

  const local = (event: { clientX: number; clientY: number }): Point => {
    const box = canvas.getBoundingClientRect()
    return { x: event.clientX - box.left, y: event.clientY - box.top }
  }
  const twoFingers = () => [...pointers.values()] as [Point, Point]

  const hoverAt = ({ x, y }: Point) => {
    const { view, layout, ticks } = target.current()
    const hit = hitTest(view, layout, ticks, x, y)
    const cell = hit && (hit.on === 'plot' || hit.on === 'axis') ? hit : null
    canvas.style.cursor = cell ? 'pointer' : 'default'
    target.hover(cell ? { lane: cell.lane, from: cell.from, to: cell.to } : null)
  }

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return
    const p = local(event)
    pointers.set(event.pointerId, p)
    canvas.setPointerCapture?.(event.pointerId)
    const { view, layout, ticks } = target.current()
    if (pointers.size === 2) {
      const [a, b] = twoFingers()
      pinch = { distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), view }
      press = null
      return
    }
    const hit = hitTest(view, layout, ticks, p.x, p.y)
    // On a thumb, a press drags it; on the track beside it, it pages there first.
    if (hit?.on === 'hbar') {
      const thumb = hThumb(view, layout, ticks)
      const inside = p.x >= thumb.x && p.x < thumb.x + thumb.width
      if (!inside) target.move(startAtThumb(view, layout, ticks, p.x - thumb.width / 2))
      press = { ...p, view, on: 'hbar', grab: inside ? p.x - thumb.x : thumb.width / 2, dragged: true }
    } else if (hit?.on === 'vbar') {
      const thumb = vThumb(view, layout)
      const inside = p.y >= thumb.y && p.y < thumb.y + thumb.height
      if (!inside) target.move(topAtThumb(view, layout, ticks, p.y - thumb.height / 2))
      press = { ...p, view, on: 'vbar', grab: inside ? p.y - thumb.y : thumb.height / 2, dragged: true }
    } else {
      press = { ...p, view, on: 'plot', grab: 0, dragged: false }
    }
  }

  const onPointerMove = (event: PointerEvent) => {
    const p = local(event)
    if (pointers.has(event.pointerId)) pointers.set(event.pointerId, p)
    const { layout, ticks } = target.current()
    if (pinch && pointers.size === 2) {
      const [a, b] = twoFingers()
      return target.move(zoomAt(pinch.view, Math.hypot(a.x - b.x, a.y - b.y) / pinch.distance, (a.x + b.x) / 2, ticks, layout))
    }
    if (!press) return hoverAt(p)
    if (press.on === 'hbar') return target.move(startAtThumb(press.view, layout, ticks, p.x - press.grab))
    if (press.on === 'vbar') return target.move(topAtThumb(press.view, layout, ticks, p.y - press.grab))
    const dx = p.x - press.x
    const dy = p.y - press.y
    if (!press.dragged && Math.hypot(dx, dy) < DRAG_SLOP) return
    if (!press.dragged) target.hover(null)
    press.dragged = true
    canvas.style.cursor = 'grabbing'
    target.move(clampView({ ...press.view, start: press.view.start - dx * press.view.scale, top: press.view.top - dy / layout.laneHeight }, ticks, layout))
  }

  const onPointerUp = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    if (pointers.size < 2) pinch = null
    const done = press
    press = null
    if (!done || done.dragged) return
    const p = local(event)
    const { view, layout, ticks } = target.current()
    const hit = hitTest(view, layout, ticks, p.x, p.y)
    if (hit && (hit.on === 'plot' || hit.on === 'axis') && hit.tick !== null) target.click(hit.tick, hit.lane)
  }

  const onPointerCancel = (event: PointerEvent) => {
    pointers.delete(event.pointerId)
    pinch = null
    press = null
  }

  const onPointerLeave = () => {
    if (!press) target.hover(null)
  }

  const onWheel = (event: WheelEvent) => {
    event.preventDefault()
    const { view, layout, ticks } = target.current()
    const unit = event.deltaMode === 1 ? WHEEL_LINE : event.deltaMode === 2 ? plotWidth(layout) : 1
    const p = local(event)
    if (event.ctrlKey || event.metaKey) return target.move(zoomAt(view, Math.exp(-event.deltaY * unit * WHEEL_ZOOM), p.x, ticks, layout))
    // Over the labels the wheel moves the lanes up and down; over the plot, along the run.
    if (p.x < layout.gutter) return target.move(scrollBy(view, 0, Math.sign(event.deltaY), ticks, layout))
    target.move(scrollBy(view, (event.deltaX + event.deltaY) * unit, 0, ticks, layout))
  }

  const listeners: [string, EventListener, AddEventListenerOptions?][] = [
    ['pointerdown', onPointerDown as EventListener],
    ['pointermove', onPointerMove as EventListener],
    ['pointerup', onPointerUp as EventListener],
    ['pointercancel', onPointerCancel as EventListener],
    ['pointerleave', onPointerLeave],
    // Not passive: the wheel scrolls the chart, not the page.
    ['wheel', onWheel as EventListener, { passive: false }],
  ]
  for (const [type, listener, options] of listeners) canvas.addEventListener(type, listener, options)
  return () => {
    for (const [type, listener] of listeners) canvas.removeEventListener(type, listener)
  }
}
