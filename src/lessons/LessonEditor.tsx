/**
 * The lesson editor, under the lesson panel: the steps in order (add,
 * move with the buttons or Alt+↑/↓, delete), and the fields of the step
 * shown: title, text (the lesson markup), what it watches, how the run goes,
 * the panel it opens, and its question and challenge (LessonEditorChecks). Every change is one undoable edit of the document
 * (a field's when it is left), so the lesson travels, saves and undoes as
 * the mesh does.
 */
import { useState, type KeyboardEvent } from 'react'

import { LESSON_PANELS, type Lesson, type LessonPanelName, type LessonStep, type LessonWatch } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { addStepAfter, deleteStep, editStep, moveStep } from './lesson-edits'
import { ActionFields, RunFields } from './LessonEditorActions'
import { ChallengeFields, QuestionFields } from './LessonEditorChecks'

/** The Watch control's value for what a step watches: `node:`, `queue:` or `wire:` and an id (any id, `output` too), or `output`. */
function watchValue(watch: LessonWatch | undefined): string {
  if (!watch) return ''
  if ('node' in watch) return `node:${watch.node}`
  if ('queue' in watch) return `queue:${watch.queue}`
  if ('wire' in watch) return `wire:${watch.wire}`
  return 'output'
}

function watchOf(value: string, old: LessonWatch | undefined): LessonWatch | undefined {
  if (!value) return undefined
  if (value === 'output') return { output: old && 'output' in old ? old.output : 1 }
  if (value.startsWith('queue:')) return { queue: value.slice(6) }
  if (value.startsWith('wire:')) return { wire: value.slice(5) }
  return value.startsWith('node:') ? { node: value.slice(5) } : undefined
}

export function LessonEditor() {
  const api = useMeshStoreApi()
  const lesson = useMeshStore((s) => (s.lesson ? (s.document.lesson ?? null) : null))
  const index = useMeshStore((s) => s.lesson?.step ?? 0)
  const nodes = useMeshStore((s) => s.document.nodes)
  const edges = useMeshStore((s) => s.document.edges)
  // A lesson just begun (one empty step) opens with its editor open; after that it is the author's to open and close.
  const [fresh] = useState(() => lesson !== null && lesson.steps.length === 1 && lesson.steps[0]!.text === '')
  if (!lesson) return null
  const step = lesson.steps[index]
  if (!step) return null
  // Each edit is made to the lesson as the store has it when the event comes, not as this render saw it:
  // a field left by a click on another control has been kept by then.
  const apply = (change: (now: Lesson, at: number) => Lesson, goTo?: (at: number) => number) => {
    const state = api.getState()
    const now = state.document.lesson
    if (!now || !state.lesson) return
    const at = state.lesson.step
    const next = change(now, at)
    if (next === now) return
    state.setLesson(next)
    if (goTo) api.getState().goToLessonStep(goTo(at))
  }
  const edit = (patch: Partial<LessonStep>) => apply((now, at) => editStep(now, at, patch))
  const move = (from: number, to: number) =>
    apply(
      (now) => moveStep(now, from, to),
      () => to,
    )
  const onStepKey = (event: KeyboardEvent, i: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
    event.preventDefault()
    move(i, event.key === 'ArrowUp' ? i - 1 : i + 1)
  }
  const label = (id: string) => nodes.find((n) => n.id === id)?.label ?? id
  const watched = watchValue(step.watch)
  const key = `${index}:${lesson.steps.length}`
  return (
    <details className="lesson-editor" open={fresh || undefined}>
      <summary>Edit this lesson</summary>
      <ol className="lesson-editor-steps" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={i} aria-current={i === index ? 'step' : undefined} onKeyDown={(e) => onStepKey(e, i)}>
            <button type="button" className="lesson-editor-go" onClick={() => api.getState().goToLessonStep(i)} aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown">
              {i + 1}. {s.title || '(untitled)'}
            </button>
            <button type="button" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
              ↑
            </button>
            <button type="button" aria-label={`Move step ${i + 1} down`} disabled={i === lesson.steps.length - 1} onClick={() => move(i, i + 1)}>
              ↓
            </button>
            <button
              type="button"
              aria-label={`Delete step ${i + 1}`}
              disabled={lesson.steps.length === 1}
              onClick={() =>
                apply(
                  (now) => deleteStep(now, i),
                  (at) => Math.min(at, lesson.steps.length - 2),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          apply(
            (now, at) => addStepAfter(now, at),
            (at) => at + 1,
          )
        }
      >
        Add a step after this one
      </button>
      <fieldset className="lesson-editor-fields" key={key}>
        <legend>Step {index + 1}</legend>
        <label>
          Step title
          <input defaultValue={step.title} onBlur={(e) => e.target.value !== step.title && edit({ title: e.target.value })} />
        </label>
        <label>
          Step text <span className="lesson-editor-note">(blank lines between paragraphs, *emphasis*, `code`, lines starting “- ” a list)</span>
          <textarea rows={6} defaultValue={step.text} onBlur={(e) => e.target.value !== step.text && edit({ text: e.target.value })} />
        </label>
        <label>
          Watch
          <select value={watched} onChange={(e) => edit({ watch: watchOf(e.target.value, step.watch) })}>
            <option value="">Nothing</option>
            <optgroup label="A tasklet">
              {nodes.map((n) => (
                <option key={n.id} value={`node:${n.id}`}>
                  {n.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="A queue">
              {nodes.map((n) => (
                <option key={n.id} value={`queue:${n.id}`}>
                  {n.label}’s queue
                </option>
              ))}
            </optgroup>
            <optgroup label="A wire">
              {edges.map((e) => (
                <option key={e.id} value={`wire:${e.id}`}>
                  {label(e.source)} {e.port} → {label(e.target)}
                </option>
              ))}
            </optgroup>
            <option value="output">A line of the printout</option>
          </select>
        </label>
        {step.watch && 'output' in step.watch && (
          <label>
            Printout line
            <input
              key={step.watch.output}
              type="number"
              className="narrow"
              min={1}
              max={10_000}
              step={1}
              defaultValue={step.watch.output}
              onBlur={(e) => {
                const n = Math.floor(e.target.valueAsNumber)
                if (Number.isFinite(n) && n >= 1 && n <= 10_000) edit({ watch: { output: n } })
              }}
            />
          </label>
        )}
        <label>
          What to watch, in a sentence
          <input defaultValue={step.expect ?? ''} onBlur={(e) => e.target.value !== (step.expect ?? '') && edit({ expect: e.target.value || undefined })} />
        </label>
        <ActionFields actions={step.actions ?? []} nodes={nodes} label={label} onChange={(actions) => edit({ actions })} />
        <RunFields run={step.run} onChange={(run) => edit({ run })} />
        <label>
          Selects the node
          <select value={step.select ?? ''} onChange={(e) => edit({ select: e.target.value || undefined })}>
            <option value="">None</option>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Opens the panel
          <select value={step.opens ?? ''} onChange={(e) => edit({ opens: (e.target.value || undefined) as LessonPanelName | undefined })}>
            <option value="">None</option>
            {LESSON_PANELS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <QuestionFields question={step.question} nodes={nodes} onChange={(question) => edit({ question })} />
        <ChallengeFields challenge={step.challenge} hint={step.hint} nodes={nodes} onChange={(patch) => edit(patch)} />
      </fieldset>
    </details>
  )
}
