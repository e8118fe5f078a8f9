/**
 * The hand slice: the person as the scheduler. A pick is an edit of the
 * document (its `hand.picks`, undoable like any edit), and then the run
 * takes it: one activation, or the tasklet's whole turn when it drains.
 * Picking at an earlier tick, after stepping back, replaces the picks from
 * there (as any edit there branches history); the same pick as the one
 * recorded there steps on along it. A pick that cannot be taken (no such
 * tasklet, an empty queue, a drain still under way) is refused with a
 * message and changes nothing. The picks can be kept as a written policy.
 */
import { excerpt, picksAsPolicy, withPicks, type HandPick, type Take } from '../engine'
import * as codeEdits from './code-edits'
import type { SliceCreator } from './mesh-store'
import { canPick } from './presenter-slice'

/** The most tasklets the keys 1–9 reach: the first nine in the scheduler's order. */
export const PICK_KEYS = 9

export interface HandSlice {
  /** What a pick takes unless told otherwise (the toggle): one item, or the whole queue. */
  handTake: Take
  setHandTake(take: Take): void
  /**
   * Picks the tasklet that runs next, taking `take` (the toggle's unless
   * given), and runs it: returns null, or why it was refused (also shown as
   * a notice), nothing changed.
   */
  pickTasklet(node: string, take?: Take): string | null
  /** Picks the tasklet with number `n` (1–9: the scheduler's order); `flip` takes the other of one and all. */
  pickNumber(n: number, flip?: boolean): string | null
  /** Removes the last pick; the run goes back to where it was made, if it had taken it. */
  undoPick(): void
  /** The picks as a written policy, and that policy as the scheduler (one undoable edit): the run goes on the same. Returns why not, or null. */
  keepPicksAsPolicy(): string | null
}

const NOTICE = 'hand-pick'
const other = (take: Take): Take => (take === 'one' ? 'all' : 'one')
const samePick = (a: HandPick | undefined, b: HandPick) => a !== undefined && a.run === b.run && a.take === b.take

export const createHandSlice: SliceCreator<HandSlice> = (set, get) => {
  const refuse = (text: string): string => {
    get().notify({ key: NOTICE, tone: 'info', text })
    return text
  }
  const clearNotice = () => {
    const notice = get().notices.find((n) => n.key === NOTICE)
    if (notice) get().dismissNotice(notice.id)
  }

  return {
    handTake: 'one',
    setHandTake: (take) => set({ handTake: take }),

    pickTasklet(id, take = get().handTake) {
      const state = get()
      const { document, run } = state
      if (!canPick(state)) return refuse('This mesh is shown read-only: open it in the playground to pick.')
      if (document.scheduler !== 'hand') return refuse('You pick who runs when you are the scheduler: choose "hand" as the scheduler first.')
      const node = document.nodes.find((n) => n.id === id)
      if (!node) return refuse(`No tasklet of this mesh has the id "${excerpt(id)}".`)
      const label = excerpt(node.label, 40)
      // The sandbox has not answered yet: the picks the run has taken are not known, and a pick now could replace the one before.
      if (state.runBusy || state.runBehind()) return refuse('The run is still taking your last pick: pick again in a moment.')
      const view = run.schedulerView
      if (view.kind !== 'hand') return refuse('The run has not caught up with the scheduler yet: pick again in a moment.')
      if (!view.asks && view.turn) {
        const draining = document.nodes.find((n) => n.id === view.turn)?.label ?? view.turn
        return refuse(`${excerpt(draining, 40)} is still draining its queue: step on to the end of its turn (Shift+→), or back to its start, before the next pick.`)
      }
      if ((run.nodes[id]?.queueLength ?? 0) === 0) return refuse(`${label} has no items to take: pick a tasklet with items.`)
      const picks = document.hand?.picks ?? []
      const made = view.made
      if (made > picks.length) return refuse('The run has taken more picks than the mesh has: press Reset to start again.')
      const pick: HandPick = { run: id, take }
      clearNotice()
      // The pick recorded here already: step on along this history. Another: the picks from here are this one.
      if (!samePick(picks[made], pick)) set({ document: withPicks(document, [...picks.slice(0, made), pick]) })
      if (take === 'all') get().stepRound()
      else get().step()
      return null
    },

    pickNumber(n, flip = false) {
      const { document, handTake } = get()
      const node = Number.isInteger(n) && n >= 1 && n <= PICK_KEYS ? document.nodes[n - 1] : undefined
      if (!node) return refuse(`No tasklet has the number ${excerpt(String(n), 8)}: the numbers go from 1 to ${Math.min(PICK_KEYS, document.nodes.length)}.`)
      return get().pickTasklet(node.id, flip ? other(handTake) : handTake)
    },

    undoPick() {
      const { document } = get()
      const picks = document.hand?.picks ?? []
      if (picks.length === 0) return void refuse('There is no pick to undo.')
      clearNotice()
      set({ document: withPicks(document, picks.slice(0, -1)) })
    },

    keepPicksAsPolicy() {
      const { document } = get()
      const picks = document.hand?.picks ?? []
      if (picks.length === 0) return refuse('Make a pick first: there is nothing to keep yet.')
      const kept = picksAsPolicy(document)
      if (!kept) return refuse(`${picks.length.toLocaleString('en')} picks are too many to keep as a policy: its source would be over the limit. Undo some picks first.`)
      // Written here, for the person: it runs without asking.
      get().trustCode([kept.source])
      set({ document: codeEdits.setScheduler(codeEdits.setPolicy(document, kept), 'policy', document.mode) })
      get().notify({
        key: NOTICE,
        tone: 'info',
        text: `Your ${picks.length === 1 ? 'pick is' : `${picks.length.toLocaleString('en')} picks are`} now the written policy "${kept.name}", and it schedules the run: compare it with the others in the Compare panel. Your picks are kept: choose "hand" as the scheduler to go on picking.`,
      })
      return null
    },
  }
}
