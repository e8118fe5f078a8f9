/**
 * The watch slice: watches after the fact on wires and queues
 * (engine/watch.ts), each made where the run lives (RunMode.watch): on the
 * page, the run's whole history replayed in slices of SLICE_MS, each its own
 * task; in the sandbox, replayed in the worker a slice a request. When the
 * run goes on along the same history the watch is extended, and when its
 * history is rewritten (a step back and an act, a Reset) it is made again.
 * Results are published calmly, at most every WATCH_PUBLISH_MS while a
 * watch is being made, so the panel does not re-render with every frame of a run.
 */
import { sameTarget, type WatchResult, type WatchTarget } from '../engine'
import type { Clock } from '../runner/clock'
import { SLICE_MS } from '../runner/player'
import type { RunWatch } from '../runner/run-mode'
import type { SliceCreator } from './mesh-store'

/** While a watch is being made (or follows a run that plays), its result is published at most this often. */
export const WATCH_PUBLISH_MS = 250

/** A watch as the panel shows it. */
export interface WatchView {
  readonly id: string
  readonly target: WatchTarget
  /** What it found so far (null before the replay has begun). */
  readonly result: WatchResult | null
  /** replaying: being made (or remade); done: up to the end of the run's history; unavailable: see `why`. */
  readonly state: 'replaying' | 'done' | 'unavailable'
  readonly why: string | null
}

export interface WatchSlice {
  watches: readonly WatchView[]
  /** A watch on `target` over the whole recorded run (the same target twice is one watch). */
  addWatch(target: WatchTarget): void
  removeWatch(id: string): void
  /** The run moved or its history changed (called by the store): watches follow it. */
  followWatches(): void
}

export const createWatchSlice =
  (clock: Clock): SliceCreator<WatchSlice> =>
  (set, get) => {
    /** The watches as the run's place made them, by id. */
    const made = new Map<string, RunWatch>()
    let nextId = 1
    let scheduled = false
    /** The run's history may have changed since the watches last looked. */
    let dirty = false
    let published = -Infinity
    /** Where the run lived when the watches last followed it. */
    let place: 'page' | 'sandbox' = 'page'
    /** The end, actions and document the watches last followed. */
    let seen: { end: number; actions: number; document: object | null } = { end: -1, actions: -1, document: null }

    const view = (id: string, watch: RunWatch): WatchView => {
      const result = watch.result()
      if (watch.error !== null) return { id, target: watch.target, result, state: 'unavailable', why: `This watch could not be made: ${watch.error}` }
      return { id, target: watch.target, result, state: watch.done ? 'done' : 'replaying', why: null }
    }

    const publish = () => {
      published = clock.now()
      set({
        watches: get().watches.map((w) => {
          const watch = made.get(w.id)
          return watch ? view(w.id, watch) : w
        }),
      })
    }

    /** A reply came from where the run lives (the sandbox): the watches go on and the panel shows it. */
    const changed = () => schedule()

    const make = (target: WatchTarget) => get().runWatch(target, changed)

    /** Each watch takes in the run's history now: extended along it, or made again (all of them, where the run moved to another place). */
    const follow = () => {
      dirty = false
      const where = get().runWhere()
      const moved = where !== place
      place = where
      for (const w of get().watches) {
        const watch = made.get(w.id)
        if (!watch || watch.retired || moved) {
          watch?.dispose()
          made.set(w.id, make(w.target))
        } else watch.follow()
      }
    }

    const pump = () => {
      scheduled = false
      if (dirty) follow()
      const deadline = clock.now() + SLICE_MS
      const enough = () => clock.now() >= deadline
      let more = false
      for (const watch of made.values()) {
        if (enough()) {
          more = true
          break
        }
        if (watch.advance(enough) === 'more') more = true
      }
      const working = [...made.values()].some((w) => !w.done)
      // Done, paused: at once (a step by hand shows); else calmly, with a last publish once things settle.
      if ((!working && get().player.activity === 'paused') || clock.now() - published >= WATCH_PUBLISH_MS) publish()
      else trail()
      if (more || dirty) schedule()
    }

    /** A publish due once WATCH_PUBLISH_MS have passed since the last, checked each frame till then. */
    let trailing = false
    const trail = () => {
      if (trailing) return
      trailing = true
      const check = () => {
        if (clock.now() - published < WATCH_PUBLISH_MS) return void clock.frame(check)
        trailing = false
        publish()
      }
      clock.frame(check)
    }

    function schedule() {
      if (scheduled) return
      scheduled = true
      clock.task(pump)
    }

    return {
      watches: [],

      addWatch(target) {
        if (get().watches.some((w) => sameTarget(w.target, target))) return
        const id = `watch-${nextId++}`
        const placeholder: WatchView = { id, target, result: null, state: 'replaying', why: null }
        set({ watches: [...get().watches, placeholder] })
        // The place the first watch is made in; later ones are remade with the rest, if the run moved meanwhile.
        if (made.size === 0) place = get().runWhere()
        made.set(id, make(target))
        // The first slice publishes at once.
        published = -Infinity
        schedule()
      },

      removeWatch(id) {
        made.get(id)?.dispose()
        made.delete(id)
        published = -Infinity
        set({ watches: get().watches.filter((w) => w.id !== id) })
      },

      followWatches() {
        if (get().watches.length === 0) return
        // The document too: an edit of the initial inputs at tick 0 is a new history of the same end.
        const now = { end: get().run.end, actions: get().runMark().actions, document: get().document }
        const moved = now.end !== seen.end || now.actions !== seen.actions || now.document !== seen.document
        // Or the run went to the other place (the sandbox, or back to the page), or to a fresh sandbox run.
        const where = get().runWhere()
        if (!moved && where === place && ![...made.values()].some((w) => w.retired)) return
        seen = now
        dirty = true
        schedule()
      },
    }
  }
