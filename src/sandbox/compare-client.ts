/**
 * The page's side of a comparison of schedulers run in the sandbox (a mesh
 * with code nodes): a worker of its own, so the run's worker keeps
 * answering the run; the comparison's commands; and the canonical record of
 * the comparison (what it compares, each lane's last good tick, the nodes
 * the watchdog stopped) that the watchdog (watchdog.ts, the run's too)
 * replays into a fresh worker when one stops answering. A code node that
 * hung is closed in its lane at its tick; the comparison goes on.
 */
import { COMPARE_TICKS, recordProblem, type LaneSpec, type MeshDocument, type RecordedRun } from '../engine'
import { STOPPED_ERROR, WATCHDOG, type CompareCommand, type CompareFailure, type CompareResult } from './protocol'
import { NOT_RESTORED, Watchdog, type CulpritSearch, type WatchdogOptions } from './watchdog'
import type { WorkerChannel } from './worker-channel'

/**
 * A code node the watchdog stopped: in one lane, at a tick; or in every lane
 * (`lane` null) when it hung before its first yield. `node` null: the lane's
 * written policy, which hung deciding the step after `tick`.
 */
export interface CompareStopped {
  lane: number | null
  node: string | null
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
  private readonly watchdog: Watchdog<CompareCommand, CompareClientResult>
  private compared: Compared | null = null
  /** Nodes stopped in a lane, each at its tick. */
  private failed: CompareFailure[] = []
  /** Each lane's tick at the last good reply. */
  private ticks: number[] = []
  /** How the watchdog looks for a node that hung: careful slices of every lane; a node found at fault is closed in its lane, at its tick. */
  private readonly search: CulpritSearch<CompareCommand, CompareClientResult> = {
    slice: (steps) => ({ type: 'compare-step', steps, sliceMs: WATCHDOG.carefulSliceMs, careful: true }),
    reached: (result) => this.keep(result),
    over: (result) => result.done,
    view: { type: 'compare-step', steps: 0 },
    caught: (culprit) => (culprit.lane === undefined ? null : this.close({ lane: culprit.lane, node: culprit.node, tick: culprit.tick })),
  }

  constructor(options: WatchdogOptions) {
    this.watchdog = new Watchdog(options, {
      keep: (_command, result) => this.keep(result),
      restore: (channel, wait) => this.restore(channel, wait),
      recover: (command) => this.recover(command),
    })
  }

  /** A fresh comparison of `document` under each lane's scheduler, compiling only the sources in `allowed`. */
  begin(document: MeshDocument, lanes: readonly LaneSpec[], allowed: Iterable<string>, maxTicks = COMPARE_TICKS): Promise<CompareClientResult> {
    const compared: Compared = { document, lanes: [...lanes], allowed: [...allowed], maxTicks }
    return this.watchdog.enqueue(() => {
      this.compared = compared
      this.watchdog.forgetStopped()
      this.failed = []
      this.ticks = compared.lanes.map(() => 0)
      return this.watchdog.attempt(this.start())
    })
  }

  /** Every lane on by up to `steps` activations, together; for at most `sliceMs` when given. */
  step(steps: number, sliceMs?: number): Promise<CompareClientResult> {
    return this.watchdog.enqueue(() => this.watchdog.attempt({ type: 'compare-step', steps, sliceMs }))
  }

  /**
   * Every lane's record so far, as the lanes made it running (no code runs
   * for it), each checked before the page reads it: one per lane, at the
   * lane's tick, and fitting its run (recordProblem). Rejects with why not.
   */
  async records(): Promise<{ result: CompareClientResult; records: RecordedRun[] }> {
    const result = await this.watchdog.enqueue(() => this.watchdog.attempt({ type: 'compare-record' }))
    return { result, records: checkRecords(result) }
  }

  /** Requests made and not yet answered. */
  get pending(): number {
    return this.watchdog.pending
  }

  dispose(): void {
    this.watchdog.dispose()
  }

  private start(): CompareCommand {
    if (!this.compared) throw new Error('the comparison has not begun')
    return { type: 'compare', ...this.compared, stopped: [...this.watchdog.stopped], failed: [...this.failed] }
  }

  private keep(result: CompareResult): void {
    this.ticks = result.lanes.map((lane) => lane.ticks)
  }

  private async recover(command: CompareCommand): Promise<CompareClientResult> {
    if (command.type === 'compare') {
      // Code that hung before its first yield, as the lanes were made: not run again, in any lane.
      const primed = this.watchdog.stopPrimed(this.compared?.document)
      if (primed === null) throw new Error(NOT_RESTORED)
      this.watchdog.restart()
      const result = await this.watchdog.attempt(this.start())
      return { ...result, stopped: { lane: null, node: primed, tick: 0, error: STOPPED_ERROR } }
    }
    await this.watchdog.replay()
    // A record runs no code: a worker that did not answer one is asked again, once, in the fresh worker.
    if (command.type === 'compare-record') return this.watchdog.request(command)
    return this.watchdog.findCulprit(command.steps, this.search)
  }

  /** Closes a node in its lane at the tick it hung, in a fresh worker (the one that ran it hung). */
  private async close(failure: CompareFailure): Promise<CompareClientResult> {
    this.failed.push(failure)
    this.ticks[failure.lane] = Math.max(this.ticks[failure.lane] ?? 0, failure.tick)
    await this.watchdog.replay()
    const result = await this.watchdog.request({ type: 'compare-step', steps: 0 })
    return { ...result, stopped: { ...failure, error: STOPPED_ERROR } }
  }

  /** The comparison as it was at the last good ticks, into a fresh worker: begun again, each lane stepped to its tick (stopped nodes closed at theirs). */
  private async restore(channel: WorkerChannel, wait: number): Promise<void> {
    await channel.send(this.start(), wait)
    const ticks = [...this.ticks]
    if (ticks.some((tick) => tick > 0)) await channel.send({ type: 'compare-step', steps: Math.max(...ticks), until: ticks }, wait)
  }
}

/** The records of a compare-record reply, if they fit its lanes: one per lane, each at the lane's tick and fitting its run (recordProblem). Throws why not. */
export function checkRecords(result: CompareResult): RecordedRun[] {
  const records = result.records
  if (!records || records.length !== result.lanes.length) throw new Error('the sandbox answered a record request without a record per lane')
  records.forEach((record, lane) => {
    const problem = recordProblem(record)
    if (problem) throw new Error(`the sandbox sent a record of lane ${lane + 1} that does not fit its run: ${problem}`)
    if (record.lanes.ticks !== result.lanes[lane]!.ticks)
      throw new Error(`the sandbox sent a record of lane ${lane + 1} at tick ${record.lanes.ticks}, not the lane's ${result.lanes[lane]!.ticks}`)
  })
  return records
}
