/**
 * What the scheduler sees: the taskmaster's round and whose turn it is, or
 * the priority queue with its priorities and the tasklet executing; with
 * the seed's own lines for its latest decisions.
 */
import { memo } from 'react'

import type { SchedulerView } from '../engine'
import { useMeshStore } from '../store/context'
import type { MeshState } from '../store/mesh-store'
import { modeName } from './SchedulerControls'
import { useCalmStore } from './use-calm-store'
import { useLabels } from './use-labels'

/** The seed's lines shown, the newest last. */
const SEED_LINES = 8
/** Tasklets of the taskmaster's order shown at most, around whose turn it is. */
const ORDER_SHOWN = 30

// At module scope: the calm hook subscribes once per selector.
const selectNodes = (s: MeshState) => s.run.nodes
const selectView = (s: MeshState) => s.run.schedulerView
const selectLogRevision = (s: MeshState) => s.logRevision

/** One tasklet in the taskmaster's order; memoised, as a big mesh has hundreds and a tick changes two. */
const OrderChip = memo(function OrderChip({ label, queued, turn }: { label: string; queued: number; turn: boolean }) {
  return (
    <li data-turn={turn || undefined} data-queued={queued > 0 || undefined}>
      {label}
      <span className="scheduler-queue">{queued}</span>
    </li>
  )
})

/** The tasklets in the mesh's order with their queues, the one whose turn it is marked. */
function NodeOrder({ position }: { position: string | null }) {
  const order = useMeshStore((s) => s.document.nodes)
  const nodes = useCalmStore(selectNodes)
  // A big mesh shows its order a page at a time, the page with the turn: the rest is noise, and a
  // window sliding every tick would cost layout every tick.
  const turn = Math.max(
    0,
    order.findIndex((n) => n.id === position),
  )
  const first = Math.floor(turn / ORDER_SHOWN) * ORDER_SHOWN
  const shown = order.slice(first, first + ORDER_SHOWN)
  return (
    <ol className="scheduler-order" aria-label="Node order">
      {first > 0 && <li className="scheduler-more">{first} before</li>}
      {shown.map((node) => (
        <OrderChip key={node.id} label={node.label} queued={nodes[node.id]?.queueLength ?? 0} turn={node.id === position} />
      ))}
      {first + shown.length < order.length && <li className="scheduler-more">{order.length - first - shown.length} more</li>}
    </ol>
  )
}

function Taskmaster({ view }: { view: Extract<SchedulerView, { kind: 'taskmaster' }> }) {
  const label = useLabels()
  return (
    <>
      <p className="scheduler-summary">
        {view.round === 0 ? (
          'Between calls: the next step begins a new round.'
        ) : (
          <>
            Round <strong>{view.round}</strong>
            {view.position ? <>, {label(view.position)}&rsquo;s turn</> : null}
            {view.worked ? ' (this round has done work)' : ''}
          </>
        )}
      </p>
      <NodeOrder position={view.position} />
    </>
  )
}

const selectPolicyStop = (s: MeshState) => (s.run.halt === 'policy' ? s.run.haltDetail : null)

function Policy({ view }: { view: Extract<SchedulerView, { kind: 'policy' }> }) {
  const label = useLabels()
  const stopped = useMeshStore(selectPolicyStop)
  return (
    <>
      {stopped && !view.problem && (
        <p className="scheduler-policy-stop" role="status">
          The run is stopped: {stopped}. It goes on when the policy returns a tasklet with items.
        </p>
      )}
      <p className="scheduler-summary">
        {view.problem ? (
          <>The policy cannot run: {view.problem}.</>
        ) : view.decisions === 0 ? (
          'Between calls: the next step asks the policy.'
        ) : (
          <>
            Decision <strong>{view.decisions}</strong>
            {view.turn ? (
              <>
                : {label(view.turn)} runs (take {view.take})
              </>
            ) : null}
          </>
        )}
      </p>
      <NodeOrder position={view.turn} />
    </>
  )
}

const HEADINGS: Record<SchedulerView['kind'], string> = { taskmaster: 'Taskmaster', priority: 'Priority scheduler', policy: 'Written policy' }

function Priority({ view }: { view: Extract<SchedulerView, { kind: 'priority' }> }) {
  const label = useLabels()
  const queue = view.queue.map((entry, i) => ({ ...entry, i })).sort((a, b) => a.priority - b.priority || a.i - b.i)
  return (
    <>
      <p className="scheduler-summary">
        {view.pass === 0 ? (
          'Between calls: the next step fills the priority queue.'
        ) : (
          <>
            Pass <strong>{view.pass}</strong>
          </>
        )}
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
  useCalmStore(selectLogRevision)
  const trace = useMeshStore((s) => s.runLog.trace)
  const count = trace.lineCount
  const lines = Array.from({ length: Math.min(SEED_LINES, count) }, (_, i) => trace.lineAt(count - Math.min(SEED_LINES, count) + i))
  return (
    <section className="scheduler-lines" aria-label="The seed's latest lines">
      <h3 className="dock-subheading">As the seed prints it</h3>
      {/* Reversed in layout, so the newest lines stay in view when they do not all fit. */}
      {lines.length === 0 ? (
        <p className="muted">Nothing printed yet.</p>
      ) : (
        <pre tabIndex={0}>
          <code>{lines.join('\n')}</code>
        </pre>
      )}
    </section>
  )
}

export function SchedulerPanel() {
  const view = useCalmStore(selectView)
  return (
    <div className="scheduler-panel">
      <section aria-label="What the scheduler sees">
        <h3 className="dock-subheading">
          {HEADINGS[view.kind]}, {view.kind === 'policy' ? <>&ldquo;{view.name}&rdquo;</> : modeName(view.kind, view.mode)}
        </h3>
        {view.kind === 'taskmaster' ? <Taskmaster view={view} /> : view.kind === 'priority' ? <Priority view={view} /> : <Policy view={view} />}
      </section>
      <SeedLines />
    </div>
  )
}
