/**
 * A scheduler the person writes: a policy, a plain function that is shown
 * the mesh and says which tasklet runs next, and whether it takes one item
 * or drains its queue:
 *
 *     function (mesh) {
 *       const busiest = mesh.tasklets.filter((t) => t.queued > 0).sort((a, b) => b.queued - a.queued)[0]
 *       return { run: busiest.id, take: 'one' }
 *     }
 *
 * The scheduler asks the policy only while some tasklet has items, and its
 * call ends when every queue is empty. A decision that is not one (the
 * policy throws, names no tasklet or one with an empty queue, returns
 * something else) stops the run at the tick it is at with `halt` 'policy'
 * and a message naming what it returned: nothing is taken, nothing lost,
 * and the next step asks again. The policy keeps nothing between decisions
 * (the view it is shown is frozen, read from the run as it decides, and in
 * the sandbox nothing it can reach is writable), so stepping, running to
 * the end, keyframes and replays all give the same run. The engine never
 * evaluates the policy's source: the run is given it compiled
 * (SimulationOptions.policy). See docs/scheduling.md.
 *
 * The person scheduling by hand is this scheduler too, with a policy whose
 * decisions are their picks (hand.ts): decision k is pick k, and with no
 * pick k yet it throws PolicyWaits, which stops the run with `halt` 'pick'
 * (their turn) and takes nothing, as a refused decision does.
 */
import type { Priority, SchedulerMode } from '../document'
import { excerpt } from '../hidden-text'
import { Outcome } from '../tasklet'
import { type ScheduledNode, type Scheduler, type SchedulerHost, type SchedulerState, type SchedulerView } from './scheduler'

/** One tasklet as a policy sees it (frozen). */
export interface PolicyTasklet {
  readonly id: string
  /** Its name, as the trace prints it. */
  readonly label: string
  /** Its node kind: start, doubler, … code. */
  readonly kind: string
  /** Its place in the mesh's order (the taskmaster's order), from 0. */
  readonly index: number
  /** Items in its queue. */
  readonly queued: number
  /** Ticks since the item at the head of its queue arrived there; -1 when the queue is empty. */
  readonly headAge: number
  /** Its priority as the document declares it: a number, or `{ random: [lo, hi] }`. */
  readonly priority: Priority
  /** Items it has taken so far. */
  readonly taken: number
  /** The tick of its latest activation, or -1 before its first. */
  readonly lastRan: number
}

/**
 * What a policy is shown at each decision: frozen, its numbers read from
 * the run as the policy reads them (so they are always the decision's own),
 * with nothing on it that can be written — nothing a policy could keep from
 * one decision to the next.
 */
export interface PolicyView {
  /** Activations so far: the decision is for tick `tick + 1`. */
  readonly tick: number
  /** Decisions made before this one in the run, since this scheduler was chosen: this is decision number `decision` (from 0). */
  readonly decision: number
  /** Every tasklet, in the mesh's order. */
  readonly tasklets: readonly PolicyTasklet[]
  /** A float in [0, 1) from the run's seeded generator (traced): the same run draws the same. */
  random(): number
  /** A whole number in [lo, hi], both ends included, from the run's seeded generator (traced). */
  randint(lo: number, hi: number): number
}

/** What a policy returns: a tasklet's id (it takes one item), or which tasklet and how much it takes. */
export type PolicyDecision = string | { run: string; take?: 'one' | 'all' }

/** A written policy, compiled: it may return anything, and the scheduler checks what it did. */
export type Policy = (mesh: PolicyView) => unknown

/** Turns a policy's source into the function the scheduler calls; throws (a SyntaxError, say) when it cannot. */
export type PolicyCompiler = (source: string) => Policy

/** A policy as a run holds it: its name, and the compiled function or why there is none. */
export interface PolicyProgram {
  readonly name: string
  readonly decide: Policy | Error
}

/**
 * Thrown by a policy's compiled function when the reason it failed is the
 * whole message: the sandbox's meter stopped it ("ran over 10,000,000
 * steps…"), or its watchdog did (it hung the worker at this decision
 * before). Any other error is told as "threw Name: message".
 */
export class PolicyStopped extends Error {
  override name = 'PolicyStopped'
}

/**
 * Thrown by a decision source that has no decision yet (the person has not
 * made this pick): the run stops with `halt` 'pick' and the message, takes
 * nothing, and the next step asks again. Not an error: the person's turn.
 */
export class PolicyWaits extends Error {
  override name = 'PolicyWaits'
}

/** How a value the policy returned reads in a message: `"doubler"`, `{ run: "d", take: "some" }`, `nothing (undefined)`. */
export function describeReturned(value: unknown, depth = 0): string {
  if (value === undefined) return depth === 0 ? 'nothing (undefined)' : 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'string') return `"${excerpt(value)}"`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return excerpt(String(value), 24)
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'symbol') return 'a symbol'
  if (Array.isArray(value)) return 'a list'
  if (depth > 0) return 'an object'
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 0) return 'an empty object {}'
  const shown = ['run', 'take'].filter((k) => keys.includes(k))
  const others = keys.filter((k) => k !== 'run' && k !== 'take')
  const fields = shown.map((k) => `${k}: ${describeReturned(record[k], 1)}`)
  if (others.length) fields.push(others.length === keys.length ? `${excerpt(others.slice(0, 3).join(', '), 40)}${others.length > 3 ? ', …' : ''}` : '…')
  return `{ ${fields.join(', ')} }`
}

/** How an error the policy threw reads: "TypeError: mesh.x is undefined". */
function describeError(error: unknown): string {
  if (error instanceof Error) return excerpt(`${error.name}: ${error.message}`, 200)
  return describeReturned(error)
}

const NOT_A_DECISION = "return a tasklet's id, or { run: id, take: 'one' } (or take: 'all' to drain its queue)"

function anyQueued(order: readonly ScheduledNode[]): boolean {
  for (let i = 0; i < order.length; i++) if (order[i]!.tasklet.items.length > 0) return true
  return false
}

/** A priority as the policy sees it: a number, or a frozen `{ random: [lo, hi] }` of its own (never the document's object). */
function shownPriority(priority: Priority): Priority {
  return typeof priority === 'number' ? priority : Object.freeze({ random: Object.freeze([priority.random[0], priority.random[1]]) as [number, number] })
}

/** An own, enumerable, read-only property read by `get` (so JSON.stringify, spreads and Object.keys see it as a field). */
function field(target: object, key: string, get: () => unknown): void {
  Object.defineProperty(target, key, { get, enumerable: true })
}

/**
 * One tasklet as a policy sees it: its numbers read from the run when the
 * policy reads them, as own enumerable fields (so `JSON.stringify(t)` and
 * `{ ...t }` show them). The run's objects are in private fields, which
 * code cannot reach; the getters are frozen functions shared by every
 * instance (so a policy's reads stay monomorphic, and fast), and each
 * instance, the prototype and the class are frozen: a policy finds nothing
 * to write on any of them.
 */
class TaskletFace {
  readonly #node: ScheduledNode
  readonly #host: SchedulerHost
  #declared: Priority
  #shown: Priority

  static readonly #label = Object.freeze(function (this: TaskletFace) {
    return this.#node.label
  })
  static readonly #kind = Object.freeze(function (this: TaskletFace) {
    return this.#node.kind
  })
  static readonly #queued = Object.freeze(function (this: TaskletFace) {
    return this.#node.tasklet.items.length
  })
  static readonly #headAge = Object.freeze(function (this: TaskletFace) {
    const node = this.#node
    const host = this.#host
    // Without the item ledger (a run that began before its mesh had a policy) no arrivals are known.
    if (host.ledger === null || node.tasklet.items.length === 0) return -1
    const arrival = host.headArrival(node)
    return arrival < 0 ? -1 : host.tick - arrival
  })
  static readonly #priority = Object.freeze(function (this: TaskletFace) {
    const declared = this.#node.priority
    if (declared !== this.#declared) {
      this.#declared = declared
      this.#shown = shownPriority(declared)
    }
    return this.#shown
  })
  static readonly #taken = Object.freeze(function (this: TaskletFace) {
    return this.#node.activations
  })
  static readonly #lastRan = Object.freeze(function (this: TaskletFace) {
    return this.#node.lastRan
  })

  constructor(node: ScheduledNode, index: number, host: SchedulerHost) {
    this.#node = node
    this.#host = host
    this.#declared = node.priority
    this.#shown = shownPriority(node.priority)
    Object.defineProperty(this, 'id', { value: node.id, enumerable: true })
    field(this, 'label', TaskletFace.#label)
    field(this, 'kind', TaskletFace.#kind)
    Object.defineProperty(this, 'index', { value: index, enumerable: true })
    field(this, 'queued', TaskletFace.#queued)
    field(this, 'headAge', TaskletFace.#headAge)
    field(this, 'priority', TaskletFace.#priority)
    field(this, 'taken', TaskletFace.#taken)
    field(this, 'lastRan', TaskletFace.#lastRan)
    Object.freeze(this)
  }
}

/** The mesh as a policy sees it: the tick read live, the tasklets in order, the run's draws. Frozen, as TaskletFace is. */
class MeshView {
  readonly #host: SchedulerHost

  static readonly #tick = Object.freeze(function (this: MeshView) {
    return this.#host.tick
  })

  constructor(host: SchedulerHost, tasklets: readonly PolicyTasklet[], decision: () => number, random: () => number, randint: (lo: number, hi: number) => number) {
    this.#host = host
    field(this, 'tick', MeshView.#tick)
    field(this, 'decision', decision)
    Object.defineProperty(this, 'tasklets', { value: tasklets, enumerable: true })
    Object.defineProperty(this, 'random', { value: random, enumerable: true })
    Object.defineProperty(this, 'randint', { value: randint, enumerable: true })
    Object.freeze(this)
  }
}

// The classes and their prototypes frozen too: nothing reachable from a view holds a value between decisions.
for (const cls of [TaskletFace, MeshView]) {
  Object.freeze(cls.prototype)
  Object.freeze(cls)
}

/** The view a policy is shown of one run's nodes in one order: made once, read live (see PolicyView). */
interface MeshFace {
  host: SchedulerHost
  order: readonly ScheduledNode[]
  view: PolicyView
  byId: Map<string, ScheduledNode>
}

export class PolicyScheduler implements Scheduler {
  /** `hand`: the person's picks are the policy. */
  readonly kind: 'policy' | 'hand'
  readonly mode: SchedulerMode
  private readonly program: PolicyProgram
  /** Between calls this is false: the call began at the first decision, and ends when every queue is empty. */
  private inCall = false
  /** The tasklet the policy chose last, while its turn lasts. */
  private turn: ScheduledNode | null = null
  /** Whether that turn drains the queue (take 'all'). */
  private drain = false
  /** Whether the drain goes on: it stops at an item that was not processed, as the taskmaster's flush does. */
  private goesOn = false
  private activated = false
  private decisions = 0
  /** Decisions made in the run since this scheduler was chosen, across its calls: the next one is number `made`. */
  private made = 0
  /** The tick the latest decision was made at (its turn's first activation is the next tick), or -1 before the first. */
  private since = -1
  /** The run the policy is deciding for, while it decides (its draws come from there). */
  private deciding: SchedulerHost | null = null
  /** The take of the decision just checked (kept here, not in an object made per decision). */
  private take: 'one' | 'all' = 'one'
  /** The view of the nodes, made once for each order of them (an edit of the mesh makes a new order). */
  private face: MeshFace | null = null
  /** The view's decision number, read from `made`: a frozen function, made once. */
  private readonly decision: () => number
  /** The view's two draws: made once and frozen, so a policy cannot keep anything on them between decisions. */
  private readonly random: () => number
  private readonly randint: (lo: number, hi: number) => number

  constructor(mode: SchedulerMode, program: PolicyProgram, kind: 'policy' | 'hand' = 'policy') {
    this.mode = mode
    this.program = program
    this.kind = kind
    const host = () => {
      if (!this.deciding) throw new Error('mesh.random() and mesh.randint() can only be called while the policy decides')
      return this.deciding
    }
    this.decision = Object.freeze(() => this.made)
    this.random = Object.freeze(() => host().policyRandom())
    this.randint = Object.freeze((lo: number, hi: number) => {
      if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi) {
        throw new RangeError(`mesh.randint(lo, hi) takes two whole numbers with lo ≤ hi, not ${describeReturned(lo, 1)} and ${describeReturned(hi, 1)}`)
      }
      return host().policyRandom(lo, hi)
    })
  }

  /** The name messages call the policy by: `the policy "longest queue first"`, or the person's `pick 3`. */
  private get who(): string {
    return this.kind === 'hand' ? `pick ${this.made + 1}` : `the policy "${excerpt(this.program.name || 'untitled')}"`
  }

  /** How a message says what the policy decided: it `returned` it; a pick `is` it. */
  private get said(): string {
    return this.kind === 'hand' ? 'is' : 'returned'
  }

  step(host: SchedulerHost): boolean {
    return this.run(host, 1) === 1
  }

  /** Up to `max` activations, exactly as `step` takes them one by one; fewer when every queue is empty or a decision stopped the run. */
  run(host: SchedulerHost, max: number): number {
    // Behaviours cannot edit the mesh, nor can the policy: the order holds for the whole batch.
    const order = host.order
    let n = 0
    while (n < max && host.halt === null) {
      let node = this.turn
      if (node === null || !this.drain || !this.goesOn || node.removed || node.tasklet.items.length === 0) {
        // The turn is over: the policy chooses the next one, while there is work.
        if (!anyQueued(order)) {
          this.endCall(host)
          break
        }
        node = this.decide(host)
        if (node === null) break
      }
      this.goesOn = host.activate(node) === Outcome.Processed
      this.activated = true
      n++
    }
    return n
  }

  private endCall(host: SchedulerHost): void {
    if (this.inCall && this.activated) host.emit({ type: 'schedule', tick: host.tick, action: 'end' })
    this.turn = null
    this.inCall = false
    this.activated = false
    this.decisions = 0
  }

  /** Asks the policy and checks what it said: the tasklet to run, or null when the run was stopped with why. */
  private decide(host: SchedulerHost): ScheduledNode | null {
    const decide = this.program.decide
    if (typeof decide !== 'function') return this.refuse(host, `${this.who} cannot run: ${decide.message}`)
    const face = this.faceOf(host)
    // A decision refused takes nothing back but its draws: the next step asks again, from the same state.
    const prng = host.prng.state
    let returned: unknown
    this.deciding = host
    try {
      returned = decide(face.view)
    } catch (e) {
      this.deciding = null
      host.prng.state = prng
      if (e instanceof PolicyWaits) {
        host.stop('pick', e.message)
        return null
      }
      return this.refuse(host, e instanceof PolicyStopped ? `${this.who} ${e.message}` : `${this.who} threw ${describeError(e)}`)
    }
    this.deciding = null
    // The common decision, a bare id of a tasklet with items, checked at once; anything else by check().
    let node: ScheduledNode | string | undefined = typeof returned === 'string' ? face.byId.get(returned) : undefined
    if (node !== undefined && node.tasklet.items.length > 0) this.take = 'one'
    else node = this.check(returned, face)
    if (typeof node === 'string') {
      host.prng.state = prng
      return this.refuse(host, node)
    }
    const take = this.take
    if (!this.inCall) {
      this.inCall = true
      this.activated = false
    }
    this.decisions++
    this.made++
    this.since = host.tick
    this.turn = node
    this.drain = take === 'all'
    this.goesOn = false
    if (host.tracing) host.emit({ type: 'schedule', tick: host.tick, action: 'choose', node: node.id, take, ...(this.kind === 'hand' ? { by: 'hand' as const } : {}) })
    return node
  }

  private refuse(host: SchedulerHost, detail: string): null {
    host.stop('policy', detail)
    return null
  }

  /** The tasklet a decision names (its take in `take`), or what is wrong with it, naming what the policy returned. */
  private check(returned: unknown, face: MeshFace): ScheduledNode | string {
    let id: unknown
    let take: unknown = 'one'
    if (typeof returned === 'string') id = returned
    else if (typeof returned === 'object' && returned !== null && !Array.isArray(returned)) {
      const record = returned as Record<string, unknown>
      id = record.run
      if (record.take !== undefined) take = record.take
    } else return `${this.returnedText(returned)}: ${NOT_A_DECISION}`
    // Worded only when something is wrong: a decision each tick must cost next to nothing.
    if (typeof id !== 'string') return `${this.returnedText(returned)}: its run is ${describeReturned(id, 1)}, not a tasklet's id; ${NOT_A_DECISION}`
    if (take !== 'one' && take !== 'all') return `${this.returnedText(returned)}: take is 'one' or 'all', not ${describeReturned(take, 1)}`
    const node = face.byId.get(id)
    if (!node) return `${this.returnedText(returned)}, but no tasklet of this mesh has the id "${excerpt(id)}"`
    if (node.tasklet.items.length === 0) return `${this.returnedText(returned)}, but ${excerpt(node.label)}'s queue is empty: choose a tasklet with items`
    this.take = take
    return node
  }

  /** `the policy "…" returned { run: "d", take: "one" }`, or `pick 3 is { run: "d", take: "one" }` */
  private returnedText(returned: unknown): string {
    return `${this.who} ${this.said} ${describeReturned(returned)}`
  }

  /**
   * The mesh as the policy sees it: every tasklet in order, frozen, its
   * numbers read from the run when the policy reads them. Made once for an
   * order of the nodes (an edit makes a new one), so a decision allocates
   * nothing for it.
   */
  private faceOf(host: SchedulerHost): MeshFace {
    const order = host.order
    const face = this.face
    if (face !== null && face.host === host && face.order === order) return face
    const tasklets = Object.freeze(order.map((node, index) => new TaskletFace(node, index, host) as unknown as PolicyTasklet))
    const view = new MeshView(host, tasklets, this.decision, this.random, this.randint) as unknown as PolicyView
    this.face = { host, order, view, byId: new Map(order.map((node) => [node.id, node])) }
    return this.face
  }

  /** A policy's round is one decision: the next step asks the policy again. */
  atRoundEnd(): boolean {
    if (!this.inCall) return false
    return !this.turnGoesOn()
  }

  /** Whether the turn under way goes on at the next step: a drain with items left, that has not stopped at an item not processed. */
  private turnGoesOn(): boolean {
    const node = this.turn
    return node !== null && this.drain && this.goesOn && !node.removed && node.tasklet.items.length > 0
  }

  nodesChanged(host: SchedulerHost): void {
    if (this.turn && (this.turn.removed || !host.order.includes(this.turn))) this.turn = null
  }

  view(): SchedulerView {
    const decide = this.program.decide
    return {
      kind: this.kind,
      name: this.program.name,
      turn: this.turn?.removed ? null : (this.turn?.id ?? null),
      take: this.turn ? (this.drain ? 'all' : 'one') : null,
      decisions: this.decisions,
      made: this.made,
      decidedAt: this.since,
      asks: !this.turnGoesOn(),
      problem: decide instanceof Error ? decide.message : null,
    }
  }

  save(): SchedulerState {
    return {
      kind: 'policy',
      inCall: this.inCall,
      turn: this.turn?.id ?? null,
      drain: this.drain,
      goesOn: this.goesOn,
      activated: this.activated,
      decisions: this.decisions,
      made: this.made,
      since: this.since,
    }
  }

  load(state: SchedulerState, byId: (id: string) => ScheduledNode | undefined): void {
    if (state.kind !== 'policy') return
    this.inCall = state.inCall
    this.turn = state.turn === null ? null : (byId(state.turn) ?? null)
    this.drain = state.drain
    this.goesOn = state.goesOn
    this.activated = state.activated
    this.decisions = state.decisions
    this.made = state.made
    this.since = state.since
  }
}
