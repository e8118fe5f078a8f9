/**
 * A running mesh: one tasklet per node, wired by the document's edges and
 * driven by a scheduler, one activation (tick) at a time. The document may
 * change at any tick (`update`): re-wiring re-scopes a tasklet and keeps
 * its queue, as the seed's `rescope` does.
 */
import { OutputLog, type Output } from './output-log'
import { type MeshDocument, type MeshNode, type Priority, type SchedulerKind, type SchedulerMode } from './document'
import { idRecord } from './id-record'
import { KINDS, portsOf, type Behaviour, type NodeEnv, type NodeKind, type NodeRandom, type Params, type Port } from './kinds'
import { Prng } from './prng'
import { createScheduler, type Scheduler, type SchedulerHost, type SchedulerState, type SchedulerView } from './schedulers'
import { Outcome, Tasklet } from './tasklet'
import type { RunResult } from './run-stop'
import { TRACE_QUEUE_ITEMS, type SchedulerEvent, type StopReason, type TraceEvent, type TraceSink } from './trace'
import { isSendable, unsendableError, type Value } from './value'
import { count } from './count'

/** How many sink outputs a run keeps (the newest); the count goes on. */
export const OUTPUT_KEEP = 2_000

/**
 * The most items all of a run's queues may hold together, whatever each
 * queue's cap: past it an item is dropped and the run stops, as at a full
 * queue. With the Timeline's keyframes (see KEYFRAME_ITEMS) it bounds the
 * memory a run holds: a mesh with `maxQueue` 10,000,000 once took 2 GB in 3 s.
 */
export const MAX_HELD_ITEMS = 1_000_000

/** One node of a running mesh. */
export interface NodeRuntime {
  readonly id: string
  kind: NodeKind
  label: string
  params: Params
  priority: Priority
  readonly tasklet: Tasklet<Value>
  removed: boolean
  /** Items this node took from its queue. */
  activations: number
  /** Items it sent along unwired ports, or lost when its queue overflowed. */
  dropped: number
  /** Values it output (sinks). */
  received: number
  /** A code node's source and ports. */
  code: { source: string; ports: string[] } | undefined
  /** The coroutine function it runs (kind, and a code node's source), to know when to `set` anew. */
  fnKey: string
  /** The wiring its coroutine was scoped with, to know when to rescope. */
  scope: string
}

/** Turns a code node's source into its coroutine; throws (a SyntaxError, say) when it cannot. */
export type CodeCompiler = (source: string) => Behaviour

export interface RunStats {
  activations: number
  emitted: number
  dropped: number
  overflowed: number
  outputs: number
  errors: number
}

/** Everything needed to put a run back at a tick (for the built-in kinds, whose coroutines keep no state between items). */
export interface RunSnapshot {
  tick: number
  prng: number
  scheduler: SchedulerState
  nodes: { id: string; queue: Value[]; closed: boolean; error: string | null; activations: number; dropped: number; received: number }[]
  outputs: Output[]
  stats: RunStats
  halt: StopReason | null
  haltDetail: string | null
  lastActive: string | null
}

export interface SimulationOptions {
  /** Receives every trace event; leave out to run fast with tracing off. */
  trace?: TraceSink
  /**
   * Compiles code nodes. The engine never evaluates code by itself: without
   * a compiler a code node is closed with an error saying its code did not run.
   */
  compile?: CodeCompiler
  /** How many queued items a scheduler's `execute` event lists (TRACE_QUEUE_ITEMS unless set; Infinity lists all, as the seed printed). */
  traceQueueItems?: number
}

export class Simulation implements SchedulerHost<NodeRuntime> {
  readonly nodes = new Map<string, NodeRuntime>()
  order: NodeRuntime[] = []
  tick = 0
  readonly prng: Prng
  private readonly counts: Omit<RunStats, 'activations' | 'emitted'> = { dropped: 0, overflowed: 0, outputs: 0, errors: 0 }
  /** Items sent along wires (kept apart from `counts`: it changes at nearly every activation). */
  private emitted = 0
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
  private sink: TraceSink | null
  private scheduler: Scheduler
  private doc: MeshDocument
  /** The document's queue cap, kept at hand for the hot path. */
  private maxQueue: number
  /** Items queued since all queues were last counted, and how many may be before they are counted again (MAX_HELD_ITEMS). */
  private pushed = 0
  private pushRoom = 0
  private edgesBySource = new Map<string, MeshDocument['edges']>()
  private readonly compile: CodeCompiler | null
  private readonly compiled = new Map<string, Behaviour | Error>()

  constructor(document: MeshDocument, options: SimulationOptions = {}) {
    this.doc = document
    this.maxQueue = document.limits.maxQueue
    this.sink = options.trace ?? null
    this.tracing = this.sink !== null
    this.compile = options.compile ?? null
    this.traceQueueItems = options.traceQueueItems ?? TRACE_QUEUE_ITEMS
    this.prng = new Prng(document.seed)
    this.scheduler = createScheduler(document.scheduler, document.mode)
    this.indexEdges(document)
    for (const node of document.nodes) this.addNode(node)
    this.order = document.nodes.map((n) => this.nodes.get(n.id)!)
    for (const node of this.order) this.scopeNode(node)
    for (const input of document.inputs) for (const value of input.values) this.send(input.node, value)
  }

  /** Sink outputs so far (more than `outputs` keeps). */
  get outputCount(): number {
    return this.counts.outputs
  }

  /** The run's counters; activations are the tick. */
  get stats(): RunStats {
    return { activations: this.tick, emitted: this.emitted, ...this.counts }
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
    this.lastActive = node.id
    if (this.sink) return this.activateTraced(node, last)
    const outcome = tasklet.advance(last)
    if (outcome === Outcome.Raised) this.raised(node)
    return outcome
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
    return outcome
  }

  priorityOf(node: NodeRuntime): number {
    const p = node.priority
    if (typeof p === 'number') return p
    return this.draw(node, p.random[0], p.random[1], 'priority')
  }

  emit(event: SchedulerEvent): void {
    this.sink?.(event)
  }

  // ---- the seed's Tasklet API on one node, by hand -----------------------

  /** Queues a value on a node (the seed's `send`); nothing runs. */
  send(id: string, value: Value): boolean {
    const node = this.nodes.get(id)
    // What the page sends by hand is checked there, with a message; here it only must not get in.
    if (!node || !isSendable(value)) return false
    if (this.sink) this.sink({ type: 'send', tick: this.tick, node: id, value })
    return this.enqueue(node, value)
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
    node.tasklet.clear()
    if (this.sink) this.sink({ type: 'reset', tick: this.tick, node: id, how: 'clear' })
  }

  close(id: string): void {
    const node = this.nodes.get(id)
    if (!node || node.tasklet.closed) return
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
    node.tasklet.closed = true
    node.tasklet.error = Object.assign(new Error(message), { name: 'Stopped' })
    this.counts.errors++
    if (this.sink) {
      this.sink({ type: 'error', tick: this.tick, node: id, error: `Stopped: ${message}` })
      this.sink({ type: 'close', tick: this.tick, node: id, reason: 'error' })
    }
  }

  /** The seed's `restart`: a fresh coroutine with the same wiring, and an empty queue. */
  restart(id: string): void {
    const node = this.nodes.get(id)
    if (!node) return
    node.tasklet.restart()
    if (this.sink) this.sink({ type: 'reset', tick: this.tick, node: id, how: 'restart' })
  }

  // ---- editing while it runs ----------------------------------------------

  /**
   * Brings the run in line with an edited document: new nodes get tasklets,
   * deleted ones drop their queued items (traced), re-wired or re-configured
   * ones are re-scoped with their queues kept. Inputs and seed take effect
   * on the next fresh run; scheduler and mode changes start a new call.
   */
  update(document: MeshDocument): void {
    const previous = this.doc
    this.doc = document
    this.maxQueue = document.limits.maxQueue
    this.indexEdges(document)
    const keep = new Set(document.nodes.map((n) => n.id))
    for (const node of this.order) if (!keep.has(node.id)) this.removeNode(node)
    for (const spec of document.nodes) {
      const node = this.nodes.get(spec.id)
      if (!node) this.addNode(spec)
      else {
        node.label = spec.label
        node.priority = spec.priority
        node.params = spec.params
        node.kind = spec.kind
        node.code = spec.code
      }
    }
    this.order = document.nodes.map((n) => this.nodes.get(n.id)!)
    for (const node of this.order) this.scopeNode(node)
    if (document.scheduler !== previous.scheduler || document.mode !== previous.mode) {
      this.scheduler = createScheduler(document.scheduler, document.mode)
    }
    this.scheduler.nodesChanged(this)
  }

  /** Switches scheduler or mode mid-run; the new one starts a fresh call. */
  setScheduler(kind: SchedulerKind, mode: SchedulerMode): void {
    this.update({ ...this.doc, scheduler: kind, mode })
  }

  /** The document the run follows now. */
  get document(): MeshDocument {
    return this.doc
  }

  /**
   * The node the next step would activate, or null when the scheduler's call
   * would end (or a limit stop it) — found by a dry run of a copy of the
   * scheduler, with a copy of the random generator: nothing here changes.
   */
  peekNext(): string | null {
    if (this.tick >= this.doc.limits.maxActivations && this.queued() > 0) return null
    const dry = createScheduler(this.scheduler.kind, this.scheduler.mode)
    dry.load(this.scheduler.save(), (id) => this.nodes.get(id))
    const prng = new Prng(0)
    prng.state = this.prng.state
    let chosen: string | null = null
    const host: SchedulerHost<NodeRuntime> = {
      order: this.order,
      tick: this.tick,
      tracing: false,
      traceQueueItems: 0,
      halt: null,
      activate: (node) => {
        chosen = node.id
        return Outcome.Processed
      },
      priorityOf: (node) => (typeof node.priority === 'number' ? node.priority : prng.randint(node.priority.random[0], node.priority.random[1])),
      emit: () => {},
    }
    return dry.step(host) ? chosen : null
  }

  /** Whether the next step would begin a new taskmaster round or priority pass. */
  atRoundEnd(): boolean {
    return this.scheduler.atRoundEnd(this)
  }

  schedulerView(): SchedulerView {
    return this.scheduler.view()
  }

  // ---- time travel ----------------------------------------------------------

  snapshot(): RunSnapshot {
    return {
      tick: this.tick,
      prng: this.prng.state,
      scheduler: this.scheduler.save(),
      nodes: this.order.map((n) => ({
        id: n.id,
        queue: n.tasklet.items.toArray(),
        closed: n.tasklet.closed,
        error: n.tasklet.error ? `${n.tasklet.error.name}: ${n.tasklet.error.message}` : null,
        activations: n.activations,
        dropped: n.dropped,
        received: n.received,
      })),
      outputs: this.outputs.toArray(),
      stats: { ...this.stats },
      halt: this.halt,
      haltDetail: this.haltDetail,
      lastActive: this.lastActive,
    }
  }

  /** Puts the run back as it was at a snapshot taken with the same document. */
  restore(snapshot: RunSnapshot): void {
    // The queues change here without enqueue: count them again at the next item.
    this.pushRoom = 0
    this.tick = snapshot.tick
    this.prng.state = snapshot.prng
    const { activations: _activations, emitted, ...counts } = snapshot.stats
    this.emitted = emitted
    Object.assign(this.counts, counts)
    this.halt = snapshot.halt
    this.haltDetail = snapshot.haltDetail
    this.lastActive = snapshot.lastActive
    this.outputs.clear()
    for (const output of snapshot.outputs) this.outputs.push(output.tick, output.node, output.value)
    for (const saved of snapshot.nodes) {
      const node = this.nodes.get(saved.id)
      if (!node) continue
      const tasklet = node.tasklet
      tasklet.restart()
      for (const item of saved.queue) tasklet.items.push(item)
      if (saved.closed) tasklet.close()
      if (saved.error) {
        const [name, ...rest] = saved.error.split(': ')
        tasklet.error = Object.assign(new Error(rest.join(': ')), { name })
      }
      node.activations = saved.activations
      node.dropped = saved.dropped
      node.received = saved.received
    }
    this.scheduler = createScheduler(this.doc.scheduler, this.doc.mode)
    this.scheduler.load(snapshot.scheduler, (id) => this.nodes.get(id))
  }

  // ---- inside ---------------------------------------------------------------

  private indexEdges(document: MeshDocument): void {
    this.edgesBySource.clear()
    for (const edge of document.edges) {
      const list = this.edgesBySource.get(edge.source)
      if (list) list.push(edge)
      else this.edgesBySource.set(edge.source, [edge])
    }
  }

  private addNode(spec: MeshNode): void {
    const node: NodeRuntime = {
      id: spec.id,
      kind: spec.kind,
      label: spec.label,
      params: spec.params,
      priority: spec.priority,
      tasklet: new Tasklet<Value>(),
      removed: false,
      activations: 0,
      dropped: 0,
      received: 0,
      code: spec.code,
      fnKey: '',
      scope: '',
    }
    // A code node's `this.send(v)` queues on its own tasklet: the same rule as its ports.
    node.tasklet.accept = (value) => {
      if (!isSendable(value)) throw unsendableError(node.label, value)
      if (node.tasklet.items.length >= this.maxQueue || (++this.pushed > this.pushRoom && !this.recount())) {
        this.overflow(node, value)
        throw new Error(`${node.label}'s queue has no room for another item`)
      }
    }
    this.nodes.set(spec.id, node)
  }

  private removeNode(node: NodeRuntime): void {
    node.removed = true
    for (const value of node.tasklet.items) {
      node.dropped++
      this.counts.dropped++
      if (this.sink) this.sink({ type: 'drop', tick: this.tick, node: node.id, port: '', value, reason: 'node-removed' })
    }
    node.tasklet.clear()
    node.tasklet.close()
    this.nodes.delete(node.id)
  }

  /**
   * Gives a node the coroutine its document asks for: a new one (`set`, the
   * queue kept) when its kind or code changed, or the same one re-scoped
   * with new ports and parameters (the seed's `rescope`) when its wiring did.
   */
  private scopeNode(node: NodeRuntime): void {
    const edges = this.edgesBySource.get(node.id) ?? []
    const fnKey = node.kind === 'code' ? `code:${node.code?.source ?? ''}` : node.kind
    const scope = JSON.stringify([edges.map((e) => [e.port, e.target]), node.params, node.code?.ports ?? null])
    if (fnKey !== node.fnKey) {
      node.fnKey = fnKey
      node.scope = scope
      const queue = node.tasklet.items
      node.tasklet.set(this.behaviourOf(node), ...this.scopeArgs(node))
      node.tasklet.items = queue
    } else if (scope !== node.scope) {
      node.scope = scope
      node.tasklet.rescope(...this.scopeArgs(node))
      if (this.sink) this.sink({ type: 'reset', tick: this.tick, node: node.id, how: 'rescope' })
    }
  }

  /** A node's coroutine function: its kind's, or its code compiled (once per source). */
  private behaviourOf(node: NodeRuntime): Behaviour {
    if (node.kind !== 'code') return KINDS[node.kind].behaviour
    const source = node.code?.source ?? ''
    let compiled = this.compiled.get(source)
    if (compiled === undefined) {
      try {
        compiled = this.compile ? this.compile(source) : new Error('its code has not been allowed to run')
      } catch (e) {
        compiled = e instanceof Error ? e : new Error(String(e))
      }
      this.compiled.set(source, compiled)
    }
    if (!(compiled instanceof Error)) return compiled
    const error = compiled
    if (this.sink) this.sink({ type: 'error', tick: this.tick, node: node.id, error: `${error.name}: ${error.message}` })
    // Raised while priming: the tasklet starts closed, with the error shown on the node.
    // eslint-disable-next-line require-yield
    return function* failed() {
      throw error
    }
  }

  private scopeArgs(node: NodeRuntime): [Record<string, Port>, Params, NodeEnv] {
    const ports = idRecord<Port>()
    const edges = this.edgesBySource.get(node.id) ?? []
    for (const port of portsOf(node)) {
      const targets = edges.filter((e) => e.port === port).map((e) => this.nodes.get(e.target)!)
      ports[port] = this.makePort(node, port, targets)
    }
    const random = (() => this.drawFloat(node)) as NodeRandom
    random.randint = (lo, hi) => this.draw(node, lo, hi, 'behaviour')
    const env: NodeEnv = {
      id: node.id,
      random,
      output: (value) => {
        if (!isSendable(value)) throw unsendableError(node.label, value)
        this.output(node, value)
      },
      sendTo: (id, value) => {
        if (!isSendable(value)) throw unsendableError(node.label, value)
        const target = this.nodes.get(id)
        if (!target) return false
        this.deliver(node, '*', target, value)
        return true
      },
      targets: (port) => edges.filter((e) => e.port === port).map((e) => e.target),
      nodes: () => this.order.map((n) => n.id),
    }
    return [ports, node.params, env]
  }

  private makePort(node: NodeRuntime, port: string, targets: NodeRuntime[]): Port {
    // One closure for every port (one shape where coroutines call it), with the usual single target at hand.
    const only = targets.length === 1 ? targets[0]! : null
    const send = (value: Value): void => {
      // Raised in the coroutine that sent it, which closes its tasklet: a value only crosses a wire if a mesh can carry it.
      if (!isSendable(value)) throw unsendableError(node.label, value)
      if (only !== null) this.deliver(node, port, only, value)
      else if (targets.length === 0) this.drop(node, port, value)
      else for (let i = 0; i < targets.length; i++) this.deliver(node, port, targets[i]!, value)
    }
    return Object.assign(send, { send })
  }

  // deliver and enqueue run at nearly every activation: what is rare (tracing, a full queue) is kept apart, so they stay small enough to inline.
  private deliver(from: NodeRuntime, port: string, to: NodeRuntime, value: Value): void {
    this.emitted++
    if (this.sink) this.traceEmit(from, port, to, value)
    this.enqueue(to, value)
  }

  private traceEmit(from: NodeRuntime, port: string, to: NodeRuntime, value: Value): void {
    this.sink!({ type: 'emit', tick: this.tick, from: from.id, port, to: to.id, value })
  }

  private enqueue(node: NodeRuntime, value: Value): boolean {
    const items = node.tasklet.items
    if (items.length >= this.maxQueue || ++this.pushed > this.pushRoom) return this.enqueueCounted(node, value)
    items.push(value)
    return true
  }

  /** `enqueue` when the node's queue is full, or when all queues are due to be counted again. */
  private enqueueCounted(node: NodeRuntime, value: Value): boolean {
    if (node.tasklet.items.length >= this.maxQueue || !this.recount()) return this.overflow(node, value)
    node.tasklet.items.push(value)
    return true
  }

  /**
   * Counts the items in all queues, and whether one more fits beside them.
   * They are counted only every so many items: each item queued adds at
   * most one, so the queues cannot pass MAX_HELD_ITEMS before the next count.
   */
  private recount(): boolean {
    this.pushRoom = MAX_HELD_ITEMS - this.queued()
    this.pushed = 1
    return this.pushRoom > 0
  }

  /** An item that does not fit in a full queue, or in all queues together: dropped, and the run stops (once). */
  private overflow(node: NodeRuntime, value: Value): false {
    const full = node.tasklet.items.length >= this.maxQueue
    const cap = full ? this.maxQueue : MAX_HELD_ITEMS
    node.dropped++
    this.counts.overflowed++
    if (this.sink) this.sink({ type: 'overflow', tick: this.tick, node: node.id, value, cap })
    if (!this.halt) {
      this.stop(
        'queue-cap',
        full
          ? `${node.label}'s queue is full (${cap} items); new items are dropped`
          : `the queues hold ${count(cap)} items in all, the most a run may hold; new items are dropped`,
      )
    }
    return false
  }

  private drop(node: NodeRuntime, port: string, value: Value): void {
    node.dropped++
    this.counts.dropped++
    if (this.sink) this.sink({ type: 'drop', tick: this.tick, node: node.id, port, value, reason: 'unwired' })
  }

  private output(node: NodeRuntime, value: Value): void {
    node.received++
    this.counts.outputs++
    this.outputs.push(this.tick, node.id, value)
    if (this.sink) this.sink({ type: 'output', tick: this.tick, node: node.id, value })
  }

  private drawFloat(node: NodeRuntime): number {
    const value = this.prng.random()
    if (this.sink) this.sink({ type: 'random', tick: this.tick, node: node.id, lo: 0, hi: 1, value, use: 'behaviour' })
    return value
  }

  private draw(node: NodeRuntime, lo: number, hi: number, use: 'behaviour' | 'priority'): number {
    const value = this.prng.randint(lo, hi)
    if (this.sink) this.sink({ type: 'random', tick: this.tick, node: node.id, lo, hi, value, use })
    return value
  }

  private raised(node: NodeRuntime): void {
    this.counts.errors++
    const error = node.tasklet.error
    if (this.sink) {
      this.sink({ type: 'error', tick: this.tick, node: node.id, error: error ? `${error.name}: ${error.message}` : 'Error' })
      this.sink({ type: 'close', tick: this.tick, node: node.id, reason: 'error' })
    }
  }

  private stop(reason: StopReason, detail: string): void {
    this.halt = reason
    this.haltDetail = detail
    if (this.sink) this.sink({ type: 'limit', tick: this.tick, reason, detail })
  }
}

export type { Output, TraceEvent }
