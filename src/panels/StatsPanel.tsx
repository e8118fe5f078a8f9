/** The run's counters, and each node's: items taken, queued, dropped, received. */
import { memo } from 'react'

import { useMeshStore } from '../store/context'
import type { NodeView } from '../engine/run-view'

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

export function StatsPanel() {
  const stats = useMeshStore((s) => s.run.stats)
  const nodes = useMeshStore((s) => s.run.nodes)
  const order = useMeshStore((s) => s.document.nodes)
  const queued = Object.values(nodes).reduce((sum, n) => sum + n.queueLength, 0)
  return (
    <div className="stats-panel">
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
  )
}
