/** A node's own settings: label, parameters, priority and initial inputs. */
import { useId } from 'react'

import { KINDS, type MeshNode, type Priority } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown } from '../store/group-scope'
import { inputsOf } from '../store/document-edits'
import { CommitField, IntegerField } from './fields'
import { formatValues, parseValues } from './values-text'

function PriorityField({ node }: { node: MeshNode }) {
  const api = useMeshStoreApi()
  const id = useId()
  const priority = node.priority
  const random = typeof priority !== 'number'
  const set = (next: Priority) => api.getState().setPriority(node.id, next)
  return (
    <fieldset className="field-group">
      <legend>Priority</legend>
      <div className="field">
        <label htmlFor={`${id}-type`}>Priority type</label>
        <select id={`${id}-type`} value={random ? 'random' : 'constant'} onChange={(event) => set(event.target.value === 'random' ? { random: [1, 20] } : 0)}>
          <option value="constant">constant</option>
          <option value="random">random in a range</option>
        </select>
      </div>
      {random ? (
        <div className="field-row">
          <IntegerField label="From" value={priority.random[0]} onCommit={(lo) => set({ random: [lo, priority.random[1]] })} />
          <IntegerField label="To" value={priority.random[1]} onCommit={(hi) => set({ random: [priority.random[0], hi] })} />
        </div>
      ) : (
        <IntegerField label="Priority value" value={priority} onCommit={set} hint="The priority scheduler runs lower numbers first." />
      )}
    </fieldset>
  )
}

function InputsField({ node }: { node: MeshNode }) {
  const api = useMeshStoreApi()
  const inputs = useMeshStore((s) => inputsOf(selectShown(s), node.id))
  return (
    <CommitField
      label="Initial inputs"
      value={formatValues(inputs)}
      placeholder="0 1 2 3"
      spellCheck={false}
      hint="Queued when a run starts, as the seed's a(0)(1)(2)(3). Words are strings; quote text with spaces."
      onCommit={(text) => {
        const parsed = parseValues(text)
        if (!parsed.ok) return parsed.error
        api.getState().setInputs(node.id, parsed.values)
      }}
    />
  )
}

export function NodeSettings({ node }: { node: MeshNode }) {
  const api = useMeshStoreApi()
  return (
    <section className="inspector-section" aria-label="Settings">
      <CommitField label="Label" value={node.label} maxLength={80} onCommit={(text) => api.getState().setLabel(node.id, text)} />
      {KINDS[node.kind].params.map((param) => (
        <CommitField key={param.name} label={param.label} value={String(node.params[param.name] ?? '')} onCommit={(text) => api.getState().setParam(node.id, param.name, text)} />
      ))}
      <PriorityField node={node} />
      <InputsField node={node} />
    </section>
  )
}
