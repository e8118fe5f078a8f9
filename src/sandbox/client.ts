/**
 * The page's side of the sandbox: sends commands to the worker one at a
 * time, each a promise, and keeps the canonical record of the run (the
 * document, the actions applied at which tick, the last tick reached: see
 * run-record.ts) so that the worker can be replaced at any moment. A
 * watchdog gives every request one second: if no reply comes (an infinite
 * loop, a runaway allocation, a crash) the worker is terminated, a new one
 * replays the run to the last good tick, the node at fault is found — the
 * one whose code was starting, or the code node a careful re-run (one step
 * at a time, each named by the worker before it runs) was running when it
 * stopped answering — and it is stopped with an error at that tick. The
 * rest of the mesh is as it was; the page never waits on the worker.
 */
import type { Breakpoint, LoggedAction, MeshDocument, RunAction } from '../engine'
import { STOPPED_ERROR, WATCHDOG, type SandboxCommand, type SandboxResult } from './protocol'
import { RunRecord } from './run-record'
import { Hung, WorkerChannel } from './worker-channel'

/** What the client needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  /** Only ever the first message: `{ type: 'connect' }` with the port the page and the worker's host talk over. */
  postMessage(message: { type: 'connect' }, transfer: Transferable[]): void
  terminate(): void
  onerror: ((event: unknown) => void) | null
}

export interface SandboxClientOptions {
  createWorker: () => WorkerLike
  /** How long a reply may take (a run's slice comes on top). */
  timeoutMs?: number
  /** How long one careful step may take while the watchdog looks for the node that hung. */
  stepDeadlineMs?: number
  /** How long restoring the run in a new worker may take. */
  replayTimeoutMs?: number
  /** Told when a node was stopped, to say so on the page. */
  onStopped?: (stopped: StoppedNode) => void
}

export interface StoppedNode {
  node: string
  tick: number
  error: string
}

export type ClientResult = SandboxResult & { stopped?: StoppedNode }


export class SandboxClient {
  private readonly channel: WorkerChannel
  private queue: Promise<unknown> = Promise.resolve()
  private queued = 0
  private readonly record = new RunRecord()
  /** Sources that hung before their first yield: not run again. */
  private stopped: string[] = []
  /** Sources the run has been told it may compile, replies or not (a reset or allow may still be on its way). */
  private told = new Set<string>()
  private readonly timeoutMs: number
  private readonly replayTimeoutMs: number
  private readonly stepDeadlineMs: number

  constructor(private readonly options: SandboxClientOptions) {
    this.timeoutMs = options.timeoutMs ?? WATCHDOG.timeoutMs
    this.replayTimeoutMs = options.replayTimeoutMs ?? WATCHDOG.replayTimeoutMs
    this.stepDeadlineMs = options.stepDeadlineMs ?? WATCHDOG.stepDeadlineMs
    this.channel = new WorkerChannel(options.createWorker)
  }

  /** What was done to the run by hand, at which tick: the canonical action log. */
  get actions(): readonly LoggedAction[] {
    return this.record.actions
  }

  /** A fresh run of `document`, compiling only the sources in `allowed`. */
  reset(document: MeshDocument, allowed: Iterable<string>): Promise<ClientResult> {
    const list = [...allowed]
    this.told = new Set(list)
    return this.enqueue({ type: 'reset', document, allowed: list, stopped: [] })
  }

  /** More sources that may be compiled from now on (code the person typed or agreed to). */
  allow(sources: Iterable<string>): Promise<ClientResult> {
    const list = [...sources]
    for (const source of list) this.told.add(source)
    return this.enqueue({ type: 'allow', sources: list })
  }

  apply(action: RunAction): Promise<ClientResult> {
    return this.enqueue({ type: 'apply', action })
  }

  step(steps = 1, breakpoints?: readonly Breakpoint[]): Promise<ClientResult> {
    return this.enqueue({ type: 'step', steps, breakpoints })
  }

  /** Runs for one time slice (at most `maxSteps`). */
  run(maxSteps: number, sliceMs: number, breakpoints?: readonly Breakpoint[]): Promise<ClientResult> {
    return this.enqueue({ type: 'run', maxSteps, sliceMs, breakpoints })
  }

  /** On to the end of the scheduler's round or pass. */
  round(maxSteps: number, breakpoints?: readonly Breakpoint[]): Promise<ClientResult> {
    return this.enqueue({ type: 'round', maxSteps, breakpoints })
  }

  /** The document the run followed at `tick` (the last update logged at or before it). */
  documentAt(tick: number): MeshDocument | null {
    return this.record.documentAt(tick)
  }

  /** Whether the run has been told it may compile a source (the reset or allow saying so may not have been answered yet). */
  allows(source: string): boolean {
    return this.told.has(source)
  }

  /** Whether anything but edits was done to the run by hand, up to `tick`. */
  actedBy(tick: number): boolean {
    return this.record.actedBy(tick)
  }

  seek(tick: number): Promise<ClientResult> {
    return this.enqueue({ type: 'seek', tick })
  }

  view(): Promise<ClientResult> {
    return this.enqueue({ type: 'view' })
  }

  setTrace(on: boolean): Promise<ClientResult> {
    return this.enqueue({ type: 'trace', on })
  }

  dispose(): void {
    this.channel.dispose()
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.queued
  }

  private enqueue(command: SandboxCommand): Promise<ClientResult> {
    this.queued++
    const job = this.queue.then(() => this.perform(command)).finally(() => this.queued--)
    this.queue = job.catch(() => undefined)
    return job
  }

  private async perform(command: SandboxCommand): Promise<ClientResult> {
    if (command.type === 'reset') {
      this.stopped = []
      command = { ...command, stopped: [] }
    }
    try {
      const result = await this.channel.send(command, command.type === 'run' ? command.sliceMs + this.timeoutMs : this.timeoutMs)
      this.record.keep(command, result)
      return result
    } catch (e) {
      if (!(e instanceof Hung)) throw e
      return this.recover(command)
    }
  }

  private async recover(command: SandboxCommand): Promise<ClientResult> {
    const primed = this.channel.priming
    // Code that hung before its first yield: that source is not run again, and the command is tried anew.
    const primingHang = primed && (command.type === 'reset' || (command.type === 'apply' && ['update', 'restart'].includes(command.action.type)))
    if (primingHang) {
      const doc = command.type === 'reset' ? command.document : command.type === 'apply' && command.action.type === 'update' ? command.action.document : this.record.current
      const source = doc?.nodes.find((n) => n.id === primed)?.code?.source
      if (source !== undefined && !this.stopped.includes(source)) {
        this.stopped.push(source)
        if (command.type !== 'reset') await this.replay()
        else this.channel.restart()
        const retried = command.type === 'reset' ? { ...command, stopped: [...this.stopped] } : command
        const result = await this.sendOrRecover(retried)
        const stopped = { node: primed, tick: this.record.tick, error: STOPPED_ERROR }
        this.options.onStopped?.(stopped)
        return { ...result, stopped }
      }
    }
    await this.replay()
    if (command.type === 'apply' && 'node' in command.action) return this.fail(command.action.node)
    if (command.type === 'step' || command.type === 'run' || command.type === 'seek' || command.type === 'round') {
      const steps = command.type === 'step' || command.type === 'run' || command.type === 'round' ? (command.type === 'step' ? command.steps : command.maxSteps) : command.tick - this.record.tick
      return this.findCulprit(steps, command.type === 'seek' ? undefined : command.breakpoints)
    }
    throw new Error('the sandbox stopped answering and could not be restored')
  }

  /** A retried command that may hang again on another node's start. */
  private async sendOrRecover(command: SandboxCommand): Promise<ClientResult> {
    try {
      const result = await this.channel.send(command, this.timeoutMs)
      this.record.keep(command, result)
      return result
    } catch (e) {
      if (!(e instanceof Hung)) throw e
      return this.recover(command)
    }
  }

  /**
   * Steps on from the last good tick in careful slices, the worker naming
   * each code node before it runs it; when a slice gets no reply, the last
   * node named hung, at the tick named with it.
   */
  private async findCulprit(steps: number, breakpoints: readonly Breakpoint[] | undefined): Promise<ClientResult> {
    let left = steps
    let last: ClientResult | null = null
    while (left > 0) {
      const command: SandboxCommand = { type: 'step', steps: left, breakpoints, careful: { sliceMs: WATCHDOG.carefulSliceMs } }
      try {
        last = await this.channel.send(command, WATCHDOG.carefulSliceMs + this.stepDeadlineMs)
      } catch (e) {
        const culprit = this.channel.activating
        if (!(e instanceof Hung) || !culprit) throw e
        this.record.tick = culprit.tick
        await this.replay()
        return this.fail(culprit.node)
      }
      this.record.tick = last.view.tick
      left -= last.steps
      if (last.stop || last.steps === 0) return last
    }
    return last ?? this.channel.send({ type: 'view' }, this.timeoutMs)
  }

  /** Stops a node at the current tick, in a fresh worker (the one that ran it hung). */
  private async fail(node: string): Promise<ClientResult> {
    const action: RunAction = { type: 'fail', node, error: STOPPED_ERROR }
    const result = await this.channel.send({ type: 'apply', action }, this.timeoutMs)
    this.record.keep({ type: 'apply', action }, result)
    const stopped = { node, tick: this.record.tick, error: STOPPED_ERROR }
    this.options.onStopped?.(stopped)
    return { ...result, stopped }
  }

  /** A new worker with the run as it was at the last good tick: the document, then each logged action at its tick. */
  private async replay(): Promise<void> {
    this.channel.restart()
    await this.record.restore(this.channel, this.stopped, this.replayTimeoutMs)
  }
}
