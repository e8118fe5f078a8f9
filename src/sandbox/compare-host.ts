/**
 * The sandbox worker's side of a comparison of schedulers: the engine's
 * CompareSession with code nodes compiled, stepped lane by lane so that
 * user code's `Math.random` draws from the lane it runs in, and so that a
 * node the watchdog stopped is closed again at its tick when the page
 * replays the comparison into a new worker.
 */
import { CompareSession, type CodeCompiler, type Simulation } from '../engine'
import { STOPPED_ERROR, type CompareCommand, type CompareFailure, type CompareResult, type SandboxMessage } from './protocol'

/** Activations a lane takes at a time when many are asked for, between looks at the clock. */
const CHUNK = 256

export interface CompareHostOptions {
  post: (message: SandboxMessage) => void
  /** A compiler for this comparison: only `allowed` sources, none of `stopped`. */
  compiler: (allowed: ReadonlySet<string>, stopped: ReadonlySet<string>) => CodeCompiler
  now: () => number
}

export class CompareHost {
  private session: CompareSession | null = null
  /** Failures not yet applied, each lane's in tick order. */
  private pending: CompareFailure[] = []
  /** The lane's run that is stepping now: user code's Math.random draws from it. */
  active: Simulation | null = null

  constructor(private readonly options: CompareHostOptions) {}

  handle(command: CompareCommand): CompareResult {
    let steps = 0
    if (command.type === 'compare') this.start(command)
    else steps = this.step(command)
    const session = this.live
    return { lanes: session.view(), done: session.done, steps }
  }

  private get live(): CompareSession {
    if (!this.session) throw new Error('the sandbox has no comparison yet')
    return this.session
  }

  private start(command: Extract<CompareCommand, { type: 'compare' }>): void {
    this.session = null
    const compile = this.options.compiler(new Set(command.allowed), new Set(command.stopped))
    this.session = new CompareSession(command.document, command.lanes, { maxTicks: command.maxTicks, compile })
    this.pending = [...command.failed].sort((a, b) => a.tick - b.tick)
    this.session.lanes.forEach((_lane, index) => this.applyDue(index))
  }

  /** Steps the lanes together; how far they went. */
  private step({ steps, sliceMs, until, careful }: Extract<CompareCommand, { type: 'compare-step' }>): number {
    const lanes = this.live.lanes
    const deadline = sliceMs === undefined ? Infinity : this.options.now() + sliceMs
    const room = (index: number) => Math.max(0, (until?.[index] ?? Infinity) - lanes[index]!.sim.tick)
    let went = 0
    while (went < steps && !this.live.done && this.options.now() < deadline) {
      const n = careful ? 1 : Math.min(CHUNK, steps - went)
      let moved = 0
      lanes.forEach((_lane, index) => {
        moved += this.advance(index, Math.min(n, room(index)), careful === true)
      })
      if (moved === 0) break
      went += n
    }
    return went
  }

  /** Up to `n` activations of one lane, closing its stopped nodes at their ticks on the way. */
  private advance(index: number, n: number, careful: boolean): number {
    const lane = this.live.lanes[index]!
    const sim = lane.sim
    let taken = 0
    this.applyDue(index)
    while (taken < n && lane.stopped === null) {
      const due = this.pending.find((f) => f.lane === index)
      const stretch = Math.min(n - taken, due ? due.tick - sim.tick : Infinity)
      if (careful) {
        const next = sim.peekNext()
        if (next !== null && sim.nodes.get(next)?.kind === 'code') this.options.post({ kind: 'note', type: 'activating', node: next, tick: sim.tick, lane: index })
      }
      this.active = sim
      let moved: number
      try {
        moved = lane.step(stretch)
      } finally {
        this.active = null
      }
      taken += moved
      this.applyDue(index)
      if (moved === 0) break
    }
    return taken
  }

  /** Closes the nodes the watchdog stopped in this lane at or before its tick. */
  private applyDue(index: number): void {
    const sim = this.live.lanes[index]!.sim
    this.pending = this.pending.filter((failure) => {
      if (failure.lane !== index || failure.tick > sim.tick) return true
      sim.fail(failure.node, STOPPED_ERROR)
      return false
    })
  }
}
