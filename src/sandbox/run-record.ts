/**
 * The canonical record of a run in the sandbox, kept on the page so that
 * the client can replace the worker at any moment: the document the run
 * began with and the one it follows now, what was done to it by hand at
 * which tick (and where the scheduler's call ended, which a replay must
 * repeat), the last good tick, the sources it may compile and whether it is
 * traced. `restore` replays all of it into a new worker, in silence.
 */
import { ActionLog, type LoggedAction, type MeshDocument, type TimelineHistory } from '../engine'
import type { PolicyHang, SandboxCommand, SandboxResult } from './protocol'
import type { WorkerChannel } from './worker-channel'

export class RunRecord {
  /** The document the run follows now (the base, or the latest update). */
  current: MeshDocument | null = null
  /** The last good tick: where the worker last answered from, or where a careful re-run got to. */
  tick = 0
  private base: MeshDocument | null = null
  /** The run's action log, as the worker's Timeline keeps it: its ends of the scheduler's calls too, which a replay must repeat. */
  private readonly log = new ActionLog()
  /** Whether the run is traced (as the last trace command said). */
  tracing = true
  /** Sources that may be compiled. */
  private allowed = new Set<string>()

  /** What was done to the run by hand, at which tick: the canonical action log. */
  get actions(): readonly LoggedAction[] {
    return this.log.actions
  }

  /** The run's history as a Timeline's (`end`: how far it reaches, which the worker knows), or null before its first reset. */
  history(end: number): TimelineHistory | null {
    return this.base ? { document: this.base, entries: [...this.log], end } : null
  }

  /** The document the run followed at `tick` (the last update logged at or before it). */
  documentAt(tick: number): MeshDocument | null {
    let doc = this.base
    for (const entry of this.log) if (entry.tick <= tick && entry.action?.type === 'update') doc = entry.action.document
    return doc
  }

  /** Whether anything but edits was done to the run by hand, up to `tick`. */
  actedBy(tick: number): boolean {
    return this.log.acted(this.log.upTo(tick))
  }

  /** Keeps the record in step with a command the worker carried out. */
  keep(command: SandboxCommand, result: SandboxResult): void {
    switch (command.type) {
      case 'reset':
        this.base = command.document
        this.current = command.document
        this.log.clear()
        this.allowed = new Set(command.allowed)
        break
      case 'allow':
        for (const source of command.sources) this.allowed.add(source)
        break
      case 'apply': {
        // Acting at an earlier tick drops the later history, as the Timeline does; an update undoing a pick the
        // run took is done where that pick was decided, the tick the run went back to.
        const at = Math.min(this.tick, result.view.tick)
        this.log.truncate(this.log.upTo(at))
        this.log.add(at, command.action)
        if (command.action.type === 'update') this.current = command.action.document
        break
      }
      case 'trace':
        this.tracing = command.on
        break
      case 'step':
      case 'run':
      case 'round':
        if (result.stop?.reason === 'idle') this.log.callEnded(result.view.tick)
        break
      default:
        break
    }
    this.tick = result.view.tick
  }

  /**
   * Puts the run, as it was at the last good tick, into the new worker on
   * `channel`: the document (with the sources in `stopped` not run, and the
   * policies in `policiesHung` not asked from the tick they hung at), then
   * each logged action at its tick.
   */
  async restore(channel: WorkerChannel, stopped: readonly string[], policiesHung: readonly PolicyHang[], wait: number): Promise<void> {
    if (!this.base) return
    const target = this.tick
    const reset = { type: 'reset', document: this.base, allowed: [...this.allowed], stopped: [...stopped], policiesHung: [...policiesHung] } as const
    let at = (await channel.send(reset, wait)).view.tick
    // Replayed in silence: the page has the trace of all this already.
    await channel.send({ type: 'trace', on: false }, wait)
    for (const entry of this.log) {
      if (entry.tick > target) break
      if (entry.tick > at) at = (await channel.send({ type: 'run', maxSteps: entry.tick - at, sliceMs: wait, breakpoints: [] }, wait * 2)).view.tick
      // A step that finds no work ends the scheduler's call, as it did; or the action, as it was done.
      if (entry.action === null) await channel.send({ type: 'step', steps: 1, breakpoints: [] }, wait)
      else await channel.send({ type: 'apply', action: entry.action }, wait)
    }
    if (target > at) at = (await channel.send({ type: 'run', maxSteps: target - at, sliceMs: wait, breakpoints: [] }, wait * 2)).view.tick
    this.log.truncate(this.log.upTo(target))
    this.tick = at
    if (this.tracing) await channel.send({ type: 'trace', on: true }, wait)
  }
}
