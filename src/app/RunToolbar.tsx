/**
 * Run controls: Step, Run and Reset, the tick counter and where the run
 * stands. A first version; stepping back, play and speed build on it.
 */
import { useMeshStore, useMeshStoreApi } from '../store/context'
import type { RunView } from '../store/run-view'

function statusText(status: RunView['status'], halt: RunView['halt'], nextUp: string | null): string {
  if (status === 'halted') return halt === 'budget' ? 'Stopped: the activation budget is spent' : 'Stopped: a queue is full'
  if (status === 'idle') return 'No work left'
  return `${status === 'ready' ? 'Ready' : 'Paused'}${nextUp ? `, next up: ${nextUp}` : ''}`
}

export function RunToolbar() {
  const api = useMeshStoreApi()
  const tick = useMeshStore((s) => s.run.tick)
  const status = useMeshStore((s) => s.run.status)
  const halt = useMeshStore((s) => s.run.halt)
  const nextUp = useMeshStore((s) => (s.run.nextUp ? (s.document.nodes.find((n) => n.id === s.run.nextUp)?.label ?? s.run.nextUp) : null))
  const state = api.getState()
  const done = status === 'idle'
  return (
    <div className="toolbar run-toolbar" role="toolbar" aria-label="Run">
      <button type="button" className="primary" onClick={state.step} disabled={done} title="One activation: one tasklet takes one item">
        Step
      </button>
      <button type="button" onClick={state.runToEnd} disabled={done} title="Run until the scheduler has no work left">
        Run
      </button>
      <button type="button" onClick={() => state.reset()} disabled={tick === 0 && status !== 'halted'} title="Back to tick 0, with the initial inputs queued">
        Reset
      </button>
      <div className="run-status" role="status">
        <span className="tick-counter">
          tick <strong>{tick}</strong>
        </span>
        <span className="run-status-text" data-status={status}>
          {statusText(status, halt, nextUp)}
        </span>
      </div>
    </div>
  )
}
