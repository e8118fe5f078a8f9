/**
 * The scheduling figures as plain text for the terminal (`npm run simulate
 * -- --format summary`): the whole mesh's in words, then a table with a row
 * per tasklet, its columns aligned (numbers to the right). Labels are shown
 * on one line, hidden characters as markers, and cut when very long.
 */
import { excerpt, FIGURE_COLUMNS, lineageOf, showHidden, type FigureColumn, type RecordedRun, type SchedulingFigures } from '../engine'

/** Label characters shown at most in the table. */
const LABEL_WIDTH = 32
/** Tasklets a lineage names at most (the latest ones). */
const LINEAGE_SHOWN = 12

const number = (n: number | null): string => (n === null ? '-' : String(Number(n.toFixed(2))))

/** The rows of a table, each column as wide as its widest cell; `right` says which columns are numbers. */
export function alignedTable(rows: readonly (readonly string[])[], right: (column: number) => boolean): string[] {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)))
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - [...cell].length)
        return right(i) ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd(),
  )
}

/** The figures' lines: the mesh's, a blank line, then the table. */
export function figuresText(record: RecordedRun, figures: SchedulingFigures, label: (id: string) => string): string[] {
  const name = (id: string) => excerpt(showHidden(label(id)), LABEL_WIDTH)
  const m = figures.mesh
  const longest = figures.outputs.longest
  let lineage = ''
  if (longest >= 0) {
    const { lanes, cut } = lineageOf(record.ledger, figures.outputs.item[longest]!, LINEAGE_SHOWN)
    lineage = ` (${cut ? '... -> ' : ''}${lanes.map((lane) => name(record.lanes.nodes[lane]!)).join(' -> ')})`
  }
  const mesh = alignedTable(
    [
      ['activations', String(m.activations)],
      ['mean wait', `${number(m.meanWait)} ticks, longest ${number(m.longestWait)}`],
      ['mean turnaround', `${number(m.meanTurnaround)} ticks, longest ${number(m.longestTurnaround)}${lineage}`],
      ['throughput', `${number(m.throughput)} outputs per 100 ticks`],
      ['queued, all queues', `peak ${m.peakQueue}, mean ${number(m.meanQueue)}`],
      ['starved tasklets', `${m.starvedTasklets} of ${figures.tasklets.length}, longest stretch ${m.longestStarvation} ticks`],
      ['fairness (Jain)', m.fairness === null ? '-' : m.fairness.toFixed(3)],
    ],
    () => false,
  )
  const header = ['tasklet', ...FIGURE_COLUMNS.map((c) => c.label.toLowerCase())]
  const cell = (c: FigureColumn, value: number | null): string => {
    if (c.format === 'starved') return value ? `yes (${value})` : 'no'
    return c.format === 'whole' && value !== null ? String(value) : number(value)
  }
  const rows = figures.tasklets.map((f) => [name(f.node), ...FIGURE_COLUMNS.map((c) => cell(c, c.tasklet(f)))])
  return [
    `Scheduling figures over ticks 1-${m.ticks} (starving: a tasklet with items that waits more than ${figures.starvationTicks} ticks without running)`,
    ...mesh.map((line) => `  ${line}`),
    '',
    ...alignedTable([header, ...rows], (column) => column > 0),
  ]
}
