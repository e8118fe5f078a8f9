/**
 * The run's numbers: its counters now and each node's (items taken, queued,
 * dropped, received), or the scheduling figures of its whole history —
 * waits, turnaround, starvation, queues, throughput and fairness — per
 * tasklet and for the mesh, with a CSV to download.
 */
import { memo, useState, type ReactNode } from 'react'

import { useMeshStore } from '../store/context'
import type { NodeView } from '../engine/run-view'
import { FiguresView } from './FiguresView'

const TOTALS: { key: 'activations' | 'emitted' | 'dropped' | 'overflowed' | 'outputs' | 'errors'; label: string }[] = [
  { key: 'activations', label: 'Activations' },
  { key: 'emitted', label: 'Sent along wires' },
  { key: 'dropped', label: 'Dropped (unwired)' },
  { key: 'overflowed', label: 'Overflowed (full queue)' },
  { key: 'outputs', label: 'Sink outputs' },
  { key: 'errors', label: 'Errors' },
]

const NodeRow = memo(function NodeRow({ label, kind, view }: { label: string; kind: string; view: NodeView | undefined }) {
  return (
    <tr data-state={view?.state}>
      <th scope="row">{label}</th>
      <td className="muted">{kind}</td>
      <td>{view?.activations ?? 0}</td>
      <td>{view?.queueLength ?? 0}</td>
      <td>{view?.dropped ?? 0}</td>
      <td>{view?.received ?? 0}</td>
      <td className="muted">{view?.state ?? ''}</td>
    </tr>
  )
})

function CountsView({ switcher }: { switcher: ReactNode }) {
  const stats = useMeshStore((s) => s.run.stats)
  const nodes = useMeshStore((s) => s.run.nodes)
  const order = useMeshStore((s) => s.document.nodes)
  const queued = Object.values(nodes).reduce((sum, n) => sum + n.queueLength, 0)
  return (
    <>
      <div className="dock-controls">{switcher}</div>
      <div className="stats-body">
        <dl className="stats-totals">
          {TOTALS.map(({ key, label }) => (
            <div key={key} data-warn={(key === 'errors' || key === 'overflowed') && stats[key] > 0 ? 'true' : undefined}>
              <dt>{label}</dt>
              <dd>{stats[key].toLocaleString('en')}</dd>
            </div>
          ))}
          <div>
            <dt>Queued now</dt>
            <dd>{queued.toLocaleString('en')}</dd>
          </div>
        </dl>
        <div className="stats-table-wrap" tabIndex={0} role="region" aria-label="Per node">
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Kind</th>
                <th scope="col">Taken</th>
                <th scope="col">Queued</th>
                <th scope="col">Dropped</th>
                <th scope="col">Received</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {order.map((node) => (
                <NodeRow key={node.id} label={node.label} kind={node.kind} view={nodes[node.id]} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  )
}

export function StatsPanel() {
  const [shown, setShown] = useState<'counts' | 'figures'>('counts')
  const switcher = (
    <div className="segmented" role="group" aria-label="Show">
      <button type="button" aria-pressed={shown === 'counts'} onClick={() => setShown('counts')}>
        Counts now
      </button>
      <button type="button" aria-pressed={shown === 'figures'} onClick={() => setShown('figures')}>
        Scheduling figures
      </button>
    </div>
  )
  return (
    <div className="stats-panel">
      {/* The figures replay the run to work them out: only while they show. */}
      {shown === 'counts' ? <CountsView switcher={switcher} /> : <FiguresView switcher={switcher} />}
    </div>
  )
}
