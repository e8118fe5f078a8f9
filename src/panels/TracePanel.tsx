/**
 * The trace: as the seed printed it, or every event in a line, in a list
 * that renders only what is in view (it holds 100,000 lines), with the
 * whole kept trace to download as .txt or .jsonl.
 */
import { useState } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { downloadText } from '../ui/download'
import { describeEntry, TRACE_KEEP, type TraceEntry, type TraceText } from '../runner/trace-log'
import { LineageStory } from './LineageStory'
import { useLabels } from './use-labels'
import { VirtualList } from './VirtualList'

/** The tasklet whose activation a trace line is of, when it has a story: the activation, an emit or an output. */
function activationOf(entry: TraceEntry): string | null {
  if (entry.type === 'activation' || entry.type === 'output') return entry.node
  if (entry.type === 'emit') return entry.from
  return null
}

export function TracePanel() {
  const api = useMeshStoreApi()
  const story = useMeshStore((s) => (s.story?.kind === 'taken' ? s.story : null))
  const revision = useMeshStore((s) => s.logRevision)
  const trace = useMeshStore((s) => s.runLog.trace)
  const label = useLabels()
  const [text, setText] = useState<TraceText>('seed')
  const count = text === 'seed' ? trace.lineCount : trace.length
  const fileName = (ext: string) => `mesh-trace.${ext}`
  return (
    <div className={story ? 'trace-panel with-story' : 'trace-panel'}>
      <div className="dock-controls">
        <div className="segmented" role="group" aria-label="Show the trace as">
          <button type="button" aria-pressed={text === 'seed'} onClick={() => setText('seed')}>
            Seed&rsquo;s text
          </button>
          <button type="button" aria-pressed={text === 'events'} onClick={() => setText('events')}>
            Events
          </button>
        </div>
        <span className="dock-count">
          {count.toLocaleString('en')} {text === 'seed' ? 'lines' : 'events'}
          {trace.total > trace.length ? ` (the newest ${TRACE_KEEP.toLocaleString('en')} events are kept)` : ''}
        </span>
        <span className="dock-spacer" />
        <button type="button" onClick={() => downloadText(fileName('txt'), trace.toText(text, label))} disabled={count === 0}>
          Export .txt
        </button>
        <button type="button" onClick={() => downloadText(fileName('jsonl'), trace.toJsonl(), 'application/x-ndjson')} disabled={trace.length === 0}>
          Export .jsonl
        </button>
      </div>
      {count === 0 ? (
        <p className="muted dock-empty">
          {text === 'seed' ? 'Nothing printed yet: the seed prints sink outputs and the priority scheduler’s decisions.' : 'No events yet: step or play the run.'}
        </p>
      ) : (
        <VirtualList
          label={text === 'seed' ? "Trace as the seed's text" : 'Trace events'}
          count={count}
          revision={revision}
          rowHeight={20}
          className="mono-list"
          row={(i) => {
            if (text === 'seed') return trace.lineAt(i)
            const entry = trace.at(i)
            const line = (
              <>
                <span className="row-tick">{entry.tick}</span>
                <span data-type={entry.type}>{describeEntry(entry, label)}</span>
              </>
            )
            const node = activationOf(entry)
            if (node === null) return line
            const chosen = story?.node === node && story.tick === entry.tick
            return (
              <button
                type="button"
                className="row-button"
                aria-pressed={chosen}
                title="Where did the item this activation took come from? Its story, step by step"
                onClick={() => api.getState().showStory(chosen ? null : { kind: 'taken', node, tick: entry.tick })}
              >
                {line}
              </button>
            )
          }}
        />
      )}
      {story && <LineageStory subject={story} />}
    </div>
  )
}
