/**
 * The written policy, in the mesh's settings: its name, its code in the
 * code node's editor (checked as a policy), starter templates, and what a
 * policy is shown and may return. Every change is an edit of the document,
 * undoable as code edits are.
 */
import { lazy, Suspense, useCallback } from 'react'

import { MAX_POLICY_NAME } from '../../engine'
import { POLICY_TEMPLATES } from '../../sandbox/policy-templates'
import { useMeshStore, useMeshStoreApi } from '../../store/context'
import { CommitField } from '../fields'
import { NotAllowed, TemplatePicker } from './CodeSection'
import './code.css'

const CodeEditor = lazy(() => import('./CodeEditor').then((m) => ({ default: m.CodeEditor })))

function PolicyHelp() {
  return (
    <details className="code-api">
      <summary>What the policy gets</summary>
      <p className="field-hint">
        It is asked at every step while some tasklet has items, and answers which one runs next. It keeps nothing between steps: everything it knows, it reads from <code>mesh</code>.
      </p>
      <dl>
        <dt>
          <code>mesh.tasklets</code>
        </dt>
        <dd>
          every tasklet in the mesh&rsquo;s order, each with <code>id</code>, <code>label</code>, <code>kind</code>, <code>index</code>, <code>queued</code> (items waiting),{' '}
          <code>headAge</code> (ticks its first item has waited; -1 when empty), <code>priority</code>, <code>taken</code> (items taken so far) and <code>lastRan</code> (the tick it
          last ran; -1 before)
        </dd>
        <dt>
          <code>mesh.tick</code>
        </dt>
        <dd>activations so far</dd>
        <dt>
          <code>mesh.random()</code>, <code>mesh.randint(lo, hi)</code>
        </dt>
        <dd>the run&rsquo;s seeded random numbers (Math.random is the same), so replays repeat</dd>
        <dt>
          <code>return id</code> or <code>return {"{ run: id, take: 'one' }"}</code>
        </dt>
        <dd>
          that tasklet takes one item; <code>take: &apos;all&apos;</code> lets it drain its queue. A tasklet with an empty queue, an unknown id or anything else stops the run and says
          what the policy returned.
        </dd>
      </dl>
      <p className="field-hint">It runs in the sandbox, as code nodes do: no page, no network, and a loop that runs too long is stopped.</p>
    </details>
  )
}

export function PolicySection() {
  const api = useMeshStoreApi()
  const policy = useMeshStore((s) => s.document.policy)
  // Re-read whenever more code is trusted, so agreeing to run the policy takes the warning away.
  const trusted = useMeshStore((s) => {
    void s.codeTrust
    return s.document.policy ? s.isCodeTrusted(s.document.policy.source) : true
  })
  const focus = useMeshStore((s) => s.policyEditorFocus)
  const onApply = useCallback((source: string) => api.getState().setPolicy({ source }), [api])
  const onFocused = useCallback(() => api.getState().policyEditorFocused(), [api])
  if (!policy) return null
  return (
    <section className="inspector-section code-section policy-section" aria-label="Written policy">
      <h3 className="section-heading">Written policy</h3>
      {!trusted && <NotAllowed what="policy" until=": the run stays stopped until you agree" />}
      <CommitField label="Policy name" value={policy.name} maxLength={MAX_POLICY_NAME} onCommit={(name) => api.getState().setPolicy({ name })} />
      <Suspense fallback={<p className="muted code-editor-loading">Loading the editor…</p>}>
        <CodeEditor key={policy.name} label={`the policy "${policy.name}"`} source={policy.source} check="policy" onApply={onApply} focus={focus} onFocused={onFocused} />
      </Suspense>
      <TemplatePicker
        templates={POLICY_TEMPLATES}
        onUse={(template) => api.getState().setPolicy({ name: template.title, source: template.source })}
        hint="Replaces the policy and its name; undo brings them back."
      />
      <PolicyHelp />
    </section>
  )
}
