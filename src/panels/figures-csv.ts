/**
 * The scheduling figures as CSV (RFC 4180), one row per tasklet and one
 * for the whole mesh, to open in a spreadsheet. Labels are the person's
 * own text: quoted where they hold a comma, a quote or a line break, and
 * kept from being read as a formula (a leading =, +, -, @, tab or carriage
 * return gets a ' before it, as OWASP advises against CSV injection).
 */
import { FIGURE_COLUMNS, type SchedulingFigures } from '../engine'

/** One CSV field, quoted when it must be. */
export function csvField(value: Field): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(4))) : ''
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text
}

type Field = string | number | null

/** The header row; `starvationTicks` names the threshold the stretches are counted over. */
const header = (starvationTicks: number): string[] => [
  'tasklet',
  'id',
  ...FIGURE_COLUMNS.flatMap((c) => (c.format === 'starved' ? [`stretches over ${starvationTicks} ticks`, 'starved'] : [c.csvLabel ?? c.label.toLowerCase()])),
  'fairness (Jain)',
]

/** The figures as CSV text, with a label for each tasklet's id; the last row is the whole mesh. */
export function figuresCsv(figures: SchedulingFigures, label: (id: string) => string): string {
  const rows: Field[][] = [header(figures.starvationTicks)]
  for (const f of figures.tasklets) {
    const cells = FIGURE_COLUMNS.flatMap((c): Field[] => (c.format === 'starved' ? [f.starvedStretches, f.starvedStretches > 0 ? 'yes' : 'no'] : [c.tasklet(f)]))
    rows.push([label(f.node), f.node, ...cells, null])
  }
  const stretches = figures.tasklets.reduce((n, f) => n + f.starvedStretches, 0)
  const mesh = FIGURE_COLUMNS.flatMap((c): Field[] => (c.format === 'starved' ? [stretches, `${figures.mesh.starvedTasklets} of ${figures.tasklets.length}`] : [c.mesh(figures)]))
  rows.push(['whole mesh', null, ...mesh, figures.mesh.fairness])
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
