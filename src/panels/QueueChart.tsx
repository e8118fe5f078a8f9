/**
 * Queue lengths over ticks, drawn as a small SVG: every node's queue for a
 * small mesh, in the colour of its card (nodes of one kind told apart by
 * dashes), else all queued items and the longest queue; the current tick
 * marked. Reads the bounded series the run keeps outside React.
 */
import { useMeshStore } from '../store/context'
import { GONE_COLOUR, KIND_COLOURS, LINE_DASHES } from '../formats/kind-colours'
import { useElementWidth } from '../ui/use-element-width'
import { useLabels } from './use-labels'

const HEIGHT = 128
const PAD = { left: 44, right: 12, top: 10, bottom: 22 }
const TOTALS_COLOUR = '#4f46e5'
const LONGEST_COLOUR = '#f59e0b'

interface Line {
  name: string
  values: readonly number[]
  colour: string
  dash: string
}

/** A line for each node's queue: its card's colour, and the next dash for another of its kind. */
function nodeLines(nodes: Iterable<[string, readonly number[]]>, kindOf: (id: string) => keyof typeof KIND_COLOURS | undefined, label: (id: string) => string): Line[] {
  const seen = new Map<string, number>()
  const lines: Line[] = []
  for (const [id, values] of nodes) {
    const kind = kindOf(id)
    const n = seen.get(kind ?? '') ?? 0
    seen.set(kind ?? '', n + 1)
    lines.push({ name: label(id), values, colour: kind ? KIND_COLOURS[kind] : GONE_COLOUR, dash: LINE_DASHES[n % LINE_DASHES.length]! })
  }
  return lines
}

function path(ticks: readonly number[], values: readonly number[], x: (t: number) => number, y: (v: number) => number): string {
  let d = ''
  let drawing = false
  for (let i = 0; i < ticks.length; i++) {
    const v = values[i]!
    if (Number.isNaN(v)) {
      drawing = false
      continue
    }
    d += `${drawing ? 'L' : 'M'}${x(ticks[i]!).toFixed(1)},${y(v).toFixed(1)}`
    drawing = true
  }
  return d
}

export function QueueChart() {
  useMeshStore((s) => s.logRevision)
  const series = useMeshStore((s) => s.runLog.series)
  const tick = useMeshStore((s) => s.run.tick)
  const nodes = useMeshStore((s) => s.document.nodes)
  const label = useLabels()
  const [box, width] = useElementWidth<HTMLDivElement>(640)
  const kindOf = (id: string) => nodes.find((n) => n.id === id)?.kind
  const lines: Line[] =
    series.nodes.size > 0
      ? nodeLines(series.nodes, kindOf, label)
      : [
          { name: 'all queued items', values: series.totals, colour: TOTALS_COLOUR, dash: '' },
          { name: 'longest queue', values: series.longest, colour: LONGEST_COLOUR, dash: LINE_DASHES[1]! },
        ]
  const first = series.ticks[0] ?? 0
  const last = Math.max(series.lastTick, first + 1)
  let top = 1
  for (const line of lines) for (const v of line.values) if (v > top) top = v
  const x = (t: number) => PAD.left + ((t - first) / (last - first)) * (width - PAD.left - PAD.right)
  const y = (v: number) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom)
  const summary = `Queue lengths from tick ${first} to ${series.lastTick}: at most ${top} items.`
  return (
    <figure className="queue-chart">
      <div ref={box} className="queue-chart-box">
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={summary}>
          <line className="chart-axis" x1={PAD.left} x2={width - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} />
          <line className="chart-axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
          <text className="chart-label" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
            {top}
          </text>
          <text className="chart-label" x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end">
            0
          </text>
          <text className="chart-label" x={PAD.left} y={HEIGHT - 6}>
            tick {first}
          </text>
          <text className="chart-label" x={width - PAD.right} y={HEIGHT - 6} textAnchor="end">
            tick {series.lastTick}
          </text>
          {tick >= first && tick <= last && <line className="chart-now" x1={x(tick)} x2={x(tick)} y1={PAD.top} y2={HEIGHT - PAD.bottom} />}
          {lines.map((line) => (
            <path key={line.name} d={path(series.ticks, line.values, x, y)} stroke={line.colour} strokeDasharray={line.dash || undefined} className="chart-line" />
          ))}
        </svg>
      </div>
      <figcaption>
        <ul className="chart-legend">
          {lines.map((line) => (
            <li key={line.name}>
              <svg className="chart-swatch" width="18" height="6" aria-hidden="true">
                <line x1="0" x2="18" y1="3" y2="3" stroke={line.colour} strokeWidth="3" strokeDasharray={line.dash || undefined} />
              </svg>
              {line.name}
            </li>
          ))}
        </ul>
        {series.spacing > 1 && <span className="muted"> One sample every {series.spacing} ticks or more.</span>}
      </figcaption>
    </figure>
  )
}
