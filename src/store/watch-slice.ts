/**
 * The watch slice: watches after the fact on wires and queues
 * (engine/watch.ts). Each is the run's whole history replayed on the page,
 * in slices of SLICE_MS, each its own task; when the run goes on along the
 * same history the watch is extended, and when its history is rewritten (a
 * step back and an act, a Reset) it is made again. Results are published
 * calmly, at most every WATCH_PUBLISH_MS while a watch is being made, so
 * the panel does not re-render with every frame of a run.
 */
import { sameTarget, Watch, type WatchResult, type WatchTarget } from '../engine'
import type { Clock } from '../runner/clock'
import { SLICE_MS } from '../runner/player'
import type { SliceCreator } from './mesh-store'

/** While a watch is being made (or follows a run that plays), its result is published at most this often. */
export const WATCH_PUBLISH_MS = 250

/** Activations replayed between two looks at the clock. */
const STEPS_PER_LOOK = 2_000

/** Why a watch cannot be made now, where the run is in the sandbox. */
export const WATCH_SANDBOX_TEXT = 'Watches after the fact replay the run on the page: a mesh with code nodes runs in the sandbox, so its watches wait until it runs on the page.'

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
    /** The engine's watches, by id. */
    const made = new Map<string, Watch>()
    let nextId = 1
    let scheduled = false
    /** The run's history may have changed since the watches last looked. */
    let dirty = false
    let published = -Infinity
    /** Where the run lived when the watches last followed it. */
    let place: 'page' | 'sandbox' = 'page'
    /** The end, actions and document the watches last followed. */
    let seen: { end: number; actions: number; document: object | null } = { end: -1, actions: -1, document: null }

    const onPage = () => get().runWhere() === 'page'

    const view = (id: string, watch: Watch): WatchView => ({
      id,
      target: watch.target,
      result: watch.result(),
      state: watch.done ? 'done' : 'replaying',
      why: null,
    })

    const publish = () => {
      published = clock.now()
      set({
        watches: get().watches.map((w) => {
          const watch = made.get(w.id)
          return watch ? view(w.id, watch) : { ...w, state: 'unavailable', why: WATCH_SANDBOX_TEXT }
        }),
      })
    }

    /** Each watch takes in the run's history now: extended along it, or made again. */
    const follow = () => {
      dirty = false
      if (!onPage()) {
        made.clear()
        return
      }
      const history = get().runHistory()
      for (const w of get().watches) {
        const watch = made.get(w.id)
        if (!watch || !watch.follow(history)) made.set(w.id, new Watch(w.target, history))
      }
    }

    const pump = () => {
      scheduled = false
      try {
        if (dirty) follow()
        const deadline = clock.now() + SLICE_MS
        let working = false
        for (const watch of made.values()) {
          while (!watch.advance(STEPS_PER_LOOK) && clock.now() < deadline);
          if (!watch.done) working = true
          if (clock.now() >= deadline) break
        }
        working ||= [...made.values()].some((w) => !w.done)
        // Done, paused: at once (a step by hand shows); else calmly, with a last publish once things settle.
        if ((!working && get().player.activity === 'paused') || clock.now() - published >= WATCH_PUBLISH_MS) publish()
        else trail()
        if (working || dirty) schedule()
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        made.clear()
        set({ watches: get().watches.map((w) => ({ ...w, state: 'unavailable', why: `This watch could not be made: ${why}` })) })
      }
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
        const placeholder: WatchView = { id, target, result: null, state: onPage() ? 'replaying' : 'unavailable', why: onPage() ? null : WATCH_SANDBOX_TEXT }
        set({ watches: [...get().watches, placeholder] })
        if (onPage()) made.set(id, new Watch(target, get().runHistory()))
        // The first slice publishes at once.
        published = -Infinity
        schedule()
      },

      removeWatch(id) {
        made.delete(id)
        published = -Infinity
        set({ watches: get().watches.filter((w) => w.id !== id) })
      },

      followWatches() {
        if (get().watches.length === 0) return
        // The document too: an edit of the initial inputs at tick 0 is a new history of the same end.
        const now = { end: get().run.end, actions: get().runMark().actions, document: get().document }
        const moved = now.end !== seen.end || now.actions !== seen.actions || now.document !== seen.document
        // Or the run went to the other place (the sandbox, or back to the page).
        const where = get().runWhere()
        if (!moved && where === place) return
        seen = now
        place = where
        dirty = true
        schedule()
      },
    }
  }
