/**
 * Where an item came from, as a story (engine/lineage.ts): the item it
 * started from, each activation that carried it on — with the draws it made
 * and the scheduler's decision — and how it ends: a sink's print, the
 * activation that took it (a trace line's), or the item waiting in its
 * queue. Each step seeks the run there, and carries the number its card
 * shows on the canvas while the story shows (the store's `lineageShown`).
 * The store keeps the run's record (its item ledger) while this shows, and
 * tells the story from it and the trace events of the chain's ticks: at
 * once on the page, once the worker answers for a run in the sandbox
 * ("Replaying the run…" meanwhile).
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react'

import { pyStr, type ItemLedgerData, type Lineage, type LineageStep } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import type { StorySubject } from '../store/lineage-slice'
import type { MeshState } from '../store/mesh-store'
import type { LineageTold } from '../store/run-slice'
import { useLabels } from './use-labels'
import { useRunRecord } from './use-run-record'

function decisionText(step: LineageStep): string {
  const d = step.decision
  if (!d || !('action' in d)) return ''
  if (d.action === 'execute') return ` (the priority scheduler ran it at priority ${d.priority})`
  if (d.action === 'choose') return d.by === 'hand' ? ' (you picked it)' : ' (the policy chose it)'
  return ''
}

function stepText(step: LineageStep, label: (id: string) => string): string {
  const draws = step.draws.map((d) => `, drew ${d.value} of ${d.lo}–${d.hi}`).join('')
  const sent = step.emit ? `, sent ${pyStr(step.emit.value)} on ${step.emit.port} to ${label(step.emit.to)}` : ''
  return `${label(step.node)} took ${pyStr(step.value)}${decisionText(step)}${draws}${sent}`
}

function rootText(lineage: Lineage, label: (id: string) => string): string {
  // The first item: the first activation's, or the waiting one when no activation came before it.
  const first = lineage.steps[0] ?? { node: lineage.waiting!.node, arrived: lineage.waiting!.arrived, value: lineage.waiting!.value ?? null }
  const value = pyStr(first.value)
  if (lineage.cut) return `… earlier steps left out: ${value} arrived at ${label(first.node)} at tick ${first.arrived}`
  if (lineage.root === 'input') return `${value} was an initial input of ${label(first.node)}`
  if (lineage.root === 'send') return `${value} was sent to ${label(first.node)} by hand at tick ${lineage.rootTick}`
  return `${value} came to ${label(first.node)} from something done by hand at tick ${lineage.rootTick}`
}

/** What the story's head says it explains. */
export function storyTitle(subject: StorySubject, label: (id: string) => string): string {
  if (subject.kind === 'output') return `Where ${label(subject.node)}’s output at tick ${subject.tick} came from`
  if (subject.kind === 'queued') return `Where ${label(subject.node)}’s queued item ${pyStr(subject.value)} came from`
  return `Where the item ${label(subject.node)} took at tick ${subject.tick} came from`
}

function tell(state: MeshState, ledger: ItemLedgerData, subject: StorySubject): LineageTold {
  if (subject.kind === 'output') return state.outputLineage(ledger, subject.node, subject.tick)
  if (subject.kind === 'queued') return state.queuedItemLineage(ledger, subject.node, subject.index, subject.tick, subject.value)
  return state.takenItemLineage(ledger, subject.node, subject.tick)
}

function StepButton({ tick, now, number, children }: { tick: number; now: number; number?: number; children: ReactNode }) {
  const api = useMeshStoreApi()
  return (
    <button type="button" aria-current={now === tick ? 'step' : undefined} onClick={() => api.getState().seek(tick)}>
      {number !== undefined && (
        <span className="lineage-number" aria-label={`Step ${number}`}>
          {number}
        </span>
      )}
      <span className="row-tick">{tick}</span>
      {children}
    </button>
  )
}

/** The most other values a draw offers as buttons ("what if it drew 2?"); a wider draw is forced from the What if tab. */
const DRAW_CHOICES = 6

/**
 * Beside a step whose tasklet drew at random (a branch's or a recycler's one
 * draw): "what if it had drawn …?" for each other value the draw could have
 * given. Asking replays the run with that one draw forced (the store's
 * askWhatIf), and the What if tab shows the answer beside this run.
 */
function DrawOtherwise({ step, label }: { step: LineageStep; label: (id: string) => string }) {
  const api = useMeshStoreApi()
  const draw = step.draws.length === 1 ? step.draws[0]! : null
  if (!draw || draw.hi - draw.lo + 1 > DRAW_CHOICES + 1) return null
  const others: number[] = []
  for (let v = draw.lo; v <= draw.hi; v++) if (v !== draw.value) others.push(v)
  return (
    <span className="lineage-what-if">
      What if it had drawn
      {others.map((value) => (
        <button
          key={value}
          type="button"
          aria-label={`What if ${label(step.node)} had drawn ${value} at tick ${step.tick}?`}
          onClick={() => void api.getState().askWhatIf({ kind: 'draw', tick: step.tick, node: step.node, value })}
        >
          {value}
        </button>
      ))}
      ?
    </span>
  )
}

/** The story the store shows (`story`), or nothing. */
export function LineageStory({ subject }: { subject: StorySubject }) {
  const api = useMeshStoreApi()
  const record = useRunRecord()
  const ledger = useMeshStore((s) => (s.runRecord && s.runRecord.upTo >= subject.tick ? s.runRecord.ledger : null))
  const tick = useMeshStore((s) => s.run.tick)
  const label = useLabels()
  const told = useMemo(() => (ledger ? tell(api.getState(), ledger, subject) : null), [api, ledger, subject])
  // A story told in the sandbox comes later: the answer of the promise told, once it has come (an older one's is not shown).
  const [answered, setAnswered] = useState<{ of: Promise<Lineage | string>; lineage: Lineage | string } | null>(null)
  useEffect(() => {
    if (!(told instanceof Promise)) return
    let current = true
    void told.then((lineage) => {
      if (current) setAnswered({ of: told, lineage })
    })
    return () => {
      current = false
    }
  }, [told])
  const lineage = told instanceof Promise ? (answered?.of === told ? answered.lineage : null) : told
  // The path lit on the canvas follows the story told.
  useEffect(() => {
    if (lineage !== null) api.getState().lightLineage(typeof lineage === 'string' ? null : lineage)
  }, [api, lineage])
  // A story that goes out of view (its panel closed) goes from the canvas too; one shown in its place stays.
  useEffect(
    () => () => {
      if (api.getState().story === subject) api.getState().showStory(null)
    },
    [api, subject],
  )
  const close = () => api.getState().showStory(null)
  return (
    <section className="lineage-story" aria-label="Where it came from">
      <div className="lineage-head">
        <h3>{storyTitle(subject, label)}</h3>
        <button type="button" onClick={close} aria-label="Close the story">
          ×
        </button>
      </div>
      {lineage === null ? (
        <p className="muted" role="status">
          {record ? 'Replaying the run for its record…' : 'Replaying the run…'}
        </p>
      ) : typeof lineage === 'string' ? (
        <p className="muted" role="status">
          {lineage}
        </p>
      ) : (
        <ol className="lineage-steps">
          <li>
            <StepButton tick={lineage.rootTick} now={tick}>
              {rootText(lineage, label)}
            </StepButton>
          </li>
          {lineage.steps.map((step, i) => (
            <li key={step.item}>
              <StepButton tick={step.tick} now={tick} number={i + 1}>
                {stepText(step, label)}
              </StepButton>
              <DrawOtherwise step={step} label={label} />
            </li>
          ))}
          {lineage.printed && (
            <li>
              <StepButton tick={lineage.printed.tick} now={tick}>
                {label(lineage.printed.node)} printed Sink got: {pyStr(lineage.printed.value)}
              </StepButton>
            </li>
          )}
          {lineage.waiting && subject.kind === 'queued' && (
            <li>
              <StepButton tick={subject.tick} now={tick} number={lineage.steps.length + 1}>
                {pyStr(lineage.waiting.value ?? subject.value)} waiting in {label(lineage.waiting.node)}’s queue at position {subject.index + 1}
              </StepButton>
            </li>
          )}
        </ol>
      )}
    </section>
  )
}
