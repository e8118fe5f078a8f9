/**
 * The per-tasklet scheduling figures as columns, in the one order every
 * table of them uses (the Figures view, its CSV, the terminal's summary):
 * each column's name, what it means, and its value for a tasklet and for
 * the whole mesh. Each table formats the values its own way; the starved
 * column is counted stretches for a tasklet and starved tasklets for the
 * mesh, which each table words for itself.
 */
import type { SchedulingFigures, TaskletFigures } from './figures'

export interface FigureColumn {
  id:
    'activations' | 'mean-wait' | 'longest-wait' | 'peak-queue' | 'mean-queue' | 'longest-starvation' | 'starved' | 'outputs' | 'throughput' | 'mean-turnaround' | 'longest-turnaround'
  /** The column's header ("Mean wait"); tables in lower case take it in lower case. */
  label: string
  /** The CSV's header, where the label alone would not say it out of the view's context. */
  csvLabel?: string
  /** What it means, in a sentence (docs/scheduling.md defines it exactly). */
  title: string
  /** whole: a count; decimal: a mean or a rate; starved: see above. */
  format: 'whole' | 'decimal' | 'starved'
  tasklet(f: TaskletFigures): number | null
  mesh(figures: SchedulingFigures): number | null
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { id: 'activations', label: 'Activations', title: 'Items it took: the ticks at which it ran', format: 'whole', tasklet: (f) => f.activations, mesh: ({ mesh }) => mesh.activations },
  {
    id: 'mean-wait',
    label: 'Mean wait',
    title: 'Ticks from an item arriving in its queue to being taken, on average over the items it took',
    format: 'decimal',
    tasklet: (f) => f.meanWait,
    mesh: ({ mesh }) => mesh.meanWait,
  },
  {
    id: 'longest-wait',
    label: 'Longest wait',
    title: 'The most ticks an item it took waited in its queue',
    format: 'decimal',
    tasklet: (f) => f.longestWait,
    mesh: ({ mesh }) => mesh.longestWait,
  },
  {
    id: 'peak-queue',
    label: 'Peak queue',
    title: 'The most items in its queue after any tick (the mesh: in all queues together)',
    format: 'whole',
    tasklet: (f) => f.peakQueue,
    mesh: ({ mesh }) => mesh.peakQueue,
  },
  {
    id: 'mean-queue',
    label: 'Mean queue',
    title: 'Items in its queue after each tick, on average (the mesh: in all queues together)',
    format: 'decimal',
    tasklet: (f) => f.meanQueue,
    mesh: ({ mesh }) => mesh.meanQueue,
  },
  {
    id: 'longest-starvation',
    label: 'Longest starvation',
    title: 'The longest run of ticks it had items waiting and did not run',
    format: 'whole',
    tasklet: (f) => f.longestStarvation,
    mesh: ({ mesh }) => mesh.longestStarvation,
  },
  {
    id: 'starved',
    label: 'Starved',
    title: 'Stretches of waiting longer than the starvation threshold (the mesh: tasklets that starved)',
    format: 'starved',
    tasklet: (f) => f.starvedStretches,
    mesh: ({ mesh }) => mesh.starvedTasklets,
  },
  { id: 'outputs', label: 'Outputs', title: 'Values it output (what a sink prints)', format: 'whole', tasklet: (f) => f.outputs, mesh: ({ mesh }) => mesh.outputs },
  {
    id: 'throughput',
    label: 'Per 100 ticks',
    csvLabel: 'outputs per 100 ticks',
    title: 'Outputs per 100 ticks of the run: the throughput',
    format: 'decimal',
    tasklet: (f) => f.throughput,
    mesh: ({ mesh }) => mesh.throughput,
  },
  {
    id: 'mean-turnaround',
    label: 'Mean turnaround',
    title: 'Ticks from the item an output grew from (an initial input or a hand send) arriving to the output, on average',
    format: 'decimal',
    tasklet: (f) => f.meanTurnaround,
    mesh: ({ mesh }) => mesh.meanTurnaround,
  },
  {
    id: 'longest-turnaround',
    label: 'Longest turnaround',
    title: 'The most ticks from an item arriving to an output grown from it',
    format: 'decimal',
    tasklet: (f) => f.longestTurnaround,
    mesh: ({ mesh }) => mesh.longestTurnaround,
  },
]
