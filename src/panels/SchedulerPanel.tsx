/**
 * What the scheduler sees: the taskmaster's round and whose turn it is, or
 * the priority queue with its priorities and the tasklet executing; with
 * the seed's own lines for its latest decisions.
 */
import { memo, useCallback, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react'

import type { NodeKind, SchedulerView } from '../engine'
import { KIND_COLOURS } from '../formats/kind-colours'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { groupsAlong, selectShown, selectShownRun } from '../store/group-scope'
import type { MeshState } from '../store/mesh-store'
import { modeName } from './SchedulerControls'
import { useCalmStore } from './use-calm-store'
import { useLabels } from './use-labels'

/** The seed's lines shown, the newest last. */
const SEED_LINES = 8
/** Tasklets of the taskmaster's order shown at most, around whose turn it is. */
const ORDER_SHOWN = 30

// At module scope: the calm hook subscribes once per selector.
// Of the mesh shown: an opened group's inside shows its own scheduler.
const selectNodes = (s: MeshState) => selectShownRun(s).nodes
const selectView = (s: MeshState) => selectShownRun(s).schedulerView
const selectLogRevision = (s: MeshState) => s.logRevision

/** One tasklet in the scheduler's order; memoised, as a big mesh has hundreds and a tick changes two. */
const OrderChip = memo(function OrderChip({
  id,
  label,
  kind,
  place,
  count,
  queued,
  turn,
  onMove,
}: {
  id: string
  label: string
  kind: NodeKind
  place: number
  count: number
  queued: number
  turn: boolean
  /** Moves the tasklet to a place in the order (0 first). */
  onMove: (id: string, to: number) => void
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!event.altKey) return
    const to = { ArrowLeft: place - 1, ArrowUp: place - 1, ArrowRight: place + 1, ArrowDown: place + 1, Home: 0, End: count - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    if (to >= 0 && to < count && to !== place) onMove(id, to)
  }
  return (
    <li
      data-id={id}
      tabIndex={0}
      draggable
      data-turn={turn || undefined}
      data-queued={queued > 0 || undefined}
      aria-label={`${label}, ${place + 1} of ${count} in the order, ${queued} queued${turn ? ', its turn' : ''}`}
      aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight Alt+Home Alt+End"
      title={`${label}: drag, or Alt+← / Alt+→, to move it in the order`}
      style={{ '--kind-colour': KIND_COLOURS[kind] } as CSSProperties}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.dataTransfer.setData(ORDER_DRAG, id)
        event.dataTransfer.effectAllowed = 'move'
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(ORDER_DRAG)) event.preventDefault()
      }}
      onDrop={(event) => {
        const dragged = event.dataTransfer.getData(ORDER_DRAG)
        if (!dragged) return
        event.preventDefault()
        onMove(dragged, place)
      }}
    >
      {label}
      <span className="scheduler-queue">{queued}</span>
    </li>
  )
})

/** What a drag of a chip carries: the tasklet's id. */
const ORDER_DRAG = 'application/x-mesh-order'

/**
 * The tasklets in the mesh's order, the one the scheduler goes through (the seed's
 * `tasks = [s, d, t, b, a, r]`), with their queues and the one whose turn it is marked.
 * Drag a tasklet, or move it with Alt and the arrow keys: the run takes the new order
 * from its next decision, and Undo puts it back.
 */
function NodeOrder({ position }: { position: string | null }) {
  const api = useMeshStoreApi()
  const order = useMeshStore((s) => selectShown(s).nodes)
  const nodes = useCalmStore(selectNodes)
  const [moved, setMoved] = useState('')
  const listRef = useRef<HTMLOListElement>(null)
  const hint = useId()
  const onMove = useCallback(
    (id: string, to: number) => {
      api.getState().moveNodeInOrder(id, to)
      const { nodes: now } = selectShown(api.getState())
      const node = now.find((n) => n.id === id)
      if (!node) return
      setMoved(`${node.label} moved to place ${now.indexOf(node) + 1} of ${now.length}.`)
      // The chip keeps the focus at its new place, so a run of Alt+arrows moves it on.
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`)?.focus())
    },
    [api],
  )
  // A big mesh shows its order a page at a time, the page with the turn: the rest is noise, and a
  // window sliding every tick would cost layout every tick.
  const turn = Math.max(
    0,
    order.findIndex((n) => n.id === position),
  )
  const first = Math.floor(turn / ORDER_SHOWN) * ORDER_SHOWN
  const shown = order.slice(first, first + ORDER_SHOWN)
  return (
    <>
      <p className="scheduler-order-hint muted" id={hint}>
        The scheduler&rsquo;s order: drag a tasklet, or Alt+← / Alt+→, to change it.
      </p>
      <ol ref={listRef} className="scheduler-order" aria-label="Node order" aria-describedby={hint}>
        {first > 0 && <li className="scheduler-more">{first} before</li>}
        {shown.map((node, i) => (
          <OrderChip
            key={node.id}
            id={node.id}
            label={node.label}
            kind={node.kind}
            place={first + i}
            count={order.length}
            queued={nodes[node.id]?.queueLength ?? 0}
            turn={node.id === position}
            onMove={onMove}
          />
        ))}
        {first + shown.length < order.length && <li className="scheduler-more">{order.length - first - shown.length} more</li>}
      </ol>
      <p className="visually-hidden" role="status">
        {moved}
      </p>
    </>
  )
}

function Taskmaster({ view }: { view: Extract<SchedulerView, { kind: 'taskmaster' }> }) {
  const label = useLabels(true)
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
  const label = useLabels(true)
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

/** The person's picks: how many the run has taken of how many there are, and the one under way. */
function Hand({ view }: { view: Extract<SchedulerView, { kind: 'hand' }> }) {
  const label = useLabels(true)
  const picks = useMeshStore((s) => s.document.hand?.picks.length ?? 0)
  return (
    <>
      <p className="scheduler-summary">
        Picks taken: <strong>{view.made}</strong> of {picks}
        {view.turn && !view.asks ? (
          <>
            {' '}
            · {label(view.turn)} is draining its queue (pick {view.made})
          </>
        ) : view.made < picks ? (
          ' · the next step takes the next pick'
        ) : (
          ' · the next pick is yours'
        )}
      </p>
      <NodeOrder position={view.turn} />
    </>
  )
}

const HEADINGS: Record<SchedulerView['kind'], string> = { taskmaster: 'Taskmaster', priority: 'Priority scheduler', policy: 'Written policy', hand: 'You are the scheduler' }

/** What the heading says after the scheduler's name: its mode, or the written policy's name. */
function headingDetail(view: SchedulerView): string | null {
  if (view.kind === 'hand') return null
  if (view.kind === 'policy') return `\u201c${view.name}\u201d`
  return modeName(view.kind, view.mode)
}

function SchedulerView({ view }: { view: SchedulerView }) {
  switch (view.kind) {
    case 'taskmaster':
      return <Taskmaster view={view} />
    case 'priority':
      return <Priority view={view} />
    case 'policy':
      return <Policy view={view} />
    case 'hand':
      return <Hand view={view} />
  }
}

function Priority({ view }: { view: Extract<SchedulerView, { kind: 'priority' }> }) {
  const label = useLabels(true)
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
      <NodeOrder position={view.executing?.node ?? null} />
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

/** The open group, named, with what its inside's scheduler does per activation; null on the outer mesh. */
function InsideNote() {
  const group = useMeshStore((s) => groupsAlong(s.document, s.openPath).at(-1) ?? null)
  const tick = useMeshStore((s) => (s.openPath.length ? selectShownRun(s).tick : 0))
  if (!group) return null
  const call = group.group?.call === 'next' ? 'one step of it' : 'one whole call of it (until the inside has no work)'
  return (
    <p className="scheduler-inside" role="note">
      The scheduler <strong>inside {group.label}</strong>: each time the outer scheduler runs the group, it runs {call}. Inner activations so far: <strong>{tick}</strong>.
    </p>
  )
}

export function SchedulerPanel() {
  const view = useCalmStore(selectView)
  const inside = useMeshStore((s) => (s.openPath.length ? (groupsAlong(s.document, s.openPath).at(-1)?.label ?? null) : null))
  return (
    <div className="scheduler-panel">
      <section aria-label={inside === null ? 'What the scheduler sees' : `What the scheduler inside ${inside} sees`}>
        <h3 className="dock-subheading">
          {inside === null ? null : `Inside ${inside}: `}
          {HEADINGS[view.kind]}
          {headingDetail(view) === null ? null : `, ${headingDetail(view)}`}
        </h3>
        <InsideNote />
        <SchedulerView view={view} />
      </section>
      <SeedLines />
    </div>
  )
}
