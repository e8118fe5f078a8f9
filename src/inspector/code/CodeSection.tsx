/**
 * The inspector's part for a code node: its code in a real editor (loaded on
 * demand), starter templates, its ports, and what the code is given.
 */
import { lazy, Suspense, useCallback, useId, useState } from 'react'

import type { MeshNode } from '../../engine'
import { CODE_TEMPLATES } from '../../sandbox/templates'
import { useMeshStore, useMeshStoreApi } from '../../store/context'
import { PortsEditor } from './PortsEditor'
import './code.css'

const CodeEditor = lazy(() => import('./CodeEditor').then((m) => ({ default: m.CodeEditor })))

/** A picker of starter code: choose one, then Use it (undoable). For code nodes and for the written policy. */
export function TemplatePicker<T extends { id: string; title: string; summary: string }>({
  templates,
  onUse,
  hint,
}: {
  templates: readonly T[]
  onUse: (template: T) => void
  hint: string
}) {
  const id = useId()
  const [chosen, setChosen] = useState(templates[0]!.id)
  const use = () => {
    const template = templates.find((t) => t.id === chosen)
    if (template) onUse(template)
  }
  return (
    <div className="field">
      <label htmlFor={`${id}-template`}>Start from a template</label>
      <div className="field-inline">
        <select id={`${id}-template`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}: {t.summary}
            </option>
          ))}
        </select>
        <button type="button" onClick={use}>
          Use
        </button>
      </div>
      <p className="field-hint">{hint}</p>
    </div>
  )
}

function ApiHelp() {
  return (
    <details className="code-api">
      <summary>What the code gets</summary>
      <dl>
        <dt>
          <code>yield</code>
        </dt>
        <dd>waits for the next item in the queue and returns it</dd>
        <dt>
          <code>ports.out.send(item)</code> or <code>ports.out(item)</code>
        </dt>
        <dd>sends along a port to every node wired to it</dd>
        <dt>
          <code>self.sendTo(id, item)</code>
        </dt>
        <dd>sends straight to any node by id (false if there is none)</dd>
        <dt>
          <code>self.targets('out')</code>, <code>self.nodes()</code>, <code>self.id</code>
        </dt>
        <dd>the ids wired to a port, every node's id, this node's id</dd>
        <dt>
          <code>self.random()</code>, <code>self.random.randint(lo, hi)</code>
        </dt>
        <dd>the run's seeded random numbers (Math.random is the same), so replays repeat</dd>
        <dt>
          <code>self.output(item)</code>
        </dt>
        <dd>records an output, as a sink does</dd>
      </dl>
      <p className="field-hint">The code runs in a sandbox: no page, no network, and a loop that runs over a second is stopped.</p>
    </details>
  )
}

/** Code from elsewhere, not yet allowed to run, with the way to review it. */
export function NotAllowed({ what = 'code', until = '' }: { what?: string; until?: string }) {
  const api = useMeshStoreApi()
  return (
    <p className="code-untrusted">
      This {what} came with the mesh from elsewhere and has not been allowed to run{until}.{' '}
      <button type="button" onClick={() => api.getState().setCodeReviewOpen(true)}>
        Review code…
      </button>
    </p>
  )
}

export function CodeSection({ node }: { node: MeshNode }) {
  const api = useMeshStoreApi()
  const id = node.id
  const code = node.code ?? { source: '', ports: [] }
  // Re-read whenever the store changes, so agreeing to run the code takes the warning away.
  const trusted = useMeshStore((s) => s.isCodeTrusted(code.source))
  const onApply = useCallback((source: string) => api.getState().setCodeSource(id, source), [api, id])
  return (
    <section className="inspector-section code-section" aria-label="Code">
      <h3 className="section-heading">Code</h3>
      {!trusted && <NotAllowed />}
      <Suspense fallback={<p className="muted code-editor-loading">Loading the editor…</p>}>
        <CodeEditor key={node.label} label={node.label} source={code.source} onApply={onApply} />
      </Suspense>
      <TemplatePicker
        templates={CODE_TEMPLATES}
        onUse={(template) => api.getState().replaceCode(id, { source: template.source, ports: template.ports })}
        hint="Replaces the code and ports; undo brings them back."
      />
      <PortsEditor node={id} ports={code.ports} />
      <ApiHelp />
    </section>
  )
}
