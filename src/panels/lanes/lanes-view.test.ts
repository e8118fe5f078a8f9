import { describe, expect, it } from 'vitest'

import {
  clampView,
  columnTicks,
  follow,
  hitTest,
  hThumb,
  labelStep,
  lanesLayout,
  MAX_CELL,
  MIN_SCALE,
  nowInView,
  plotWidth,
  startAtThumb,
  tickX,
  visibleTicks,
  wholeRun,
  wholeScale,
  zoomAt,
  type LanesView,
} from './lanes-view'

/** 6 lanes in a canvas 800 × 200, labels of up to 8 characters. */
const layout = lanesLayout(800, 200, 6, 8)
const width = plotWidth(layout)

describe('lanesLayout', () => {
  it('fits every lane when there is room, and scrolls them when there is not', () => {
    expect(layout.rows).toBe(6)
    expect(layout.vbar).toBe(0)
    const many = lanesLayout(800, 200, 200, 8)
    expect(many.rows).toBeLessThan(200)
    expect(many.vbar).toBeGreaterThan(0)
    expect(many.axis + many.rows * many.laneHeight).toBeLessThanOrEqual(200 - many.scrollbar)
  })

  it('keeps a lane tall enough to read however many tasklets there are', () => {
    expect(lanesLayout(800, 60, 1000, 3).laneHeight).toBeGreaterThanOrEqual(16)
    expect(lanesLayout(800, 60, 1000, 3).rows).toBeGreaterThanOrEqual(1)
  })
})

describe('the visible range', () => {
  it('is the ticks whose cells are in view, clipped to the run', () => {
    const view: LanesView = { start: 100, scale: 0.5, top: 0 }
    expect(visibleTicks(view, layout, 10_000)).toEqual({ first: 101, last: 100 + Math.ceil(width * 0.5) })
    expect(visibleTicks(view, layout, 150)).toEqual({ first: 101, last: 150 })
  })

  it('puts tick t at the right edge of its cell: the line after tick 0 is the plot edge', () => {
    const view: LanesView = { start: 0, scale: 1 / 10, top: 0 }
    expect(tickX(view, layout, 0)).toBe(layout.gutter)
    expect(tickX(view, layout, 3)).toBe(layout.gutter + 30)
  })
})

describe('zooming', () => {
  const ticks = 100_000

  it('keeps the tick under the pointer where it was', () => {
    const view: LanesView = { start: 5_000, scale: 4, top: 0 }
    const x = layout.gutter + 200
    const before = view.start + 200 * view.scale
    for (const factor of [2, 0.5, 1.7, 8]) {
      const zoomed = zoomAt(view, factor, x, ticks, layout)
      expect(zoomed.scale).toBeCloseTo(view.scale / factor)
      expect(zoomed.start + 200 * zoomed.scale).toBeCloseTo(before)
    }
  })

  it('stops at MAX_CELL pixels a tick going in, and at the whole run going out', () => {
    const view: LanesView = { start: 0, scale: 1, top: 0 }
    expect(zoomAt(view, 1000, layout.gutter, ticks, layout).scale).toBe(MIN_SCALE)
    expect(1 / MIN_SCALE).toBe(MAX_CELL)
    const out = zoomAt(view, 1 / 1e9, layout.gutter + 300, ticks, layout)
    expect(out).toEqual({ start: 0, scale: ticks / width, top: 0 })
  })

  it('shows the whole run, however long, in the plot width', () => {
    const whole = wholeRun({ start: 123, scale: 0.1, top: 2 }, ticks, layout)
    expect(whole.start).toBe(0)
    expect(visibleTicks(whole, layout, ticks)).toEqual({ first: 1, last: ticks })
    // A short run is not stretched past MAX_CELL pixels a tick.
    expect(wholeScale(5, layout)).toBe(MIN_SCALE)
  })

  it('never scrolls before the first tick or past the last, and mends a view that is not a number', () => {
    expect(clampView({ start: -50, scale: 1, top: -3 }, ticks, layout)).toEqual({ start: 0, scale: 1, top: 0 })
    expect(clampView({ start: ticks, scale: 1, top: 0 }, ticks, layout).start).toBe(ticks - width)
    expect(clampView({ start: Number.NaN, scale: Number.POSITIVE_INFINITY, top: Number.NaN }, ticks, layout)).toEqual({ start: 0, scale: MIN_SCALE, top: 0 })
  })
})

describe('pixel columns when zoomed out', () => {
  it('cover every tick in view exactly once, at any scale', () => {
    for (const scale of [1.3, 2, 7.77, 139.5]) {
      const view: LanesView = { start: 17.4, scale, top: 0 }
      let next = columnTicks(view, 0).from
      for (let c = 0; c < width; c++) {
        const { from, to } = columnTicks(view, c)
        if (to < from) continue
        expect(from).toBe(next)
        next = to + 1
      }
      expect(next - 1).toBe(Math.floor(view.start + width * scale))
    }
  })
})

describe('hitTest', () => {
  const ticks = 1_000

  it('finds the tick and lane of a cell, zoomed in', () => {
    const view: LanesView = { start: 10, scale: 1 / 10, top: 0 }
    // Tick 14's cell spans x = gutter + 30 … gutter + 40; lane 2's row starts at axis + 2 lane heights.
    const y = layout.axis + 2 * layout.laneHeight + 3
    expect(hitTest(view, layout, ticks, layout.gutter + 35, y)).toEqual({ on: 'plot', lane: 2, tick: 14, from: 14, to: 14 })
    expect(hitTest(view, layout, ticks, layout.gutter + 35, 5)).toEqual({ on: 'axis', lane: null, tick: 14, from: 14, to: 14 })
  })

  it('finds the ticks of a pixel column zoomed out, the pointer on one of them', () => {
    const view: LanesView = { start: 0, scale: 10, top: 0 }
    const hit = hitTest(view, layout, ticks, layout.gutter + 5.5, layout.axis + 1)
    expect(hit).toEqual({ on: 'plot', lane: 0, tick: 56, from: 51, to: 60 })
  })

  it('counts lanes from the first one in view when they scroll', () => {
    const many = lanesLayout(800, 120, 50, 8)
    const view: LanesView = { start: 0, scale: 1, top: 20 }
    const hit = hitTest(view, many, ticks, many.gutter + 3, many.axis + many.laneHeight * 1.5)
    expect(hit).toMatchObject({ on: 'plot', lane: 21 })
    expect(hitTest(view, many, ticks, many.width - 2, many.axis + 4)).toEqual({ on: 'vbar' })
  })

  it('finds nothing past the run, below the lanes or off the canvas', () => {
    const view: LanesView = { start: 0, scale: 1 / 10, top: 0 }
    expect(hitTest(view, layout, 5, layout.gutter + 75, layout.axis + 2)).toBeNull()
    expect(hitTest(view, layout, ticks, layout.gutter + 5, layout.axis + 6 * layout.laneHeight + 1)).toBeNull()
    expect(hitTest(view, layout, ticks, -4, layout.axis + 2)).toBeNull()
    expect(hitTest(view, layout, ticks, 10, layout.axis + 2)).toEqual({ on: 'label', lane: 0, tick: null, from: 0, to: 0 })
    expect(hitTest(view, layout, ticks, layout.gutter + 5, layout.height - 3)).toEqual({ on: 'hbar' })
  })
})

describe('following the current tick', () => {
  const ticks = 10_000
  const view: LanesView = { start: 0, scale: 1, top: 0 }

  it('leaves the view alone while the tick is well inside it', () => {
    expect(follow(view, 300, ticks, layout)).toBe(view)
  })

  it('scrolls so the tick stands at four fifths of the width once it nears the edge', () => {
    const followed = follow(view, 5_000, ticks, layout)
    expect(nowInView(followed, layout, 5_000)).toBe(true)
    expect(followed.start + 0.8 * width).toBeCloseTo(5_000)
  })
})

describe('the horizontal scrollbar', () => {
  it('has a thumb as wide as the share of the run in view, and dragging it scrolls in proportion', () => {
    const ticks = 10 * width
    const view: LanesView = { start: 0, scale: 1, top: 0 }
    const thumb = hThumb(view, layout, ticks)
    expect(thumb.width).toBeCloseTo(width / 10)
    const dragged = startAtThumb(view, layout, ticks, layout.gutter + (width - thumb.width) / 2)
    expect(dragged.start).toBeCloseTo((ticks - width) / 2)
    expect(hThumb(dragged, layout, ticks).x).toBeCloseTo(layout.gutter + (width - thumb.width) / 2)
  })
})

describe('labelStep', () => {
  it('numbers ticks 1, 2 or 5 times a power of ten apart, with room for the numbers', () => {
    expect(labelStep(1 / 48, 10)).toBe(1)
    expect(labelStep(1 / 8, 100)).toBe(5)
    expect(labelStep(100, 100_000)).toBe(10_000)
    for (const scale of [0.03, 0.7, 3, 1234]) expect(String(labelStep(scale, 1e6))).toMatch(/^[125]0*$/)
  })
})
