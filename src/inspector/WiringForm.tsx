/**
 * Wiring from the keyboard, which React Flow has no way of: pick a port and
 * a target node and connect; re-wire or remove each wire from a list.
 */
import { useId, useState, type FormEvent } from 'react'

import { portsOf, type MeshNode } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown } from '../store/group-scope'
import { wireProblem } from '../store/document-edits'

export function WiringForm({ node }: { node: MeshNode }) {
  const api = useMeshStoreApi()
  const id = useId()
  const nodes = useMeshStore((s) => selectShown(s).nodes)
  const edges = useMeshStore((s) => selectShown(s).edges)
  const ports = portsOf(node)
  const [chosenPort, setPort] = useState(ports[0] ?? '')
  // A code node's ports may be renamed or removed under the form.
  const port = ports.includes(chosenPort) ? chosenPort : (ports[0] ?? '')
  const [target, setTarget] = useState('')
  const [error, setError] = useState<string | null>(null)
  const labelOf = (nodeId: string) => nodes.find((n) => n.id === nodeId)?.label ?? nodeId
  const outgoing = edges.filter((e) => e.source === node.id)
  const incoming = edges.filter((e) => e.target === node.id)

  const onConnect = (event: FormEvent) => {
    event.preventDefault()
    const wire = { source: node.id, port, target }
    const problem = target ? wireProblem(api.getState().document, wire) : 'choose a node to connect to'
    if (problem) return setError(`Cannot connect: ${problem}.`)
    setError(null)
    api.getState().connect(wire)
  }

  return (
    <section className="inspector-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="section-heading">
        Wiring
      </h3>
      {ports.length === 0 && (
        <p className="muted">{node.kind === 'code' ? 'This code node declares no ports yet: add one under Ports.' : `A ${node.kind} has no ports: nothing leaves it.`}</p>
      )}
      {outgoing.length > 0 && (
        <ul className="wire-list" aria-label="Wires out">
          {outgoing.map((edge) => (
            <li key={edge.id}>
              <span className="wire-port">{edge.port} →</span>
              <select
                aria-label={`Re-wire ${edge.port} of ${node.label}`}
                value={edge.target}
                onChange={(event) => api.getState().reconnect(edge.id, { source: edge.source, port: edge.port, target: event.target.value })}
              >
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.label}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => api.getState().removeEdges([edge.id])} aria-label={`Remove wire ${edge.port} to ${labelOf(edge.target)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {ports.length > 0 && (
        <form className="connect-form" onSubmit={onConnect}>
          {ports.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-port`}>Port</label>
              <select id={`${id}-port`} value={port} onChange={(event) => setPort(event.target.value)}>
                {ports.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-target`}>{ports.length > 1 ? 'To node' : `Connect ${port} to`}</label>
            <div className="field-inline">
              <select id={`${id}-target`} value={target} onChange={(event) => setTarget(event.target.value)}>
                <option value="">Choose a node…</option>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.label} ({n.kind})
                  </option>
                ))}
              </select>
              <button type="submit">Connect</button>
            </div>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      {incoming.length > 0 && <p className="muted">Receives from: {incoming.map((e) => `${labelOf(e.source)}.${e.port}`).join(', ')}</p>}
    </section>
  )
}
