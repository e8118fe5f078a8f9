/**
 * Where an output came from, as a story (engine/lineage.ts): the item it
 * started from, each activation that carried it on — with the draws it made
 * and the scheduler's decision — and the print. Each step seeks the run
 * there. The store keeps the run's record (its item ledger) while this
 * shows, and tells the story from it and the run's history.
 */
import { useMemo } from 'react'

import { pyStr, type Lineage, type LineageStep } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { useLabels } from './use-labels'
import { useRunRecord } from './use-run-record'

export interface StoryOutput {
  node: string
  tick: number
}

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
  const first = lineage.steps[0]!
  const value = pyStr(first.value)
  if (lineage.cut) return `… earlier steps left out: ${value} arrived at ${label(first.node)} at tick ${first.arrived}`
  if (lineage.root === 'input') return `${value} was an initial input of ${label(first.node)}`
  if (lineage.root === 'send') return `${value} was sent to ${label(first.node)} by hand at tick ${lineage.rootTick}`
  return `${value} came to ${label(first.node)} from something done by hand at tick ${lineage.rootTick}`
}

export function LineageStory({ output, onClose }: { output: StoryOutput; onClose: () => void }) {
  const api = useMeshStoreApi()
  const record = useRunRecord()
  const ledger = useMeshStore((s) => (s.runRecord && s.runRecord.upTo >= output.tick ? s.runRecord.ledger : null))
  const tick = useMeshStore((s) => s.run.tick)
  const label = useLabels()
  const lineage = useMemo(() => (ledger ? api.getState().outputLineage(ledger, output.node, output.tick) : null), [api, ledger, output.node, output.tick])
  const seek = (to: number) => api.getState().seek(to)
  return (
    <section className="lineage-story" aria-label="Where it came from">
      <div className="lineage-head">
        <h3>
          Where {label(output.node)}’s output at tick {output.tick} came from
        </h3>
        <button type="button" onClick={onClose} aria-label="Close the story">
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
            <button type="button" aria-current={tick === lineage.rootTick ? 'step' : undefined} onClick={() => seek(lineage.rootTick)}>
              <span className="row-tick">{lineage.rootTick}</span>
              {rootText(lineage, label)}
            </button>
          </li>
          {lineage.steps.map((step) => (
            <li key={step.item}>
              <button type="button" aria-current={tick === step.tick ? 'step' : undefined} onClick={() => seek(step.tick)}>
                <span className="row-tick">{step.tick}</span>
                {stepText(step, label)}
              </button>
            </li>
          ))}
          {lineage.printed && (
            <li>
              <button type="button" aria-current={tick === lineage.printed.tick ? 'step' : undefined} onClick={() => seek(lineage.printed!.tick)}>
                <span className="row-tick">{lineage.printed.tick}</span>
                {label(lineage.printed.node)} printed Sink got: {pyStr(lineage.printed.value)}
              </button>
            </li>
          )}
        </ol>
      )}
    </section>
  )
}
