// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { RunLanes } from '../../engine/run-record'
import { LanesIndex } from './lanes-index'
import { createLanesRenderer, drawLanes, type LanesContext, type LanesScene } from './lanes-renderer'
import { columnTicks, laneY, lanesLayout, plotWidth, wholeRun, type LanesView } from './lanes-view'
import { madeUpLanes } from './testing'

interface Fill {
  style: string
  alpha: number
  rects: number[][]
}

/** A 2D context that keeps what was filled (each path's rectangles, with the fill's colour) and the text drawn. */
function recordingContext() {
  const fills: Fill[] = []
  const texts: string[] = []
  let path: number[][] = []
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    globalAlpha: 1,
    lineWidth: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    setTransform: vi.fn(),
    clearRect() {},
    fillRect(x: number, y: number, w: number, h: number) {
      fills.push({ style: ctx.fillStyle, alpha: ctx.globalAlpha, rects: [[x, y, w, h]] })
    },
    strokeRect() {},
    beginPath() {
      path = []
    },
    rect(x: number, y: number, w: number, h: number) {
      path.push([x, y, w, h])
    },
    fill() {
      fills.push({ style: ctx.fillStyle, alpha: ctx.globalAlpha, rects: path })
    },
    stroke() {},
    moveTo() {},
    lineTo() {},
    arc() {},
    save() {},
    restore() {},
    clip() {},
    fillText(text: string) {
      texts.push(text)
    },
    measureText: (text: string) => ({ width: text.length * 6 }),
    setLineDash() {},
  }
  return { ctx: ctx as unknown as LanesContext & typeof ctx, fills, texts }
}

const THEME = { background: 'bg', stripe: 'stripe', text: 'text', muted: 'muted', grid: 'grid', accent: 'accent', danger: 'danger', warning: 'warning' }

function sceneOf(lanes: RunLanes, view: LanesView, width = 800): LanesScene {
  const layout = lanesLayout(width, 40 + lanes.nodes.length * 30, lanes.nodes.length, 6)
  const index = new LanesIndex()
  index.sync(lanes)
  return {
    index,
    view,
    layout,
    labels: lanes.nodes,
    colours: lanes.nodes.map((_, i) => `lane-${i}`),
    marks: [],
    now: 0,
    hit: null,
    focus: null,
    theme: THEME,
  }
}

/** By lane, the x-intervals its cells were filled over (cells sit at the top of their lane's row, right of the labels). */
function cellsByLane(scene: LanesScene, fills: Fill[]): [number, number][][] {
  const byLane: [number, number][][] = scene.labels.map(() => [])
  for (const fill of fills) {
    const lane = scene.colours.indexOf(fill.style)
    if (lane < 0) continue
    for (const [x, y, w] of fill.rects) if (x! >= scene.layout.gutter && y === laneY(scene.view, scene.layout, lane) + 2) byLane[lane]!.push([x!, x! + w!])
  }
  return byLane
}

const covers = (intervals: [number, number][], x: number) => intervals.some(([a, b]) => a <= x && x < b)

describe('drawLanes', () => {
  it('zoomed out, draws in every pixel column each tasklet that ran there, and none that did not', () => {
    const lanes = madeUpLanes({ n: 6, ticks: 100_000, seed: 4, once: { lane: 3, at: 54_321 } })
    for (const view of [
      { start: 0, scale: 0, top: 0 },
      { start: 2_000.5, scale: 17.3, top: 0 },
      { start: 90_000, scale: 1.5, top: 0 },
    ]) {
      const scene = sceneOf(lanes, view)
      if (view.scale === 0) scene.view = wholeRun(view, lanes.ticks, scene.layout)
      const { ctx, fills } = recordingContext()
      drawLanes(ctx, scene)
      const cells = cellsByLane(scene, fills)
      for (let c = 0; c < plotWidth(scene.layout); c++) {
        const { from, to } = columnTicks(scene.view, c)
        if (to < from || from > lanes.ticks) continue
        const x = scene.layout.gutter + c + 0.5
        for (let lane = 0; lane < 6; lane++) {
          let ran = false
          for (let t = from; t <= Math.min(to, lanes.ticks); t++) ran ||= lanes.ran[t - 1] === lane
          expect(covers(cells[lane]!, x), `scale ${scene.view.scale}, column ${c} (ticks ${from}–${to}), lane ${lane}`).toBe(ran)
        }
      }
    }
  })

  it('shows a tasklet that ran once in 100,000 ticks when the whole run is in view', () => {
    const lanes = madeUpLanes({ n: 6, ticks: 100_000, seed: 8, once: { lane: 2, at: 77_777 } })
    const scene = sceneOf(lanes, { start: 0, scale: 1, top: 0 })
    scene.view = wholeRun(scene.view, lanes.ticks, scene.layout)
    const { ctx, fills } = recordingContext()
    drawLanes(ctx, scene)
    const x = scene.layout.gutter + (77_777 - 0.5) / scene.view.scale
    const drawn = cellsByLane(scene, fills)[2]!
    expect(drawn).toHaveLength(1)
    expect(covers(drawn, Math.floor(x) + 0.5)).toBe(true)
    // Faint, but never invisible.
    expect(fills.find((f) => f.style === 'lane-2' && f.rects.length === 1)!.alpha).toBeGreaterThanOrEqual(0.35)
  })

  it('zoomed in, draws each tick in the lane of the tasklet that ran it, and numbers the ticks', () => {
    const lanes = madeUpLanes({ n: 4, ticks: 500, seed: 2 })
    const scene = sceneOf(lanes, { start: 40, scale: 1 / 12, top: 0 })
    const { ctx, fills, texts } = recordingContext()
    drawLanes(ctx, scene)
    const cells = cellsByLane(scene, fills)
    for (let t = 41; t <= 40 + Math.floor(plotWidth(scene.layout) / 12); t++) {
      const x = scene.layout.gutter + (t - 0.5 - 40) * 12
      for (let lane = 0; lane < 4; lane++) expect(covers(cells[lane]!, x), `tick ${t}, lane ${lane}`).toBe(lanes.ran[t - 1] === lane)
    }
    expect(texts).toEqual(expect.arrayContaining(['45', '50', '55', 'node0', 'node3']))
    // Scrolled so that tick 45's cell is cut in two by the plot's edge, its middle out of view: no number for it, to crowd the next.
    const cut = recordingContext()
    drawLanes(cut.ctx, { ...scene, view: { start: 44.7, scale: 1 / 12, top: 0 } })
    expect(cut.texts).not.toContain('45')
    expect(cut.texts).toContain('50')
  })

  it('draws a queue with anything in it at least 2 px high, beside a queue thousands long', () => {
    const lanes: RunLanes = { nodes: ['a', 'b'], ticks: 2, ran: Int32Array.from([0, 1]), queueStride: 1, queued: Uint32Array.from([3000, 1, 2999, 0]) }
    const scene = sceneOf(lanes, { start: 0, scale: 1 / 40, top: 0 })
    const { ctx, fills } = recordingContext()
    drawLanes(ctx, scene)
    const bars = fills.filter((f) => f.style === 'lane-1' && f.alpha < 1).flatMap((f) => f.rects)
    expect(bars).toHaveLength(1)
    expect(bars[0]![3]).toBe(2)
    const full = fills.filter((f) => f.style === 'lane-0' && f.alpha < 1).flatMap((f) => f.rects)
    expect(full.map((r) => r[3])).toEqual([scene.layout.queueHeight, scene.layout.queueHeight])
  })

  it("shades a marked tick's cell across every lane (the Compare panel's divergence), and numbers the axis as far as its extent", () => {
    const lanes = madeUpLanes({ n: 3, ticks: 30, seed: 5 })
    const scene = { ...sceneOf(lanes, { start: 0, scale: 1 / 10, top: 0 }), extent: 60, marker: 12 }
    const { ctx, fills, texts } = recordingContext()
    drawLanes(ctx, scene)
    const band = fills.find((f) => f.style === 'warning' && f.alpha < 1)!.rects[0]!
    const [x, y, w, h] = band
    expect([x, x! + w!]).toEqual([scene.layout.gutter + 110, scene.layout.gutter + 120])
    expect([y, y! + h!]).toEqual([scene.layout.axis, laneY(scene.view, scene.layout, 3)])
    // The record has 30 ticks; the axis goes on to the extent's 60 (a longer lane above), as far as the plot shows.
    expect(texts).toEqual(expect.arrayContaining(['30', '40', '50']))
    const plain = recordingContext()
    drawLanes(plain.ctx, sceneOf(lanes, { start: 0, scale: 1 / 10, top: 0 }))
    expect(plain.fills.some((f) => f.style === 'warning')).toBe(false)
    expect(plain.texts).not.toContain('40')
  })

  it('draws only the lanes in view when they scroll', () => {
    const lanes = madeUpLanes({ n: 40, ticks: 2_000, seed: 6 })
    const layout = lanesLayout(800, 120, 40, 6)
    const scene = { ...sceneOf(lanes, { start: 0, scale: 1, top: 10 }), layout }
    const { ctx, fills } = recordingContext()
    drawLanes(ctx, scene)
    const drawn = new Set(fills.filter((f) => f.style.startsWith('lane-')).map((f) => Number(f.style.slice(5))))
    expect([...drawn].sort((a, b) => a - b)).toEqual(Array.from({ length: layout.rows }, (_, i) => 10 + i))
  })
})

describe('createLanesRenderer', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('draws at most once a frame, on a canvas sized in device pixels', () => {
    const { ctx } = recordingContext()
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D)
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    vi.stubGlobal('devicePixelRatio', 2)
    const canvas = document.createElement('canvas')
    const renderer = createLanesRenderer(canvas)
    const scene = sceneOf(madeUpLanes({ n: 3, ticks: 100 }), { start: 0, scale: 1 / 8, top: 0 })
    renderer.update(scene)
    renderer.update({ ...scene, now: 5 })
    renderer.update({ ...scene, now: 6 })
    expect(frames).toHaveLength(1)
    frames[0]!(0)
    expect(ctx.setTransform).toHaveBeenCalledTimes(1)
    expect(ctx.setTransform).toHaveBeenCalledWith(2, 0, 0, 2, 0, 0)
    expect([canvas.width, canvas.height]).toEqual([scene.layout.width * 2, scene.layout.height * 2])
    renderer.destroy()
  })
})
