/**
 * The scheduling figures as CSV (RFC 4180), one row per tasklet and one
 * for the whole mesh, to open in a spreadsheet. Labels are the person's
 * own text: quoted where they hold a comma, a quote or a line break, and
 * kept from being read as a formula (a leading =, +, -, @, tab or carriage
 * return gets a ' before it, as OWASP advises against CSV injection).
 */
import type { SchedulingFigures } from '../engine'

/** One CSV field, quoted when it must be. */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(4))) : ''
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text
}

/** The header row; `starvationTicks` names the threshold the stretches are counted over. */
export const figuresCsvHeader = (starvationTicks: number): string[] => [
  'tasklet',
  'id',
  'activations',
  'mean wait',
  'longest wait',
  'peak queue',
  'mean queue',
  'longest starvation',
  `stretches over ${starvationTicks} ticks`,
  'starved',
  'outputs',
  'outputs per 100 ticks',
  'mean turnaround',
  'longest turnaround',
  'fairness (Jain)',
]

/** The figures as CSV text, with a label for each tasklet's id; the last row is the whole mesh. */
export function figuresCsv(figures: SchedulingFigures, label: (id: string) => string): string {
  const rows: (string | number | null)[][] = [figuresCsvHeader(figures.starvationTicks)]
  for (const f of figures.tasklets) {
    rows.push([
      label(f.node),
      f.node,
      f.activations,
      f.meanWait,
      f.longestWait,
      f.peakQueue,
      f.meanQueue,
      f.longestStarvation,
      f.starvedStretches,
      f.starvedStretches > 0 ? 'yes' : 'no',
      f.outputs,
      f.throughput,
      f.meanTurnaround,
      f.longestTurnaround,
      null,
    ])
  }
  const m = figures.mesh
  rows.push([
    'whole mesh',
    null,
    m.activations,
    m.meanWait,
    m.longestWait,
    m.peakQueue,
    m.meanQueue,
    m.longestStarvation,
    figures.tasklets.reduce((n, f) => n + f.starvedStretches, 0),
    `${m.starvedTasklets} of ${figures.tasklets.length}`,
    m.outputs,
    m.throughput,
    m.meanTurnaround,
    m.longestTurnaround,
    m.fairness,
  ])
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
