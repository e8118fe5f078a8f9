/**
 * The scheduling figures of the run's whole history (engine/figures.ts,
 * defined in docs/scheduling.md): the mesh's in words, each tasklet's in a
 * table, and all of it as CSV. The store replays the run for them while
 * this shows (useRunRecord).
 */
import { useMemo, type ReactNode } from 'react'

import { lineageOf, type ItemLedgerData, type SchedulingFigures, type TaskletFigures } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { MAX_STARVATION_TICKS } from '../store/record-slice'
import { downloadText } from '../ui/download'
import { figuresCsv } from './figures-csv'
import { useLabels } from './use-labels'
import { useRunRecord } from './use-run-record'

/** Tasklets a lineage names at most (the latest ones). */
const LINEAGE_SHOWN = 12

const whole = (n: number) => n.toLocaleString('en')
const decimal = (n: number | null) => (n === null ? '–' : n.toLocaleString('en', { maximumFractionDigits: 2 }))
const ticks = (n: number | null) => (n === null ? '–' : `${decimal(n)} tick${n === 1 ? '' : 's'}`)

/** A column of the table: its header, what it means (its title), a tasklet's cell and the whole mesh's. */
interface Column {
  label: string
  title: string
  cell(f: TaskletFigures): string
  mesh(figures: SchedulingFigures): string
}

const COLUMNS: Column[] = [
  { label: 'Activations', title: 'Items it took: the ticks at which it ran', cell: (f) => whole(f.activations), mesh: ({ mesh }) => whole(mesh.activations) },
  {
    label: 'Mean wait',
    title: 'Ticks from an item arriving in its queue to being taken, on average over the items it took',
    cell: (f) => decimal(f.meanWait),
    mesh: ({ mesh }) => decimal(mesh.meanWait),
  },
  { label: 'Longest wait', title: 'The most ticks an item it took waited in its queue', cell: (f) => decimal(f.longestWait), mesh: ({ mesh }) => decimal(mesh.longestWait) },
  {
    label: 'Peak queue',
    title: 'The most items in its queue after any tick (the mesh: in all queues together)',
    cell: (f) => whole(f.peakQueue),
    mesh: ({ mesh }) => whole(mesh.peakQueue),
  },
  {
    label: 'Mean queue',
    title: 'Items in its queue after each tick, on average (the mesh: in all queues together)',
    cell: (f) => decimal(f.meanQueue),
    mesh: ({ mesh }) => decimal(mesh.meanQueue),
  },
  {
    label: 'Longest starvation',
    title: 'The longest run of ticks it had items waiting and did not run',
    cell: (f) => whole(f.longestStarvation),
    mesh: ({ mesh }) => whole(mesh.longestStarvation),
  },
  {
    label: 'Starved',
    title: 'Stretches of waiting longer than the starvation threshold (the mesh: tasklets that starved)',
    cell: (f) => (f.starvedStretches > 0 ? `yes, ${whole(f.starvedStretches)}×` : 'no'),
    mesh: ({ mesh, tasklets }) => `${whole(mesh.starvedTasklets)} of ${whole(tasklets.length)}`,
  },
  { label: 'Outputs', title: 'Values it output (what a sink prints)', cell: (f) => whole(f.outputs), mesh: ({ mesh }) => whole(mesh.outputs) },
  { label: 'Per 100 ticks', title: 'Outputs per 100 ticks of the run: the throughput', cell: (f) => decimal(f.throughput), mesh: ({ mesh }) => decimal(mesh.throughput) },
  {
    label: 'Mean turnaround',
    title: 'Ticks from the item an output grew from (an initial input or a hand send) arriving to the output, on average',
    cell: (f) => decimal(f.meanTurnaround),
    mesh: ({ mesh }) => decimal(mesh.meanTurnaround),
  },
  {
    label: 'Longest turnaround',
    title: 'The most ticks from an item arriving to an output grown from it',
    cell: (f) => decimal(f.longestTurnaround),
    mesh: ({ mesh }) => decimal(mesh.longestTurnaround),
  },
]

/** The tasklets the longest turnaround's output passed through, in words. */
function longestLineage(figures: SchedulingFigures, ledger: ItemLedgerData, nodes: readonly string[], label: (id: string) => string): string | null {
  const output = figures.outputs.longest
  if (output < 0) return null
  const { lanes, cut } = lineageOf(ledger, figures.outputs.item[output]!, LINEAGE_SHOWN)
  return `${cut ? '… → ' : ''}${lanes.map((lane) => label(nodes[lane]!)).join(' → ')}`
}

function StarvationInput() {
  const api = useMeshStoreApi()
  const value = useMeshStore((s) => s.starvationTicks)
  return (
    <label>
      Starving after{' '}
      <input
        className="narrow"
        type="number"
        min={0}
        max={MAX_STARVATION_TICKS}
        step={1}
        value={value}
        onChange={(event) => {
          const n = event.currentTarget.valueAsNumber
          if (Number.isFinite(n)) api.getState().setStarvationTicks(n)
        }}
      />{' '}
      ticks
    </label>
  )
}

export function FiguresView({ switcher }: { switcher: ReactNode }) {
  const record = useRunRecord()
  const state = useMeshStore((s) => s.runRecordState)
  const ledger = useMeshStore((s) => s.runRecord?.ledger ?? null)
  const label = useLabels()
  const lineage = useMemo(() => (record && ledger ? longestLineage(record.figures, ledger, record.lanes.nodes, label) : null), [record, ledger, label])
  const status = state.error ? `Could not work the figures out: ${state.error}` : state.making ? (record ? 'updating…' : 'Replaying the run for its figures…') : null

  return (
    <>
      <div className="dock-controls">
        {switcher}
        <span className="dock-count" role="status">
          {record ? (record.upTo === 0 ? 'Before the first tick' : `Ticks 1–${whole(record.upTo)}`) : ''}
          {status ? `${record ? ', ' : ''}${status}` : ''}
        </span>
        <span className="dock-spacer" />
        <StarvationInput />
        <button type="button" disabled={!record} onClick={() => record && downloadText('mesh-scheduling-figures.csv', figuresCsv(record.figures, label), 'text/csv')}>
          Export CSV
        </button>
      </div>
      {record && (
        <div className="figures-view">
          <Summary figures={record.figures} lineage={lineage} />
          <div className="stats-table-wrap" tabIndex={0} role="region" aria-label="Scheduling figures per tasklet">
            <table className="stats-table figures-table">
              <thead>
                <tr>
                  <th scope="col">Tasklet</th>
                  {COLUMNS.map((c) => (
                    <th key={c.label} scope="col" title={c.title}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {record.figures.tasklets.map((f) => (
                  <tr key={f.node} data-starved={f.starvedStretches > 0 ? 'true' : undefined}>
                    <th scope="row">{label(f.node)}</th>
                    {COLUMNS.map((c) => (
                      <td key={c.label}>{c.cell(f)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Whole mesh</th>
                  {COLUMNS.map((c) => (
                    <td key={c.label}>{c.mesh(record.figures)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      )}
    </>
  )
}

/** What only the whole mesh has: fairness, and the output that took longest with the tasklets it passed through. */
function Summary({ figures, lineage }: { figures: SchedulingFigures; lineage: string | null }) {
  const { fairness, longestTurnaround } = figures.mesh
  return (
    <dl className="figures-summary">
      <div>
        <dt title="Jain's index over the activations of the tasklets that had work: 1 when they all ran alike, 1/n when one ran alone">Fairness</dt>
        <dd>{fairness === null ? '–' : fairness.toFixed(3)}</dd>
      </div>
      <div>
        <dt title="The sink output that took longest from the item it grew from, and the tasklets it passed through">Longest turnaround</dt>
        <dd>{longestTurnaround === null ? 'no output yet' : `${ticks(longestTurnaround)}${lineage ? `, ${lineage}` : ''}`}</dd>
      </div>
    </dl>
  )
}
