/**
 * The lesson panel: the open demo's steps, one at a time. Next and Previous
 * play the run to where the step leaves it; the step says what to watch,
 * and the canvas marks the node it points at.
 */
import { useEffect, useMemo, useRef } from 'react'

import { pyStr } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import './lessons.css'

/** The Present button, which has the focus back when presenter mode ends. */
export const PRESENT_BUTTON_ID = 'lesson-present'

/** How many of the latest printed lines the panel shows. */
const PRINTOUT_SHOWN = 20

/** What the sinks printed, in the order they printed it, as the seed's console showed it: "Sink got: 2x2". */
function Printout() {
  const outputs = useMeshStore((s) => s.run.outputs)
  const lines = useMemo(
    () =>
      Object.values(outputs)
        .flat()
        .sort((a, b) => a.tick - b.tick)
        .map((o) => ({ tick: o.tick, text: `Sink got: ${pyStr(o.value)}` })),
    [outputs],
  )
  const shown = lines.slice(-PRINTOUT_SHOWN)
  const list = useRef<HTMLOListElement>(null)
  // The newest line is the one to read: keep the list scrolled to its end.
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight
  }, [lines])
  return (
    <div className="lesson-printout">
      <h3 id="lesson-printout-heading">Printout</h3>
      {lines.length === 0 ? (
        <p className="lesson-printout-empty">Nothing printed yet.</p>
      ) : (
        <>
          {lines.length > shown.length && <p className="lesson-printout-empty">…and {lines.length - shown.length} lines before</p>}
          <ol ref={list} aria-labelledby="lesson-printout-heading" tabIndex={0}>
            {shown.map((line) => (
              <li key={line.tick}>{line.text}</li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
}

/** The step's challenge: the goal, won or not yet (the engine's check of the run), and the hint when asked for. */
export function ChallengeBox({ hint }: { hint: string | undefined }) {
  const challenge = useMeshStore((s) => s.challenge)
  if (!challenge) return null
  const { goal, won, detail } = challenge
  // The engine says "won: …" or "not yet: …": the verdict is shown in large, the rest beside it.
  const reason = detail.replace(/^(won|not yet|not checked): /, '')
  return (
    <section className="lesson-challenge" aria-labelledby="lesson-challenge-heading" data-won={won || undefined}>
      <h3 id="lesson-challenge-heading">Challenge</h3>
      <p className="lesson-challenge-goal">{goal}</p>
      <p className="lesson-challenge-result" role="status">
        <strong>{won ? 'Won!' : 'Not yet.'}</strong> {reason.charAt(0).toUpperCase() + reason.slice(1)}.
      </p>
      {hint && (
        <details className="lesson-hint">
          <summary>Hint</summary>
          <p>{hint}</p>
        </details>
      )}
    </section>
  )
}

export function LessonPanel() {
  const api = useMeshStoreApi()
  const lesson = useMeshStore((s) => s.lesson)
  const focusLabel = useMeshStore((s) => (s.focus ? (s.document.nodes.find((n) => n.id === s.focus)?.label ?? null) : null))
  const body = useRef<HTMLDivElement>(null)
  const place = lesson ? `${lesson.demo.id}/${lesson.step}` : ''
  // A new step is read from its top.
  useEffect(() => {
    if (body.current) body.current.scrollTop = 0
  }, [place])
  if (!lesson) return null
  const { demo, step: index } = lesson
  const step = demo.lesson[index]!
  const last = index === demo.lesson.length - 1
  const state = api.getState()
  return (
    <section className="lesson" aria-labelledby="lesson-heading">
      <div className="lesson-head">
        <div className="lesson-top">
          <p className="lesson-demo">
            Lesson: <span>{demo.title}</span>
          </p>
          <button
            type="button"
            id={PRESENT_BUTTON_ID}
            className="lesson-present"
            onClick={state.present}
            title="Presenter mode: the canvas and this lesson in large type, for a projector (Escape leaves it)"
          >
            Present
          </button>
          <button type="button" className="lesson-close" onClick={state.closeLesson} aria-label="Close lesson">
            ×
          </button>
        </div>
        <div aria-live="polite">
          <p className="lesson-count">
            Step {index + 1} of {demo.lesson.length}
          </p>
          <h2 id="lesson-heading" className="lesson-title">
            {step.title}
          </h2>
        </div>
        <ol className="lesson-progress" aria-hidden="true">
          {demo.lesson.map((_s, i) => (
            <li key={i} data-state={i < index ? 'done' : i === index ? 'current' : 'todo'} />
          ))}
        </ol>
      </div>
      <div className="lesson-body" ref={body} tabIndex={0} role="group" aria-label="Step text">
        <div className="lesson-text">
          {step.text.split(/\n\n+/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
        <ChallengeBox key={place} hint={step.hint} />
        {(step.expect || focusLabel) && (
          <p className="lesson-watch">
            <strong>Watch{focusLabel ? ` ${focusLabel}` : ''}:</strong> {step.expect ?? 'the marked node.'}
          </p>
        )}
        <Printout />
      </div>
      <div className="lesson-nav">
        <button type="button" onClick={() => state.goToLessonStep(index - 1)} disabled={index === 0}>
          Previous
        </button>
        {last ? (
          <button type="button" className="primary" onClick={() => state.setGalleryOpen(true)}>
            More demos
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => state.goToLessonStep(index + 1)}>
            Next
          </button>
        )}
      </div>
    </section>
  )
}
