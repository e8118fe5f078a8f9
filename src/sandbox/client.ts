/**
 * The page's side of the sandbox for a run: the run's commands, each a
 * promise, and the canonical record of the run (the document, the actions
 * applied at which tick, the last good tick: see run-record.ts) that the
 * watchdog (watchdog.ts) replays into a fresh worker when one stops
 * answering. A node whose code hung is stopped with an error at the tick it
 * hung; the rest of the mesh is as it was.
 */
import type { Alteration, Breakpoint, LoggedAction, MeshDocument, RunAction, TimelineHistory, WatchTarget } from '../engine'
import { STOPPED_ERROR, WATCHDOG, type PolicyHang, type SandboxCommand, type SandboxResult } from './protocol'
import { RunRecord } from './run-record'
import { NOT_RESTORED, Watchdog, type CulpritSearch, type WatchdogOptions } from './watchdog'

export interface SandboxClientOptions extends WatchdogOptions {
  /** Told when a node was stopped, to say so on the page. */
  onStopped?: (stopped: StoppedNode) => void
}

/** What the watchdog stopped: a code node, or (node null) the written policy, at the tick it hung. */
export interface StoppedNode {
  node: string | null
  tick: number
  error: string
}

export type ClientResult = SandboxResult & { stopped?: StoppedNode }

/** The time slice a restore's runs ask for: long, as nothing is shown until it is done. */
const RESTORE_SLICE_MS = 200

/** Why a record of the run in the sandbox failed when the worker stopped answering while it made it. */
export const RECORD_LOST = 'the sandbox stopped answering while it replayed the run for its record; the run is as it was'

/** Why a what-if in the sandbox failed when the worker stopped answering while it replayed it. */
export const WHAT_IF_LOST = 'the sandbox stopped answering while it replayed the what-if (a code node may run for ever in that branch); the run is as it was'

/** Why a watch in the sandbox failed when the worker stopped answering while it replayed the run for it. */
export const WATCH_LOST = 'the sandbox stopped answering while it replayed the run for this watch; the run is as it was'

/** Why a story of where an item came from failed when the worker stopped answering while it replayed the run for it. */
export const LINEAGE_LOST = 'the sandbox stopped answering while it replayed the run for this story; the run is as it was'

export class SandboxClient {
  private readonly watchdog: Watchdog<SandboxCommand, ClientResult>
  private readonly record = new RunRecord()
  /** Sources the run has been told it may compile, replies or not (a reset or allow may still be on its way). */
  private told = new Set<string>()
  /** Written policies that hung the worker in this run, and the tick each hung at. */
  private policiesHung: PolicyHang[] = []

  constructor(private readonly options: SandboxClientOptions) {
    this.watchdog = new Watchdog(options, {
      keep: (command, result) => this.record.keep(command, result),
      restore: (channel, wait) => this.record.restore(channel, this.watchdog.stopped, this.policiesHung, wait),
      recover: (command) => this.recover(command),
    })
  }

  /** What was done to the run by hand, at which tick: the canonical action log. */
  get actions(): readonly LoggedAction[] {
    return this.record.actions
  }

  /** A fresh run of `document`, compiling only the sources in `allowed`. */
  reset(document: MeshDocument, allowed: Iterable<string>): Promise<ClientResult> {
    const list = [...allowed]
    this.told = new Set(list)
    // A fresh run: a policy that hung may be asked again.
    this.policiesHung = []
    return this.ask({ type: 'reset', document, allowed: list, stopped: [] })
  }

  /**
   * A fresh run of `history.document` with its history done again, as it was
   * done: each action and end of the scheduler's call at its tick, then on
   * to the history's end, in silence (the worker's Timeline then holds the
   * same history: seek goes back along it and forward to its end).
   */
  restore(history: TimelineHistory, allowed: Iterable<string>): Promise<ClientResult> {
    const list = [...allowed]
    this.told = new Set(list)
    this.policiesHung = []
    return this.watchdog.enqueue(async () => {
      this.watchdog.forgetStopped()
      const tracing = this.record.tracing
      let result = await this.watchdog.attempt({ type: 'reset', document: history.document, allowed: list, stopped: [] })
      await this.watchdog.attempt({ type: 'trace', on: false })
      const runTo = async (tick: number) => {
        while (result.view.tick < tick) {
          const from = result.view.tick
          result = await this.watchdog.attempt({ type: 'run', maxSteps: tick - from, sliceMs: RESTORE_SLICE_MS, breakpoints: [] })
          // Stopped short (no work, a limit): the history's next action is done where the run is, as a replay of a changed run would.
          if (result.view.tick === from || result.stop) break
        }
      }
      for (const entry of history.entries) {
        await runTo(entry.tick)
        result = await this.watchdog.attempt(entry.action === null ? { type: 'step', steps: 1, breakpoints: [] } : { type: 'apply', action: entry.action })
      }
      await runTo(history.end)
      if (tracing) result = await this.watchdog.attempt({ type: 'trace', on: true })
      return result
    })
  }

  /** The run's history, as far as the worker's reaches (`end`). */
  history(end: number): TimelineHistory | null {
    return this.record.history(end)
  }

  /** More sources that may be compiled from now on (code the person typed or agreed to). */
  allow(sources: Iterable<string>): Promise<ClientResult> {
    const list = [...sources]
    for (const source of list) this.told.add(source)
    return this.ask({ type: 'allow', sources: list })
  }

  apply(action: RunAction): Promise<ClientResult> {
    return this.ask({ type: 'apply', action })
  }

  step(steps = 1, breakpoints?: readonly Breakpoint[]): Promise<ClientResult> {
    return this.ask({ type: 'step', steps, breakpoints })
  }

  /** Runs for one time slice (at most `maxSteps`). */
  run(maxSteps: number, sliceMs: number, breakpoints?: readonly Breakpoint[]): Promise<ClientResult> {
    return this.ask({ type: 'run', maxSteps, sliceMs, breakpoints })
  }

  /** On to the end of the scheduler's round or pass. */
  round(maxSteps: number, breakpoints?: readonly Breakpoint[]): Promise<ClientResult> {
    return this.ask({ type: 'round', maxSteps, breakpoints })
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
    return this.ask({ type: 'seek', tick })
  }

  /** Back `ticks` from wherever the requests asked before it leave the run: its tick is read when its turn comes, not now. */
  back(ticks = 1): Promise<ClientResult> {
    return this.watchdog.enqueue(() => this.watchdog.attempt({ type: 'seek', tick: Math.max(0, this.record.tick - ticks) }))
  }

  view(): Promise<ClientResult> {
    return this.ask({ type: 'view' })
  }

  setTrace(on: boolean): Promise<ClientResult> {
    return this.ask({ type: 'trace', on })
  }

  /** A slice of the run's record up to `upTo` (see the `record` command): `begin` starts it; the result's `record` says how far it got. */
  recordSlice(upTo: number, sliceMs: number, begin: boolean): Promise<ClientResult> {
    return this.ask({ type: 'record', upTo, sliceMs, begin })
  }

  /** A slice of a what-if on the run's history up to `upTo` (see the `what-if` command): `begin` starts it; the result's `whatIf` says how far it got. */
  whatIfSlice(alteration: Alteration, upTo: number, sliceMs: number, begin: boolean): Promise<ClientResult> {
    return this.ask({ type: 'what-if', alteration, upTo, sliceMs, begin })
  }

  /** A slice of the watch `key` on `target`, over the run's history up to `upTo` (see the `watch` command). */
  watchSlice(key: number, target: WatchTarget, upTo: number, sliceMs: number): Promise<ClientResult> {
    return this.ask({ type: 'watch', key, target, upTo, sliceMs })
  }

  /** A slice of an ask for the trace events of `ticks`, from a replay of the run's history up to `upTo` (see the `lineage` command): `begin` starts it. */
  lineageSlice(ticks: readonly number[], upTo: number, sliceMs: number, begin: boolean): Promise<ClientResult> {
    return this.ask({ type: 'lineage', ticks: [...ticks], upTo, sliceMs, begin })
  }

  /** The worker may forget the watch `key`. */
  unwatch(key: number): Promise<ClientResult> {
    return this.ask({ type: 'unwatch', key })
  }

  dispose(): void {
    this.watchdog.dispose()
  }

  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.watchdog.pending
  }

  private ask(command: SandboxCommand): Promise<ClientResult> {
    return this.watchdog.enqueue(() => {
      // A fresh run: code that hung before its first yield may run again.
      if (command.type === 'reset') this.watchdog.forgetStopped()
      return this.watchdog.attempt(command)
    })
  }

  private async recover(command: SandboxCommand): Promise<ClientResult> {
    // Code that hung before its first yield: that source is not run again, and the command is tried anew.
    const primed = this.watchdog.stopPrimed(this.startedBy(command))
    if (primed !== null) {
      if (command.type === 'reset') this.watchdog.restart()
      else await this.watchdog.replay()
      const retried = command.type === 'reset' ? { ...command, stopped: [...this.watchdog.stopped] } : command
      return this.stopped(primed, await this.watchdog.attempt(retried))
    }
    await this.watchdog.replay()
    if (command.type === 'apply' && 'node' in command.action) return this.fail(command.action.node)
    if (command.type === 'step') return this.watchdog.findCulprit(command.steps, this.search(command.breakpoints))
    if (command.type === 'run' || command.type === 'round') return this.watchdog.findCulprit(command.maxSteps, this.search(command.breakpoints))
    if (command.type === 'seek') return this.watchdog.findCulprit(command.tick - this.record.tick, this.search(undefined))
    // The run is back as it was; the record it was making is not.
    if (command.type === 'record') throw new Error(RECORD_LOST)
    if (command.type === 'what-if') throw new Error(WHAT_IF_LOST)
    if (command.type === 'watch') throw new Error(WATCH_LOST)
    if (command.type === 'lineage') throw new Error(LINEAGE_LOST)
    throw new Error(NOT_RESTORED)
  }

  /** The document whose code `command` starts: a fresh run's, an edit's, or the one a restarted node is in. */
  private startedBy(command: SandboxCommand): MeshDocument | null {
    if (command.type === 'reset') return command.document
    if (command.type !== 'apply') return null
    if (command.action.type === 'update') return command.action.document
    return command.action.type === 'restart' ? this.record.current : null
  }

  /** The run's careful slices, with the breakpoints of the command that hung; a node found at fault is failed at its tick. */
  private search(breakpoints: readonly Breakpoint[] | undefined): CulpritSearch<SandboxCommand, ClientResult> {
    return {
      slice: (steps) => ({ type: 'step', steps, breakpoints, careful: { sliceMs: WATCHDOG.carefulSliceMs } }),
      reached: (result) => {
        this.record.tick = result.view.tick
      },
      over: (result) => result.stop !== null,
      view: { type: 'view' },
      caught: (culprit) => {
        const node = culprit.node
        if (node !== null) return this.replayTo(culprit.tick).then(() => this.fail(node))
        // The policy hung deciding at that tick: the new worker is told not to ask it there again, so the replay can land there.
        const policy = this.record.documentAt(culprit.tick)?.policy
        if (!policy) return null
        this.policiesHung.push({ source: policy.source, tick: culprit.tick })
        return this.replayTo(culprit.tick).then(async () => this.stopped(null, await this.watchdog.request({ type: 'view' })))
      },
    }
  }

  /** A fresh worker with the run in it as it was at `tick`. */
  private async replayTo(tick: number): Promise<void> {
    this.record.tick = tick
    await this.watchdog.replay()
  }

  /** Stops a node at the current tick, in a fresh worker (the one that ran it hung). */
  private async fail(node: string): Promise<ClientResult> {
    const action: RunAction = { type: 'fail', node, error: STOPPED_ERROR }
    return this.stopped(node, await this.watchdog.request({ type: 'apply', action }))
  }

  /** Says on the page, and in the reply, that `node` (null: the policy) was stopped at the run's tick. */
  private stopped(node: string | null, result: ClientResult): ClientResult {
    const stopped = { node, tick: this.record.tick, error: STOPPED_ERROR }
    this.options.onStopped?.(stopped)
    return { ...result, stopped }
  }
}
