/**
 * Queue surgery while paused: the tools beside each queued item in the
 * inspector (drop, edit, move up or down, move to another tasklet's queue),
 * a form to put an item in at a position, and an undo of the last edit.
 * Each calls the store's `editQueue`, a hand action of the run; what the
 * edit does to the run is the engine's.
 */
import { useId, useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'

import { pyItem, type QueueEdit, type Value } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { formatValue, parseValues } from './values-text'

/** One value typed as the send form reads it, or why not. */
function oneValue(text: string): { ok: true; value: Value } | { ok: false; error: string } {
  const parsed = parseValues(text)
  if (!parsed.ok) return parsed
  if (parsed.values.length !== 1) return { ok: false, error: parsed.values.length === 0 ? 'Type a value, e.g. 7 or Hello' : 'Type one value (quote text with spaces)' }
  return { ok: true, value: parsed.values[0]! }
}

/** An item of the queue in the inspector, with its tools when the queue can be edited. */
export function QueueItem({ id, item, index, length, editable }: { id: string; item: Value; index: number; length: number; editable: boolean }) {
  const api = useMeshStoreApi()
  const [editing, setEditing] = useState(false)
  const n = index + 1
  const marker = index === 0 && <span className="queue-marker"> &lt;-- processing this item</span>
  const edit = (e: QueueEdit) => api.getState().editQueue(id, e)
  if (editing) return <EditItem id={id} item={item} index={index} onDone={() => setEditing(false)} />
  return (
    <li className="queue-item">
      <span className="queue-item-text">
        {pyItem(item)}
        {marker}
      </span>
      {/* The tools' glyphs are drawn by CSS and the select's options carry labels, not text, so the item's text is its own, as a reader or a test finds it. */}
      {editable && (
        <span className="queue-item-tools">
          <button type="button" aria-label={`Drop item ${n} (${formatValue(item)})`} title="Drop this item from the queue" onClick={() => edit({ op: 'drop', index })} data-glyph="×" />
          <button type="button" aria-label={`Edit item ${n}`} title="Edit this item's value" onClick={() => setEditing(true)} data-glyph="✎" />
          <button
            type="button"
            data-glyph="↑"
            aria-label={`Move item ${n} up`}
            title="Move it one place towards the head"
            disabled={index === 0}
            onClick={() => edit({ op: 'move', from: index, to: index - 1 })}
          />
          <button
            type="button"
            data-glyph="↓"
            aria-label={`Move item ${n} down`}
            title="Move it one place towards the tail"
            disabled={index >= length - 1}
            onClick={() => edit({ op: 'move', from: index, to: index + 1 })}
          />
          <MoveTo id={id} index={index} />
        </span>
      )}
    </li>
  )
}

/** A select of the other tasklets of the outer mesh: choosing one moves the item to the tail of its queue. */
function MoveTo({ id, index }: { id: string; index: number }) {
  const api = useMeshStoreApi()
  const others = useMeshStore(useShallow((s) => s.document.nodes.filter((node) => node.id !== id).map((node) => `${node.id}\u0000${node.label}`)))
  if (others.length === 0) return null
  return (
    <select
      aria-label={`Move item ${index + 1} to…`}
      title="Move it to the tail of another tasklet's queue"
      value=""
      onChange={(event) => {
        const to = event.target.value
        if (!to) return
        const at = api.getState().run.nodes[to]?.queueLength ?? 0
        api.getState().editQueue(id, { op: 'transfer', index, to, at })
      }}
    >
      <option value="" label="→" />
      {others.map((entry) => {
        const [node, label] = entry.split('\u0000') as [string, string]
        return <option key={node} value={node} label={label} />
      })}
    </select>
  )
}

function EditItem({ id, item, index, onDone }: { id: string; item: Value; index: number; onDone: () => void }) {
  const api = useMeshStoreApi()
  const fieldId = useId()
  const [text, setText] = useState(formatValue(item))
  const [error, setError] = useState<string | null>(null)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const read = oneValue(text)
    if (!read.ok) return setError(read.error)
    api.getState().editQueue(id, { op: 'set', index, value: read.value })
    onDone()
  }
  return (
    <li className="queue-item is-editing">
      <form className="field-inline" onSubmit={onSubmit}>
        <input
          id={fieldId}
          aria-label={`Value of item ${index + 1}`}
          value={text}
          autoFocus
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && onDone()}
        />
        <button type="submit">Set</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </form>
      {error && (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      )}
    </li>
  )
}

/** Puts a new item in the queue at a position (1 is the head; one past the last is the tail, the seed's send), and undoes the last edit. */
export function QueueInsert({ id, length }: { id: string; length: number }) {
  const api = useMeshStoreApi()
  const fieldId = useId()
  const [text, setText] = useState('')
  const [at, setAt] = useState('1')
  const [error, setError] = useState<string | null>(null)
  const undo = useMeshStore((s) => s.queueUndo !== null && s.queueUndo === s.run.tick)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const position = Number(at)
    if (!Number.isSafeInteger(position) || position < 1 || position > length + 1) return setError(`Choose a position from 1 to ${length + 1}`)
    const read = oneValue(text)
    if (!read.ok) return setError(read.error)
    setError(null)
    api.getState().editQueue(id, { op: 'insert', index: position - 1, value: read.value })
    setText('')
  }
  return (
    <form className="queue-insert" onSubmit={onSubmit} aria-label="Insert at position">
      <div className="field-inline">
        <label htmlFor={`${fieldId}-at`}>At</label>
        <input
          id={`${fieldId}-at`}
          className="queue-insert-at"
          type="number"
          min={1}
          max={length + 1}
          value={at}
          aria-label="Position to insert at"
          onChange={(event) => setAt(event.target.value)}
        />
        <input
          id={fieldId}
          value={text}
          placeholder="7"
          spellCheck={false}
          aria-label="Value to insert"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Insert</button>
        {undo && (
          <button type="button" onClick={() => api.getState().undoHandAction()}>
            Undo queue edit
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
