/** A code node's ports: rename (its wires follow), remove (with its wires), add. */
import { MAX_CODE_PORTS } from '../../engine'
import { portNameProblem } from '../../store/code-edits'
import { useMeshStoreApi } from '../../store/context'
import { useCommitDraft } from '../fields'

function PortRow({ node, port, ports }: { node: string; port: string; ports: readonly string[] }) {
  const api = useMeshStoreApi()
  const { error, input } = useCommitDraft(port, (text) => {
    const name = text.trim()
    if (name === port) return
    const problem = portNameProblem(ports, name, port)
    if (problem) return `Cannot rename: ${problem}.`
    api.getState().renamePort(node, port, name)
  })
  const errorId = `port-${node}-${port}-error`
  return (
    <li className="port-row">
      <input aria-label={`Name of port ${port}`} spellCheck={false} maxLength={32} {...input} aria-describedby={error ? errorId : undefined} />
      <button type="button" onClick={() => api.getState().removePort(node, port)} aria-label={`Remove port ${port}`}>
        Remove
      </button>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </li>
  )
}

export function PortsEditor({ node, ports }: { node: string; ports: readonly string[] }) {
  const api = useMeshStoreApi()
  const full = ports.length >= MAX_CODE_PORTS
  return (
    <fieldset className="field-group ports-editor">
      <legend>Ports</legend>
      {ports.length === 0 ? (
        <p className="muted">No ports: the code can still send with self.sendTo(id, item).</p>
      ) : (
        <ul className="port-list">
          {ports.map((port) => (
            <PortRow key={port} node={node} port={port} ports={ports} />
          ))}
        </ul>
      )}
      <p className="field-hint">
        Each port is <code>ports.name</code> in the code. Renaming one renames it in the code and keeps its wires; removing one removes its wires.
      </p>
      <button type="button" onClick={() => api.getState().addPort(node)} disabled={full} title={full ? `At most ${MAX_CODE_PORTS} ports` : undefined}>
        Add port
      </button>
    </fieldset>
  )
}
