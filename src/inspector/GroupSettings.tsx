/**
 * A group node's inside, as its inspector sets it: the inner scheduler and
 * mode, what one activation of the group runs of it, the inner node its
 * items go to, and its ports (each carrying what one inner node outputs).
 */
import { useId } from 'react'

import { GROUP_CALLS, GROUP_SCHEDULERS, MAX_CODE_PORTS, MODES, type GroupInside, type MeshNode } from '../engine'
import { useMeshStoreApi } from '../store/context'
import { freshName } from '../store/document-edits'
import { outputsProblem, type GroupSettings as Settings } from '../store/group-scope'
import { CommitField } from './fields'

const SCHEDULER_NAMES: Record<GroupInside['scheduler'], string> = { taskmaster: 'taskmaster (round robin)', priority: 'priority scheduler' }
const MODE_NAMES: Record<GroupInside['mode'], string> = { flush: 'flush (drain a queue)', next: 'next (one item a turn)' }
const CALL_NAMES: Record<GroupInside['call'], string> = { flush: 'one whole call of its scheduler', next: 'one step of its scheduler' }

const EMPTY: GroupInside = { nodes: [], edges: [], inputs: [], scheduler: 'taskmaster', mode: 'flush', call: 'flush', outputs: [] }

/** A group node's settings; `open`: of the group open on the canvas (set in the mesh around it). */
export function GroupSettings({ node, open = false }: { node: MeshNode; open?: boolean }) {
  const api = useMeshStoreApi()
  const id = useId()
  const inside = node.group ?? EMPTY
  const set = (group: string, settings: Settings) => (open ? api.getState().setOpenGroup(settings) : api.getState().setGroup(group, settings))
  const labelOf = (inner: string) => inside.nodes.find((n) => n.id === inner)?.label ?? inner
  const outputs = inside.outputs
  const setOutputs = (next: GroupInside['outputs']) => {
    const problem = outputsProblem(inside, next)
    if (problem) return problem
    set(node.id, { outputs: next })
  }
  const addPort = () => {
    const port = freshName(new Set(outputs.map((o) => o.port)), 'out', '')
    const sink = inside.nodes.find((n) => n.kind === 'sink') ?? inside.nodes[0]
    if (sink) setOutputs([...outputs, { port, node: sink.id }])
  }
  return (
    <fieldset className="field-group group-settings">
      <legend>Inside the group</legend>
      <p className="field-hint">
        {inside.nodes.length} {inside.nodes.length === 1 ? 'node' : 'nodes'} inside.{' '}
        {open ? (
          'Shown on the canvas: select one of them to inspect it.'
        ) : (
          <>
            <button type="button" className="link-button" onClick={() => api.getState().openGroup(node.id)}>
              Open group {node.label}
            </button>{' '}
            to watch and edit them on the canvas.
          </>
        )}
      </p>
      <div className="field">
        <label htmlFor={`${id}-scheduler`}>Scheduler inside</label>
        <select id={`${id}-scheduler`} value={inside.scheduler} onChange={(e) => set(node.id, { scheduler: e.target.value as GroupInside['scheduler'] })}>
          {GROUP_SCHEDULERS.map((kind) => (
            <option key={kind} value={kind}>
              {SCHEDULER_NAMES[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mode`}>Mode inside</label>
        <select id={`${id}-mode`} value={inside.mode} onChange={(e) => set(node.id, { mode: e.target.value as GroupInside['mode'] })}>
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MODE_NAMES[mode]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-call`}>Each activation runs</label>
        <select id={`${id}-call`} value={inside.call} onChange={(e) => set(node.id, { call: e.target.value as GroupInside['call'] })}>
          {GROUP_CALLS.map((call) => (
            <option key={call} value={call}>
              {CALL_NAMES[call]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-input`}>Items the group takes go to</label>
        <select id={`${id}-input`} value={inside.input ?? ''} onChange={(e) => set(node.id, { input: e.target.value === '' ? null : e.target.value })}>
          <option value="">nowhere (they are dropped)</option>
          {inside.nodes.map((inner) => (
            <option key={inner.id} value={inner.id}>
              {inner.label}
            </option>
          ))}
        </select>
      </div>
      <div className="group-ports" role="group" aria-label="The group's ports">
        <p className="group-ports-label">Ports: what an inner node outputs goes out of its port</p>
        {outputs.length === 0 && <p className="field-hint">No ports: nothing comes out of the group.</p>}
        {outputs.map((output, i) => (
          <div className="group-port" key={`${i}-${output.port}`}>
            <CommitField
              label={`Port ${i + 1} name`}
              value={output.port}
              maxLength={32}
              onCommit={(port) => setOutputs(outputs.map((o, k) => (k === i ? { port: port.trim(), node: o.node } : o)))}
            />
            <div className="field">
              <label htmlFor={`${id}-port-${i}`}>Port {i + 1} node</label>
              <select id={`${id}-port-${i}`} value={output.node} onChange={(e) => setOutputs(outputs.map((o, k) => (k === i ? { port: o.port, node: e.target.value } : o)))}>
                {inside.nodes.map((inner) => (
                  <option key={inner.id} value={inner.id}>
                    {inner.label}
                  </option>
                ))}
                {!inside.nodes.some((n) => n.id === output.node) && <option value={output.node}>{labelOf(output.node)}</option>}
              </select>
            </div>
            <button type="button" aria-label={`Remove port ${output.port}`} onClick={() => setOutputs(outputs.filter((_, k) => k !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={addPort} disabled={inside.nodes.length === 0 || outputs.length >= MAX_CODE_PORTS}>
          Add port
        </button>
      </div>
    </fieldset>
  )
}
