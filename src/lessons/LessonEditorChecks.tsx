/**
 * The lesson editor's question and challenge of the step shown. The author
 * picks a kind and fills in what it needs; the answer of every question kind
 * but multiple choice is the engine's, never typed in. Each change is checked
 * as a lesson from elsewhere would be (`parseQuestion`, `parseChallenge`)
 * before it is kept; one that does not pass says why and keeps nothing.
 */
import { useId, useState, type ReactNode } from 'react'

import {
  CHALLENGE_KINDS,
  MATCHED_SCHEDULERS,
  MODES,
  parseChallenge,
  parseQuestion,
  QUESTION_KINDS,
  type Challenge,
  type ChallengeKind,
  type MeshNode,
  type Question,
  type QuestionKind,
} from '../engine'

const QUESTION_NAMES: Record<QuestionKind, string> = {
  'next-tasklet': 'Which tasklet runs next? (a card clicked)',
  'next-output': 'What will the sink print next? (typed)',
  'queue-length': 'How many items will a queue hold? (a number)',
  wire: 'Which wire will the next item take?',
  choice: 'Multiple choice (your own options)',
}

const CHALLENGE_NAMES: Record<ChallengeKind, string> = {
  order: 'Outputs printed in an order',
  sequence: 'Exactly these outputs, in order',
  produce: 'A mesh that prints these outputs',
  drain: 'Drain in at most N activations',
  'queue-max': 'No queue over N items',
  starve: 'Starve a tasklet',
  'never-starved': 'A tasklet never starved',
  match: "Match a scheduler's outputs",
}

function newQuestion(kind: QuestionKind, node: string): Question {
  switch (kind) {
    case 'next-tasklet':
      return { kind, prompt: 'Which tasklet runs next?' }
    case 'next-output':
      return { kind, prompt: 'What will the sink print next?' }
    case 'queue-length':
      return { kind, prompt: 'How many items will it hold after the next step?', node, after: 'step' }
    case 'wire':
      return { kind, prompt: 'Which wire will the next item take?', node }
    case 'choice':
      return { kind, prompt: 'Which is right?', options: ['Yes', 'No'], answer: 0 }
  }
}

function newChallenge(kind: ChallengeKind, node: string): Challenge {
  switch (kind) {
    case 'order':
      return { kind, outputs: ['3x3', '2x2'] }
    case 'sequence':
    case 'produce':
      return { kind, outputs: ['2x2'] }
    case 'drain':
      return { kind, maxActivations: 100 }
    case 'queue-max':
      return { kind, max: 4 }
    case 'starve':
    case 'never-starved':
      return { kind, node, ticks: 20 }
    case 'match':
      return { kind, scheduler: 'taskmaster', mode: 'next', fewer: true }
  }
}

/** The field set with `key` in `value` (taken out when `value` is undefined or empty text). */
function withField<T extends object>(object: T, key: string, value: unknown): T {
  const next = { ...object } as Record<string, unknown>
  if (value === undefined || value === '') delete next[key]
  else next[key] = value
  return next as T
}

const outputsText = (outputs: readonly string[]) => outputs.join(', ')
const outputsOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label>
      {label}
      {children}
    </label>
  )
}

/** A text kept when it is left (Enter too), as the editor's other fields. */
function TextInput({ label, value, onCommit }: { label: string; value: string; onCommit: (text: string) => void }) {
  return (
    <Field label={label}>
      <input defaultValue={value} onBlur={(e) => e.target.value !== value && onCommit(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
    </Field>
  )
}

function NumberInput({ label, value, min, onCommit }: { label: string; value: number; min: number; onCommit: (n: number) => void }) {
  return (
    <Field label={label}>
      <input
        type="number"
        className="narrow"
        min={min}
        step={1}
        defaultValue={value}
        onBlur={(e) => {
          const n = e.target.valueAsNumber
          if (Number.isFinite(n) && n !== value) onCommit(n)
        }}
      />
    </Field>
  )
}

function NodeSelect({ label, value, nodes, optional, onChange }: { label: string; value: string; nodes: readonly MeshNode[]; optional?: string; onChange: (id: string) => void }) {
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {optional !== undefined && <option value="">{optional}</option>}
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label}
          </option>
        ))}
      </select>
    </Field>
  )
}

/** Keeps `candidate` when it reads as untrusted input would, or says why not. */
function useChecked<T>(parse: (input: unknown) => { ok: true } | { ok: false; errors: string[] }, keep: (value: T | undefined) => void) {
  const [error, setError] = useState<string | null>(null)
  const put = (candidate: T | undefined) => {
    if (candidate === undefined) {
      setError(null)
      return keep(undefined)
    }
    const parsed = parse(candidate)
    if (!parsed.ok) return setError(parsed.errors.join('; '))
    setError(null)
    keep(candidate)
  }
  return { error, put }
}

/** A question's or challenge's fieldset: its kind picked (or none), the kind's fields, and why the last change was not kept. */
function CheckFieldset<K extends string>({
  legend,
  pick,
  none,
  kinds,
  names,
  kind,
  onKind,
  error,
  children,
}: {
  legend: string
  pick: string
  none: string
  kinds: readonly K[]
  names: Record<K, string>
  kind: K | undefined
  onKind: (kind: K | undefined) => void
  error: string | null
  children: ReactNode
}) {
  const id = useId()
  return (
    <fieldset className="lesson-editor-check" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <Field label={pick}>
        <select value={kind ?? ''} onChange={(e) => onKind((e.target.value || undefined) as K | undefined)}>
          <option value="">{none}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {names[k]}
            </option>
          ))}
        </select>
      </Field>
      {kind && <div key={kind}>{children}</div>}
      {error && (
        <p id={`${id}-error`} className="lesson-editor-error" role="alert">
          Not kept: {error}
        </p>
      )}
    </fieldset>
  )
}

export function QuestionFields({ question, nodes, onChange }: { question: Question | undefined; nodes: readonly MeshNode[]; onChange: (q: Question | undefined) => void }) {
  const { error, put } = useChecked<Question>(parseQuestion, onChange)
  const first = nodes[0]?.id ?? ''
  const set = (key: string, value: unknown) => question && put(withField(question, key, value))
  return (
    <CheckFieldset
      legend="Question"
      pick="Asks"
      none="No question"
      kinds={QUESTION_KINDS}
      names={QUESTION_NAMES}
      kind={question?.kind}
      onKind={(kind) => put(kind ? newQuestion(kind, first) : undefined)}
      error={error}
    >
      {question && (
        <>
          <TextInput label="Question text" value={question.prompt} onCommit={(t) => set('prompt', t)} />
          {(question.kind === 'queue-length' || question.kind === 'wire') && (
            <NodeSelect label={question.kind === 'wire' ? 'The tasklet whose wire' : 'The queue of'} value={question.node} nodes={nodes} onChange={(n) => set('node', n)} />
          )}
          {question.kind === 'next-output' && <NodeSelect label="Printed by" value={question.node ?? ''} nodes={nodes} optional="any sink" onChange={(n) => set('node', n)} />}
          {question.kind === 'queue-length' && (
            <Field label="After">
              <select value={question.after} onChange={(e) => set('after', e.target.value)}>
                <option value="step">the next step</option>
                <option value="round">the scheduler's round</option>
              </select>
            </Field>
          )}
          {question.kind === 'choice' && (
            <>
              <Field label="Options, one a line">
                <textarea
                  rows={3}
                  defaultValue={question.options.join('\n')}
                  onBlur={(e) => {
                    const options = e.target.value
                      .split('\n')
                      .map((o) => o.trim())
                      .filter(Boolean)
                    if (options.join('\n') !== question.options.join('\n')) put({ ...question, options, answer: Math.min(question.answer, Math.max(0, options.length - 1)) })
                  }}
                />
              </Field>
              <Field label="The right option">
                <select value={question.answer} onChange={(e) => set('answer', Number(e.target.value))}>
                  {question.options.map((o, i) => (
                    <option key={i} value={i}>
                      {o}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          <TextInput label="Why, shown after the answer" value={question.explain ?? ''} onCommit={(t) => set('explain', t)} />
          {question.kind !== 'choice' && <p className="lesson-editor-note">The right answer is the engine's, worked out from the run when the learner answers.</p>}
        </>
      )}
    </CheckFieldset>
  )
}

export function ChallengeFields({
  challenge,
  hint,
  nodes,
  onChange,
}: {
  challenge: Challenge | undefined
  hint: string | undefined
  nodes: readonly MeshNode[]
  onChange: (patch: { challenge?: Challenge; hint?: string }) => void
}) {
  const { error, put } = useChecked<Challenge>(parseChallenge, (c) => onChange(c ? { challenge: c } : { challenge: undefined, hint: undefined }))
  const first = nodes[0]?.id ?? ''
  const set = (key: string, value: unknown) => challenge && put(withField(challenge, key, value))
  return (
    <CheckFieldset
      legend="Challenge"
      pick="Goal"
      none="No challenge"
      kinds={CHALLENGE_KINDS}
      names={CHALLENGE_NAMES}
      kind={challenge?.kind}
      onKind={(kind) => put(kind ? newChallenge(kind, first) : undefined)}
      error={error}
    >
      {challenge && (
        <>
          {(challenge.kind === 'order' || challenge.kind === 'sequence' || challenge.kind === 'produce') && (
            <>
              <TextInput label="Outputs, comma-separated (as printed: 2x2)" value={outputsText(challenge.outputs)} onCommit={(t) => set('outputs', outputsOf(t))} />
              <NodeSelect label="Printed by" value={challenge.node ?? ''} nodes={nodes} optional="any sink" onChange={(n) => set('node', n)} />
            </>
          )}
          {challenge.kind === 'drain' && <NumberInput label="At most this many activations" value={challenge.maxActivations} min={1} onCommit={(n) => set('maxActivations', n)} />}
          {challenge.kind === 'queue-max' && (
            <>
              <NumberInput label="No queue over" value={challenge.max} min={0} onCommit={(n) => set('max', n)} />
              <NodeSelect label="Only the queue of" value={challenge.node ?? ''} nodes={nodes} optional="every queue" onChange={(n) => set('node', n)} />
            </>
          )}
          {(challenge.kind === 'starve' || challenge.kind === 'never-starved') && (
            <>
              <NodeSelect label="Tasklet" value={challenge.node} nodes={nodes} onChange={(n) => set('node', n)} />
              <NumberInput label="Ticks in a row" value={challenge.ticks} min={1} onCommit={(n) => set('ticks', n)} />
            </>
          )}
          {challenge.kind === 'match' && (
            <>
              <Field label="Scheduler">
                <select value={challenge.scheduler} onChange={(e) => set('scheduler', e.target.value)}>
                  {MATCHED_SCHEDULERS.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Mode">
                <select value={challenge.mode} onChange={(e) => set('mode', e.target.value)}>
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          <TextInput label="Hint, shown when asked for" value={hint ?? ''} onCommit={(t) => onChange({ hint: t || undefined })} />
        </>
      )}
    </CheckFieldset>
  )
}
