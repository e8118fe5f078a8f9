/**
 * The lesson panel: the steps of the open document's lesson (a demo's, a
 * link's, a file's), one at a time. Next and Previous play the run to where
 * the step leaves it; the step says what to watch, and the canvas marks it.
 */
import { useEffect, useMemo, useRef } from 'react'

import { pyStr, type LessonWatch, type MeshDocument } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { lessonStep } from '../store/lesson-slice'
import { LessonQuestion } from './LessonQuestion'
import { LessonText } from './LessonText'
import './lessons.css'

/** The Present button, which has the focus back when presenter mode ends. */
export const PRESENT_BUTTON_ID = 'lesson-present'

/** What a watch names, in words: a node's or queue's label, a wire's ends, a line of the printout. */
export function watchLabel(watch: LessonWatch | null, document: MeshDocument): string | null {
  if (!watch) return null
  const label = (id: string) => document.nodes.find((n) => n.id === id)?.label ?? null
  if ('node' in watch) return label(watch.node)
  if ('queue' in watch) {
    const name = label(watch.queue)
    return name === null ? null : `${name}'s queue`
  }
  if ('wire' in watch) {
    const edge = document.edges.find((e) => e.id === watch.wire)
    return edge ? `the wire ${label(edge.source) ?? edge.source} → ${label(edge.target) ?? edge.target}` : null
  }
  return `line ${watch.output} of the printout`
}

/** How many of the latest printed lines the panel shows. */
const PRINTOUT_SHOWN = 20

/** What the sinks printed, in the order they printed it, as the seed's console showed it: "Sink got: 2x2". */
function Printout() {
  const outputs = useMeshStore((s) => s.run.outputs)
  const watched = useMeshStore((s) => (s.watch && 'output' in s.watch ? s.watch.output : null))
  const lines = useMemo(
    () =>
      Object.values(outputs)
        .flat()
        .sort((a, b) => a.tick - b.tick)
        .map((o) => ({ tick: o.tick, text: `Sink got: ${pyStr(o.value)}` })),
    [outputs],
  )
  const shown = lines.slice(-PRINTOUT_SHOWN)
  const first = lines.length - shown.length
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
            {shown.map((line, i) => (
              <li key={line.tick} data-watched={first + i + 1 === watched || undefined}>
                {line.text}
              </li>
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
          <LessonText text={hint} />
        </details>
      )}
    </section>
  )
}

export function LessonPanel() {
  const api = useMeshStoreApi()
  const place = useMeshStore((s) => s.lesson)
  const lesson = useMeshStore((s) => (s.lesson ? (s.document.lesson ?? null) : null))
  const title = useMeshStore((s) => s.document.lesson?.title ?? s.document.title)
  const step = useMeshStore(lessonStep)
  const watchText = useMeshStore((s) => watchLabel(s.watch, s.document))
  const marked = useMeshStore((s) => (s.watch === null || 'node' in s.watch || 'queue' in s.watch ? 'node' : 'wire' in s.watch ? 'wire' : 'line'))
  const body = useRef<HTMLDivElement>(null)
  const at = place ? `${place.key}/${place.step}` : ''
  // A new step is read from its top.
  useEffect(() => {
    if (body.current) body.current.scrollTop = 0
  }, [at])
  if (!place || !lesson || !step) return null
  const index = place.step
  const total = lesson.steps.length
  const last = index === total - 1
  const state = api.getState()
  return (
    <section className="lesson" aria-labelledby="lesson-heading">
      <div className="lesson-head">
        <div className="lesson-top">
          <p className="lesson-demo" title={title || undefined}>
            Lesson: <span>{title || 'untitled'}</span>
          </p>
          <button type="button" className="lesson-close" onClick={state.closeLesson} aria-label="Close lesson">
            ×
          </button>
        </div>
        {/* The buttons never change, so the live region announces only the step's count and title. */}
        <div aria-live="polite">
          <div className="lesson-step-row">
            <p className="lesson-count">
              Step {index + 1} of {total}
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
            <button type="button" className="lesson-reset" onClick={state.resetProgress} title="Forget your place and answers in this lesson, and start it again">
              Reset progress
            </button>
          </div>
          <h2 id="lesson-heading" className="lesson-title">
            {step.title}
          </h2>
        </div>
        <ol className="lesson-progress" aria-hidden="true">
          {lesson.steps.map((_s, i) => (
            <li key={i} data-state={i < index ? 'done' : i === index ? 'current' : 'todo'} />
          ))}
        </ol>
      </div>
      <div className="lesson-body" ref={body} tabIndex={0} role="group" aria-label="Step text">
        <LessonText className="lesson-text" text={step.text} />
        {step.question && <LessonQuestion key={`question:${at}`} question={step.question} onward={last ? undefined : () => state.goToLessonStep(index + 1)} />}
        <ChallengeBox key={at} hint={step.hint} />
        {(step.expect || watchText) && (
          <p className="lesson-watch">
            <strong>Watch{watchText ? ` ${watchText}` : ''}:</strong> {step.expect ?? `the marked ${marked}.`}
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
