/**
 * A lesson step's question, predict then reveal: the learner answers (a
 * card clicked on the canvas or picked from a list, a printed line typed, a
 * number, a wire, an option), then sees right or wrong, the engine's answer
 * and why. The answer is the run's own (the store asks the run where it
 * lives, a copy stepped on), never the author's — but for multiple choice.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'

import { checkAnswer, type AnswerCheck, type Given, type Question } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'

/** What the panel shows once the learner answered: the check, or why the engine gives no answer. */
type Revealed = { ok: true; check: AnswerCheck; shown: string } | { ok: false; reason: string }

/** The tasklets to predict from: the document's cards, in its node order. */
function useTasklets(): readonly { id: string; label: string }[] {
  const nodes = useMeshStore((s) => s.document.nodes)
  return nodes
}

/** The node's wires in the document, each with its target's label. */
function useWires(node: string): readonly { id: string; port: string; target: string }[] {
  const edges = useMeshStore((s) => s.document.edges)
  const nodes = useMeshStore((s) => s.document.nodes)
  const label = (id: string) => nodes.find((n) => n.id === id)?.label ?? id
  return edges.filter((e) => e.source === node).map((e) => ({ id: e.id, port: e.port, target: label(e.target) }))
}

/** The learner's way to answer, for each kind: they call `answer` with what they said. */
function Answering({ question, answer, labelledBy }: { question: Question; answer: (given: Given) => void; labelledBy: string }) {
  switch (question.kind) {
    case 'next-tasklet':
      return <PickCard answer={answer} labelledBy={labelledBy} />
    case 'next-output':
      return <TypeOutput answer={answer} />
    case 'queue-length':
      return <CountItems answer={answer} />
    case 'wire':
      return <PickWire node={question.node} answer={answer} labelledBy={labelledBy} />
    case 'choice':
      return <PickOption options={question.options} answer={answer} labelledBy={labelledBy} />
  }
}

function PickCard({ answer, labelledBy }: { answer: (given: Given) => void; labelledBy: string }) {
  const api = useMeshStoreApi()
  const tasklets = useTasklets()
  const predicting = useMeshStore((s) => s.predicting)
  const predicted = useMeshStore((s) => s.predicted)
  // A card clicked on the canvas while predicting is the answer.
  useEffect(() => {
    if (predicted === null) return
    api.getState().setPredicting(false)
    answer(predicted)
  }, [api, predicted, answer])
  // Predicting ends with the question.
  useEffect(() => () => api.getState().setPredicting(false), [api])
  // Escape stops predicting, as it closes other modes.
  useEffect(() => {
    if (!predicting) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') api.getState().setPredicting(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [api, predicting])
  return (
    <div className="lesson-question-answering">
      <button type="button" aria-pressed={predicting} onClick={() => api.getState().setPredicting(!predicting)}>
        {predicting ? 'Stop: click no card' : 'Click the card you predict'}
      </button>
      {predicting && (
        <p className="lesson-question-note" role="status">
          Click a card on the canvas: it is your prediction (Escape stops).
        </p>
      )}
      <p className="lesson-question-note">Or pick it here:</p>
      <ul className="lesson-question-options" aria-labelledby={labelledBy}>
        {tasklets.map((n) => (
          <li key={n.id}>
            <button type="button" onClick={() => answer(n.id)}>
              {n.label}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => answer(null)}>
            None: no tasklet runs
          </button>
        </li>
      </ul>
    </div>
  )
}

function TypeOutput({ answer }: { answer: (given: Given) => void }) {
  const [text, setText] = useState('')
  const id = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    answer(text)
  }
  return (
    <form className="lesson-question-answering" onSubmit={submit}>
      <label htmlFor={id}>The next line printed</label>
      <div className="lesson-question-row">
        <input id={id} type="text" value={text} maxLength={500} placeholder="Sink got: …" onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" disabled={text.trim() === ''}>
          Answer
        </button>
      </div>
      <button type="button" onClick={() => answer(null)}>
        Nothing more is printed
      </button>
    </form>
  )
}

function CountItems({ answer }: { answer: (given: Given) => void }) {
  const [text, setText] = useState('')
  const id = useId()
  const value = Number(text)
  const valid = text.trim() !== '' && Number.isInteger(value) && value >= 0
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (valid) answer(value)
  }
  return (
    <form className="lesson-question-answering" onSubmit={submit}>
      <label htmlFor={id}>Items in the queue</label>
      <div className="lesson-question-row">
        <input id={id} type="number" min={0} step={1} inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!valid}>
          Answer
        </button>
      </div>
    </form>
  )
}

function PickWire({ node, answer, labelledBy }: { node: string; answer: (given: Given) => void; labelledBy: string }) {
  const wires = useWires(node)
  return (
    <ul className="lesson-question-options lesson-question-answering" aria-labelledby={labelledBy}>
      {wires.map((w) => (
        <li key={w.id}>
          <button type="button" onClick={() => answer(w.id)}>
            {w.port} → {w.target}
          </button>
        </li>
      ))}
      <li>
        <button type="button" onClick={() => answer(null)}>
          None: it sends nothing along a wire
        </button>
      </li>
    </ul>
  )
}

function PickOption({ options, answer, labelledBy }: { options: readonly string[]; answer: (given: Given) => void; labelledBy: string }) {
  const [chosen, setChosen] = useState<number | null>(null)
  const name = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (chosen !== null) answer(chosen)
  }
  return (
    <form className="lesson-question-answering" onSubmit={submit}>
      <div role="radiogroup" aria-labelledby={labelledBy} className="lesson-question-choices">
        {options.map((option, i) => (
          <label key={i}>
            <input type="radio" name={name} checked={chosen === i} onChange={() => setChosen(i)} /> {option}
          </label>
        ))}
      </div>
      <button type="submit" disabled={chosen === null}>
        Answer
      </button>
    </form>
  )
}

/** What happened and why, after the verdict (the check's sentence without its "Right:" or "Not quite:"). */
function why(revealed: Extract<Revealed, { ok: true }>): string {
  return revealed.check.detail.replace(/^(Right|Not quite): /, '')
}

/** The step's question; `onward` plays on to the next step (absent on the last). */
export function LessonQuestion({ question, onward }: { question: Question; onward?: () => void }) {
  const api = useMeshStoreApi()
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const promptId = useId()
  const answer = (given: Given) => {
    const state = api.getState()
    // The answer is for the run where it stands: a playing run would move on past it.
    if (state.player.activity !== 'paused') state.pause()
    const result = state.answerQuestion(question)
    if (!result.ok) return setRevealed({ ok: false, reason: result.reason })
    const check = checkAnswer(question, result.answer, given)
    setRevealed({ ok: true, check, shown: result.answer.shown })
    // The learner's answer is kept with their place in the lesson (this browser's progress).
    const place = state.lesson
    if (place) state.recordAnswer(place.step, { given, right: check.right })
  }
  const right = revealed?.ok === true && revealed.check.right
  return (
    <section className="lesson-question" aria-labelledby={`${promptId}-heading`} data-right={revealed?.ok ? String(right) : undefined}>
      <h3 id={`${promptId}-heading`}>Predict</h3>
      <p id={promptId} className="lesson-question-prompt">
        {question.prompt}
      </p>
      {revealed === null ? (
        <Answering question={question} answer={answer} labelledBy={promptId} />
      ) : (
        <div className="lesson-question-result">
          {revealed.ok ? (
            <div role="status">
              <p>
                <strong>{right ? 'Right!' : 'Not quite.'}</strong> {question.kind === 'choice' ? `The answer: ${revealed.shown}.` : `The engine's answer: ${revealed.shown}.`}
              </p>
              {/* Multiple choice: the author's words only (the engine's sentence would repeat the answer). */}
              {question.kind === 'choice' ? question.explain && <p>{question.explain}</p> : <p>{why(revealed)}</p>}
            </div>
          ) : (
            <p role="status">{revealed.reason}</p>
          )}
          <div className="lesson-question-row">
            {!right && (
              <button type="button" onClick={() => setRevealed(null)}>
                Try again
              </button>
            )}
            {onward && (
              <button type="button" className="primary" onClick={onward}>
                Play on
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  )
}
