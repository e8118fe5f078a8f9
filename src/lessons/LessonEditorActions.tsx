/**
 * The lesson editor's "when the step is reached": what it does to the run
 * before it runs (send values to a tasklet, one of the seed's Tasklet calls,
 * switch the scheduler and mode, set the seed), how the run then goes (one
 * activation, to the end, some ticks, to a tick) and the node it selects.
 * An edited mesh a step carries (a demo's `update`) is listed and kept, and
 * can be taken out, but is not made here.
 */
import { useState } from 'react'

import { MAX_STEP_ACTIONS, MODES, SCHEDULERS, TASKLET_CALLS, type LessonAction, type LessonRun, type MeshNode, type SchedulerKind, type SchedulerMode } from '../engine'
import { pyStr } from '../engine'
import { parseValues } from '../inspector/values-text'

type AddKind = 'send' | (typeof TASKLET_CALLS)[number] | 'scheduler' | 'seed'

/** The action in words, as the seed would write it: `a(1)(2)`, `b.next()`, "the priority scheduler, next". */
export function actionText(action: LessonAction, label: (id: string) => string): string {
  switch (action.type) {
    case 'send':
      return `${label(action.node)}${action.values.map((v) => `(${typeof v === 'string' ? JSON.stringify(v) : pyStr(v)})`).join('')}`
    case 'set': {
      const parts = [action.scheduler && `the ${action.scheduler} scheduler`, action.mode && `mode ${action.mode}`, action.seed !== undefined && `seed ${action.seed}`].filter(Boolean)
      return `switch to ${parts.join(', ')}`
    }
    case 'update':
      return 'an edited mesh (made in the file)'
    default:
      return `${label(action.node)}.${action.type}()`
  }
}

const RUN_CHOICES = [
  ['none', 'Nothing: the run stays'],
  ['step', 'One activation'],
  ['to-end', 'Until no work is left'],
  ['ticks', 'Some ticks'],
  ['seek', 'To a tick'],
] as const

const runChoice = (run: LessonRun | undefined) => (run === undefined ? 'none' : typeof run === 'string' ? run : 'ticks' in run ? 'ticks' : 'seek')

export function RunFields({ run, onChange }: { run: LessonRun | undefined; onChange: (run: LessonRun | undefined) => void }) {
  const choice = runChoice(run)
  const count = run && typeof run !== 'string' ? ('ticks' in run ? run.ticks : run.seek) : 1
  const make = (kind: string, n: number): LessonRun | undefined =>
    kind === 'step' || kind === 'to-end' ? kind : kind === 'ticks' ? { ticks: Math.max(1, n) } : kind === 'seek' ? { seek: Math.max(0, n) } : undefined
  return (
    <>
      <label>
        Then the run goes
        <select value={choice} onChange={(e) => onChange(make(e.target.value, count))}>
          {RUN_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {(choice === 'ticks' || choice === 'seek') && (
        <label>
          {choice === 'ticks' ? 'Ticks' : 'To tick'}
          <input
            key={choice}
            type="number"
            className="narrow"
            min={choice === 'ticks' ? 1 : 0}
            max={1_000_000_000}
            step={1}
            defaultValue={count}
            onBlur={(e) => {
              const n = Math.floor(e.target.valueAsNumber)
              if (Number.isFinite(n) && n !== count && n <= 1_000_000_000) onChange(make(choice, n))
            }}
          />
        </label>
      )}
    </>
  )
}

export function ActionFields({
  actions,
  nodes,
  label,
  onChange,
}: {
  actions: readonly LessonAction[]
  nodes: readonly MeshNode[]
  label: (id: string) => string
  onChange: (actions: LessonAction[] | undefined) => void
}) {
  const [kind, setKind] = useState<AddKind>('send')
  const [node, setNode] = useState(nodes[0]?.id ?? '')
  const [values, setValues] = useState('')
  const [scheduler, setScheduler] = useState<SchedulerKind>('taskmaster')
  const [mode, setMode] = useState<SchedulerMode>('flush')
  const [seed, setSeed] = useState(1)
  const [error, setError] = useState<string | null>(null)
  const target = nodes.some((n) => n.id === node) ? node : (nodes[0]?.id ?? '')
  const add = () => {
    let action: LessonAction
    if (kind === 'send') {
      // Read as the inspector's send() reads them.
      const parsed = parseValues(values)
      if (!parsed.ok) return setError(parsed.error)
      if (parsed.values.length === 0) return setError('Write the values to send, separated by commas.')
      action = { type: 'send', node: target, values: parsed.values }
    } else if (kind === 'scheduler') action = { type: 'set', scheduler, mode }
    else if (kind === 'seed') action = { type: 'set', seed }
    else action = { type: kind, node: target }
    if ((kind === 'send' || TASKLET_CALLS.includes(kind as never)) && !target) return setError('The mesh has no tasklet to act on.')
    if (actions.length >= MAX_STEP_ACTIONS) return setError(`A step does at most ${MAX_STEP_ACTIONS} things.`)
    setError(null)
    setValues('')
    onChange([...actions, action])
  }
  return (
    <fieldset className="lesson-editor-check">
      <legend>When the step is reached, first</legend>
      {actions.length > 0 ? (
        <ol className="lesson-editor-actions" aria-label="What the step does">
          {actions.map((a, i) => (
            <li key={i}>
              <span>{actionText(a, label)}</span>
              <button type="button" aria-label={`Take out ${actionText(a, label)}`} onClick={() => onChange(actions.length > 1 ? actions.filter((_a, j) => j !== i) : undefined)}>
                ×
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="lesson-editor-note">Nothing: the step runs the mesh as it is.</p>
      )}
      <div className="lesson-editor-add">
        <label>
          Add
          <select value={kind} onChange={(e) => setKind(e.target.value as AddKind)}>
            <option value="send">send values to a tasklet</option>
            {TASKLET_CALLS.map((c) => (
              <option key={c} value={c}>
                a tasklet's {c}()
              </option>
            ))}
            <option value="scheduler">switch the scheduler and mode</option>
            <option value="seed">set the seed</option>
          </select>
        </label>
        {(kind === 'send' || TASKLET_CALLS.includes(kind as never)) && (
          <label>
            Tasklet
            <select value={target} onChange={(e) => setNode(e.target.value)}>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'send' && (
          <label>
            Values, comma-separated
            <input value={values} onChange={(e) => setValues(e.target.value)} placeholder="4, 5" />
          </label>
        )}
        {kind === 'scheduler' && (
          <>
            <label>
              Scheduler
              <select value={scheduler} onChange={(e) => setScheduler(e.target.value as SchedulerKind)}>
                {SCHEDULERS.filter((s) => s !== 'policy').map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Mode
              <select value={mode} onChange={(e) => setMode(e.target.value as SchedulerMode)}>
                {MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {kind === 'seed' && (
          <label>
            Seed
            <input
              type="number"
              className="narrow"
              min={0}
              max={4_294_967_295}
              step={1}
              value={seed}
              onChange={(e) => Number.isInteger(e.target.valueAsNumber) && setSeed(e.target.valueAsNumber)}
            />
          </label>
        )}
        <button type="button" onClick={add}>
          Add to the step
        </button>
      </div>
      {error && (
        <p className="lesson-editor-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
