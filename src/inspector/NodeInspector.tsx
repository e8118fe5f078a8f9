/**
 * The selected node in full: its settings, queue (with queue surgery while
 * paused), Tasklet API, wiring and coroutine. Loaded when a node is first
 * selected (Inspector.tsx).
 */
import { KINDS } from '../engine'
import { useMeshStore } from '../store/context'
import { selectShown } from '../store/group-scope'
import { GroupSettings } from './GroupSettings'
import { CodeSection } from './code/CodeSection'
import { CoroutineSource } from './CoroutineSource'
import { NodeSettings } from './NodeSettings'
import { QueueStory } from './QueueStory'
import { QueueView } from './QueueView'
import { TaskletActions } from './TaskletActions'
import { WatchQueueButton } from './WatchButtons'
import { WiringForm } from './WiringForm'

export function NodeInspector({ id }: { id: string }) {
  const node = useMeshStore((s) => selectShown(s).nodes.find((n) => n.id === id))
  // The Tasklet API acts on the outer run's tasklets: an opened group's inside is run by its group.
  const inside = useMeshStore((s) => s.openPath.length > 0)
  if (!node) return null
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        {node.label} <span className="inspector-kind">{node.kind}</span>
      </h2>
      <p className="inspector-summary">{KINDS[node.kind].summary}</p>
      {node.kind === 'code' && <CodeSection node={node} />}
      <NodeSettings node={node} />
      <QueueView id={id} />
      <WatchQueueButton node={id} />
      <QueueStory id={id} />
      {node.kind === 'group' && <GroupSettings node={node} />}
      {inside ? (
        <p className="inspector-summary muted">Inside a group its tasklets are run by the group&rsquo;s own scheduler: send, next and flush act on the outer mesh&rsquo;s tasklets.</p>
      ) : (
        <TaskletActions id={id} label={node.label} />
      )}
      <WiringForm node={node} />
      {node.kind !== 'code' && <CoroutineSource kind={node.kind} />}
    </>
  )
}
