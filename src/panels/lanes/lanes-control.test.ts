// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createLanesControl, type LanesControl, type LanesStatus } from './lanes-control'
import { lanesLayout } from './lanes-view'
import { madeUpLanes } from './testing'

const WIDTH = 800
const HEIGHT = 200
const LANES = madeUpLanes({ n: 4, ticks: 10_000, seed: 3 })
const LABELS = ['start', 'branch', 'doubler', 'sink']
/** The layout the control makes for these lanes: where to point. */
const LAYOUT = lanesLayout(WIDTH, HEIGHT, 4, 7)

let canvas: HTMLCanvasElement
let control: LanesControl
let status: LanesStatus
let seeks: number[]

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  vi.stubGlobal('requestAnimationFrame', () => 1)
  canvas = document.createElement('canvas')
  canvas.tabIndex = 0
  document.body.append(canvas)
  seeks = []
  control = createLanesControl(canvas, { onSeek: (tick) => seeks.push(tick), onStatus: (s) => (status = s) })
  control.resize(WIDTH, HEIGHT)
  control.update({ lanes: LANES, labels: LABELS, colours: LABELS.map(() => '#000'), marks: [], now: 0, hit: null })
})

afterEach(() => {
  control.destroy()
  canvas.remove()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const pointer = (type: string, x: number, y: number, init: PointerEventInit = {}) =>
  canvas.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: 0, pointerId: 1, bubbles: true, ...init }))
const key = (name: string) => {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })
  canvas.dispatchEvent(event)
  return event
}
const laneMiddle = (lane: number) => LAYOUT.axis + (lane + 0.5) * LAYOUT.laneHeight

describe('createLanesControl', () => {
  it('starts with the whole run in view, following the current tick', () => {
    expect(status).toMatchObject({ ticks: 10_000, from: 1, to: 10_000, whole: true, following: true, canZoomIn: true, canZoomOut: false })
    // Nothing to scroll to: a turn of the wheel leaves it the whole run, kept whole as the run grows.
    canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: 300, clientX: LAYOUT.gutter + 100, clientY: laneMiddle(0), cancelable: true }))
    expect(status.whole).toBe(true)
  })

  it('seeks to the tick of the cell clicked, and outlines it', () => {
    for (let i = 0; i < 7; i++) control.zoom(2)
    // Zoomed in about tick 0: the view starts at the run's start.
    const cell = 1 / (10_000 / (WIDTH - LAYOUT.gutter) / 128)
    const x = LAYOUT.gutter + cell * 41.5
    pointer('pointermove', x, laneMiddle(2))
    expect(status.focus).toEqual({ lane: 2, from: 42, to: 42 })
    pointer('pointerdown', x, laneMiddle(2))
    pointer('pointerup', x, laneMiddle(2))
    expect(seeks).toEqual([42])
  })

  it('scrolls on a drag instead of seeking, and stops following until Back to now', () => {
    for (let i = 0; i < 5; i++) control.zoom(2)
    control.update({ now: 50 })
    expect(status.following).toBe(true)
    pointer('pointerdown', 400, laneMiddle(1))
    pointer('pointermove', 300, laneMiddle(1))
    pointer('pointermove', 100, laneMiddle(1))
    pointer('pointerup', 100, laneMiddle(1))
    expect(seeks).toEqual([])
    expect(status.from).toBeGreaterThan(1)
    expect(status.following).toBe(false)
    // The run goes on; the view stays where the person left it.
    const from = status.from
    control.update({ now: 60 })
    expect(status.from).toBe(from)
    control.backToNow()
    expect(status.following).toBe(true)
    expect(status.from).toBeLessThanOrEqual(60)
    expect(status.to).toBeGreaterThanOrEqual(60)
  })

  it('keeps the current tick in sight as the run plays, while following', () => {
    for (let i = 0; i < 6; i++) control.zoom(2)
    const span = status.to - status.from
    control.update({ now: 9_000 })
    expect(status.from).toBeLessThanOrEqual(9_000)
    expect(status.to).toBeGreaterThanOrEqual(9_000)
    expect(status.to - status.from).toBe(span)
  })

  it('follows a record that lags the run to its end, without asking to go back to now', () => {
    control.update({ now: 12_000 })
    for (let i = 0; i < 6; i++) control.zoom(2)
    expect(status.following).toBe(true)
    expect(status.to).toBe(10_000)
  })

  it('zooms about the pointer with ctrl+wheel, and scrolls along the run with the wheel', () => {
    canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -500, ctrlKey: true, clientX: LAYOUT.gutter + 100, clientY: laneMiddle(0), cancelable: true }))
    expect(status.whole).toBe(false)
    expect(status.canZoomOut).toBe(true)
    const from = status.from
    const wheel = new WheelEvent('wheel', { deltaY: 300, clientX: LAYOUT.gutter + 100, clientY: laneMiddle(0), cancelable: true })
    canvas.dispatchEvent(wheel)
    expect(wheel.defaultPrevented).toBe(true)
    expect(status.from).toBeGreaterThan(from)
  })

  it('zooms in as two fingers spread apart, without seeking', () => {
    const y = laneMiddle(1)
    pointer('pointerdown', 300, y, { pointerId: 1, pointerType: 'touch' })
    pointer('pointerdown', 340, y, { pointerId: 2, pointerType: 'touch' })
    pointer('pointermove', 200, y, { pointerId: 1, pointerType: 'touch' })
    pointer('pointermove', 440, y, { pointerId: 2, pointerType: 'touch' })
    pointer('pointerup', 200, y, { pointerId: 1, pointerType: 'touch' })
    pointer('pointerup', 440, y, { pointerId: 2, pointerType: 'touch' })
    expect(status.whole).toBe(false)
    // Spread six times as far apart: a sixth of the run in view.
    expect(status.to - status.from + 1).toBeCloseTo(10_000 / 6, -1)
    expect(seeks).toEqual([])
  })

  it('moves a cursor with the arrow keys, Home and End, and seeks with Enter, keeping the keys from the page', () => {
    for (let i = 0; i < 8; i++) control.zoom(2)
    canvas.focus()
    control.update({ now: 5 })
    // The cursor starts at the current tick, in the lane of who ran it.
    const lane = LANES.ran[4]!
    expect(key('ArrowRight').defaultPrevented).toBe(true)
    expect(status.focus).toEqual({ lane, from: 6, to: 6 })
    key('ArrowUp')
    key('ArrowUp')
    key('ArrowUp')
    key('ArrowUp')
    key('ArrowDown')
    key('ArrowDown')
    expect(status.focus).toEqual({ lane: 2, from: 6, to: 6 })
    key('End')
    expect(status.focus).toMatchObject({ lane: 2, from: 10_000 })
    expect(status.to).toBe(10_000)
    key('Home')
    key('Enter')
    expect(seeks).toEqual([1])
    // A key the view does not use is left to the page.
    expect(key('k').defaultPrevented).toBe(false)
  })

  it('forgets a cursor on a lane the record no longer has', () => {
    canvas.focus()
    key('End')
    key('ArrowDown')
    key('ArrowDown')
    key('ArrowDown')
    expect(status.focus?.lane).toBe(3)
    control.update({ lanes: madeUpLanes({ n: 2, ticks: 10_000 }), labels: LABELS.slice(0, 2) })
    expect(status.focus).toBeNull()
  })

  it('keeps the whole run in view as it grows, once Whole run is chosen', () => {
    control.zoom(4)
    control.wholeRun()
    control.update({ lanes: { ...LANES, ticks: 5_000 } })
    expect(status).toMatchObject({ from: 1, to: 5_000, whole: true })
  })
})

describe('charts stacked on one scroll (the Compare panel)', () => {
  /** A second chart below the first: a shorter record (6,000 ticks), its axis spanning the first's 10,000, and nowhere to seek. */
  function second(onWindow: (w: { start: number; scale: number }) => void = () => {}) {
    const other = document.createElement('canvas')
    other.tabIndex = 0
    document.body.append(other)
    let seen: LanesStatus | null = null
    const made = createLanesControl(other, { onStatus: (s) => (seen = s), onWindow })
    made.resize(WIDTH, HEIGHT)
    made.update({ lanes: madeUpLanes({ n: 4, ticks: 6_000, seed: 4 }), labels: LABELS, colours: LABELS.map(() => '#000'), marks: [], now: 10_000, hit: null, extent: 10_000 })
    const at = (tick: number) => LAYOUT.gutter + ((tick - 0.5) * (WIDTH - LAYOUT.gutter)) / 10_000
    const fire = (type: string, x: number, lane: number) =>
      other.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: laneMiddle(lane), button: 0, pointerId: 1, bubbles: true }))
    return { made, other, at, fire, status: () => seen!, remove: () => (made.destroy(), other.remove()) }
  }

  it('spans the extent it is given, its own ticks where the longest chart has them, and points at nothing past its own record', () => {
    const { at, fire, status: shorter, remove } = second()
    expect(shorter()).toMatchObject({ ticks: 6_000, from: 1, to: 6_000, whole: true, canZoomOut: false })
    fire('pointermove', at(3_000), 1)
    expect(shorter().focus?.lane).toBe(1)
    expect(shorter().focus!.from).toBeLessThanOrEqual(3_000)
    expect(shorter().focus!.to).toBeGreaterThanOrEqual(3_000)
    fire('pointermove', at(8_000), 1)
    expect(shorter().focus).toBeNull()
    remove()
  })

  it("tells the window when the person moves it, and takes another chart's without telling it back", () => {
    const windows: { start: number; scale: number }[] = []
    const { made, status: other, remove } = second((w) => windows.push(w))
    control.update({ extent: 10_000, now: 10_000 })
    made.showTicks(4_000, 4_100)
    expect(windows).toHaveLength(1)
    expect(other().from).toBeLessThanOrEqual(4_000)
    expect(other().to).toBeGreaterThanOrEqual(4_100)
    expect(other().to - other().from).toBeLessThan(400)
    expect(other().following).toBe(false)
    control.setWindow(windows[0]!)
    expect([status.from, status.to, status.following]).toEqual([other().from, other().to, false])
    // Taken, not told back; and the run growing does not move it (it no longer follows).
    const from = status.from
    made.setWindow({ start: 0, scale: 1 })
    expect(other().from).toBe(1)
    control.update({ now: 10_000 })
    expect(windows).toHaveLength(1)
    expect(status.from).toBe(from)
    remove()
  })

  it('moves only the cursor on a click, and keeps Enter for the page, when there is nowhere to seek', () => {
    const { other, at, fire, status: chart, remove } = second()
    other.focus()
    fire('pointerdown', at(2_000), 2)
    fire('pointerup', at(2_000), 2)
    expect(chart().focus?.lane).toBe(2)
    expect(chart().focus!.from).toBeLessThanOrEqual(2_000)
    expect(chart().focus!.to).toBeGreaterThanOrEqual(2_000)
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    other.dispatchEvent(enter)
    expect(seeks).toEqual([])
    remove()
  })
})
