/** The seed's Tasklet API on this node, by hand: send, next, last, flush, clear, close, restart. */
import { useId, useState, type FormEvent } from 'react'

import { useMeshStoreApi } from '../store/context'
import type { TaskletAction } from '../store/run-slice'
import { parseValues } from './values-text'

const ACTIONS: { action: TaskletAction; help: string }[] = [
  { action: 'next', help: 'Process the head item' },
  { action: 'last', help: 'Process the tail item' },
  { action: 'flush', help: 'Process items until the queue is empty' },
  { action: 'clear', help: 'Empty the queue' },
  { action: 'close', help: 'Close the coroutine' },
  { action: 'restart', help: 'A fresh coroutine with the same wiring, and an empty queue' },
]

export function TaskletActions({ id, label }: { id: string; label: string }) {
  const api = useMeshStoreApi()
  const fieldId = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const onSend = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseValues(text)
    if (!parsed.ok) return setError(parsed.error)
    if (parsed.values.length === 0) return setError('Type a value to send, e.g. 1 or Hello')
    setError(null)
    api.getState().send(id, parsed.values)
    setText('')
  }
  return (
    <section className="inspector-section" aria-labelledby={`${fieldId}-heading`}>
      <h3 id={`${fieldId}-heading`} className="section-heading">
        Tasklet API
      </h3>
      <form className="send-form" onSubmit={onSend}>
        <label htmlFor={fieldId}>Send to {label}</label>
        <div className="field-inline">
          <input
            id={fieldId}
            value={text}
            placeholder="1 2 3"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-error` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit">send()</button>
        </div>
        {error && (
          <p className="field-error" id={`${fieldId}-error`} role="alert">
            {error}
          </p>
        )}
      </form>
      <div className="button-grid">
        {ACTIONS.map(({ action, help }) => (
          <button key={action} type="button" title={help} onClick={() => api.getState().taskletAction(action, id)}>
            {action}()
          </button>
        ))}
      </div>
    </section>
  )
}
