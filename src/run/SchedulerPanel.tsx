/**
 * What the scheduler sees: the taskmaster's round and whose turn it is, or
 * the priority queue with its priorities and the tasklet executing; with
 * the seed's own lines for its latest decisions.
 */
import type { SchedulerView } from '../engine'
import { useMeshStore } from '../store/context'
import { modeName } from './SchedulerControls'
import { useLabels } from './use-labels'

/** The seed's lines shown, the newest last. */
const SEED_LINES = 8

function Taskmaster({ view }: { view: Extract<SchedulerView, { kind: 'taskmaster' }> }) {
  const label = useLabels()
  const order = useMeshStore((s) => s.document.nodes)
  const nodes = useMeshStore((s) => s.run.nodes)
  return (
    <>
      <p className="scheduler-summary">
        {view.round === 0 ? 'Between calls: the next step begins a new round.' : <>Round <strong>{view.round}</strong>{view.position ? <>, {label(view.position)}&rsquo;s turn</> : null}{view.worked ? ' (this round has done work)' : ''}</>}
      </p>
      <ol className="scheduler-order" aria-label="Node order">
        {order.map((node) => (
          <li key={node.id} data-turn={node.id === view.position || undefined} data-queued={(nodes[node.id]?.queueLength ?? 0) > 0 || undefined}>
            {node.label}
            <span className="scheduler-queue">{nodes[node.id]?.queueLength ?? 0}</span>
          </li>
        ))}
      </ol>
    </>
  )
}

function Priority({ view }: { view: Extract<SchedulerView, { kind: 'priority' }> }) {
  const label = useLabels()
  const queue = view.queue.map((entry, i) => ({ ...entry, i })).sort((a, b) => a.priority - b.priority || a.i - b.i)
  return (
    <>
      <p className="scheduler-summary">
        {view.pass === 0 ? 'Between calls: the next step fills the priority queue.' : <>Pass <strong>{view.pass}</strong></>}
        {view.executing && (
          <>
            {' '}
            · executing <strong>{label(view.executing.node)}</strong> on priority {view.executing.priority}
          </>
        )}
      </p>
      {queue.length === 0 ? (
        <p className="muted">The priority queue is empty.</p>
      ) : (
        <table className="scheduler-queue-table">
          <caption className="visually-hidden">The priority queue, lowest priority first</caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Tasklet</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((entry) => (
              <tr key={`${entry.node}-${entry.i}`}>
                <td>{entry.priority}</td>
                <td>{label(entry.node)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function SeedLines() {
  useMeshStore((s) => s.logRevision)
  const trace = useMeshStore((s) => s.runLog.trace)
  const count = trace.lineCount
  const lines = Array.from({ length: Math.min(SEED_LINES, count) }, (_, i) => trace.lineAt(count - Math.min(SEED_LINES, count) + i))
  return (
    <section className="scheduler-lines" aria-label="The seed's latest lines">
      <h3 className="dock-subheading">As the seed prints it</h3>
      {lines.length === 0 ? <p className="muted">Nothing printed yet.</p> : <pre>{lines.join('\n')}</pre>}
    </section>
  )
}

export function SchedulerPanel() {
  const view = useMeshStore((s) => s.run.schedulerView)
  return (
    <div className="scheduler-panel">
      <section aria-label="What the scheduler sees">
        <h3 className="dock-subheading">
          {view.kind === 'taskmaster' ? 'Taskmaster' : 'Priority scheduler'}, {modeName(view.kind, view.mode)}
        </h3>
        {view.kind === 'taskmaster' ? <Taskmaster view={view} /> : <Priority view={view} />}
      </section>
      <SeedLines />
    </div>
  )
}
