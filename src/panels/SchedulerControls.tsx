/**
 * The scheduler and its mode (switchable mid-run), and the seed the run's
 * random choices come from: one set of controls, in the run toolbar
 * (compact) and in the inspector's mesh settings (labelled, with hints), so
 * both look and behave alike. A written policy has no mode (it says itself
 * how much a tasklet takes): in its place, a button that opens its editor,
 * as choosing it does.
 */
import { useId, type ReactNode } from 'react'

import { MODES, SCHEDULERS, type SchedulerKind, type SchedulerMode } from '../engine'
import { useCommitDraft } from '../inspector/fields'
import { useMeshStore, useMeshStoreApi } from '../store/context'

/** The priority scheduler's `next` mode is the seed's `flush(incremental=True)`. */
export function modeName(scheduler: SchedulerKind, mode: SchedulerMode): string {
  return scheduler === 'priority' && mode === 'next' ? 'incremental' : mode
}

const MODE_HINT: Record<SchedulerMode, string> = {
  flush: 'In its turn a tasklet drains its whole queue.',
  next: 'In its turn a tasklet takes one item.',
}
const SEED_HINT = 'Branch, recycler and random priorities draw from it.'
const POLICY_HINT = 'A written policy says which tasklet runs next, and whether it takes one item or drains its queue.'

/** How the scheduler choice reads. */
export const SCHEDULER_NAMES: Record<SchedulerKind, string> = { taskmaster: 'taskmaster', priority: 'priority', policy: 'written policy' }
const MAX_SEED = 0xffff_ffff

export type SchedulerControlsLayout = 'toolbar' | 'form'

/** The seed as typed: a whole number from 0 to 4294967295, or a message naming the field. */
export function parseSeed(text: string): number | string {
  const n = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_SEED) return `Seed: type a whole number from 0 to ${MAX_SEED}.`
  return n
}

interface FieldProps {
  layout: SchedulerControlsLayout
  id: string
  label: string
  /** In the toolbar, a label the control's own text makes plain ("taskmaster", "flush") is for screen readers only. */
  quiet?: boolean
  hint?: string
  error?: string | null
  children: ReactNode
}

function Field({ layout, id, label, quiet = false, hint, error, children }: FieldProps) {
  const form = layout === 'form'
  return (
    <div className={form ? 'field' : 'run-field'}>
      <label htmlFor={id} className={!form && quiet ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children}
      {form && hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className={form ? 'field-error' : 'field-error run-field-error'} id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Scheduler, mode and seed, laid out for the toolbar or for a form. */
export function SchedulerControls({ layout }: { layout: SchedulerControlsLayout }) {
  const api = useMeshStoreApi()
  const id = useId()
  const scheduler = useMeshStore((s) => s.document.scheduler)
  const mode = useMeshStore((s) => s.document.mode)
  const seed = useMeshStore((s) => s.document.seed)
  const policyName = useMeshStore((s) => s.document.policy?.name ?? '')
  const readOnly = useMeshStore((s) => s.readOnly)
  const seedDraft = useCommitDraft(String(seed), (text) => {
    const parsed = parseSeed(text)
    if (typeof parsed === 'string') return parsed
    api.getState().setSeed(parsed)
  })
  const form = layout === 'form'
  const described = (field: string, hint: boolean, error?: string | null) =>
    [form && hint && `${id}-${field}-hint`, error && `${id}-${field}-error`].filter(Boolean).join(' ') || undefined
  const setScheduler = (s: SchedulerKind, m: SchedulerMode) => {
    api.getState().setScheduler(s, m)
    // Choosing a written policy opens its editor, from either place.
    if (s === 'policy' && scheduler !== 'policy') api.getState().openPolicyEditor()
  }
  return (
    <div className={form ? 'scheduler-controls scheduler-controls-form' : 'run-group run-scheduler scheduler-controls'}>
      <Field layout={layout} id={`${id}-scheduler`} label="Scheduler" quiet>
        <select
          id={`${id}-scheduler`}
          value={scheduler}
          disabled={readOnly}
          title="taskmaster: every tasklet in turn, round after round; priority: the lowest priority first; written policy: one you write"
          onChange={(event) => setScheduler(SCHEDULERS.find((s) => s === event.target.value) ?? scheduler, mode)}
        >
          {SCHEDULERS.map((s) => (
            <option key={s} value={s}>
              {SCHEDULER_NAMES[s]}
            </option>
          ))}
        </select>
      </Field>
      {scheduler === 'policy' ? (
        <Field layout={layout} id={`${id}-policy`} label="Policy" quiet hint={POLICY_HINT}>
          <button
            id={`${id}-policy`}
            type="button"
            className={form ? undefined : 'run-policy-edit'}
            aria-describedby={described('policy', true)}
            disabled={readOnly}
            title={`Edit the written policy${policyName ? ` "${policyName}"` : ''}`}
            onClick={() => api.getState().openPolicyEditor()}
          >
            Edit policy…
          </button>
        </Field>
      ) : (
        <Field layout={layout} id={`${id}-mode`} label="Mode" quiet hint={MODE_HINT[mode]}>
          <select
            id={`${id}-mode`}
            value={mode}
            disabled={readOnly}
            aria-describedby={described('mode', true)}
            title={`${modeName(scheduler, 'flush')}: in its turn a tasklet drains its queue; ${modeName(scheduler, 'next')}: it takes one item`}
            onChange={(event) => setScheduler(scheduler, MODES.find((m) => m === event.target.value) ?? mode)}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {modeName(scheduler, m)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field layout={layout} id={`${id}-seed`} label="Seed" hint={SEED_HINT} error={seedDraft.error}>
        <input
          id={`${id}-seed`}
          className={form ? undefined : 'run-seed'}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          disabled={readOnly}
          title="The random choices of branch, recycler and random priorities come from it"
          aria-describedby={described('seed', true, seedDraft.error)}
          {...seedDraft.input}
        />
      </Field>
    </div>
  )
}
