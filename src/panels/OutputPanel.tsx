/** What the sinks received, as the seed prints it (`Sink got: 2x2`), per sink and filtered by text. */
import { useDeferredValue, useId, useMemo, useState } from 'react'

import { OUTPUT_KEEP, pyStr, type Output } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { LineageStory } from './LineageStory'
import { useLabels } from './use-labels'
import { VirtualList } from './VirtualList'

const ALL = ''

export function OutputPanel() {
  const id = useId()
  const outputs = useMeshStore((s) => s.run.outputs)
  const received = useMeshStore((s) => s.run.stats.outputs)
  const label = useLabels()
  const [sink, setSink] = useState(ALL)
  const [filter, setFilter] = useState('')
  const api = useMeshStoreApi()
  // The story of an output shows here; a queued item's or a trace line's where it was asked for.
  const story = useMeshStore((s) => (s.story?.kind === 'output' ? s.story : null))
  const needle = useDeferredValue(filter.trim().toLowerCase())
  const sinks = Object.keys(outputs)
  const shown = useMemo(() => {
    const lists = sink === ALL ? Object.values(outputs) : [outputs[sink] ?? []]
    const all: Output[] = lists.length === 1 ? [...lists[0]!] : lists.flat().sort((a, b) => a.tick - b.tick)
    return needle ? all.filter((o) => pyStr(o.value).toLowerCase().includes(needle)) : all
  }, [outputs, sink, needle])
  return (
    <div className={story ? 'output-panel with-story' : 'output-panel'}>
      <div className="dock-controls">
        <label htmlFor={`${id}-sink`}>Sink</label>
        <select id={`${id}-sink`} value={sink} onChange={(event) => setSink(event.target.value)}>
          <option value={ALL}>All sinks</option>
          {sinks.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-filter`}>Filter</label>
        <input id={`${id}-filter`} type="search" value={filter} placeholder="text in the value" onChange={(event) => setFilter(event.target.value)} />
        <span className="dock-count" role="status">
          {shown.length} shown{received > OUTPUT_KEEP ? ` (the newest ${OUTPUT_KEEP.toLocaleString('en')} of ${received.toLocaleString('en')} are kept)` : ''}
        </span>
      </div>
      {sinks.length === 0 ? (
        <p className="muted dock-empty">This mesh has no sink.</p>
      ) : shown.length === 0 ? (
        <p className="muted dock-empty">{received === 0 ? 'No sink has received anything yet.' : 'Nothing matches.'}</p>
      ) : (
        <VirtualList
          label="Sink output"
          count={shown.length}
          rowHeight={22}
          className="mono-list"
          row={(i) => {
            const o = shown[i]!
            const chosen = story?.node === o.node && story.tick === o.tick
            return (
              <button
                type="button"
                className="row-button"
                aria-pressed={chosen}
                title="Where did it come from? Its story, step by step"
                onClick={() => api.getState().showStory(chosen ? null : { kind: 'output', node: o.node, tick: o.tick })}
              >
                <span className="row-tick">{o.tick}</span>
                {sinks.length > 1 && <span className="row-node">{label(o.node)}</span>}
                Sink got: {pyStr(o.value)}
              </button>
            )
          }}
        />
      )}
      {/* Not loaded lazily: React holds a suspended panel's content back 300 ms, and the story is asked for to be read at once. */}
      {story && <LineageStory subject={story} />}
    </div>
  )
}
