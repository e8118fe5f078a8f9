/**
 * The player's timing, and nothing else: playback paced at so many ticks a
 * second (stepping in animation frames), or a fast run in time slices of a
 * few milliseconds, each its own task, so input and paint get their turn.
 * Either way it publishes at most once a frame. What a step or a slice does
 * is the hooks' business.
 */
import type { Clock } from './clock'

/** The longest a slice of a fast run keeps the main thread, in ms. */
export const SLICE_MS = 8
/** The longest a slice of a fast run (or a comparison) keeps the sandbox worker, in ms: longer, as the page is not waiting on it. */
export const WORKER_SLICE_MS = 40
/** Ticks a frame catches up at most, after the page was busy or hidden (the rest are skipped). */
const MAX_CATCHUP = 4
/**
 * A fast run shows itself at most this often (ms): nobody reads faster, and
 * each showing re-renders every node that moved, which on a big mesh costs
 * the frames the engine's slices need.
 */
export const BURST_PUBLISH_MS = 50

export interface PlayerHooks {
  /** Steps `n` ticks at the paced speed; false when the run stopped. */
  advance(n: number): boolean
  /** Runs a slice of a fast run until `deadline`; true when the run is done. */
  slice(deadline: number): boolean
  /** Shows the run as it is now. */
  publish(): void
  /** The run stopped by itself (no work, a limit, a breakpoint). */
  finished(): void
}

export type PlayerMode = 'paced' | 'burst'

export class Player {
  private mode: PlayerMode | null = null
  private tps = 1
  /** Clock time the pace counts from, and the ticks stepped since. */
  private origin = 0
  private stepped = 0
  private dirty = false
  private published = 0
  private cancelFrame: (() => void) | null = null
  private cancelTask: (() => void) | null = null

  constructor(
    private readonly clock: Clock,
    private readonly hooks: PlayerHooks,
  ) {}

  get active(): PlayerMode | null {
    return this.mode
  }

  /** Plays at `tps` ticks a second, the first step at once. */
  pace(tps: number): void {
    this.stop()
    this.mode = 'paced'
    this.tps = tps
    const goOn = this.hooks.advance(1)
    this.hooks.publish()
    if (!goOn) return this.finish()
    this.origin = this.clock.now()
    this.stepped = 0
    this.cancelFrame = this.clock.frame(this.onFrame)
  }

  /** A new speed for paced play: the next step comes one interval of it from now. */
  setPace(tps: number): void {
    this.tps = tps
    this.origin = this.clock.now()
    this.stepped = 0
  }

  /** Runs fast until the hooks say it is done; the first slice runs now, so a short run ends at once. */
  burst(): void {
    this.stop()
    this.mode = 'burst'
    if (this.hooks.slice(this.clock.now() + SLICE_MS)) return this.finish()
    this.dirty = true
    this.cancelTask = this.clock.task(this.onTask)
    this.cancelFrame = this.clock.frame(this.onFrame)
  }

  /** Stops at once, without publishing. */
  stop(): void {
    this.cancelFrame?.()
    this.cancelTask?.()
    this.cancelFrame = this.cancelTask = null
    this.mode = null
    this.dirty = false
  }

  private finish(): void {
    this.stop()
    this.hooks.finished()
  }

  private onFrame = (): void => {
    this.cancelFrame = null
    if (this.mode === 'paced') {
      const due = Math.floor(((this.clock.now() - this.origin) * this.tps) / 1000)
      let n = due - this.stepped
      if (n > MAX_CATCHUP) {
        this.stepped += n - MAX_CATCHUP
        n = MAX_CATCHUP
      }
      if (n > 0) {
        this.stepped += n
        const goOn = this.hooks.advance(n)
        this.hooks.publish()
        if (!goOn) return this.finish()
      }
    } else if (this.mode === 'burst' && this.dirty && this.clock.now() - this.published >= BURST_PUBLISH_MS) {
      this.dirty = false
      this.published = this.clock.now()
      this.hooks.publish()
    }
    if (this.mode) this.cancelFrame = this.clock.frame(this.onFrame)
  }

  private onTask = (): void => {
    this.cancelTask = null
    if (this.mode !== 'burst') return
    const done = this.hooks.slice(this.clock.now() + SLICE_MS)
    this.dirty = true
    if (done) return this.finish()
    this.cancelTask = this.clock.task(this.onTask)
  }
}
