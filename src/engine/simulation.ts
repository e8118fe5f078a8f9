/**
 * A running mesh: one tasklet per node, wired by the document's edges (see
 * wiring.ts) and driven by a scheduler, one activation (tick) at a time,
 * until the scheduler runs out of work or a limit stops it. The document
 * may change at any tick (`update`): re-wiring re-scopes a tasklet and
 * keeps its queue, as the seed's `rescope` does.
 */
import type { QueueEdit } from './action-log'
import { Delivery } from './delivery'
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GroupInside, type MeshDocument, type SchedulerKind, type SchedulerMode } from './document'
import { ItemLedger, LedgerQueue, ROOT_INPUT, ROOT_OTHER, ROOT_SEND } from './item-ledger'
import type { Behaviour, CodeCompiler } from './kinds'
import { OutputLog } from './output-log'
import { Prng } from './prng'
import type { RunResult } from './run-stop'
import { createScheduler, handProgram, type Policy, type PolicyCompiler, type PolicyProgram, type Scheduler, type SchedulerHost, type SchedulerView } from './schedulers'
import { peek, restoreSnapshot, takeSnapshot, type Peek, type RunSnapshot } from './snapshot'
import { Outcome } from './tasklet'
import { TRACE_QUEUE_ITEMS, type StopReason, type TraceEvent, type TraceSink } from './trace'
import { isSendable, type Value } from './value'
import { Wiring, type NodeRuntime, type Rewired, type WiringHost } from './wiring'

/** How many sink outputs a run keeps (the newest); the count goes on. */
export const OUTPUT_KEEP = 2_000

export interface RunStats {
  activations: number
  emitted: number
  dropped: number
  overflowed: number
  outputs: number
  errors: number
}

export interface SimulationOptions {
  /** Receives every trace event; leave out to run fast with tracing off. */
  trace?: TraceSink
  /**
   * Compiles code nodes. The engine never evaluates code by itself: without
   * a compiler a code node is closed with an error saying its code did not run.
   */
  compile?: CodeCompiler
  /**
   * Compiles the document's written policy, as `compile` does code nodes:
   * without it, a run whose scheduler is a policy stops at its first step,
   * saying the policy did not run.
   */
  policy?: PolicyCompiler
  /** How many queued items a scheduler's `execute` event lists (TRACE_QUEUE_ITEMS unless set; Infinity lists all, as the seed printed). */
  traceQueueItems?: number
  /**
   * Keeps the item ledger (see item-ledger.ts): every queued item's id,
   * tasklet, arrival, taking and parent, and `headArrival` for schedulers.
   * Off by default, and the run's queues are then plain — but a run whose
   * document has a written policy keeps one unless told not to (`false`):
   * the policy is shown how long each head item has waited. `true` starts a
   * new ledger; a ledger carries one on (a Timeline going back hands its
   * ledger to the run it restores).
   */
  ledger?: boolean | ItemLedger
  /** A group's inner run: the outer run it belongs to (see `groupBehaviour`). */
  outer?: InnerOf
}

/** What an inner run (a group's inside) shares with the run it is inside. */
interface InnerOf {
  /** The outer run's one generator: inner draws come in the order they are made, between the outer ones. */
  prng: Prng
  /** Activations of every inner run of the whole run, against the outermost run's budget. */
  work: { activations: number; budget: number }
  /** What the inside outputs, told to the group (its marked outputs go out of its ports). */
  output: (node: string, value: Value) => void
}

/** The most inner activations one activation of a group runs (a `flush` call of an inside that never runs out of work stops here). */
export const GROUP_CALL_STEPS = 100_000

/** A group's inside as a document of its own, for its inner run: the outer run's seed and limits. */
function insideDocument(inside: GroupInside, outer: MeshDocument): MeshDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    title: '',
    nodes: inside.nodes,
    edges: inside.edges,
    inputs: inside.inputs,
    scheduler: inside.scheduler,
    mode: inside.mode,
    seed: outer.seed,
    limits: outer.limits,
  }
}

export class Simulation implements SchedulerHost<NodeRuntime>, WiringHost {
  readonly nodes = new Map<string, NodeRuntime>()
  order: NodeRuntime[] = []
  tick = 0
  readonly prng: Prng
  /** The newest sink outputs, oldest first (at most OUTPUT_KEEP). */
  readonly outputs = new OutputLog(OUTPUT_KEEP)
  /** The node of the latest activation (for breakpoints and the "active" highlight). */
  lastActive: string | null = null
  /** Set when a limit stopped the run; the next step clears it. */
  halt: StopReason | null = null
  /** What stopped the run, in words ("the activation budget (1000) is spent"). */
  haltDetail: string | null = null
  tracing: boolean
  readonly traceQueueItems: number
  /** The item ledger, when the run keeps one (`SimulationOptions.ledger`). */
  readonly ledger: ItemLedger | null
  private sink: TraceSink | null
  private scheduler: Scheduler
  private doc: MeshDocument
  /** The run's mesh (the document as the code rewired it), made when asked for. */
  private wiredDoc: MeshDocument | null = null
  /** Where the nodes' items go, and the counts. */
  private readonly delivery: Delivery
  private readonly wiring: Wiring
  private readonly policyCompiler: PolicyCompiler | null
  /** Written policies compiled, once per source (or why one cannot run). */
  private readonly policies = new Map<string, Policy | Error>()
  private readonly compiler: CodeCompiler | null
  /** Told of every output (a group's inner run tells its group), or null. */
  readonly outputHook: ((node: string, value: Value) => void) | null
  /** Inner activations of the whole run, shared with every inner run. */
  private readonly work: InnerOf['work']
  /** The inner runs of this run's group nodes, by node id, from their first item. */
  readonly groups = new Map<string, Simulation>()
  /** What if: the value each node's next behaviour draw gives instead of the generator's (see `force`), by node id; kept in snapshots. */
  readonly forced = new Map<string, number>()

  constructor(document: MeshDocument, options: SimulationOptions = {}) {
    this.doc = document
    this.sink = options.trace ?? null
    this.tracing = this.sink !== null
    this.traceQueueItems = options.traceQueueItems ?? TRACE_QUEUE_ITEMS
    const ledger = options.ledger ?? (document.scheduler === 'policy' || document.policy !== undefined)
    this.ledger = ledger instanceof ItemLedger ? ledger : ledger ? new ItemLedger() : null
    if (this.ledger) {
      this.ledger.clock = this
      this.ledger.cause = ROOT_OTHER
    }
    this.prng = options.outer?.prng ?? new Prng(document.seed)
    this.work = options.outer?.work ?? { activations: 0, budget: document.limits.maxActivations }
    this.outputHook = options.outer?.output ?? null
    this.compiler = options.compile ?? null
    this.policyCompiler = options.policy ?? null
    this.scheduler = createScheduler(document.scheduler, document.mode, this.policyProgram())
    this.delivery = new Delivery(this, document.limits.maxQueue)
    this.wiring = new Wiring(this, this.delivery, this.compiler)
    this.order = this.wiring.apply(document)
    for (const node of this.order) this.wiring.scope(node)
    for (const input of document.inputs) for (const value of input.values) this.queueByHand(input.node, value, ROOT_INPUT)
  }

  /** Sink outputs so far (more than `outputs` keeps). */
  get outputCount(): number {
    return this.delivery.counts.outputs
  }

  /** The run's counters; activations are the tick. */
  get stats(): RunStats {
    return { activations: this.tick, emitted: this.delivery.emitted, ...this.delivery.counts }
  }

  get limits(): MeshDocument['limits'] {
    return this.doc.limits
  }

  get schedulerKind(): SchedulerKind {
    return this.scheduler.kind
  }

  get schedulerMode(): SchedulerMode {
    return this.scheduler.mode
  }

  /** Listens to events from now on (or stops, with null). */
  setTrace(sink: TraceSink | null): void {
    this.sink = sink
    this.tracing = sink !== null
  }

  /** The label the seed's scheduler would print for a node. */
  label = (id: string): string => this.nodes.get(id)?.label ?? id

  // ---- running ------------------------------------------------------------

  /** One activation, chosen by the scheduler; false when none happened (no work left, or a limit). */
  step(): boolean {
    this.halt = null
    this.haltDetail = null
    if (this.tick >= this.doc.limits.maxActivations && this.queued() > 0) {
      this.stop('budget', `the activation budget (${this.doc.limits.maxActivations}) is spent`)
      return false
    }
    return this.scheduler.step(this)
  }

  /** Items waiting in all queues. With none, the scheduler's next step ends its call without an activation. */
  queued(): number {
    let n = 0
    for (const node of this.order) n += node.tasklet.items.length
    return n
  }

  /** Steps until the scheduler has no work left, a limit stops it, or `maxSteps` activations. */
  run(maxSteps = Infinity): RunResult {
    const budget = this.doc.limits.maxActivations
    this.halt = null
    this.haltDetail = null
    let steps = 0
    while (steps < maxSteps) {
      const room = Math.min(maxSteps - steps, budget - this.tick)
      if (room <= 0) {
        if (this.queued() > 0) {
          this.stop('budget', `the activation budget (${budget}) is spent`)
          return { steps, stop: { reason: 'budget' } }
        }
        // Nothing queued: the scheduler's next step ends its call without an activation.
        if (!this.scheduler.step(this)) return { steps, stop: { reason: 'idle' } }
        steps++
        continue
      }
      const taken = this.scheduler.run(this, room)
      steps += taken
      if (this.halt) return { steps, stop: { reason: this.halt } }
      if (taken < room) return { steps, stop: { reason: 'idle' } }
    }
    return { steps, stop: null }
  }

  /** One tasklet takes one item (the head, or the tail for `last`): one tick. */
  activate(node: NodeRuntime, last = false): Outcome {
    const tasklet = node.tasklet
    if (tasklet.items.length === 0) return Outcome.Empty
    this.tick++
    node.activations++
    node.lastRan = this.tick
    this.lastActive = node.id
    node.rewires = 0
    if (this.sink) return this.activateTraced(node, last)
    const outcome = tasklet.advance(last)
    if (outcome === Outcome.Raised) this.raised(node)
    if (node.rewires !== 0 || node.rescopeAsked) this.rewired(node)
    else node.rewires = -1
    return outcome
  }

  /** After an activation in which a code node rewired: its rescope, or its stop past a limit. */
  private rewired(node: NodeRuntime): void {
    const stop = this.wiring.settle(node)
    this.wiredDoc = null
    if (stop !== null && !node.tasklet.closed) this.fail(node.id, stop)
  }

  /** `activate` with every event traced: kept apart so the untraced path stays small. */
  private activateTraced(node: NodeRuntime, last: boolean): Outcome {
    const sink = this.sink!
    const tasklet = node.tasklet
    const item = (last ? tasklet.items.at(tasklet.items.length - 1) : tasklet.items.at(0)) as Value
    sink(last ? { type: 'activation', tick: this.tick, node: node.id, item, last } : { type: 'activation', tick: this.tick, node: node.id, item })
    const closed = tasklet.closed
    const outcome = tasklet.advance(last)
    if (outcome === Outcome.Discarded) {
      if (closed) sink({ type: 'discard', tick: this.tick, node: node.id, item })
      else sink({ type: 'close', tick: this.tick, node: node.id, reason: 'finished' })
    } else if (outcome === Outcome.Raised) this.raised(node)
    if (node.rewires !== 0 || node.rescopeAsked) this.rewired(node)
    else node.rewires = -1
    return outcome
  }

  priorityOf(node: NodeRuntime): number {
    const p = node.priority
    if (typeof p === 'number') return p
    return this.draw(node, p.random[0], p.random[1], 'priority')
  }

  emit(event: TraceEvent): void {
    this.sink?.(event)
  }

  /** A float in [0, 1) from the run's generator, drawn for a node's coroutine (traced). */
  drawFloat(node: NodeRuntime): number {
    const value = this.prng.random()
    if (this.sink) this.sink({ type: 'random', tick: this.tick, node: node.id, lo: 0, hi: 1, value, use: 'behaviour' })
    return value
  }

  /** An integer in [lo, hi] from the run's generator, drawn for a node's coroutine or its priority (traced). */
  draw(node: NodeRuntime, lo: number, hi: number, use: 'behaviour' | 'priority'): number {
    const drawn = this.prng.randint(lo, hi)
    const forced = use === 'behaviour' && this.forced.size > 0 ? this.takeForced(node.id, lo, hi) : undefined
    const value = forced ?? drawn
    if (this.sink)
      this.sink(
        forced === undefined
          ? { type: 'random', tick: this.tick, node: node.id, lo, hi, value, use }
          : { type: 'random', tick: this.tick, node: node.id, lo, hi, value, use, forced: true },
      )
    return value
  }

  /**
   * What if: the next behaviour draw `node` makes (a branch's or recycler's
   * 50/50) gives `value` instead of the generator's. The generator still
   * moves on as it would have, so no other draw changes. Used once; a value
   * outside that draw's [lo, hi] is dropped unused, and the generator's
   * value stands.
   */
  force(id: string, value: number): void {
    if (!this.nodes.has(id) || !Number.isInteger(value)) return
    this.forced.set(id, value)
  }

  /** The forced value of `id`'s draw in [lo, hi], once, or undefined (none, or out of range: dropped). */
  private takeForced(id: string, lo: number, hi: number): number | undefined {
    const value = this.forced.get(id)
    if (value === undefined) return undefined
    this.forced.delete(id)
    return value >= lo && value <= hi ? value : undefined
  }

  /** A written policy's draw from the run's generator (traced): a float in [0, 1), or an integer in [lo, hi]. */
  policyRandom(lo?: number, hi?: number): number {
    const integer = lo !== undefined && hi !== undefined
    const value = integer ? this.prng.randint(lo, hi) : this.prng.random()
    if (this.sink) this.sink({ type: 'random', tick: this.tick, lo: integer ? lo : 0, hi: integer ? hi : 1, value, use: 'policy' })
    return value
  }

  /**
   * The document's written policy as this run runs it: its name and its
   * compiled function, or why it cannot run (no compiler was given, or its
   * source did not compile); scheduled by hand, the document's picks as a
   * policy, read as they are at each decision. Null when the scheduler is
   * neither.
   */
  policyProgram(): PolicyProgram | null {
    if (this.doc.scheduler === 'hand') return handProgram(() => this.doc.hand?.picks ?? [])
    if (this.doc.scheduler !== 'policy') return null
    const policy = this.doc.policy
    if (!policy) return { name: '', decide: new Error('the document has no policy') }
    let decide = this.policies.get(policy.source)
    if (decide === undefined) {
      try {
        decide = this.policyCompiler ? this.policyCompiler(policy.source) : new Error('its code has not been allowed to run')
      } catch (e) {
        decide = e instanceof Error ? e : new Error(String(e))
      }
      this.policies.set(policy.source, decide)
    }
    return { name: policy.name, decide }
  }

  /** Stops the run at a limit: the scheduler's batch of steps ends, and `halt` says why until the next step. */
  stop(reason: StopReason, detail: string): void {
    this.halt = reason
    this.haltDetail = detail
    if (this.sink) this.sink({ type: 'limit', tick: this.tick, reason, detail })
  }

  private raised(node: NodeRuntime): void {
    this.delivery.counts.errors++
    const error = node.tasklet.error
    if (this.sink) {
      this.sink({ type: 'error', tick: this.tick, node: node.id, error: error ? `${error.name}: ${error.message}` : 'Error' })
      this.sink({ type: 'close', tick: this.tick, node: node.id, reason: 'error' })
    }
  }

  /**
   * A group node's coroutine: at its first item it starts an inner run of
   * its inside (this run's compiler, generator and limits, its own
   * scheduler and mode); each item it takes goes to the inside's input node,
   * and then the inner scheduler runs one step (`call` "next") or one call
   * until it has no work ("flush"). What an inner node named in `outputs`
   * outputs goes out of the group's port at once; the inner run's events go
   * to this run's trace as `inner` events. A limit inside (its budget, a
   * full queue, all inner runs' activations past this run's budget) closes
   * the group with the error saying so.
   */
  groupBehaviour(inside: GroupInside | undefined): Behaviour | Error {
    if (!inside) return new Error('the group has no inside')
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the coroutine's `this` is its tasklet
    const outer = this
    return function* group(ports, _params, env) {
      const routes = new Map<string, string[]>()
      for (const { port, node } of inside.outputs) routes.set(node, [...(routes.get(node) ?? []), port])
      const inner = new Simulation(insideDocument(inside, outer.doc), {
        compile: outer.compiler ?? undefined,
        ledger: false,
        outer: {
          prng: outer.prng,
          work: outer.work,
          output: (node, value) => {
            for (const port of routes.get(node) ?? []) ports[port]!(value)
          },
        },
      })
      outer.groups.set(env.id, inner)
      const forward: TraceSink = (event) => outer.sink?.({ type: 'inner', tick: outer.tick, group: env.id, event })
      while (true) {
        const item = (yield) as Value
        inner.setTrace(outer.sink ? forward : null)
        if (inside.input !== undefined) inner.send(inside.input, item)
        const work = outer.work
        const room = work.budget - work.activations
        if (room <= 0) throw new Error(`the groups' insides have used the run's activation budget (${work.budget})`)
        const before = inner.tick
        if (inside.call === 'next') inner.step()
        else inner.run(Math.min(GROUP_CALL_STEPS, room))
        work.activations += inner.tick - before
        if (inner.halt) throw new Error(`inside, ${inner.haltDetail ?? inner.halt}`)
      }
    }
  }

  // ---- the seed's Tasklet API on one node, by hand -----------------------

  /** Queues a value on a node (the seed's `send`); nothing runs. */
  send(id: string, value: Value): boolean {
    return this.queueByHand(id, value, ROOT_SEND)
  }

  /** An initial input or a hand send, which the ledger notes as its root. */
  private queueByHand(id: string, value: Value, root: number): boolean {
    const node = this.nodes.get(id)
    // What the page sends by hand is checked there, with a message; here it only must not get in.
    if (!node || !isSendable(value)) return false
    if (this.sink) this.sink({ type: 'send', tick: this.tick, node: id, value })
    if (this.ledger) this.ledger.cause = root
    return this.delivery.enqueue(node, value)
  }

  /** A hand action or an edit begins: what is queued during it (by a close handler, say) comes from no activation. */
  private byHand(): void {
    if (this.ledger) this.ledger.cause = ROOT_OTHER
  }

  /**
   * The tick the item at the head of a node's queue arrived at, or -1 when
   * the queue is empty: how long it has waited. Needs the item ledger.
   */
  headArrival(node: NodeRuntime): number {
    const queue = node.tasklet.items
    if (!(queue instanceof LedgerQueue)) throw new Error('headArrival needs the item ledger: run with { ledger: true }')
    const id = queue.headId
    return id < 0 ? -1 : queue.ledger.arrivalOf(id)
  }

  next(id: string): Outcome {
    const node = this.nodes.get(id)
    return node ? this.activate(node) : Outcome.Empty
  }

  last(id: string): Outcome {
    const node = this.nodes.get(id)
    return node ? this.activate(node, true) : Outcome.Empty
  }

  /** The seed's `flush`: next until the queue is empty or an item is not processed; returns how many were processed. */
  flush(id: string): number {
    const node = this.nodes.get(id)
    let processed = 0
    while (node && node.tasklet.items.length > 0 && this.tick < this.doc.limits.maxActivations) {
      if (this.activate(node) !== Outcome.Processed) break
      processed++
    }
    return processed
  }

  clear(id: string): void {
    const node = this.nodes.get(id)
    if (!node) return
    this.byHand()
    node.tasklet.clear()
    if (this.sink) this.sink({ type: 'reset', tick: this.tick, node: id, how: 'clear' })
  }

  close(id: string): void {
    const node = this.nodes.get(id)
    if (!node || node.tasklet.closed) return
    this.byHand()
    node.tasklet.close()
    if (this.sink) this.sink({ type: 'close', tick: this.tick, node: id, reason: 'closed' })
  }

  /**
   * Closes a node with an error, without running its coroutine again (no
   * close handler): how the sandbox stops a code node that hung.
   */
  fail(id: string, message: string): void {
    const node = this.nodes.get(id)
    if (!node) return
    this.byHand()
    node.tasklet.closed = true
    node.tasklet.error = Object.assign(new Error(message), { name: 'Stopped' })
    this.delivery.counts.errors++
    if (this.sink) {
      this.sink({ type: 'error', tick: this.tick, node: id, error: `Stopped: ${message}` })
      this.sink({ type: 'close', tick: this.tick, node: id, reason: 'error' })
    }
  }

  /** The seed's `restart`: a fresh coroutine with the same wiring, and an empty queue. */
  restart(id: string): void {
    const node = this.nodes.get(id)
    if (!node) return
    this.byHand()
    node.tasklet.restart()
    if (this.sink) this.sink({ type: 'reset', tick: this.tick, node: id, how: 'restart' })
  }

  /**
   * Edits a node's queue by hand, as a person does while the run is paused
   * (positions count from the head, 0 first): drop an item, set its value,
   * move it within the queue, insert one, or transfer it to another node's
   * queue at a position there. An insert at the tail is the seed's `send`.
   * Anything that does not fit the queues as they are — an unknown node, a
   * position out of range, a value a tasklet cannot be sent, a full queue
   * to put an item in — changes nothing and gives false (the page checks
   * first, with a message). The item ledger follows: a dropped item is
   * dropped now, a set or moved one keeps its id, an inserted or
   * transferred one is a new item sent by hand.
   * @example sim.editQueue('doubler', { op: 'move', from: 2, to: 0 })
   */
  editQueue(id: string, edit: QueueEdit): boolean {
    const node = this.nodes.get(id)
    if (!node) return false
    const items = node.tasklet.items
    const size = items.length
    switch (edit.op) {
      case 'drop': {
        if (!isPosition(edit.index, size)) return false
        this.byHand()
        const value = items.removeAt(edit.index) as Value
        if (this.sink) this.sink({ type: 'queue', tick: this.tick, node: id, edit: { ...edit }, value, size })
        return true
      }
      case 'set': {
        if (!isPosition(edit.index, size) || !isSendable(edit.value)) return false
        this.byHand()
        const was = items.at(edit.index) as Value
        items.setAt(edit.index, edit.value)
        if (this.sink) this.sink({ type: 'queue', tick: this.tick, node: id, edit: { ...edit }, value: edit.value, size, was })
        return true
      }
      case 'move': {
        if (!isPosition(edit.from, size) || !isPosition(edit.to, size) || edit.from === edit.to) return false
        this.byHand()
        const value = items.at(edit.from) as Value
        items.move(edit.from, edit.to)
        if (this.sink) this.sink({ type: 'queue', tick: this.tick, node: id, edit: { ...edit }, value, size })
        return true
      }
      case 'insert': {
        if (!isPosition(edit.index, size + 1) || !isSendable(edit.value)) return false
        // At the tail it is the seed's own send (traced as one, a full queue overflowing as a send's does).
        if (edit.index === size) return this.send(id, edit.value)
        if (!this.delivery.fits(node)) return false
        if (this.ledger) this.ledger.cause = ROOT_SEND
        items.insertAt(edit.index, edit.value)
        if (this.sink) this.sink({ type: 'queue', tick: this.tick, node: id, edit: { ...edit }, value: edit.value, size })
        return true
      }
      case 'transfer': {
        const target = this.nodes.get(edit.to)
        if (!target || target === node || !isPosition(edit.index, size) || !isPosition(edit.at, target.tasklet.items.length + 1)) return false
        // The item leaves one queue for another: all queues hold as many as before, but the target's own cap must hold.
        if (target.tasklet.items.length >= this.delivery.maxQueue) return false
        this.byHand()
        const value = items.removeAt(edit.index) as Value
        if (this.ledger) this.ledger.cause = ROOT_SEND
        target.tasklet.items.insertAt(edit.at, value)
        if (this.sink) this.sink({ type: 'queue', tick: this.tick, node: id, edit: { ...edit }, value, size })
        return true
      }
      default:
        return false
    }
  }

  // ---- editing while it runs ----------------------------------------------

  /**
   * Brings the run in line with an edited document: new nodes get tasklets,
   * deleted ones drop their queued items (traced), re-wired or re-configured
   * ones are re-scoped with their queues kept. Inputs and seed take effect
   * on the next fresh run; scheduler and mode changes start a new call.
   * New picks (scheduled by hand) are the run's from its next decision.
   */
  update(document: MeshDocument): void {
    const previous = this.doc
    this.byHand()
    this.doc = document
    this.delivery.maxQueue = document.limits.maxQueue
    this.order = this.wiring.apply(document)
    this.wiredDoc = null
    for (const node of this.order) this.wiring.scope(node)
    const policyChanged = document.scheduler === 'policy' && (document.policy?.source !== previous.policy?.source || document.policy?.name !== previous.policy?.name)
    if (document.scheduler !== previous.scheduler || document.mode !== previous.mode || policyChanged) {
      this.scheduler = createScheduler(document.scheduler, document.mode, this.policyProgram())
      // What the old policy said no longer holds: the run shows what the new scheduler would do next.
      if (this.halt === 'policy') {
        this.halt = null
        this.haltDetail = null
      }
    }
    this.scheduler.nodesChanged(this)
  }

  /** Switches scheduler or mode mid-run; the new one starts a fresh call. */
  setScheduler(kind: SchedulerKind, mode: SchedulerMode): void {
    this.update({ ...this.doc, scheduler: kind, mode })
  }

  /** The document the run follows now: the person's, as given (without what code nodes rewired: see `mesh`). */
  get document(): MeshDocument {
    return this.doc
  }

  /**
   * The run's mesh now: the document with the wires its code nodes made and
   * cut (self.connect, disconnect, rescope) in place of theirs. The document
   * itself when nothing was rewired.
   */
  get mesh(): MeshDocument {
    if (this.wiredDoc === null) {
      const edges = this.wiring.edges(this.doc)
      this.wiredDoc = edges === this.doc.edges ? this.doc : { ...this.doc, edges }
    }
    return this.wiredDoc
  }

  /** What code nodes rewired, for a snapshot. */
  saveRewired(): Rewired {
    return this.wiring.saveRewired()
  }

  /** Whether the next step would begin a new taskmaster round or priority pass. */
  atRoundEnd(): boolean {
    return this.scheduler.atRoundEnd(this)
  }

  schedulerView(): SchedulerView {
    return this.scheduler.view()
  }

  // ---- time travel (see snapshot.ts) ----------------------------------------

  /** The node the next step would activate, or null when the scheduler's call would end (or a limit stop it); nothing changes. */
  peekNext(): string | null {
    return peek(this, this.scheduler).next
  }

  /** The next step, looked at: the node it would activate, and the stop its written policy would come to instead, if any. Nothing changes. */
  peek(): Peek {
    return peek(this, this.scheduler)
  }

  snapshot(): RunSnapshot {
    return takeSnapshot(this, this.scheduler.save())
  }

  /** Puts the run back as it was at a snapshot taken with the same document. */
  restore(snapshot: RunSnapshot): void {
    // The wiring first, as the code had left it: the tasklets are then restarted with it.
    this.wiring.loadRewired(snapshot.rewired)
    this.order = this.wiring.apply(this.doc)
    this.wiredDoc = null
    for (const node of this.order) this.wiring.scope(node)
    this.scheduler = restoreSnapshot(this, this.delivery, snapshot)
  }
}

/** Whether `index` is a position in a list of `length`: a whole number from 0 to length − 1. */
function isPosition(index: number, length: number): boolean {
  return Number.isSafeInteger(index) && index >= 0 && index < length
}
