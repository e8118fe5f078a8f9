/**
 * Conditional breakpoints: pause when a chosen node activates, when a queue
 * grows past N items, or when a sink receives a value with a text in it.
 * Play, Turbo and Run to end stop at them; a single step does not.
 */
import { useId, useState, type FormEvent } from 'react'

import type { Breakpoint } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { useLabels } from './use-labels'

type Kind = Breakpoint['kind']
const KINDS: readonly Kind[] = ['activation', 'queue', 'output']
const ANY = ''

function describe(bp: Breakpoint, label: (id: string) => string): string {
  if (bp.kind === 'activation') return `When ${label(bp.node)} activates`
  if (bp.kind === 'queue') return `When ${bp.node === null ? 'any queue' : `${label(bp.node)}'s queue`} has more than ${bp.above} items`
  return `When ${bp.node === null ? 'a sink' : label(bp.node)} receives a value containing “${bp.text}”`
}

function AddBreakpoint() {
  const api = useMeshStoreApi()
  const id = useId()
  const nodes = useMeshStore((s) => s.document.nodes)
  const [kind, setKind] = useState<Kind>('activation')
  const [node, setNode] = useState(ANY)
  const [above, setAbove] = useState('10')
  const [text, setText] = useState('')
  const choices = kind === 'output' ? nodes.filter((n) => n.kind === 'sink') : nodes
  const chosen = choices.some((n) => n.id === node) ? node : kind === 'activation' ? (choices[0]?.id ?? ANY) : ANY
  const ready = kind === 'activation' ? chosen !== ANY : kind === 'queue' ? Number.isInteger(Number(above)) && Number(above) >= 0 : text.trim() !== ''
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready) return
    const add = api.getState().addBreakpoint
    if (kind === 'activation') add({ kind, node: chosen })
    else if (kind === 'queue') add({ kind, node: chosen || null, above: Number(above) })
    else add({ kind, node: chosen || null, text: text.trim() })
  }
  return (
    <form className="dock-controls breakpoint-form" onSubmit={onSubmit} aria-label="Add a breakpoint">
      <label htmlFor={`${id}-kind`}>Pause when</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(KINDS.find((k) => k === event.target.value) ?? kind)}>
        <option value="activation">a node activates</option>
        <option value="queue">a queue grows past</option>
        <option value="output">a sink receives</option>
      </select>
      <label htmlFor={`${id}-node`} className="visually-hidden">
        Node
      </label>
      <select id={`${id}-node`} value={chosen} onChange={(event) => setNode(event.target.value)}>
        {kind !== 'activation' && <option value={ANY}>{kind === 'queue' ? 'any node' : 'any sink'}</option>}
        {choices.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label}
          </option>
        ))}
      </select>
      {kind === 'queue' && (
        <>
          <label htmlFor={`${id}-above`}>more than</label>
          <input id={`${id}-above`} className="narrow" type="number" min={0} value={above} onChange={(event) => setAbove(event.target.value)} />
          <span className="muted">items</span>
        </>
      )}
      {kind === 'output' && (
        <>
          <label htmlFor={`${id}-text`}>a value containing</label>
          <input id={`${id}-text`} value={text} placeholder="e.g. 3x" onChange={(event) => setText(event.target.value)} />
        </>
      )}
      <button type="submit" disabled={!ready}>
        Add breakpoint
      </button>
    </form>
  )
}

export function BreakpointsPanel() {
  const api = useMeshStoreApi()
  const breakpoints = useMeshStore((s) => s.breakpoints)
  const hit = useMeshStore((s) => s.breakpointHit)
  const label = useLabels()
  return (
    <div className="breakpoints-panel">
      <AddBreakpoint />
      {hit && (
        <p className="breakpoint-hit" role="status">
          Paused at tick {hit.tick}: {hit.message}.
        </p>
      )}
      {breakpoints.length === 0 ? (
        <p className="muted dock-empty">No breakpoints. Play, Turbo and Run to end pause at the ones you add; Step goes on regardless.</p>
      ) : (
        <ul className="breakpoint-list">
          {breakpoints.map((bp) => (
            <li key={bp.id} data-hit={hit?.breakpoint.id === bp.id || undefined}>
              <label>
                <input type="checkbox" checked={bp.enabled} onChange={(event) => api.getState().setBreakpointEnabled(bp.id, event.target.checked)} />
                {describe(bp, label)}
              </label>
              <button type="button" className="link-button" onClick={() => api.getState().removeBreakpoint(bp.id)} aria-label={`Remove: ${describe(bp, label)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
