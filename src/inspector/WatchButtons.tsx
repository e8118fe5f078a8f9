/** Watch this wire, Watch this queue: a watch after the fact (store/watch-slice.ts), shown in the run dock's Watch tab. */
import { sameTarget, type WatchTarget } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'

function WatchButton({ target, what }: { target: WatchTarget; what: 'wire' | 'queue' }) {
  const api = useMeshStoreApi()
  const watched = useMeshStore((s) => s.watches.some((w) => sameTarget(w.target, target)))
  // An opened group's wires and queues are its inner run's: a watch replays the outer run.
  const inside = useMeshStore((s) => s.openPath.length > 0)
  if (inside) return <p className="inspector-summary muted">Watches see the outer mesh&rsquo;s wires and queues: go out of the group to watch one.</p>
  return (
    <div className="button-row">
      <button type="button" disabled={watched} onClick={() => api.getState().addWatch(target)}>
        {what === 'wire' ? 'Watch this wire' : 'Watch this queue'}
      </button>
      {watched && (
        <span className="muted" role="status">
          Watched: see the Watch tab below.
        </span>
      )}
    </div>
  )
}

export function WatchWireButton({ from, port, to }: { from: string; port: string; to: string }) {
  return <WatchButton target={{ kind: 'wire', from, port, to }} what="wire" />
}

export function WatchQueueButton({ node }: { node: string }) {
  return <WatchButton target={{ kind: 'queue', node }} what="queue" />
}
