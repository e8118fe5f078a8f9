/**
 * The embed view's lesson: a strip under the canvas with the step's title
 * and text and Previous / Next, for a document that carries a lesson (the
 * full panel, with its printout and challenge, is the playground's).
 */
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { lessonStep } from '../store/lesson-slice'
import { LessonText } from './LessonText'
import './lessons.css'

export function EmbedLesson() {
  const api = useMeshStoreApi()
  const index = useMeshStore((s) => s.lesson?.step ?? null)
  const total = useMeshStore((s) => (s.lesson ? (s.document.lesson?.steps.length ?? 0) : 0))
  const step = useMeshStore(lessonStep)
  if (index === null || !step) return null
  const go = (to: number) => api.getState().goToLessonStep(to)
  return (
    <section className="embed-lesson" aria-labelledby="embed-lesson-heading">
      <div className="embed-lesson-head" aria-live="polite">
        <p className="lesson-count">
          Step {index + 1} of {total}
        </p>
        <h2 id="embed-lesson-heading" className="lesson-title">
          {step.title}
        </h2>
      </div>
      <div className="embed-lesson-body" tabIndex={0} role="group" aria-label="Step text">
        <LessonText className="lesson-text" text={step.text} />
        {step.expect && (
          <p className="lesson-watch">
            <strong>Watch:</strong> {step.expect}
          </p>
        )}
      </div>
      <div className="embed-lesson-nav">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
          Previous
        </button>
        <button type="button" className="primary" onClick={() => go(index + 1)} disabled={index === total - 1}>
          Next
        </button>
      </div>
    </section>
  )
}
