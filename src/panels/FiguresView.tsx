/**
 * The scheduling figures of the run's whole history (engine/figures.ts,
 * defined in docs/scheduling.md): the mesh's in words, each tasklet's in a
 * table, and all of it as CSV. The store replays the run for them while
 * this shows (useRunRecord).
 */
import { useMemo, type ReactNode } from 'react'

import { FIGURE_COLUMNS, lineageOf, type FigureColumn, type ItemLedgerData, type SchedulingFigures } from '../engine'
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

/** A tasklet's cell, or (with `tasklets`, how many the mesh has) the whole mesh's. */
function cellText(column: FigureColumn, value: number | null, tasklets?: number): string {
  if (column.format === 'starved') {
    if (tasklets !== undefined) return `${whole(value ?? 0)} of ${whole(tasklets)}`
    return value ? `yes, ${whole(value)}×` : 'no'
  }
  if (column.format === 'whole') return value === null ? '–' : whole(value)
  return decimal(value)
}

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
                  {FIGURE_COLUMNS.map((c) => (
                    <th key={c.id} scope="col" title={c.title}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {record.figures.tasklets.map((f) => (
                  <tr key={f.node} data-starved={f.starvedStretches > 0 ? 'true' : undefined}>
                    <th scope="row">{label(f.node)}</th>
                    {FIGURE_COLUMNS.map((c) => (
                      <td key={c.id}>{cellText(c, c.tasklet(f))}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Whole mesh</th>
                  {FIGURE_COLUMNS.map((c) => (
                    <td key={c.id}>{cellText(c, c.mesh(record.figures), record.figures.tasklets.length)}</td>
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
