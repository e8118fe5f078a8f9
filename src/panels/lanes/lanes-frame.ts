/**
 * What frames the Lanes view's cells: the tick numbers, the lane labels with
 * their breakpoint rings, the current tick's and a breakpoint's lines, the
 * queue limits, the outlined cell and the scrollbars. Drawn by
 * lanes-renderer.ts after the cells.
 */
import type { LanesContext, LanesScene } from './lanes-renderer'
import { CELL_WITH_GAP, hThumb, labelStep, laneY, plotBottom, plotWidth, tickX, visibleTicks, vThumb } from './lanes-view'

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** The current tick's line, after its cell, the tick a breakpoint stopped the run at, and a marked tick's cell (the Compare panel's divergence). */
export function drawMarks(ctx: LanesContext, scene: LanesScene): void {
  const { layout, theme, view } = scene
  const bottom = plotBottom(layout)
  if (scene.marker !== undefined && scene.marker !== null && scene.marker > 0) drawMarker(ctx, scene, scene.marker)
  const nowX = Math.round(tickX(view, layout, scene.now)) + 0.5
  ctx.strokeStyle = theme.accent
  ctx.lineWidth = 2
  line(ctx, nowX, 2, nowX, bottom)
  ctx.fillStyle = theme.accent
  ctx.beginPath()
  ctx.moveTo(nowX - 5, 0)
  ctx.lineTo(nowX + 5, 0)
  ctx.lineTo(nowX, 6)
  ctx.fill()
  // The tick a breakpoint stopped the run at, over the current tick's line (they are often the same tick): dashed, with the card's red ring on the axis.
  if (scene.hit !== null && scene.hit >= 0) {
    const x = Math.round(tickX(view, layout, scene.hit)) + 0.5
    ctx.strokeStyle = theme.danger
    ctx.lineWidth = 2
    ctx.setLineDash([4, 4])
    line(ctx, x, layout.axis, x, bottom)
    ctx.setLineDash([])
    ring(ctx, x, layout.axis - 6, theme.danger, theme.danger)
  }
}

/** A marked tick: its cell shaded across every lane, edged with dashes, and a wedge on the axis above it. */
function drawMarker(ctx: LanesContext, scene: LanesScene, tick: number): void {
  const { layout, theme, view } = scene
  const colour = theme.warning ?? theme.accent
  const bottom = plotBottom(layout)
  const xa = tickX(view, layout, tick - 1)
  const width = Math.max(3, tickX(view, layout, tick) - xa)
  const x = xa + (tickX(view, layout, tick) - xa) / 2 - width / 2
  ctx.fillStyle = colour
  ctx.globalAlpha = 0.3
  ctx.fillRect(x, layout.axis, width, bottom - layout.axis)
  ctx.globalAlpha = 1
  ctx.strokeStyle = colour
  ctx.lineWidth = 1.5
  ctx.setLineDash([3, 3])
  line(ctx, Math.round(x) + 0.5, layout.axis, Math.round(x) + 0.5, bottom)
  line(ctx, Math.round(x + width) - 0.5, layout.axis, Math.round(x + width) - 0.5, bottom)
  ctx.setLineDash([])
  const middle = x + width / 2
  ctx.fillStyle = colour
  ctx.beginPath()
  // Under the tick numbers (their baseline is 5 px above the axis's line), so the marked tick's own stays readable.
  ctx.moveTo(middle - 5, layout.axis - 5)
  ctx.lineTo(middle + 5, layout.axis - 5)
  ctx.lineTo(middle, layout.axis)
  ctx.fill()
}

/** Queue breakpoints' limits across the lanes' queue bars. */
export function drawLimits(ctx: LanesContext, scene: LanesScene, firstLane: number, lastLane: number): void {
  const { view, layout, index } = scene
  const top = index.queueTop
  ctx.strokeStyle = scene.theme.danger
  ctx.lineWidth = 1
  ctx.setLineDash([3, 2])
  ctx.globalAlpha = 0.75
  for (let lane = firstLane; lane <= lastLane; lane++) {
    const above = scene.marks[lane]?.above
    if (above === undefined || above === null || top === 0 || above >= top) continue
    const base = laneY(view, layout, lane) + layout.cellHeight + 1 + layout.queueHeight
    const y = Math.round(base - (above / top) * layout.queueHeight) + 0.5
    line(ctx, layout.gutter, y, layout.gutter + plotWidth(layout), y)
  }
  ctx.setLineDash([])
  ctx.globalAlpha = 1
}

/** The hovered or focused cell (a column of ticks zoomed out), outlined; on the axis, its ticks across every lane. */
export function drawFocus(ctx: LanesContext, scene: LanesScene, firstLane: number, lastLane: number): void {
  const { focus, view, layout } = scene
  if (!focus) return
  const xa = Math.floor(tickX(view, layout, focus.from - 1))
  const xb = Math.max(xa + 1, Math.ceil(tickX(view, layout, focus.to)))
  ctx.strokeStyle = scene.theme.text
  ctx.lineWidth = 1.5
  if (focus.lane === null || focus.lane < firstLane || focus.lane > lastLane) {
    ctx.globalAlpha = 0.12
    ctx.fillStyle = scene.theme.text
    ctx.fillRect(xa, layout.axis, xb - xa, plotBottom(layout) - layout.axis)
    ctx.globalAlpha = 1
    return
  }
  const y = laneY(view, layout, focus.lane)
  ctx.strokeRect(xa - 0.75, y + 0.75, xb - xa + 1.5, layout.laneHeight - 1.5)
}

/** The tick numbers, 1, 2 or 5 times a power of ten apart, and a mark per tick when each has its own cell. */
export function drawAxis(ctx: LanesContext, scene: LanesScene, ticks: number): void {
  const { view, layout, theme } = scene
  ctx.fillStyle = theme.background
  ctx.fillRect(layout.gutter, 0, plotWidth(layout), layout.axis)
  ctx.strokeStyle = theme.grid
  ctx.lineWidth = 1
  line(ctx, layout.gutter, layout.axis - 0.5, layout.gutter + plotWidth(layout), layout.axis - 0.5)
  if (ticks === 0) return
  const { first, last } = visibleTicks(view, layout, ticks)
  if (1 / view.scale >= CELL_WITH_GAP) {
    ctx.beginPath()
    for (let t = first; t <= last; t++) {
      const x = Math.round(tickX(view, layout, t)) + 0.5
      ctx.moveTo(x, layout.axis - 3)
      ctx.lineTo(x, layout.axis)
    }
    ctx.stroke()
  }
  const step = labelStep(view.scale, last)
  ctx.fillStyle = theme.muted
  ctx.font = FONT
  ctx.textAlign = 'center'
  ctx.textBaseline = 'alphabetic'
  // A number whose tick is in view but would stick out of the plot is drawn inside its edge (labels are far enough apart for that); one whose tick is not, not at all.
  const right = layout.gutter + plotWidth(layout)
  const label = (t: number, x: number) => {
    if (x < layout.gutter || x > right) return
    const text = t.toLocaleString('en')
    const half = ctx.measureText(text).width / 2
    ctx.fillText(text, Math.min(right - half - 2, Math.max(layout.gutter + half + 2, x)), layout.axis - 5)
  }
  for (let t = Math.max(step, Math.ceil(first / step) * step); t <= last; t += step) label(t, tickX(view, layout, t - 0.5))
  if (first === 1 && step > 1 && tickX(view, layout, step - 0.5) - layout.gutter > 40) label(1, tickX(view, layout, 0.5))
}

/** The lane labels at the left, each with its card's colour and the card's breakpoint ring. */
export function drawLabels(ctx: LanesContext, scene: LanesScene, firstLane: number, lastLane: number): void {
  const { view, layout, theme } = scene
  ctx.fillStyle = theme.background
  ctx.fillRect(0, 0, layout.gutter, layout.axis)
  ctx.font = FONT
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  for (let lane = firstLane; lane <= lastLane; lane++) {
    const y = laneY(view, layout, lane)
    ctx.fillStyle = scene.colours[lane]!
    ctx.fillRect(2, y + 2, 4, layout.laneHeight - 4)
    ctx.fillStyle = theme.text
    const mark = scene.marks[lane]
    const room = layout.gutter - (mark?.breakpoints ? 28 : 16)
    ctx.fillText(fit(ctx, scene.labels[lane] ?? '', room), 10, y + layout.laneHeight / 2)
    if (mark?.breakpoints) ring(ctx, layout.gutter - 10, y + layout.laneHeight / 2, mark.hit ? theme.danger : theme.background, theme.danger)
  }
  ctx.strokeStyle = theme.grid
  ctx.lineWidth = 1
  line(ctx, layout.gutter - 0.5, 0, layout.gutter - 0.5, plotBottom(layout))
}

export function drawScrollbars(ctx: LanesContext, scene: LanesScene, ticks: number): void {
  const { view, layout, theme } = scene
  const y = layout.height - layout.scrollbar + 2
  const thumb = hThumb(view, layout, ticks)
  if (thumb.width < plotWidth(layout)) {
    ctx.fillStyle = theme.stripe
    ctx.fillRect(layout.gutter, y, plotWidth(layout), layout.scrollbar - 3)
    ctx.fillStyle = theme.muted
    ctx.globalAlpha = 0.6
    ctx.fillRect(thumb.x, y, thumb.width, layout.scrollbar - 3)
    ctx.globalAlpha = 1
  }
  if (layout.vbar > 0) {
    const x = layout.width - layout.vbar + 2
    const v = vThumb(view, layout)
    ctx.fillStyle = theme.stripe
    ctx.fillRect(x, layout.axis, layout.vbar - 4, plotBottom(layout) - layout.axis)
    ctx.fillStyle = theme.muted
    ctx.globalAlpha = 0.6
    ctx.fillRect(x, v.y, layout.vbar - 4, v.height)
    ctx.globalAlpha = 1
  }
}

/** The card's breakpoint mark: a red ring, filled when it stopped the run. */
function ring(ctx: LanesContext, x: number, y: number, fill: string, stroke: string): void {
  ctx.beginPath()
  ctx.arc(x, y, 4.5, 0, 2 * Math.PI)
  ctx.fillStyle = fill
  ctx.fill()
  ctx.strokeStyle = stroke
  ctx.lineWidth = 2.5
  ctx.stroke()
}

function line(ctx: LanesContext, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath()
  ctx.moveTo(x0, y0)
  ctx.lineTo(x1, y1)
  ctx.stroke()
}

const fitted = new Map<string, string>()

/** `text` cut with an ellipsis to `width` pixels (remembered: labels are drawn every frame). */
function fit(ctx: LanesContext, text: string, width: number): string {
  const key = `${width}\u0000${text}`
  const known = fitted.get(key)
  if (known !== undefined) return known
  let cut = text
  if (ctx.measureText(text).width > width) {
    let lo = 0
    let hi = text.length
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid
      else hi = mid - 1
    }
    cut = `${text.slice(0, lo)}…`
  }
  if (fitted.size > 2000) fitted.clear()
  fitted.set(key, cut)
  return cut
}
