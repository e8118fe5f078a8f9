/**
 * Watches after the fact (engine/watch.ts) where the run lives, behind one
 * interface (RunWatch, run-mode.ts): PageWatch replays the page's own run
 * history in slices of the page's time; SandboxWatch asks the sandbox worker
 * to do it beside the run there, a slice a request, and checks each reply
 * (watchProblem) before it is read. Both extend the watch when the run goes
 * on along the same history, and make it again when the history is rewritten.
 */
import { Watch, type TimelineHistory, type WatchResult, type WatchTarget } from '../engine'
import type { SandboxClient } from '../sandbox/client'
import type { Clock } from './clock'
import { WORKER_SLICE_MS } from './player'
import type { RunWatch, RunWatchProgress } from './run-mode'
import { watchProblem } from './sandbox-replies'

/** Activations replayed between two looks at the clock. */
const STEPS_PER_LOOK = 2_000

/** While the run plays or runs fast, a watch in the sandbox follows it at most this often (each follow sends its whole result back). */
export const WATCH_FOLLOW_MS = 1_000

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** A watch on the page: an engine Watch over the page's run history. */
export class PageWatch implements RunWatch {
  readonly retired = false
  private watch: Watch | null = null
  private failed: string | null = null

  constructor(
    readonly target: WatchTarget,
    private readonly history: () => TimelineHistory,
  ) {
    this.make()
  }

  get done(): boolean {
    return this.watch?.done ?? true
  }

  get error(): string | null {
    return this.failed
  }

  result(): WatchResult | null {
    return this.watch?.result() ?? null
  }

  advance(enough: () => boolean): RunWatchProgress {
    const watch = this.watch
    if (!watch) return 'done'
    try {
      while (!watch.advance(STEPS_PER_LOOK) && !enough());
    } catch (e) {
      this.fail(e)
      return 'done'
    }
    return watch.done ? 'done' : 'more'
  }

  /** Extended along the run's history, or made again (also after a replay that failed: the history may be one it can replay now). */
  follow(): void {
    if (!this.watch || !this.watch.follow(this.history())) this.make()
  }

  dispose(): void {
    this.watch = null
  }

  private make(): void {
    try {
      this.watch = new Watch(this.target, this.history())
      this.failed = null
    } catch (e) {
      this.fail(e)
    }
  }

  private fail(e: unknown): void {
    this.watch = null
    this.failed = message(e)
  }
}

/** What SandboxWatch needs of the run in the sandbox. */
export interface SandboxWatchRun {
  readonly client: SandboxClient
  readonly clock: Clock
  /** The end of the run's history as the page knows it. */
  end(): number
  /** Whether the run plays or runs fast (following it is throttled then). */
  moving(): boolean
}

/**
 * A watch in the sandbox worker, known there by `key`: each request replays
 * a slice of the worker's own run history (its code compiled as the run's
 * is), and the reply carries what the watch found so far. One request is out
 * at a time; a reply calls `changed`. A watch that failed (the worker stopped
 * answering while it replayed, or sent what does not fit) stays failed: a
 * replay that hangs the worker is not asked again with every tick.
 */
export class SandboxWatch implements RunWatch {
  private latest: WatchResult | null = null
  private out = false
  /** The run's history may have moved on since the last request was sent. */
  private stale = true
  private sent = -Infinity
  private waking = false
  private failed: string | null = null
  private gone = false
  private disposed = false

  constructor(
    readonly target: WatchTarget,
    private readonly key: number,
    private readonly run: SandboxWatchRun,
    private readonly changed: () => void,
  ) {}

  get done(): boolean {
    return this.failed !== null || (!this.stale && !this.out && this.latest !== null && this.latest.done)
  }

  get error(): string | null {
    return this.failed
  }

  get retired(): boolean {
    return this.gone
  }

  result(): WatchResult | null {
    return this.latest
  }

  advance(): RunWatchProgress {
    if (this.failed !== null || this.disposed || this.gone) return 'done'
    if (this.out) return 'waiting'
    if (!this.stale) {
      if (this.latest?.done) return 'done'
      this.send()
      return 'waiting'
    }
    const wait = this.sent + WATCH_FOLLOW_MS - this.run.clock.now()
    if (this.run.moving() && wait > 0) this.wake()
    else this.send()
    return 'waiting'
  }

  follow(): void {
    this.stale = true
  }

  /** The run it watched has gone (its sandbox run was disposed). */
  retire(): void {
    this.gone = true
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    if (!this.gone) void this.run.client.unwatch(this.key).catch(() => undefined)
  }

  private send(): void {
    const upTo = this.run.end()
    this.out = true
    this.stale = false
    this.sent = this.run.clock.now()
    void this.run.client
      .watchSlice(this.key, this.target, upTo, WORKER_SLICE_MS)
      .then(({ watch }) => {
        if (!watch || watch.key !== this.key) throw new Error('the sandbox answered a watch request without it')
        const problem = watchProblem(watch.result, this.target, upTo)
        if (problem) throw new Error(`the sandbox sent a watch that does not fit the run: ${problem}`)
        this.latest = watch.result
      })
      .catch((e: unknown) => {
        this.failed = message(e)
      })
      .finally(() => {
        this.out = false
        if (!this.disposed && !this.gone) this.changed()
      })
  }

  /** Follows the run once WATCH_FOLLOW_MS have passed since the last request, checked each frame till then. */
  private wake(): void {
    if (this.waking) return
    this.waking = true
    const check = () => {
      if (this.disposed || this.gone) return
      if (this.run.clock.now() - this.sent < WATCH_FOLLOW_MS && this.run.moving()) return void this.run.clock.frame(check)
      this.waking = false
      this.changed()
    }
    this.run.clock.frame(check)
  }
}
