/**
 * What if: pick a hand action or an initial input of the run and skip it or
 * change it, or force a random draw, and see the run after it beside the
 * original — their outputs side by side, the first tick where they part —
 * then keep the branch or drop it. The store replays both (what-if-slice);
 * this panel lists what can be changed and shows the answer.
 */
import { useId, useMemo, useState, type FormEvent } from 'react'

import {
  DRAW_RANGES,
  DRAWING_KINDS,
  describeAction,
  initialInputs,
  pyStr,
  type Alteration,
  type RunAction,
  type WhatIfResult,
  type Value,
  type WhatIfSide,
  type WhatIfStop,
} from '../engine'
import { parseValues } from '../inspector/values-text'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { useLabels } from './use-labels'
import './what-if.css'

export function WhatIfPanel() {
  const shown = useMeshStore((s) => s.whatIf)
  return (
    <div className="what-if-panel">
      <WhatIfChoices />
      <div className="what-if-answer" aria-live="polite">
        {shown?.status === 'working' && <p className="muted">Replaying the run and its what-if…</p>}
        {shown?.status === 'error' && <WhatIfError error={shown.error} />}
        {shown?.status === 'shown' && <WhatIfAnswer result={shown.result} alteration={shown.alteration} />}
        {!shown && <p className="muted">Skip or change something the run had, or force a draw: the run after it is replayed beside this one.</p>}
      </div>
    </div>
  )
}

/** What can be changed: the initial inputs, each hand action at its tick, and a draw to force. */
function WhatIfChoices() {
  const api = useMeshStoreApi()
  const label = useLabels()
  const end = useMeshStore((s) => s.run.end)
  const actions = useMeshStore((s) => s.runMark().actions)
  // The history is read again when it has grown or was rewritten, not at every tick shown.
  const history = useMemo(() => (actions >= 0 && end >= 0 ? api.getState().runHistory() : null), [api, actions, end])
  const inputs = useMemo(() => (history ? initialInputs(history.document) : []), [history])
  const hand = useMemo(() => (history ? history.entries.flatMap((entry, index) => (entry.action ? [{ index, tick: entry.tick, action: entry.action }] : [])) : []), [history])
  const ask = (alteration: Alteration) => void api.getState().askWhatIf(alteration)
  return (
    <div className="what-if-choices">
      <h3 className="what-if-heading">Initial inputs</h3>
      {inputs.length === 0 ? (
        <p className="muted">This mesh has none.</p>
      ) : (
        <ul className="what-if-list" aria-label="Initial inputs">
          {inputs.map((input) => (
            <Choice
              key={input.index}
              text={`${label(input.node)} ← ${pyStr(input.value)}`}
              what={`initial input ${input.index + 1}, ${pyStr(input.value)} for ${label(input.node)}`}
              onSkip={() => ask({ kind: 'input', index: input.index })}
              change={{
                kind: 'value',
                onChange: (values) => ask({ kind: 'input', index: input.index, value: values[0]! }),
              }}
            />
          ))}
        </ul>
      )}
      <h3 className="what-if-heading">Hand actions</h3>
      {hand.length === 0 ? (
        <p className="muted">Nothing was done by hand in this run.</p>
      ) : (
        <ul className="what-if-list" aria-label="Hand actions">
          {hand.map(({ index, tick, action }) => (
            <Choice
              key={index}
              tick={tick}
              text={describeAction(action, label)}
              what={`${describeAction(action, label)} at tick ${tick}`}
              onSkip={() => ask({ kind: 'skip', entry: index })}
              change={changeOf(action, (changed) => ask({ kind: 'change', entry: index, action: changed }))}
            />
          ))}
        </ul>
      )}
      <ForceDraw end={end} onForce={(tick, node, value) => ask({ kind: 'draw', tick, node, value })} />
    </div>
  )
}

/** How a hand action can be changed: a send's values, a forced draw's value; the others only skipped. */
function changeOf(action: RunAction, done: (action: RunAction) => void): ChoiceChange | null {
  if (action.type === 'send') return { kind: 'values', onChange: (values) => done({ ...action, values }) }
  if (action.type === 'draw')
    return {
      kind: 'value',
      onChange: (values) => (typeof values[0] === 'number' ? done({ ...action, value: values[0] }) : undefined),
    }
  return null
}

type ChoiceChange = { kind: 'value' | 'values'; onChange: (values: Value[]) => void }

/** One thing that can be changed, with Skip and Change… (a value box read as the inspector's send form reads it). */
function Choice({ tick, text, what, onSkip, change }: { tick?: number; text: string; what: string; onSkip: () => void; change: ChoiceChange | null }) {
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!change) return
    const parsed = parseValues(draft)
    if (!parsed.ok) return setError(parsed.error)
    if (parsed.values.length === 0) return setError('Type a value.')
    if (change.kind === 'value' && parsed.values.length > 1) return setError('Type one value.')
    setError(null)
    setEditing(false)
    change.onChange(parsed.values)
  }
  return (
    <li className="what-if-choice">
      <span className="what-if-choice-text">
        {tick !== undefined && <span className="what-if-tick">tick {tick}</span>}
        {text}
      </span>
      <button type="button" aria-label={`Skip ${what}`} onClick={onSkip}>
        Skip
      </button>
      {change && (
        <button type="button" aria-label={`Change ${what}…`} aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Change…
        </button>
      )}
      {editing && change && (
        <form className="what-if-change" onSubmit={submit}>
          <label htmlFor={id}>{change.kind === 'value' ? 'Value' : 'Values'}</label>
          <input
            id={id}
            value={draft}
            placeholder={change.kind === 'value' ? '7' : "1 2 'x'"}
            aria-invalid={error !== null}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" aria-label={`What if ${what} were this`}>
            What if
          </button>
          {error && (
            <span id={`${id}-error`} className="what-if-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </li>
  )
}

/** Force one draw: at a tick, of a branch or recycler, to a value. */
function ForceDraw({ end, onForce }: { end: number; onForce: (tick: number, node: string, value: number) => void }) {
  const id = useId()
  const nodes = useMeshStore((s) => s.document.nodes)
  const drawing = useMemo(() => nodes.filter((n) => DRAWING_KINDS.includes(n.kind)), [nodes])
  const [tick, setTick] = useState('1')
  const [node, setNode] = useState('')
  const [value, setValue] = useState('2')
  const [error, setError] = useState<string | null>(null)
  if (drawing.length === 0) return <p className="muted">This mesh has no branch or recycler to force a draw of.</p>
  const chosen = drawing.some((n) => n.id === node) ? node : drawing[0]!.id
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const t = Number(tick)
    const v = Number(value)
    if (!Number.isInteger(t) || t < 1 || t > end)
      return setError(end === 0 ? 'Run the mesh first: a draw is forced at a tick it reached.' : `The tick is a whole number from 1 to ${end}.`)
    if (!Number.isInteger(v) || Math.abs(v) > 1_000_000_000) return setError('The value is a whole number, such as 1 or 2.')
    // A value the draw can never give would be dropped unused: the run would not change, and say nothing of why.
    const kind = drawing.find((n) => n.id === chosen)!.kind
    const [lo, hi] = DRAW_RANGES[kind] ?? [-Infinity, Infinity]
    if (v < lo || v > hi) return setError(`${kind} draws randint(${lo}, ${hi}): ${v} is never drawn. Try ${hi === lo + 1 ? `${lo} or ${hi}` : `a number from ${lo} to ${hi}`}.`)
    setError(null)
    onForce(t, chosen, v)
  }
  return (
    <form className="what-if-draw" aria-label="Force a draw" onSubmit={submit}>
      <h3 className="what-if-heading">Force a draw</h3>
      <label htmlFor={`${id}-node`}>Tasklet</label>
      <select id={`${id}-node`} value={chosen} onChange={(event) => setNode(event.target.value)}>
        {drawing.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-tick`}>from tick</label>
      <input id={`${id}-tick`} className="what-if-number" type="number" min={1} max={Math.max(1, end)} value={tick} onChange={(event) => setTick(event.target.value)} />
      <label htmlFor={`${id}-value`}>draws</label>
      <input id={`${id}-value`} className="what-if-number" type="number" value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit">Force the draw</button>
      {error && (
        <span className="what-if-error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}

function WhatIfError({ error }: { error: string }) {
  const api = useMeshStoreApi()
  return (
    <div className="what-if-result">
      <p className="what-if-error" role="alert">
        {error}
      </p>
      <button type="button" onClick={() => api.getState().dropWhatIf()}>
        Drop
      </button>
    </div>
  )
}

const STOPS: Record<WhatIfStop, string> = {
  end: 'at the end of the run',
  idle: 'no work left',
  limit: 'stopped at a limit',
  more: 'cut off: it went on too long past the run’s end',
}

function sideText(side: WhatIfSide): string {
  return `${side.end.toLocaleString('en')} ticks, ${STOPS[side.stop]}; ${side.outputCount.toLocaleString('en')} ${side.outputCount === 1 ? 'output' : 'outputs'}`
}

function alterationText(alteration: Alteration, label: (id: string) => string): string {
  switch (alteration.kind) {
    case 'skip':
      return `hand action ${alteration.entry + 1} skipped`
    case 'change':
      return `a hand action changed to ${describeAction(alteration.action, label)}`
    case 'input':
      return alteration.value === undefined || alteration.value === null
        ? `initial input ${alteration.index + 1} skipped`
        : `initial input ${alteration.index + 1} changed to ${pyStr(alteration.value)}`
    case 'draw':
      return `${label(alteration.node)}'s next draw from tick ${alteration.tick} gives ${alteration.value}`
  }
}

/** The answer: the two outputs side by side, the first tick they part at, Keep and Drop. */
function WhatIfAnswer({ result, alteration }: { result: WhatIfResult; alteration: Alteration }) {
  const api = useMeshStoreApi()
  const label = useLabels()
  const { original, altered, divergence } = result
  const rows = Math.max(original.outputs.length, altered.outputs.length)
  const line = (o: WhatIfSide['outputs'][number] | undefined) => (o ? `${o.tick} · ${label(o.node)}: ${o.text}` : '')
  return (
    <section className="what-if-result" aria-label="What if">
      <div className="what-if-summary">
        <strong>What if {alterationText(alteration, label)}</strong>
        {divergence === null ? (
          <span>The two runs do not differ.</span>
        ) : (
          <button type="button" className="what-if-divergence" onClick={() => api.getState().seek(divergence)}>
            First differs at tick {divergence.toLocaleString('en')}
          </button>
        )}
        <button type="button" className="primary" onClick={() => api.getState().keepWhatIf()}>
          Keep this branch
        </button>
        <button type="button" onClick={() => api.getState().dropWhatIf()}>
          Drop
        </button>
      </div>
      <table className="what-if-table">
        <caption className="visually-hidden">Outputs of the run and of the what-if, side by side</caption>
        <thead>
          <tr>
            <th scope="col">
              Original <span className="muted">({sideText(original)})</span>
            </th>
            <th scope="col">
              What if <span className="muted">({sideText(altered)})</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const [a, b] = [original.outputs[i], altered.outputs[i]]
            const differs = line(a) !== line(b)
            return (
              <tr key={i} className={differs ? 'differs' : undefined} aria-label={differs ? `Output ${i + 1} differs` : undefined}>
                <td>{line(a)}</td>
                <td>{line(b)}</td>
              </tr>
            )
          })}
          {rows === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                Neither run printed anything.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  )
}
