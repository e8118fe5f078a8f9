/**
 * The person's controls while they are the scheduler, in the canvas's
 * toolbar: how much a pick takes (one item, or the whole queue), Undo pick
 * and Keep my choices as a policy; and whose turn it is, in words ("Your
 * turn: pick a tasklet"), for the run toolbar's status. They show what the
 * store holds; the picks are the hand slice's.
 */
import { count, type MeshDocument, type SchedulerView } from '../engine'
import type { RunView } from '../engine/run-view'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import './hand.css'

/**
 * Where the game stands, in a few words, for the run toolbar's status
 * (null: as any run's); scheduled by hand, waiting is the person's turn.
 */
export function handStatus(run: RunView, document: MeshDocument): string | null {
  const view: SchedulerView = run.schedulerView
  if (view.kind !== 'hand') return null
  const picks = document.hand?.picks.length ?? 0
  const label = (id: string | null) => (id ? (document.nodes.find((n) => n.id === id)?.label ?? id) : '')
  if (run.halt === 'pick') return 'Your turn: pick a tasklet'
  if (run.halt === 'policy') return `That pick cannot be taken: ${run.haltDetail ?? 'it is not one'}`
  if (run.status === 'halted' || run.status === 'idle') return null
  if (!view.asks && view.turn) return `${label(view.turn)} is draining its queue (pick ${view.made})`
  if (view.made < picks) return `Next: your pick ${view.made + 1} of ${picks}, ${label(run.nextUp)}`
  return null
}

/**
 * The person's controls while they are the scheduler, at the end of the
 * canvas's toolbar (in its row, where there is room): whether a pick
 * drains the queue, Undo pick, and Keep my choices as a policy. Where the
 * game stands is the run toolbar's status; the picks taken, the scheduler
 * panel's.
 */
export function HandControls() {
  const api = useMeshStoreApi()
  const on = useMeshStore((s) => s.document.scheduler === 'hand')
  const readOnly = useMeshStore((s) => s.readOnly)
  const take = useMeshStore((s) => s.handTake)
  const picks = useMeshStore((s) => s.document.hand?.picks.length ?? 0)
  if (!on) return null
  const state = api.getState()
  return (
    <>
      <span className="toolbar-gap" />
      <button
        type="button"
        className="hand-control hand-control-first"
        aria-pressed={take === 'all'}
        aria-label="Drain the queue"
        disabled={readOnly}
        title="On: a pick drains the tasklet's whole queue, as the taskmaster's flush does; off: it takes one item. Shift with a pick does the other."
        onClick={() => state.setHandTake(take === 'all' ? 'one' : 'all')}
      >
        Drain
      </button>
      <button
        type="button"
        className="hand-control"
        disabled={readOnly || picks === 0}
        title={`Takes the last of your ${count(picks)} pick${picks === 1 ? '' : 's'} back: the run goes back to where it was made (Undo does the same)`}
        onClick={() => state.undoPick()}
      >
        Undo pick
      </button>
      <button
        type="button"
        className="hand-control"
        aria-label="Keep my choices as a policy"
        disabled={readOnly || picks === 0}
        title="Your picks as a written policy, which then schedules the run: compare it with the others in the Compare panel"
        onClick={() => state.keepPicksAsPolicy()}
      >
        Keep my choices
      </button>
    </>
  )
}
