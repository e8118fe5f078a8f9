/**
 * Wiring a document into tasklets: one per node, whose coroutine its kind
 * builds (a code node's compiled with the run's compiler, once per source),
 * scoped with one port per output (sending to every node wired to it), its
 * parameters and the run's services. Re-wiring keeps a tasklet's queue: it
 * re-scopes the coroutine, as the seed's `rescope` does, or sets a new one
 * when the node's kind or code changed.
 */
import type { Delivery } from './delivery'
import type { GroupInside, MeshDocument, MeshNode, Priority } from './document'
import { idRecord } from './id-record'
import type { ItemLedger } from './item-ledger'
import { KINDS, portsOf, type Behaviour, type CodeCompiler, type KindContext, type NodeEnv, type NodeKind, type NodeRandom, type Params, type Port } from './kinds'
import { Tasklet } from './tasklet'
import type { TraceEvent } from './trace'
import { isSendable, unsendableError, type Value } from './value'

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
  /** The tick of its latest activation, or -1 before its first. */
  lastRan: number
  /** Items it sent along unwired ports, or lost when its queue overflowed. */
  dropped: number
  /** Values it output (sinks). */
  received: number
  /** A code node's source and ports. */
  code: { source: string; ports: string[] } | undefined
  /** A group node's inside. */
  group: GroupInside | undefined
  /** The key of the coroutine it runs (its kind's, or its code's), to know when to `set` anew. */
  fnKey: string
  /** The wiring its coroutine was scoped with, to know when to rescope. */
  scope: string
}

/** What the wiring needs from the run it wires. */
export interface WiringHost {
  readonly nodes: Map<string, NodeRuntime>
  readonly order: readonly NodeRuntime[]
  readonly tick: number
  readonly tracing: boolean
  /** The run's item ledger, when it keeps one: every node's queue then keeps its items' ids. */
  readonly ledger: ItemLedger | null
  emit(event: TraceEvent): void
  /** A float in [0, 1) from the run's generator, drawn for a node (traced). */
  drawFloat(node: NodeRuntime): number
  /** An integer in [lo, hi] from the run's generator, drawn for a node's coroutine (traced). */
  draw(node: NodeRuntime, lo: number, hi: number, use: 'behaviour'): number
  /** A group node's coroutine, which runs its inside as an inner run (see KindContext.group). */
  groupBehaviour(inside: GroupInside | undefined): Behaviour | Error
}

export class Wiring implements KindContext {
  private readonly run: WiringHost
  private readonly delivery: Delivery
  private readonly compiler: CodeCompiler | null
  private readonly compiled = new Map<string, Behaviour | Error>()
  private edgesBySource = new Map<string, MeshDocument['edges']>()

  constructor(run: WiringHost, delivery: Delivery, compiler: CodeCompiler | null) {
    this.run = run
    this.delivery = delivery
    this.compiler = compiler
  }

  /**
   * Brings the nodes in line with a document: new ones get tasklets (not yet
   * scoped), deleted ones drop their queued items, the others take the
   * document's label, kind, parameters and code. Returns them in document order.
   */
  apply(document: MeshDocument): NodeRuntime[] {
    this.edgesBySource.clear()
    for (const edge of document.edges) {
      const list = this.edgesBySource.get(edge.source)
      if (list) list.push(edge)
      else this.edgesBySource.set(edge.source, [edge])
    }
    const nodes = this.run.nodes
    const keep = new Set(document.nodes.map((n) => n.id))
    for (const node of this.run.order) if (!keep.has(node.id)) this.remove(node)
    for (const spec of document.nodes) {
      const node = nodes.get(spec.id)
      if (!node) this.add(spec)
      else {
        node.label = spec.label
        node.priority = spec.priority
        node.params = spec.params
        node.kind = spec.kind
        node.code = spec.code
        node.group = spec.group
      }
    }
    return document.nodes.map((n) => nodes.get(n.id)!)
  }

  /**
   * Gives a node the coroutine its kind builds for it: a new one (`set`, the
   * queue kept) when the coroutine's key changed, or the same one re-scoped
   * with new ports and parameters (the seed's `rescope`) when its wiring did.
   */
  scope(node: NodeRuntime): void {
    const edges = this.edgesBySource.get(node.id) ?? []
    const coroutine = KINDS[node.kind].build(node, this)
    const scope = JSON.stringify([edges.map((e) => [e.port, e.target]), node.params, node.code?.ports ?? null])
    if (coroutine.key !== node.fnKey) {
      node.fnKey = coroutine.key
      node.scope = scope
      node.tasklet.replace(this.runnable(node, coroutine.behaviour), ...this.scopeArgs(node))
    } else if (scope !== node.scope) {
      node.scope = scope
      node.tasklet.rescope(...this.scopeArgs(node))
      if (this.run.tracing) this.run.emit({ type: 'reset', tick: this.run.tick, node: node.id, how: 'rescope' })
    }
  }

  /** The run's compiler, once per source (a kind builds with it: see KindContext). */
  readonly compile = (source: string): Behaviour | Error => {
    let compiled = this.compiled.get(source)
    if (compiled === undefined) {
      try {
        compiled = this.compiler ? this.compiler(source) : new Error('its code has not been allowed to run')
      } catch (e) {
        compiled = e instanceof Error ? e : new Error(String(e))
      }
      this.compiled.set(source, compiled)
    }
    return compiled
  }

  /** A group's coroutine, from the run (a kind builds with it: see KindContext). */
  readonly group = (inside: GroupInside | undefined): Behaviour | Error => this.run.groupBehaviour(inside)

  private add(spec: MeshNode): void {
    const node: NodeRuntime = {
      id: spec.id,
      kind: spec.kind,
      label: spec.label,
      params: spec.params,
      priority: spec.priority,
      tasklet: new Tasklet<Value>(),
      removed: false,
      activations: 0,
      lastRan: -1,
      dropped: 0,
      received: 0,
      code: spec.code,
      group: spec.group,
      fnKey: '',
      scope: '',
    }
    if (this.run.ledger) node.tasklet.items = this.run.ledger.queue(spec.id)
    // A code node's `this.send(v)` queues on its own tasklet: the same rule as its ports.
    node.tasklet.accept = (value) => {
      if (!isSendable(value)) throw unsendableError(node.label, value)
      if (!this.delivery.admit(node, value)) throw new Error(`${node.label}'s queue has no room for another item`)
    }
    this.run.nodes.set(spec.id, node)
  }

  private remove(node: NodeRuntime): void {
    node.removed = true
    this.delivery.dropQueue(node)
    node.tasklet.close()
    this.run.nodes.delete(node.id)
  }

  /** The coroutine to set: the one built, or, when it could not be, one that raises its error (traced). */
  private runnable(node: NodeRuntime, behaviour: Behaviour | Error): Behaviour {
    if (!(behaviour instanceof Error)) return behaviour
    const error = behaviour
    if (this.run.tracing) this.run.emit({ type: 'error', tick: this.run.tick, node: node.id, error: `${error.name}: ${error.message}` })
    // Raised while priming: the tasklet starts closed, with the error shown on the node.
    // eslint-disable-next-line require-yield
    return function* failed() {
      throw error
    }
  }

  private scopeArgs(node: NodeRuntime): [Record<string, Port>, Params, NodeEnv] {
    const run = this.run
    const delivery = this.delivery
    const ports = idRecord<Port>()
    const edges = this.edgesBySource.get(node.id) ?? []
    for (const port of portsOf(node)) {
      const targets = edges.filter((e) => e.port === port).map((e) => run.nodes.get(e.target)!)
      ports[port] = this.makePort(node, port, targets)
    }
    const random = (() => run.drawFloat(node)) as NodeRandom
    random.randint = (lo, hi) => run.draw(node, lo, hi, 'behaviour')
    const env: NodeEnv = {
      id: node.id,
      random,
      output: (value) => {
        if (!isSendable(value)) throw unsendableError(node.label, value)
        delivery.output(node, value)
      },
      sendTo: (id, value) => {
        if (!isSendable(value)) throw unsendableError(node.label, value)
        const target = run.nodes.get(id)
        if (!target) return false
        delivery.deliver(node, '*', target, value)
        return true
      },
      targets: (port) => edges.filter((e) => e.port === port).map((e) => e.target),
      nodes: () => run.order.map((n) => n.id),
    }
    return [ports, node.params, env]
  }

  private makePort(node: NodeRuntime, port: string, targets: NodeRuntime[]): Port {
    const delivery = this.delivery
    // One closure for every port (one shape where coroutines call it), with the usual single target at hand.
    const only = targets.length === 1 ? targets[0]! : null
    const send = (value: Value): void => {
      // Raised in the coroutine that sent it, which closes its tasklet: a value only crosses a wire if a mesh can carry it.
      if (!isSendable(value)) throw unsendableError(node.label, value)
      if (only !== null) delivery.deliver(node, port, only, value)
      else if (targets.length === 0) delivery.drop(node, port, value)
      else for (let i = 0; i < targets.length; i++) delivery.deliver(node, port, targets[i]!, value)
    }
    return Object.assign(send, { send })
  }
}
