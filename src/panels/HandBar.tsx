/**
 * The bar over the canvas while the person is the scheduler: whose turn it
 * is, in words ("Your turn: pick a tasklet"), how much a pick takes (one
 * item, or the whole queue), and Undo pick and Keep my choices as a policy.
 * It shows what the store holds; the picks are the hand slice's.
 */
import { count, type MeshDocument, type SchedulerView } from '../engine'
import type { RunView } from '../engine/run-view'
import { PICK_KEYS } from '../store/hand-slice'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import type { MeshState } from '../store/mesh-store'
import './hand.css'

/** Where the game stands, in a sentence. */
export function handStatus(run: RunView, document: MeshDocument, activity: MeshState['player']['activity']): { text: string; turn: boolean } {
  const view: SchedulerView = run.schedulerView
  const picks = document.hand?.picks.length ?? 0
  const label = (id: string | null) => (id ? (document.nodes.find((n) => n.id === id)?.label ?? id) : '')
  const numbers = `1–${Math.min(PICK_KEYS, document.nodes.length)}`
  if (activity !== 'paused') return { text: 'Running your picks…', turn: false }
  if (run.halt === 'pick') return { text: `Your turn: pick a tasklet. Click its card or press its number (${numbers}).`, turn: true }
  if (run.halt === 'policy') return { text: `That pick cannot be taken: ${run.haltDetail ?? 'it is not a pick'}. Pick another.`, turn: true }
  if (run.status === 'halted') return { text: `The run stopped: ${run.haltDetail ?? 'a limit'}.`, turn: false }
  if (run.status === 'idle') return { text: `No work left: the mesh is drained, in ${count(run.tick)} activations.`, turn: false }
  if (view.kind === 'hand' && !view.asks && view.turn) return { text: `${label(view.turn)} is draining its queue (pick ${view.made}): Step on, or Step round to its end.`, turn: false }
  if (view.kind === 'hand' && view.made < picks) {
    return { text: `Back in your picks: pick ${view.made + 1} of ${picks}, ${label(run.nextUp)}, comes next. Step on, or pick another to change it.`, turn: true }
  }
  return { text: 'Pick a tasklet to run next.', turn: true }
}

export function HandBar() {
  const api = useMeshStoreApi()
  const on = useMeshStore((s) => s.document.scheduler === 'hand')
  const readOnly = useMeshStore((s) => s.readOnly)
  const take = useMeshStore((s) => s.handTake)
  const picks = useMeshStore((s) => s.document.hand?.picks.length ?? 0)
  const status = useMeshStore((s) => (s.document.scheduler === 'hand' ? handStatus(s.run, s.document, s.player.activity).text : ''))
  const turn = useMeshStore((s) => s.document.scheduler === 'hand' && handStatus(s.run, s.document, s.player.activity).turn)
  if (!on) return null
  const state = api.getState()
  return (
    <div className="toolbar hand-bar" role="toolbar" aria-label="You are the scheduler">
      <p className="hand-status" role="status" data-turn={turn || undefined}>
        {status}
      </p>
      <span className="hand-count">
        {count(picks)} pick{picks === 1 ? '' : 's'}
      </span>
      <button
        type="button"
        aria-pressed={take === 'all'}
        disabled={readOnly}
        title="On: a pick drains the tasklet's whole queue, as the taskmaster's flush does; off: it takes one item. Shift with a pick does the other."
        onClick={() => state.setHandTake(take === 'all' ? 'one' : 'all')}
      >
        Drain the queue
      </button>
      <button
        type="button"
        disabled={readOnly || picks === 0}
        title="Takes the last pick back: the run goes back to where it was made (Undo does the same)"
        onClick={() => state.undoPick()}
      >
        Undo pick
      </button>
      <button
        type="button"
        disabled={readOnly || picks === 0}
        title="Your picks as a written policy, which then schedules the run: compare it with the others in the Compare panel"
        onClick={() => state.keepPicksAsPolicy()}
      >
        Keep my choices as a policy
      </button>
    </div>
  )
}
