/**
 * Presenter mode (`?present`, or Present in the lesson panel): the canvas and
 * the lesson only, in type large enough for the back of a room, for a
 * projector. The mesh fills the canvas, read-only, with the step's watched
 * node ringed; the cards show the run's queues and what the sinks got.
 * A step's question shows under the mesh, answered as in the lesson panel.
 * A clicker's keys move through the steps, which play the run as the lesson
 * panel's Next and Previous do (a step too long for the screen is paged
 * through first); Escape leaves.
 */
import { useNodesInitialized, useReactFlow, useStore } from '@xyflow/react'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'

import { Notices } from '../app/Notices'
import { Canvas } from '../canvas/Canvas'
import { CodeConsent } from '../consent/CodeConsent'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { canPick } from '../store/presenter-slice'
import { lessonStepIndex, lessonSteps, lessonTitle } from '../store/shown-lesson'
import type { LessonStep } from '../engine'
import { ChallengeBox, PRESENT_BUTTON_ID, watchLabel } from './LessonPanel'
import { LessonQuestion } from './LessonQuestion'
import { LessonText } from './LessonText'
import { moreBelow, pageThrough, presenterMove, presenterPick, type PresenterMove } from './presenter-keys'
import './presenter.css'

/** Room around the mesh: above it for the ring's "watch" tag over a top card, at the sides and below for a wire looping back round the cards. */
const FIT_PADDING = { top: '56px', bottom: '48px', left: '72px', right: '56px' } as const
/** Cards may grow past their own size, to be read from the back of the room. */
const FIT_MAX_ZOOM = 2

/** How many frames the Present button is waited for, about a second: the lesson panel loads when first shown. */
const FOCUS_FRAMES = 60

/** Focuses the element with this id as soon as a frame shows it, for up to FOCUS_FRAMES frames. */
function focusWhenShown(id: string, frames = FOCUS_FRAMES): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(id)
    if (element) element.focus()
    else if (frames > 1) focusWhenShown(id, frames - 1)
  })
}

/** Fits the mesh to the canvas once its cards are measured, and again when the canvas or the mesh changes size. */
function FitMesh() {
  const { fitView } = useReactFlow()
  const measured = useNodesInitialized()
  const width = useStore((s) => s.width)
  const height = useStore((s) => s.height)
  const nodes = useMeshStore((s) => s.document.nodes.length)
  const opened = useMeshStore((s) => s.opened)
  useEffect(() => {
    if (!measured || width === 0 || height === 0) return
    // After the frame, so that this fit comes after the one a mesh just opened asks for.
    const frame = requestAnimationFrame(() => void fitView({ padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM }))
    return () => cancelAnimationFrame(frame)
  }, [fitView, measured, width, height, nodes, opened])
  return null
}

/** Fills the screen with the page, and back (where the browser allows it: not in a frame that may not). */
function FullScreenButton() {
  const [full, setFull] = useState(() => document.fullscreenElement !== null)
  useEffect(() => {
    const follow = () => setFull(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', follow)
    return () => document.removeEventListener('fullscreenchange', follow)
  }, [])
  if (!document.fullscreenEnabled) return null
  const toggle = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined)
  return (
    <button type="button" className="presenter-exit" aria-pressed={full} onClick={toggle}>
      Full screen
    </button>
  )
}

/** The step moves of the keys and the buttons. */
function useMoves(): (move: PresenterMove) => void {
  const api = useMeshStoreApi()
  return useCallback(
    (move) => {
      const state = api.getState()
      const steps = lessonSteps(state)
      if (!steps) return
      const index = lessonStepIndex(state)
      if (move === 'exit') {
        state.stopPresenting()
        // The lesson panel is back on a coming frame (the first time, once its code has loaded): its Present button takes the focus, where the person left it.
        focusWhenShown(PRESENT_BUTTON_ID)
        return
      }
      const to = move === 'next' ? index + 1 : move === 'previous' ? index - 1 : move === 'first' ? 0 : steps.length - 1
      if (to !== index && to >= 0 && to < steps.length) state.goToLessonStep(to)
    },
    [api],
  )
}

/** The keys, wherever the focus is: a long step's text is paged through before the next step (`text`, the text's box). */
function usePresenterKeys(onMove: (move: PresenterMove) => void, text: RefObject<HTMLElement | null>) {
  const api = useMeshStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const pick = presenterPick(event)
      const state = api.getState()
      if (pick && state.document.scheduler === 'hand' && canPick(state)) {
        event.preventDefault()
        void state.pickNumber(pick.number, pick.other)
        return
      }
      const move = presenterMove(event)
      if (!move) return
      // PageDown, Space and the arrows would scroll the page or pan the canvas too.
      event.preventDefault()
      const box = text.current
      const to = box ? pageThrough(move, box) : null
      if (box && to !== null) box.scrollTo({ top: to, behavior: 'smooth' })
      else onMove(move)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [api, onMove, text])
}

/** The step's text, in its markup as the lesson panel shows it, what to watch and its challenge; faded at the top or foot while there is more that way. */
function StepText({ step, watching, ref }: { step: LessonStep; watching: string | null; ref: RefObject<HTMLDivElement | null> }) {
  const { text, expect } = step
  const [more, setMore] = useState<'above' | 'below' | 'both' | null>(null)
  const measure = useCallback(() => {
    const box = ref.current
    if (!box) return
    const above = box.scrollTop > 0
    const below = moreBelow(box)
    setMore(above && below ? 'both' : above ? 'above' : below ? 'below' : null)
  }, [ref])
  // A new step is read from its top.
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0
    measure()
  }, [ref, text, expect, watching, measure])
  useEffect(() => {
    window.addEventListener('resize', measure)
    return () => window.removeEventListener('resize', measure)
  }, [measure])
  return (
    <div className="presenter-text" ref={ref} tabIndex={0} role="group" aria-label="Step text" data-more={more ?? undefined} onScroll={measure}>
      <LessonText text={text} />
      {(expect || watching) && (
        <p className="presenter-watch">
          <strong>Watch{watching ? ` ${watching}` : ''}:</strong> {expect ?? 'the marked node.'}
        </p>
      )}
      <ChallengeBox hint={step.hint} />
    </div>
  )
}

export function Presenter() {
  const steps = useMeshStore(lessonSteps)
  const index = useMeshStore(lessonStepIndex)
  const title = useMeshStore(lessonTitle)
  const watching = useMeshStore((s) => watchLabel(s.watch, s.document))
  const move = useMoves()
  const text = useRef<HTMLDivElement>(null)
  usePresenterKeys(move, text)
  const next = useRef<HTMLButtonElement>(null)
  // The keys work wherever the focus is; Next has it to begin with, for a presenter at the keyboard.
  useEffect(() => next.current?.focus(), [])
  const step = steps?.[index]
  if (!steps || !step) return null
  const last = index === steps.length - 1
  return (
    <div className="app presenter">
      <h1 className="visually-hidden">Mesh Playground: presenter mode</h1>
      <main className="presenter-main" id="main" aria-label="Presenter mode">
        <Notices />
        <CodeConsent />
        <div className="presenter-slide">
          {/* A step's question goes under the mesh, for the room to predict before the run shows it; the mesh is fitted to what is left. */}
          <div className="presenter-stage">
            <section className="canvas-area presenter-canvas" aria-label="Canvas">
              <Canvas chrome={false} />
              <FitMesh />
            </section>
            {step.question && (
              <div className="presenter-question">
                <LessonQuestion key={index} question={step.question} onward={last ? undefined : () => move('next')} />
              </div>
            )}
          </div>
          <section className="presenter-lesson" aria-labelledby="presenter-step-title">
            <div className="presenter-top">
              <p className="presenter-lesson-title">{title}</p>
              <FullScreenButton />
              <button type="button" className="presenter-exit" onClick={() => move('exit')} aria-keyshortcuts="Escape">
                Exit presenter mode
              </button>
            </div>
            <div aria-live="polite" aria-atomic="true">
              <p className="presenter-count">
                Step {index + 1} of {steps.length}
              </p>
              <h2 id="presenter-step-title" className="presenter-title">
                {step.title}
              </h2>
            </div>
            <StepText key={index} ref={text} step={step} watching={watching} />
            <div className="presenter-nav">
              <button type="button" onClick={() => move('previous')} disabled={index === 0} aria-keyshortcuts="PageUp ArrowLeft">
                Previous
              </button>
              <ol className="presenter-progress" aria-hidden="true">
                {steps.map((_s, i) => (
                  <li key={i} data-state={i < index ? 'done' : i === index ? 'current' : 'todo'} />
                ))}
              </ol>
              <button type="button" ref={next} className="primary" onClick={() => move('next')} disabled={last} aria-keyshortcuts="PageDown ArrowRight">
                Next
              </button>
            </div>
            <p className="presenter-keys">{last ? 'The last step. PageUp or ← back' : 'PageDown or → next, PageUp or ← back'}, Esc leaves.</p>
          </section>
        </div>
      </main>
    </div>
  )
}
