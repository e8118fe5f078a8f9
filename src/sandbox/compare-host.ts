/**
 * The sandbox worker's side of a comparison of schedulers: the engine's
 * CompareSession with code nodes and written policies compiled, stepped
 * lane by lane so that user code's `Math.random` draws from the lane it
 * runs in, and so that a node the watchdog stopped is closed again at its
 * tick (a policy that hung, not asked again from its tick) when the page
 * replays the comparison into a new worker.
 */
import { CompareSession, PolicyStopped, type CodeCompiler, type Policy, type PolicyCompiler, type Simulation } from '../engine'
import { STOPPED_ERROR, type CompareCommand, type CompareFailure, type CompareResult, type SandboxMessage } from './protocol'

/** Activations a lane takes at a time when many are asked for, between looks at the clock. */
const CHUNK = 256

export interface CompareHostOptions {
  post: (message: SandboxMessage) => void
  /** A compiler for this comparison: only `allowed` sources, none of `stopped`. */
  compiler: (allowed: ReadonlySet<string>, stopped: ReadonlySet<string>) => CodeCompiler
  /** A written policy compiler for this comparison: only `allowed` sources. */
  policies: (allowed: ReadonlySet<string>) => PolicyCompiler
  now: () => number
}

export class CompareHost {
  private session: CompareSession | null = null
  /** Failures of code nodes not yet applied, each lane's in tick order. */
  private pending: CompareFailure[] = []
  /** By lane: the tick from which its written policy, which hung there, is not asked again. */
  private policiesHung = new Map<number, number>()
  /** A careful step is under way: each decision of a written policy is announced. */
  private careful = false
  /** The lane's run that is stepping now: user code's Math.random draws from it. */
  active: Simulation | null = null

  constructor(private readonly options: CompareHostOptions) {}

  handle(command: CompareCommand): CompareResult {
    let steps = 0
    if (command.type === 'compare') this.start(command)
    else if (command.type === 'compare-step') steps = this.step(command)
    const session = this.live
    const result: CompareResult = { lanes: session.view(), done: session.done, steps, divergence: session.divergence() }
    if (command.type === 'compare-record') result.records = session.records()
    return result
  }

  private get live(): CompareSession {
    if (!this.session) throw new Error('the sandbox has no comparison yet')
    return this.session
  }

  private start(command: Extract<CompareCommand, { type: 'compare' }>): void {
    this.session = null
    const compile = this.options.compiler(new Set(command.allowed), new Set(command.stopped))
    const policies = this.options.policies(new Set(command.allowed))
    this.policiesHung = new Map(command.failed.flatMap((f) => (f.node === null ? [[f.lane, f.tick] as const] : [])))
    this.session = new CompareSession(command.document, command.lanes, { maxTicks: command.maxTicks, compile, policyOf: (lane) => this.policyOf(lane, policies) })
    this.pending = command.failed.filter((f) => f.node !== null).sort((a, b) => a.tick - b.tick)
    this.session.lanes.forEach((_lane, index) => this.applyDue(index))
  }

  /**
   * Lane `lane`'s written policy: in a careful step each decision is
   * announced before and after (deciding … decided, with the lane), so a
   * policy that hangs the worker is found and named; from the tick it hung
   * at it is not asked again.
   */
  private policyOf(lane: number, policies: PolicyCompiler): PolicyCompiler {
    return (source): Policy => {
      const decide = policies(source)
      const post = this.options.post
      return (mesh) => {
        const hung = this.policiesHung.get(lane)
        if (hung !== undefined && mesh.tick >= hung) throw new PolicyStopped(STOPPED_ERROR)
        if (!this.careful) return decide(mesh)
        post({ kind: 'note', type: 'deciding', tick: mesh.tick, lane })
        try {
          return decide(mesh)
        } finally {
          post({ kind: 'note', type: 'decided' })
        }
      }
    }
  }

  /** Steps the lanes together; how far they went. */
  private step({ steps, sliceMs, until, careful }: Extract<CompareCommand, { type: 'compare-step' }>): number {
    const lanes = this.live.lanes
    const deadline = sliceMs === undefined ? Infinity : this.options.now() + sliceMs
    const room = (index: number) => Math.max(0, (until?.[index] ?? Infinity) - lanes[index]!.sim.tick)
    let went = 0
    this.careful = careful === true
    try {
      while (went < steps && !this.live.done && this.options.now() < deadline) {
        const n = careful ? 1 : Math.min(CHUNK, steps - went)
        let moved = 0
        lanes.forEach((_lane, index) => {
          moved += this.advance(index, Math.min(n, room(index)), careful === true)
        })
        if (moved === 0) break
        went += n
      }
    } finally {
      this.careful = false
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
      if (failure.lane !== index || failure.node === null || failure.tick > sim.tick) return true
      sim.fail(failure.node, STOPPED_ERROR)
      return false
    })
  }
}
