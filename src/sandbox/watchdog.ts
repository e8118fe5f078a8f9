/**
 * The watchdog between the page and a sandbox worker, the same for the run
 * (client.ts) and for a comparison of schedulers (compare-client.ts). It
 * sends one request at a time, in the order they were made, and gives each
 * reply one second (a slice's time on top). When none comes (an infinite
 * loop, a runaway allocation, a crash) the worker is replaced by a fresh
 * one, the client's record of its work is replayed into it to the last
 * good tick, and the code node at fault is found: the one whose code was
 * starting (its source is not run again), or the one a careful re-run (the
 * worker naming each code node before it runs it) was running when it
 * stopped answering. What the record holds, and how a node found at fault
 * is stopped, is the client's; the page never waits on the worker.
 */
import type { MeshDocument } from '../engine'
import { WATCHDOG, type ResultOf, type WorkerCommand } from './protocol'
import { Hung, WorkerChannel, type Activating, type WorkerLike } from './worker-channel'

/** What a client says when the worker stopped answering and no code node can be blamed. */
export const NOT_RESTORED = 'the sandbox stopped answering and could not be restored'

export interface WatchdogOptions {
  createWorker: () => WorkerLike
  /** How long a reply may take (a slice comes on top). */
  timeoutMs?: number
  /** How long one careful step may take while the watchdog looks for the node that hung. */
  stepDeadlineMs?: number
  /** How long restoring the work in a new worker may take. */
  replayTimeoutMs?: number
}

/** What the watchdog needs of the client it serves: `A` is the client's answer to a command it had to recover. */
export interface Watched<C extends WorkerCommand, A> {
  /** Keeps the client's record in step with a command the worker carried out. */
  keep(command: C, result: ResultOf<C>): void
  /** Puts the record, as it was at the last good tick, into the fresh worker on `channel` (every request given `wait`). */
  restore(channel: WorkerChannel, wait: number): Promise<void>
  /** Answers for a command the worker did not answer, with the watchdog's `restart`, `replay`, `stopPrimed` and `findCulprit`. */
  recover(command: C): Promise<A>
}

/** How to look for the code node that hung, in the client's own commands. */
export interface CulpritSearch<C extends WorkerCommand, A> {
  /** A careful slice of up to `steps` steps: the worker names each code node before it runs it. */
  slice(steps: number): C
  /** Keeps where a careful slice got to: the client's last good tick. */
  reached(result: ResultOf<C>): void
  /** Whether a slice's reply ends the search: the work stopped, or is done. */
  over(result: ResultOf<C>): boolean
  /** What to ask for when there is nothing to step: the work as it stands. */
  view: C
  /**
   * Stops the node the worker named before it stopped answering, at the tick
   * named with it, in a fresh worker; null if the note does not say enough.
   */
  caught(culprit: Activating): Promise<A> | null
}

export class Watchdog<C extends WorkerCommand, A> {
  private readonly channel: WorkerChannel
  private queue: Promise<unknown> = Promise.resolve()
  private queued = 0
  private primedSources: string[] = []
  private readonly timeoutMs: number
  private readonly stepDeadlineMs: number
  private readonly replayTimeoutMs: number

  constructor(
    options: WatchdogOptions,
    private readonly client: Watched<C, A>,
  ) {
    this.timeoutMs = options.timeoutMs ?? WATCHDOG.timeoutMs
    this.stepDeadlineMs = options.stepDeadlineMs ?? WATCHDOG.stepDeadlineMs
    this.replayTimeoutMs = options.replayTimeoutMs ?? WATCHDOG.replayTimeoutMs
    this.channel = new WorkerChannel(options.createWorker)
  }

  /** Requests made and not yet answered. */
  get pending(): number {
    return this.queued
  }

  /** Sources that hung before their first yield: not run again. */
  get stopped(): readonly string[] {
    return this.primedSources
  }

  /** Begins afresh: code that hung before its first yield may run again. */
  forgetStopped(): void {
    this.primedSources = []
  }

  /** Runs `job` once every request made before it is answered: the worker is asked one thing at a time. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.queued++
    const result = this.queue.then(job).finally(() => this.queued--)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Sends `command` and keeps its reply; when the worker does not answer, the client recovers and answers for it. */
  async attempt(command: C): Promise<ResultOf<C> | A> {
    try {
      return await this.request(command, this.timeoutFor(command))
    } catch (e) {
      if (!(e instanceof Hung)) throw e
      return this.client.recover(command)
    }
  }

  /** Sends `command` and keeps its reply, with no recovery: what follows a replay. */
  async request(command: C, timeoutMs = this.timeoutMs): Promise<ResultOf<C>> {
    const result = await this.channel.send(command, timeoutMs)
    this.client.keep(command, result)
    return result
  }

  /**
   * The node whose code was starting when the worker stopped answering, if
   * `document` has it and its source has not hung before: that source is
   * not run again from now on. Null otherwise.
   */
  stopPrimed(document: MeshDocument | null | undefined): string | null {
    const node = this.channel.priming
    const source = document?.nodes.find((n) => n.id === node)?.code?.source
    if (node === null || source === undefined || this.primedSources.includes(source)) return null
    this.primedSources.push(source)
    return node
  }

  /** A new worker, with nothing in it yet. */
  restart(): void {
    this.channel.restart()
  }

  /** A new worker with the client's work in it, as it was at the last good tick. */
  async replay(): Promise<void> {
    this.channel.restart()
    await this.client.restore(this.channel, this.replayTimeoutMs)
  }

  /**
   * Steps on from the last good tick in careful slices, the worker naming
   * each code node before it runs it; when a slice gets no reply, the last
   * node named hung, at the tick named with it, and the client stops it.
   */
  async findCulprit(steps: number, search: CulpritSearch<C, A>): Promise<ResultOf<C> | A> {
    let left = steps
    let last: ResultOf<C> | null = null
    while (left > 0) {
      try {
        last = await this.channel.send(search.slice(left), WATCHDOG.carefulSliceMs + this.stepDeadlineMs)
      } catch (e) {
        const culprit = this.channel.activating
        const stopped = e instanceof Hung && culprit ? search.caught(culprit) : null
        if (!stopped) throw e
        return stopped
      }
      search.reached(last)
      left -= last.steps
      if (search.over(last) || last.steps === 0) return last
    }
    return last ?? this.request(search.view)
  }

  dispose(): void {
    this.channel.dispose()
  }

  /** A reply gets the watchdog's time, and a slice's on top. */
  private timeoutFor(command: WorkerCommand): number {
    return 'sliceMs' in command && command.sliceMs !== undefined ? command.sliceMs + this.timeoutMs : this.timeoutMs
  }
}
