/**
 * The what-if slice: one change to the run's history (a hand action or an
 * initial input skipped or changed, a random draw forced), replayed beside
 * the run where it lives (RunMode.whatIf), and the answer shown until it is
 * kept — the altered history becomes the run (RunMode.restore) — or
 * dropped. The run itself does not move while a what-if is asked or shown.
 */
import { count, type Alteration, type WhatIfResult } from '../engine'
import type { SliceCreator } from './mesh-store'

/** A what-if as the panels read it. */
export type WhatIfView =
  { status: 'working'; alteration: Alteration } | { status: 'shown'; alteration: Alteration; result: WhatIfResult } | { status: 'error'; alteration: Alteration; error: string }

export interface WhatIfSlice {
  /** The what-if asked last, until it is kept or dropped (or the mesh changes under it). */
  whatIf: WhatIfView | null
  /** Replays the run with `alteration` made, beside the original; resolves once it shows (or says why it cannot). The lineage story's "what if it had drawn 2" asks this with `{ kind: 'draw', … }`. */
  askWhatIf(alteration: Alteration): Promise<void>
  /** The altered branch becomes the run, at the tick the run was at (at its end, if the run was at the original's end). */
  keepWhatIf(): void
  /** Back to the run as it was: the what-if goes. */
  dropWhatIf(): void
}

export const createWhatIfSlice: SliceCreator<WhatIfSlice> = (set, get) => {
  /** Bumped by each ask and drop: an answer to an older ask is not shown. */
  let asked = 0
  /** The run's history when the what-if shown was asked: its end and its entries. */
  let askedOf: { end: number; entries: number } | null = null
  const historyKey = () => {
    const history = get().runHistory()
    return { end: history.end, entries: history.entries.length }
  }

  return {
    whatIf: null,

    async askWhatIf(alteration) {
      const mine = ++asked
      get().pause()
      set({ whatIf: { status: 'working', alteration } })
      askedOf = historyKey()
      try {
        const result = await get().runWhatIf(alteration)
        if (mine === asked) set({ whatIf: { status: 'shown', alteration, result } })
      } catch (e) {
        if (mine === asked) set({ whatIf: { status: 'error', alteration, error: e instanceof Error ? e.message : String(e) } })
      }
    },

    keepWhatIf() {
      const shown = get().whatIf
      if (shown?.status !== 'shown') return
      const now = historyKey()
      if (!askedOf || now.end !== askedOf.end || now.entries !== askedOf.entries) {
        set({ whatIf: { ...shown, status: 'error', error: 'The run has moved on since this what-if was asked: ask it again.' } })
        return
      }
      const { result, alteration } = shown
      const { run } = get()
      const tick = run.tick >= result.original.end ? result.history.end : Math.min(run.tick, result.history.end)
      asked++
      set({ whatIf: null })
      // The initial inputs are the document's: the mesh takes the altered ones first (which starts its run again), then the run is the branch.
      if (alteration.kind === 'input') set({ document: { ...get().document, inputs: result.history.document.inputs } })
      get().restoreRun(result.history, tick)
      get().notify({
        key: 'what-if',
        tone: 'info',
        text: `Kept the what-if: the run is that branch now, at tick ${count(tick)}.${alteration.kind === 'input' ? ' Undo brings back the inputs the mesh had.' : ''}`,
      })
    },

    dropWhatIf() {
      asked++
      askedOf = null
      if (get().whatIf) set({ whatIf: null })
    },
  }
}
