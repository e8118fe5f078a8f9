/**
 * While the person is the scheduler, each card carries its number (its
 * place in the scheduler's order; the keys 1–9 pick the first nine) as a
 * button that picks it: it takes one item, or drains its queue (the hand
 * bar's toggle, or Shift for one pick). A tasklet with nothing queued
 * shows its button dimmed; pressing it says why it cannot be picked.
 */
import { memo, type MouseEvent } from 'react'

import type { MeshNode, Take } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { PICK_KEYS } from '../store/hand-slice'
import { canPick } from '../store/presenter-slice'

/** Each node list's numbers, worked out once per list (every card asks for its own). */
const numbers = new WeakMap<readonly MeshNode[], Map<string, number>>()

/** A tasklet's place in the scheduler's order, from 1. */
export function handNumber(nodes: readonly MeshNode[], id: string): number {
  let known = numbers.get(nodes)
  if (!known) {
    known = new Map(nodes.map((n, i) => [n.id, i + 1]))
    numbers.set(nodes, known)
  }
  return known.get(id) ?? 0
}

export const otherTake = (take: Take): Take => (take === 'one' ? 'all' : 'one')

function HandPickView({ id, label, queued }: { id: string; label: string; queued: number }) {
  const api = useMeshStoreApi()
  const on = useMeshStore((s) => s.document.scheduler === 'hand' && canPick(s))
  const n = useMeshStore((s) => (s.document.scheduler === 'hand' && !s.openPath.length ? handNumber(s.document.nodes, id) : 0))
  const take = useMeshStore((s) => s.handTake)
  if (!on) return null
  const key = n >= 1 && n <= PICK_KEYS ? n : null
  const empty = queued === 0
  const what = take === 'all' ? 'drain its queue' : 'take one item'
  const onClick = (event: MouseEvent) => {
    // The card's own click (which also picks) must not pick it a second time.
    event.stopPropagation()
    api.getState().pickTasklet(id, event.shiftKey ? otherTake(take) : take)
  }
  return (
    <button
      type="button"
      className="hand-pick nodrag nopan"
      data-empty={empty || undefined}
      aria-disabled={empty || undefined}
      // The number without brackets: it is the button's text, and must read as part of its name.
      aria-label={`Pick ${label}${key ? `, key ${key}` : ''}: ${empty ? 'nothing queued' : what}`}
      aria-keyshortcuts={key ? String(key) : undefined}
      title={empty ? `${label} has no items to take` : `Pick ${label}: ${what}${key ? ` (${key}; Shift+${key}: ${take === 'all' ? 'take one item' : 'drain its queue'})` : ''}`}
      // A click keeps the focus where it was: the arrow keys still step, not move the card the button sits on.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {key ?? '▸'}
    </button>
  )
}

export const HandPick = memo(HandPickView)
