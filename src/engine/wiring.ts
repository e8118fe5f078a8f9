/**
 * Wiring a document into tasklets: one per node, whose coroutine its kind
 * builds (a code node's compiled with the run's compiler, once per source),
 * scoped with one port per output (sending to every node wired to it), its
 * parameters and the run's services. Re-wiring keeps a tasklet's queue: it
 * re-scopes the coroutine, as the seed's `rescope` does, or sets a new one
 * when the node's kind or code changed.
 */
import type { Delivery } from './delivery'
import type { GroupInside, MeshDocument, MeshEdge, MeshNode, Priority } from './document'
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
  /** Rewires (self.connect, disconnect, rescope) during its current activation; -1 while it is not activating. */
  rewires: number
  /** Its own `self.rescope` asked for: its coroutine starts anew once the activation ends. */
  rescopeAsked: boolean
}

/**
 * How far a code node may rewire the run's mesh: past either, the node is
 * stopped with an error saying so (the same at every replay).
 */
export const REWIRE_LIMITS = {
  /** Wires made or cut by one activation. */
  perActivation: 64,
  /** Wires from one node. */
  perNode: 256,
} as const

/** The wires of the run's mesh a code node has rewired: by source node, the edges that replace the document's from it. */
export type Rewired = [source: string, edges: MeshEdge[]][]

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
  /** Nodes whose wiring their code set (connect, disconnect, rescope): their edges, in place of the document's. */
  private readonly rewired = new Map<string, MeshEdge[]>()
  /** Each node's port closures' targets, by port, changed in place when the node rewires. */
  private readonly portTargets = new Map<string, Map<string, NodeRuntime[]>>()

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
    const keep = new Set(document.nodes.map((n) => n.id))
    // What a node's code rewired stays the run's (to the nodes that are still there); a deleted node's goes with it.
    for (const [source, edges] of this.rewired) {
      if (!keep.has(source)) this.rewired.delete(source)
      else
        this.rewired.set(
          source,
          edges.filter((e) => keep.has(e.target)),
        )
    }
    for (const edge of document.edges) {
      if (this.rewired.has(edge.source)) continue
      const list = this.edgesBySource.get(edge.source)
      if (list) list.push(edge)
      else this.edgesBySource.set(edge.source, [edge])
    }
    for (const [source, edges] of this.rewired) this.edgesBySource.set(source, edges)
    const nodes = this.run.nodes
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
    const coroutine = KINDS[node.kind].build(node, this)
    const scope = this.scopeKey(node)
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

  private scopeKey(node: NodeRuntime): string {
    const edges = this.edgesBySource.get(node.id) ?? []
    return JSON.stringify([edges.map((e) => [e.port, e.target]), node.params, node.code?.ports ?? null])
  }

  // ---- a code node rewiring the run's mesh (its `self`) --------------------

  /** The run's edges: the document's, but from the nodes whose code rewired them, theirs. */
  edges(document: MeshDocument): MeshEdge[] {
    if (this.rewired.size === 0) return document.edges
    const edges = document.edges.filter((e) => !this.rewired.has(e.source))
    for (const list of this.rewired.values()) edges.push(...list)
    return edges
  }

  /** What the code rewired, to snapshot. */
  saveRewired(): Rewired {
    return [...this.rewired].map(([source, edges]) => [source, edges.slice()])
  }

  /** Puts back what the code had rewired at a snapshot; `apply` and `scope` then wire by it. */
  loadRewired(rewired: Rewired | undefined): void {
    this.rewired.clear()
    for (const [source, edges] of rewired ?? []) this.rewired.set(source, edges.slice())
  }

  /**
   * Ends a node's activation in which it rewired: its asked-for rescope (a
   * new coroutine with the new ports, the queue kept, traced), or, past a
   * limit, the reason to stop it (the caller stops it: code may have caught
   * the error it was raised).
   */
  settle(node: NodeRuntime): string | null {
    const over = node.rewires > REWIRE_LIMITS.perActivation
    node.rewires = -1
    if (over) {
      node.rescopeAsked = false
      return `${node.label} rewired more than ${REWIRE_LIMITS.perActivation} wires in one activation`
    }
    if (node.rescopeAsked && !node.tasklet.closed) {
      node.rescopeAsked = false
      node.scope = this.scopeKey(node)
      node.tasklet.rescope(...this.scopeArgs(node))
      if (this.run.tracing) this.run.emit({ type: 'reset', tick: this.run.tick, node: node.id, how: 'rescope' })
    }
    node.rescopeAsked = false
    return null
  }

  /** Checks a rewire the code asked for: while it activates, under the limits, a port of its own; the target node, when named. */
  private checkRewire(node: NodeRuntime, verb: string, port: unknown, target?: unknown): NodeRuntime | undefined {
    checkActive(node, verb)
    if (typeof port !== 'string' || !portsOf(node).includes(port)) throw new Error(`self.${verb}: ${node.label} has no port ${describeName(port)}`)
    if (target === undefined) return undefined
    const found = typeof target === 'string' ? this.run.nodes.get(target) : undefined
    if (!found) throw new Error(`self.${verb}: there is no node ${describeName(target)}`)
    return found
  }

  /** Sets a node's edges (the run's, not the document's), traces what changed and re-points its ports' closures in place. */
  private rewire(node: NodeRuntime, edges: MeshEdge[], retarget: boolean): void {
    const before = this.edgesBySource.get(node.id) ?? []
    const has = (list: readonly MeshEdge[], e: MeshEdge) => list.some((o) => o.port === e.port && o.target === e.target)
    const cut = before.filter((e) => !has(edges, e))
    const made = edges.filter((e) => !has(before, e))
    node.rewires += cut.length + made.length
    if (node.rewires > REWIRE_LIMITS.perActivation) throw new Error(`${node.label} rewired more than ${REWIRE_LIMITS.perActivation} wires in one activation`)
    if (edges.length > REWIRE_LIMITS.perNode) throw new Error(`${node.label} may have at most ${REWIRE_LIMITS.perNode} wires`)
    this.rewired.set(node.id, edges)
    this.edgesBySource.set(node.id, edges)
    if (this.run.tracing) {
      for (const e of cut) this.run.emit({ type: 'wire', tick: this.run.tick, node: node.id, port: e.port, target: e.target, action: 'disconnect' })
      for (const e of made) this.run.emit({ type: 'wire', tick: this.run.tick, node: node.id, port: e.port, target: e.target, action: 'connect' })
    }
    if (!retarget) return
    const ports = this.portTargets.get(node.id)
    if (ports) {
      for (const [port, targets] of ports) {
        targets.length = 0
        for (const e of edges) if (e.port === port) targets.push(this.run.nodes.get(e.target)!)
      }
    }
    // Its coroutine already has these ports: the next `scope` has nothing to re-scope.
    node.scope = this.scopeKey(node)
  }

  private connect(node: NodeRuntime, port: unknown, target: unknown): boolean {
    const to = this.checkRewire(node, 'connect', port, target)!
    const edges = this.edgesBySource.get(node.id) ?? []
    if (edges.some((e) => e.port === port && e.target === to.id)) return false
    this.rewire(node, [...edges, this.edge(node, port as string, to.id)], true)
    return true
  }

  private disconnect(node: NodeRuntime, port: unknown, target: unknown): number {
    if (target !== undefined) this.checkRewire(node, 'disconnect', port, target)
    else this.checkRewire(node, 'disconnect', port)
    const edges = this.edgesBySource.get(node.id) ?? []
    const kept = edges.filter((e) => e.port !== port || (target !== undefined && e.target !== target))
    if (kept.length !== edges.length) this.rewire(node, kept, true)
    return edges.length - kept.length
  }

  private rescope(node: NodeRuntime, wiring: unknown): void {
    checkActive(node, 'rescope')
    if (typeof wiring !== 'object' || wiring === null || Array.isArray(wiring)) throw new Error('self.rescope takes { port: [node ids] }')
    const edges: MeshEdge[] = []
    for (const port of Object.keys(wiring)) {
      const value = (wiring as Record<string, unknown>)[port]
      const targets: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [NaN]
      if (targets.length > REWIRE_LIMITS.perNode) throw new Error(`${node.label} may have at most ${REWIRE_LIMITS.perNode} wires`)
      for (const target of targets) {
        const to = this.checkRewire(node, 'rescope', port, target)!
        if (!edges.some((e) => e.port === port && e.target === to.id)) edges.push(this.edge(node, port, to.id))
      }
    }
    this.rewire(node, edges, false)
    node.rescopeAsked = true
  }

  /** A wire the code made: its id names its ends. */
  private edge(node: NodeRuntime, port: string, target: string): MeshEdge {
    return { id: `${node.id}.${port}>${target}`, source: node.id, port, target }
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
      rewires: -1,
      rescopeAsked: false,
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
    this.portTargets.delete(node.id)
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
    const byPort = new Map<string, NodeRuntime[]>()
    for (const port of portsOf(node)) {
      const targets = edges.filter((e) => e.port === port).map((e) => run.nodes.get(e.target)!)
      byPort.set(port, targets)
      ports[port] = this.makePort(node, port, targets)
    }
    this.portTargets.set(node.id, byPort)
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
      targets: (port) => (this.edgesBySource.get(node.id) ?? []).filter((e) => e.port === port).map((e) => e.target),
      nodes: () => run.order.map((n) => n.id),
      connect: (port, target) => this.connect(node, port, target),
      disconnect: (port, target) => this.disconnect(node, port, target),
      rescope: (wiring) => this.rescope(node, wiring),
    }
    return [ports, node.params, env]
  }

  private makePort(node: NodeRuntime, port: string, targets: NodeRuntime[]): Port {
    const delivery = this.delivery
    // One closure for every port (one shape where coroutines call it); `targets` changes in place when the node rewires.
    const send = (value: Value): void => {
      // Raised in the coroutine that sent it, which closes its tasklet: a value only crosses a wire if a mesh can carry it.
      if (!isSendable(value)) throw unsendableError(node.label, value)
      if (targets.length === 1) delivery.deliver(node, port, targets[0]!, value)
      else if (targets.length === 0) delivery.drop(node, port, value)
      else for (let i = 0; i < targets.length; i++) delivery.deliver(node, port, targets[i]!, value)
    }
    return Object.assign(send, { send })
  }
}

/** A name the code gave, for a message: quoted and cut short, or what kind of value it was. */
function describeName(name: unknown): string {
  if (typeof name !== 'string') return `(a ${name === null ? 'null' : typeof name}, not a name)`
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name)
}

/** A rewire is a step of an activation: refused outside one, and past the activation's limit. */
function checkActive(node: NodeRuntime, verb: string): void {
  if (node.rewires < 0) throw new Error(`self.${verb} works only while ${node.label} takes an item`)
  if (node.rewires > REWIRE_LIMITS.perActivation) throw new Error(`${node.label} rewired more than ${REWIRE_LIMITS.perActivation} wires in one activation`)
}
