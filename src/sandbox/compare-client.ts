/**
 * The page's side of a comparison of schedulers run in the sandbox (a mesh
 * with code nodes): a worker of its own, so the run's worker keeps
 * answering the run; one command at a time; and the canonical record of the
 * comparison (what it compares, each lane's last good tick, the nodes the
 * watchdog stopped) so that the worker can be replaced at any moment. The
 * watchdog is the run's (client.ts): a reply gets one second, a slice's time
 * on top. Without one the worker is replaced, the comparison replayed to the
 * last good ticks, the code node that hung found by careful steps (the
 * worker names each lane's code node before it runs it) and closed in its
 * lane at its tick; the comparison goes on. The page never waits on it.
 */
import { COMPARE_TICKS, type LaneSpec, type MeshDocument } from '../engine'
import type { WorkerLike } from './client'
import { STOPPED_ERROR, WATCHDOG, type CompareCommand, type CompareFailure, type CompareResult } from './protocol'
import { Hung, WorkerChannel } from './worker-channel'

export interface CompareClientOptions {
  createWorker: () => WorkerLike
  /** How long a reply may take (a slice comes on top). */
  timeoutMs?: number
  /** How long one careful step may take while the watchdog looks for the node that hung. */
  stepDeadlineMs?: number
  /** How long restoring the comparison in a new worker may take. */
  replayTimeoutMs?: number
}

/** A code node the watchdog stopped: in one lane, at a tick; or in every lane (`lane` null) when it hung before its first yield. */
export interface CompareStopped {
  lane: number | null
  node: string
  tick: number
  error: string
}

export type CompareClientResult = CompareResult & { stopped?: CompareStopped }


interface Compared {
  document: MeshDocument
  lanes: readonly LaneSpec[]
  allowed: readonly string[]
  maxTicks: number
}

export class SandboxComparison {
  private readonly channel: WorkerChannel
  private queue: Promise<unknown> = Promise.resolve()
  private queued = 0
  private compared: Compared | null = null
  /** Sources that hung before their first yield: not run again. */
  private stopped: string[] = []
  /** Nodes stopped in a lane, each at its tick. */
  private failed: CompareFailure[] = []
  /** Each lane's tick at the last good reply. */
  private ticks: number[] = []
  private readonly timeoutMs: number
  private readonly stepDeadlineMs: number
  private readonly replayTimeoutMs: number

  constructor(options: CompareClientOptions) {
    this.timeoutMs = options.timeoutMs ?? WATCHDOG.timeoutMs
    this.stepDeadlineMs = options.stepDeadlineMs ?? WATCHDOG.stepDeadlineMs
    this.replayTimeoutMs = options.replayTimeoutMs ?? WATCHDOG.replayTimeoutMs
    this.channel = new WorkerChannel(options.createWorker)
  }

  /** A fresh comparison of `document` under each lane's scheduler, compiling only the sources in `allowed`. */
  begin(document: MeshDocument, lanes: readonly LaneSpec[], allowed: Iterable<string>, maxTicks = COMPARE_TICKS): Promise<CompareClientResult> {
    const compared: Compared = { document, lanes: [...lanes], allowed: [...allowed], maxTicks }
    return this.enqueue(() => {
      this.compared = compared
      this.stopped = []
      this.failed = []
      this.ticks = compared.lanes.map(() => 0)
      return this.attempt(this.start())
    })
  }

  /** Every lane on by up to `steps` activations, together; for at most `sliceMs` when given. */
  step(steps: number, sliceMs?: number): Promise<CompareClientResult> {
    return this.enqueue(() => this.attempt({ type: 'compare-step', steps, sliceMs }))
  }

  /** Requests made and not yet answered. */
  get pending(): number {
    return this.queued
  }

  dispose(): void {
    this.channel.dispose()
  }

  private enqueue(job: () => Promise<CompareClientResult>): Promise<CompareClientResult> {
    this.queued++
    const result = this.queue.then(job).finally(() => this.queued--)
    this.queue = result.catch(() => undefined)
    return result
  }

  private start(): CompareCommand {
    if (!this.compared) throw new Error('the comparison has not begun')
    return { type: 'compare', ...this.compared, stopped: [...this.stopped], failed: [...this.failed] }
  }

  /** Sends a command; when the worker hangs, recovers and answers for it. */
  private async attempt(command: CompareCommand): Promise<CompareClientResult> {
    const timeout = command.type === 'compare-step' && command.sliceMs !== undefined ? command.sliceMs + this.timeoutMs : this.timeoutMs
    try {
      return this.record(await this.channel.send(command, timeout))
    } catch (e) {
      if (!(e instanceof Hung)) throw e
      return this.recover(command)
    }
  }

  private record(result: CompareResult): CompareResult {
    this.ticks = result.lanes.map((lane) => lane.ticks)
    return result
  }

  private async recover(command: CompareCommand): Promise<CompareClientResult> {
    const primed = this.channel.priming
    if (command.type === 'compare') {
      // Code that hung before its first yield, as the lanes were made: not run again, in any lane.
      const source = this.compared?.document.nodes.find((n) => n.id === primed)?.code?.source
      if (primed === null || source === undefined || this.stopped.includes(source)) throw new Error('the sandbox stopped answering and could not be restored')
      this.stopped.push(source)
      this.channel.restart()
      const result = await this.attempt(this.start())
      return { ...result, stopped: { lane: null, node: primed, tick: 0, error: STOPPED_ERROR } }
    }
    await this.replay()
    return this.findCulprit(command.steps)
  }

  /**
   * Steps on from the last good ticks in careful slices, the worker naming
   * each lane's code node before it runs it; when a slice gets no reply, the
   * last node named hung, in its lane, at the tick named with it.
   */
  private async findCulprit(steps: number): Promise<CompareClientResult> {
    let left = steps
    let last: CompareResult | null = null
    while (left > 0) {
      try {
        last = this.record(await this.channel.send({ type: 'compare-step', steps: left, sliceMs: WATCHDOG.carefulSliceMs, careful: true }, WATCHDOG.carefulSliceMs + this.stepDeadlineMs))
      } catch (e) {
        const culprit = this.channel.activating
        if (!(e instanceof Hung) || culprit?.lane === undefined) throw e
        const stopped = { lane: culprit.lane, node: culprit.node, tick: culprit.tick }
        this.failed.push(stopped)
        this.ticks[culprit.lane] = Math.max(this.ticks[culprit.lane] ?? 0, culprit.tick)
        await this.replay()
        const result = this.record(await this.channel.send({ type: 'compare-step', steps: 0 }, this.timeoutMs))
        return { ...result, stopped: { ...stopped, error: STOPPED_ERROR } }
      }
      left -= last.steps
      if (last.done || last.steps === 0) return last
    }
    return last ?? this.record(await this.channel.send({ type: 'compare-step', steps: 0 }, this.timeoutMs))
  }

  /** A new worker with the comparison as it was at the last good ticks: begun again, each lane stepped to its tick (stopped nodes closed at theirs). */
  private async replay(): Promise<void> {
    this.channel.restart()
    const wait = this.replayTimeoutMs
    await this.channel.send(this.start(), wait)
    const ticks = [...this.ticks]
    if (ticks.some((tick) => tick > 0)) await this.channel.send({ type: 'compare-step', steps: Math.max(...ticks), until: ticks }, wait)
  }
}
