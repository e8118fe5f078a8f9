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
 * (it is shown a fresh frozen view each time, and in the sandbox nothing
 * it can reach is writable), so stepping, running to the end, keyframes
 * and replays all give the same run. The engine never evaluates the
 * policy's source: the run is given it compiled (SimulationOptions.policy).
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

/** What a policy is shown at each decision: frozen, and fresh each time. */
export interface PolicyView {
  /** Activations so far: the decision is for tick `tick + 1`. */
  readonly tick: number
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

export class PolicyScheduler implements Scheduler {
  readonly kind = 'policy'
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
  /** The run the policy is deciding for, while it decides (its draws come from there). */
  private deciding: SchedulerHost | null = null
  /** The view's two draws: made once and frozen, so a policy cannot keep anything on them between decisions. */
  private readonly random: () => number
  private readonly randint: (lo: number, hi: number) => number

  constructor(mode: SchedulerMode, program: PolicyProgram) {
    this.mode = mode
    this.program = program
    const host = () => {
      if (!this.deciding) throw new Error('mesh.random() and mesh.randint() can only be called while the policy decides')
      return this.deciding
    }
    this.random = Object.freeze(() => host().policyRandom())
    this.randint = Object.freeze((lo: number, hi: number) => {
      if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi) {
        throw new RangeError(`mesh.randint(lo, hi) takes two whole numbers with lo ≤ hi, not ${describeReturned(lo, 1)} and ${describeReturned(hi, 1)}`)
      }
      return host().policyRandom(lo, hi)
    })
  }

  /** The name messages call the policy by: `the policy "longest queue first"`. */
  private get who(): string {
    return `the policy "${excerpt(this.program.name || 'untitled')}"`
  }

  step(host: SchedulerHost): boolean {
    return this.run(host, 1) === 1
  }

  /** Up to `max` activations, exactly as `step` takes them one by one; fewer when every queue is empty or a decision stopped the run. */
  run(host: SchedulerHost, max: number): number {
    let n = 0
    while (n < max && host.halt === null) {
      let node = this.turn
      if (node === null || !(this.drain && this.goesOn && !node.removed && node.tasklet.items.length > 0)) {
        // The turn is over: the policy chooses the next one, while there is work.
        if (!anyQueued(host.order)) {
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
    if (decide instanceof Error) return this.refuse(host, `${this.who} cannot run: ${decide.message}`)
    const view = this.meshView(host)
    // A decision refused takes nothing back but its draws: the next step asks again, from the same state.
    const prng = host.prng.state
    let returned: unknown
    this.deciding = host
    try {
      returned = decide(view)
    } catch (e) {
      host.prng.state = prng
      return this.refuse(host, e instanceof PolicyStopped ? `${this.who} ${e.message}` : `${this.who} threw ${describeError(e)}`)
    } finally {
      this.deciding = null
    }
    const problem = this.check(returned, host)
    if (typeof problem === 'string') {
      host.prng.state = prng
      return this.refuse(host, problem)
    }
    const { node, take } = problem
    if (!this.inCall) {
      this.inCall = true
      this.activated = false
    }
    this.decisions++
    this.turn = node
    this.drain = take === 'all'
    this.goesOn = false
    if (host.tracing) host.emit({ type: 'schedule', tick: host.tick, action: 'choose', node: node.id, take })
    return node
  }

  private refuse(host: SchedulerHost, detail: string): null {
    host.stop('policy', detail)
    return null
  }

  /** The tasklet and take a decision names, or what is wrong with it, naming what the policy returned. */
  private check(returned: unknown, host: SchedulerHost): { node: ScheduledNode; take: 'one' | 'all' } | string {
    let id: unknown
    let take: unknown = 'one'
    if (typeof returned === 'string') id = returned
    else if (typeof returned === 'object' && returned !== null && !Array.isArray(returned)) {
      const record = returned as Record<string, unknown>
      id = record.run
      if (record.take !== undefined) take = record.take
    } else return `${this.who} returned ${describeReturned(returned)}: ${NOT_A_DECISION}`
    const shown = describeReturned(returned)
    if (typeof id !== 'string') return `${this.who} returned ${shown}: its run is ${describeReturned(id, 1)}, not a tasklet's id; ${NOT_A_DECISION}`
    if (take !== 'one' && take !== 'all') return `${this.who} returned ${shown}: take is 'one' or 'all', not ${describeReturned(take, 1)}`
    const order = host.order
    let node: ScheduledNode | undefined
    for (let i = 0; i < order.length; i++) {
      if (order[i]!.id === id) {
        node = order[i]
        break
      }
    }
    if (!node) return `${this.who} returned ${shown}, but no tasklet of this mesh has the id "${excerpt(id)}"`
    if (node.tasklet.items.length === 0) return `${this.who} returned ${shown}, but ${excerpt(node.label)}'s queue is empty: choose a tasklet with items`
    return { node, take }
  }

  /** The mesh as the policy sees it now: every tasklet in order, frozen, made afresh for this decision. */
  private meshView(host: SchedulerHost): PolicyView {
    const order = host.order
    const tick = host.tick
    // Without the item ledger (a run that began before its mesh had a policy) no arrivals are known.
    const ledger = host.ledger !== null
    const tasklets: PolicyTasklet[] = new Array(order.length)
    for (let index = 0; index < order.length; index++) {
      const node = order[index]!
      const queued = node.tasklet.items.length
      const arrival = queued > 0 && ledger ? host.headArrival(node) : -1
      tasklets[index] = Object.freeze({
        id: node.id,
        label: node.label,
        kind: node.kind,
        index,
        queued,
        headAge: arrival < 0 ? -1 : tick - arrival,
        priority: shownPriority(node.priority),
        taken: node.activations,
        lastRan: node.lastRan,
      })
    }
    return Object.freeze({ tick, tasklets: Object.freeze(tasklets), random: this.random, randint: this.randint })
  }

  /** A policy's round is one decision: the next step asks the policy again. */
  atRoundEnd(): boolean {
    if (!this.inCall) return false
    const node = this.turn
    return !(node && this.drain && this.goesOn && !node.removed && node.tasklet.items.length > 0)
  }

  nodesChanged(host: SchedulerHost): void {
    if (this.turn && (this.turn.removed || !host.order.includes(this.turn))) this.turn = null
  }

  view(): SchedulerView {
    const decide = this.program.decide
    return {
      kind: 'policy',
      name: this.program.name,
      turn: this.turn?.removed ? null : (this.turn?.id ?? null),
      take: this.turn ? (this.drain ? 'all' : 'one') : null,
      decisions: this.decisions,
      problem: decide instanceof Error ? `cannot run: ${decide.message}` : null,
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
  }
}
