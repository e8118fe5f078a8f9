/**
 * Where a queued item came from: pick its place in the queue and ask, and
 * its story (panels/LineageStory.tsx) shows here — ending with the item
 * waiting in this queue — while the canvas lights its path.
 */
import { useId, useState } from 'react'

import { pyStr } from '../engine'
import { LineageStory } from '../panels/LineageStory'
import { useMeshStore, useMeshStoreApi } from '../store/context'

export function QueueStory({ id }: { id: string }) {
  const api = useMeshStoreApi()
  const fieldId = useId()
  const head = useMeshStore((s) => (s.openPath.length ? null : s.run.nodes[id]?.head))
  const story = useMeshStore((s) => (s.story?.kind === 'queued' && s.story.node === id ? s.story : null))
  const [index, setIndex] = useState(0)
  if (!head || (head.length === 0 && !story)) return null
  const at = Math.min(index, Math.max(0, head.length - 1))
  const ask = () => {
    const { run } = api.getState()
    const value = head[at]
    if (value !== undefined) api.getState().showStory({ kind: 'queued', node: id, index: at, tick: run.tick, value })
  }
  return (
    <section className="inspector-section queue-story" aria-label="Where a queued item came from">
      {head.length > 0 && (
        <div className="queue-story-ask">
          <label htmlFor={fieldId}>Queued item</label>
          <select id={fieldId} value={at} onChange={(event) => setIndex(Number(event.target.value))}>
            {head.map((item, i) => (
              <option key={i} value={i}>
                {i + 1}: {pyStr(item)}
              </option>
            ))}
          </select>
          <button type="button" onClick={ask}>
            Where did this come from?
          </button>
        </div>
      )}
      {story && <LineageStory subject={story} />}
    </section>
  )
}
