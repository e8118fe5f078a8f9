/**
 * Draws the Lanes view (a Gantt chart of the run) on a `<canvas>`: one lane
 * per tasklet, a cell per tick in the colour of the card that ran, and the
 * queue's bars under each lane; lanes-frame.ts draws what frames them (tick
 * numbers, labels, the current tick, breakpoints, scrollbars). No React:
 * `createLanesRenderer(canvas)` returns `{ update, destroy }`, as xyflow's
 * XYDrag does, and the panel hands it a scene; `drawLanes` is the drawing
 * itself, on any 2D context.
 *
 * Why a hand-written canvas and no library: the charting libraries on the
 * registry draw series (uPlot, Chart.js, ECharts, lightweight-charts) or keep
 * a DOM or SVG element per task (frappe-gantt, dhtmlx-gantt, vis-timeline,
 * gantt-task-react), and the scene-graph canvases (Konva, PixiJS, ZRender)
 * keep an object per shape. A run of 100,000 ticks is 100,000 tasks: what
 * makes it fast is drawing only the ticks in view, and, zoomed out, one
 * rectangle per pixel column and lane from running counts (lanes-index.ts),
 * which none of them does for us: we would pay for their model of the chart
 * and still write that part. Drawn by hand it is a few hundred rectangles a
 * frame, in a small module the unit tests drive with a stand-in context, and
 * no dependency.
 */
import { drawAxis, drawFocus, drawLabels, drawLimits, drawMarks, drawScrollbars } from './lanes-frame'
import type { LanesIndex } from './lanes-index'
import type { LaneMark } from './lanes-marks'
import { CELL_WITH_GAP, columnTicks, laneY, plotWidth, tickX, visibleLanes, visibleTicks, type LanesLayout, type LanesView } from './lanes-view'

/** The page's colours, read from its CSS (light or dark). */
export interface LanesTheme {
  background: string
  stripe: string
  text: string
  muted: string
  grid: string
  accent: string
  danger: string
  /** The divergence's mark (the Compare panel's). */
  warning?: string
}

/** A cell or range of ticks to outline: the hovered one, or the keyboard's cursor. */
export interface LanesFocus {
  lane: number | null
  from: number
  to: number
}

/** All the renderer draws. */
export interface LanesScene {
  index: LanesIndex
  view: LanesView
  layout: LanesLayout
  /** By lane: the label, as the card shows it. */
  labels: readonly string[]
  /** By lane: the card's colour. */
  colours: readonly string[]
  marks: readonly (LaneMark | undefined)[]
  /** The current tick: its line is drawn after its cell. */
  now: number
  /** The tick a breakpoint stopped the run at, or null. */
  hit: number | null
  focus: LanesFocus | null
  theme: LanesTheme
  /** Ticks the time axis spans when longer than the record's (charts stacked on one scroll). */
  extent?: number
  /** A tick to mark across the lanes (the Compare panel's first divergence), or null. */
  marker?: number | null
}

/** The part of CanvasRenderingContext2D the drawing uses. */
export type LanesContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'fillRect'
  | 'strokeRect'
  | 'beginPath'
  | 'rect'
  | 'fill'
  | 'stroke'
  | 'moveTo'
  | 'lineTo'
  | 'arc'
  | 'save'
  | 'restore'
  | 'clip'
  | 'fillText'
  | 'measureText'
  | 'setLineDash'
  | 'fillStyle'
  | 'strokeStyle'
  | 'globalAlpha'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
>

/** Opacity steps of a zoomed-out cell: the share of the column's ticks its tasklet ran, never below the first, so a tasklet that ran once still shows. */
const SHARES = [0.35, 0.5, 0.65, 0.8, 1]

/** Draws the scene on `ctx` (a canvas `dpr` device pixels per CSS pixel). */
export function drawLanes(ctx: LanesContext, scene: LanesScene, dpr = 1): void {
  const { layout, theme, view } = scene
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, layout.width, layout.height)
  ctx.fillStyle = theme.background
  ctx.fillRect(0, 0, layout.width, layout.height)
  const record = scene.index.record
  const ticks = record ? Math.min(record.ticks, record.ran.length) : 0
  const span = Math.max(ticks, scene.extent ?? 0)
  const lanes = visibleLanes(view, layout)
  const left = layout.gutter
  const width = plotWidth(layout)

  for (let lane = lanes.first; lane <= lanes.last; lane++) {
    if (lane % 2 === 1) {
      ctx.fillStyle = theme.stripe
      ctx.fillRect(0, laneY(view, layout, lane), layout.width - layout.vbar, layout.laneHeight)
    }
  }

  ctx.save()
  ctx.beginPath()
  ctx.rect(left, 0, width, layout.height)
  ctx.clip()
  if (ticks > 0 && lanes.last >= lanes.first) {
    drawQueues(ctx, scene, lanes.first, lanes.last, ticks)
    if (view.scale <= 1) drawTicks(ctx, scene, lanes.first, lanes.last, ticks)
    else drawColumns(ctx, scene, lanes.first, lanes.last, ticks)
    drawLimits(ctx, scene, lanes.first, lanes.last)
  }
  drawFocus(ctx, scene, lanes.first, lanes.last)
  drawAxis(ctx, scene, span)
  drawMarks(ctx, scene)
  ctx.restore()

  drawLabels(ctx, scene, lanes.first, lanes.last)
  drawScrollbars(ctx, scene, span)
}

/** Every tick its own cell (a pixel wide or more): runs of one tasklet merge until cells are wide enough for gaps. */
function drawTicks(ctx: LanesContext, scene: LanesScene, firstLane: number, lastLane: number, ticks: number): void {
  const { view, layout, index } = scene
  const { first, last } = visibleTicks(view, layout, ticks)
  const cell = 1 / view.scale
  const gap = cell >= CELL_WITH_GAP ? 1 : 0
  const rects: number[][] = []
  for (let lane = firstLane; lane <= lastLane; lane++) rects.push([])
  let runLane = -1
  let runFrom = 0
  const flush = (to: number) => {
    if (runLane < firstLane || runLane > lastLane) return
    const x0 = tickX(view, layout, runFrom - 1)
    rects[runLane - firstLane]!.push(x0 + gap, tickX(view, layout, to) - x0 - 2 * gap)
  }
  for (let t = first; t <= last; t++) {
    const lane = index.ranAt(t)
    if (gap === 0 && lane === runLane) continue
    flush(t - 1)
    runLane = lane
    runFrom = t
  }
  flush(last)
  for (let lane = firstLane; lane <= lastLane; lane++) {
    const y = laneY(view, layout, lane) + 2
    fillRects(ctx, rects[lane - firstLane]!, y, layout.cellHeight - 2, scene.colours[lane]!, 1)
  }
}

/** Zoomed out: per pixel column, every tasklet that ran in its ticks, shaded by its share of them. */
function drawColumns(ctx: LanesContext, scene: LanesScene, firstLane: number, lastLane: number, ticks: number): void {
  const { view, layout, index } = scene
  const rows = lastLane - firstLane + 1
  const slots = new Int32Array(layout.laneCount).fill(-1)
  for (let lane = firstLane; lane <= lastLane; lane++) slots[lane] = lane - firstLane
  const counts = new Uint32Array(rows)
  // Per lane and opacity step, rectangles as [x, width, …]; neighbouring columns of one step merge.
  const rects: number[][][] = Array.from({ length: rows }, () => SHARES.map(() => []))
  const open = new Int32Array(rows).fill(-1)
  const openFrom = new Float64Array(rows)
  const width = plotWidth(layout)
  const x0 = tickX(view, layout, view.start)
  const close = (row: number, x: number) => {
    if (open[row]! < 0) return
    rects[row]![open[row]!]!.push(openFrom[row]!, x - openFrom[row]!)
    open[row] = -1
  }
  for (let c = 0; c < width; c++) {
    const { from, to } = columnTicks(view, c)
    if (from > ticks) break
    counts.fill(0)
    index.countInto(from - 1, Math.min(to, ticks), slots, counts)
    const span = Math.max(1, Math.min(to, ticks) - from + 1)
    for (let row = 0; row < rows; row++) {
      const n = counts[row]!
      const step = n === 0 ? -1 : Math.min(SHARES.length - 1, Math.floor(Math.sqrt(n / span) * SHARES.length))
      if (step === open[row]) continue
      close(row, x0 + c)
      if (step >= 0) {
        open[row] = step
        openFrom[row] = x0 + c
      }
    }
  }
  const end = Math.min(x0 + width, tickX(view, layout, ticks))
  for (let row = 0; row < rows; row++) close(row, Math.ceil(end))
  for (let row = 0; row < rows; row++) {
    const lane = firstLane + row
    const y = laneY(view, layout, lane) + 2
    SHARES.forEach((alpha, step) => fillRects(ctx, rects[row]![step]!, y, layout.cellHeight - 2, scene.colours[lane]!, alpha))
  }
}

/** Each lane's queue as bars under its cells, all on one scale (the run's longest queue is a full bar). */
function drawQueues(ctx: LanesContext, scene: LanesScene, firstLane: number, lastLane: number, ticks: number): void {
  const { view, layout, index } = scene
  const top = index.queueTop
  if (top === 0 || layout.queueHeight < 2) return
  const stride = index.queueStride
  const { first, last } = visibleTicks(view, layout, ticks)
  const perSample = stride / view.scale >= 1
  const width = plotWidth(layout)
  // Linear, so lanes compare; but a queue with anything in it is never thinner than 2 px, so a tasklet with work waiting shows beside one with none.
  const height = (q: number) => (q === 0 ? 0 : Math.max(Math.min(2, layout.queueHeight), Math.round((q / top) * layout.queueHeight)))
  for (let lane = firstLane; lane <= lastLane; lane++) {
    const base = laneY(view, layout, lane) + layout.cellHeight + 1 + layout.queueHeight
    ctx.fillStyle = scene.colours[lane]!
    ctx.globalAlpha = 0.55
    ctx.beginPath()
    if (perSample) {
      const { first: k0, end: k1 } = index.sampleRange(first - 1, last)
      for (let k = k0; k < k1; k++) {
        const h = height(index.queuePeak(lane, k * stride, (k + 1) * stride))
        if (h === 0) continue
        const xa = tickX(view, layout, k * stride)
        ctx.rect(xa, base - h, tickX(view, layout, (k + 1) * stride) - xa, h)
      }
    } else {
      const x0 = tickX(view, layout, view.start)
      for (let c = 0; c < width; c++) {
        const { from, to } = columnTicks(view, c)
        if (from > ticks) break
        const h = height(index.queuePeak(lane, from - 1, Math.min(to, ticks)))
        if (h > 0) ctx.rect(x0 + c, base - h, 1, h)
      }
    }
    ctx.fill()
    ctx.globalAlpha = 1
  }
}

function fillRects(ctx: LanesContext, rects: readonly number[], y: number, height: number, colour: string, alpha: number): void {
  if (rects.length === 0) return
  ctx.fillStyle = colour
  ctx.globalAlpha = alpha
  ctx.beginPath()
  for (let i = 0; i < rects.length; i += 2) ctx.rect(rects[i]!, y, Math.max(1, rects[i + 1]!), height)
  ctx.fill()
  ctx.globalAlpha = 1
}

export interface LanesRenderer {
  /** Draws `scene` at the next animation frame (several updates in one frame draw once). */
  update(scene: LanesScene): void
  destroy(): void
}

/** A renderer for `canvas`, sized to the scene's layout at the screen's device pixel ratio. */
export function createLanesRenderer(canvas: HTMLCanvasElement): LanesRenderer {
  const ctx = canvas.getContext('2d')
  let scene: LanesScene | null = null
  let frame: number | null = null
  const draw = () => {
    frame = null
    if (!scene || !ctx) return
    const dpr = Math.max(1, Math.min(4, window.devicePixelRatio || 1))
    const w = Math.max(1, Math.round(scene.layout.width * dpr))
    const h = Math.max(1, Math.round(scene.layout.height * dpr))
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w
      canvas.height = h
    }
    drawLanes(ctx, scene, dpr)
  }
  return {
    update(next) {
      scene = next
      frame ??= requestAnimationFrame(draw)
    },
    destroy() {
      if (frame !== null) cancelAnimationFrame(frame)
      frame = null
      scene = null
    },
  }
}
