/**
 * The Compare panel's table of figures: one row per scheduling figure
 * (engine/figures.ts), one column per lane, and the best of each row
 * marked. Values are compared as they are shown, so two lanes that read
 * alike tie; a row every lane ties on has no best, and a lane without the
 * figure (no output yet, no tasklet with work) is never the best of it.
 */
import type { LaneStop, MeshFigures } from '../../engine'

export interface FigureRow {
  id: string
  /** The row's name. */
  label: string
  /** What it means, in a sentence (docs/scheduling.md defines it exactly). */
  hint: string
  /** By lane: the value as shown ("—" when the lane has none). */
  cells: string[]
  /** By lane: whether it is the best of the row (every lane tied for it is). */
  best: boolean[]
  /** Every lane with the figure shows the same: nothing to choose between them. */
  same: boolean
}

/** What a lane gives the table: its figures (null before its first record), and why it stopped, if it did. */
export interface FigureLane {
  figures: MeshFigures | null
  stopped: LaneStop | null
}

interface RowDef {
  id: string
  label: string
  hint: string
  /** The figure; null when the lane has none (or, for the ticks to drain, did not drain). */
  value: (figures: MeshFigures, stopped: LaneStop | null) => number | null
  digits: number
  better: 'lower' | 'higher'
  /** How the value reads, when the number alone would not say it. */
  unit?: string
}

const ROWS: readonly RowDef[] = [
  {
    id: 'drain',
    label: 'Activations to drain',
    hint: 'ticks until no work was left (a lane that stopped short of that has none)',
    value: (f, stopped) => (stopped?.reason === 'idle' ? f.activations : null),
    digits: 0,
    better: 'lower',
  },
  { id: 'mean-wait', label: 'Mean wait', hint: 'ticks from arriving in a queue to being taken, over the items taken', value: (f) => f.meanWait, digits: 2, better: 'lower' },
  { id: 'longest-wait', label: 'Longest wait', hint: 'the most ticks an item waited in a queue', value: (f) => f.longestWait, digits: 0, better: 'lower' },
  {
    id: 'turnaround',
    label: 'Mean turnaround',
    hint: "ticks from an output's root item arriving to the output",
    value: (f) => f.meanTurnaround,
    digits: 2,
    better: 'lower',
  },
  { id: 'peak-queue', label: 'Peak queue', hint: 'the most items in all queues together after a tick', value: (f) => f.peakQueue, digits: 0, better: 'lower' },
  {
    id: 'throughput',
    label: 'Throughput',
    hint: 'outputs per 100 ticks',
    value: (f) => f.throughput,
    digits: 1,
    better: 'higher',
    unit: 'per 100 ticks',
  },
  {
    id: 'fairness',
    label: 'Fairness',
    hint: "Jain's index over the activations of the tasklets that had work: 1 when all ran alike",
    value: (f) => f.fairness,
    digits: 3,
    better: 'higher',
  },
  {
    id: 'starved',
    label: 'Starved tasklets',
    hint: 'tasklets that waited with items more than the starvation threshold without running',
    value: (f) => f.starvedTasklets,
    digits: 0,
    better: 'lower',
  },
]

const shown = (value: number, digits: number) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** The table's rows for these lanes. */
export function figureRows(lanes: readonly FigureLane[]): FigureRow[] {
  return ROWS.map((row) => {
    const values = lanes.map((lane) => (lane.figures ? row.value(lane.figures, lane.stopped) : null))
    // Compared as shown: 2.004 and 2.001 both read 2.00, and tie.
    const rounded = values.map((v) => (v === null ? null : Number(v.toFixed(row.digits))))
    const known = rounded.filter((v): v is number => v !== null)
    const top = known.length === 0 ? null : row.better === 'lower' ? Math.min(...known) : Math.max(...known)
    const same = known.length > 0 && known.every((v) => v === top)
    const cells = values.map((v, i) => {
      if (v !== null) return shown(v, row.digits)
      const { figures, stopped } = lanes[i]!
      if (row.id !== 'drain' || !figures) return '—'
      const ticks = shown(figures.activations, 0)
      return stopped ? `${ticks}, not drained` : `${ticks} so far`
    })
    return {
      id: row.id,
      label: row.unit ? `${row.label} (${row.unit})` : row.label,
      hint: row.hint,
      cells,
      // A best needs two lanes to be better than: none when only one has the figure, or all show the same.
      best: rounded.map((v) => known.length >= 2 && !same && v !== null && v === top),
      same: known.length >= 2 && same,
    }
  })
}
