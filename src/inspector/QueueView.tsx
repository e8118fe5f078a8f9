/** The node's work queue as the seed's scheduler prints it, the head marked; while paused, each item can be edited (QueueSurgery). */
import { useMeshStore } from '../store/context'
import { selectShownRun } from '../store/group-scope'
import { stateText } from '../canvas/MeshNodeCard'
import { useQueueEditable } from './queue-editable'
import { QueueInsert, QueueItem } from './QueueSurgery'

export function QueueView({ id }: { id: string }) {
  const view = useMeshStore((s) => selectShownRun(s).nodes[id])
  const editable = useQueueEditable()
  if (!view) return null
  const more = view.queueLength - view.head.length
  return (
    <section className="inspector-section" aria-labelledby={`queue-${id}`}>
      <h3 id={`queue-${id}`} className="section-heading">
        Queue <span className="section-count">{view.queueLength === 1 ? '1 item' : `${view.queueLength} items`}</span>
      </h3>
      <dl className="node-facts">
        <dt>State</dt>
        <dd data-state={view.state}>{stateText(view)}</dd>
        <dt>Taken</dt>
        <dd>{view.activations}</dd>
        <dt>Dropped</dt>
        <dd>{view.dropped}</dd>
        {view.drawn !== null && (
          <>
            <dt>Drawn priority</dt>
            <dd>{view.drawn}</dd>
          </>
        )}
      </dl>
      {view.error && (
        <p className="field-error" role="status">
          {view.error}
        </p>
      )}
      {view.queueLength === 0 ? (
        <p className="muted">The queue is empty.</p>
      ) : (
        <ol className="queue-list">
          {view.head.map((item, i) => (
            <QueueItem key={i} id={id} item={item} index={i} length={view.queueLength} editable={editable} />
          ))}
          {more > 0 && <li className="muted">… and {more} more</li>}
        </ol>
      )}
      {editable && <QueueInsert id={id} length={view.queueLength} />}
    </section>
  )
}
