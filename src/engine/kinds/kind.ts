/**
 * What a node kind is: its ports, its parameters and how a node of it gets
 * its coroutine. A coroutine gets one function per port, by name (calling
 * it sends to every node wired to that port, in edge order), the node's
 * parameters, and the run's services (seeded randomness, sink output);
 * `this` is its tasklet.
 */
import type { GroupInside } from '../document'
import type { CoroutineFn } from '../tasklet'
import type { Value } from '../value'

/**
 * Sends a value along a port to every wired target (none: the value is
 * dropped). Call it, as the seed called its targets, or use `port.send(v)`.
 */
export type Port = ((value: Value) => void) & { send(value: Value): void }

/** The run's seeded random numbers; every draw is traced. `random()` is a float in [0, 1). */
export type NodeRandom = (() => number) & { randint(lo: number, hi: number): number }

/** What the run offers a coroutine besides its ports and parameters (a code node's `self`). */
export interface NodeEnv {
  /** This node's id. */
  readonly id: string
  /** Random numbers from the run's one seeded generator, never Math.random. */
  random: NodeRandom
  /** Records a value as this node's output (what a sink prints). */
  output(value: Value): void
  /** Sends straight to any node of the mesh by id: a node choosing its own pathway. False when there is no such node. */
  sendTo(node: string, value: Value): boolean
  /** The ids of the nodes wired to one of this node's ports, in edge order. */
  targets(port: string): string[]
  /** Every node's id, in the mesh's order. */
  nodes(): string[]
  /**
   * Wires one of this node's ports to a node of the run's mesh (after its
   * other targets), at once: what the port sends from now on reaches it too.
   * False when that wire is already there. Only while the node takes an
   * item; an unknown port or node, or too many rewires, raises (see
   * REWIRE_LIMITS). The person's document is untouched: it is the run's mesh.
   */
  connect(port: string, target: string): boolean
  /** Cuts this node's wires from a port (to `target` only, when given), at once; how many were cut. */
  disconnect(port: string, target?: string): number
  /**
   * Replaces this node's wiring as a whole — `{ port: [targets…] }`, a port
   * left out is unwired — as the seed's `rescope` replaces a coroutine's
   * arguments: once this activation ends, the node's coroutine starts anew
   * with the new ports (its queue kept; what it kept in variables is gone).
   */
  rescope(wiring: Readonly<Record<string, string | readonly string[]>>): void
}

export type Params = Record<string, Value>

/** A coroutine's ports by name: exactly the names `P` (any name, for a code node, which declares its own). */
export type Ports<P extends string = string> = Record<P, Port>

/** A node's coroutine function, given its ports `P` by name, its parameters and the run's services. */
export type Behaviour<P extends string = string> = CoroutineFn<Value, [ports: Ports<P>, params: Params, env: NodeEnv]>

/** Turns a code node's source into its coroutine; throws (a SyntaxError, say) when it cannot. */
export type CodeCompiler = (source: string) => Behaviour

/** What a run lends a kind to build a node's coroutine with. */
export interface KindContext {
  /**
   * The run's compiler, once per source: the coroutine, or the Error that
   * keeps the code from running (it did not compile, or the run was given no
   * compiler: the engine never evaluates code by itself).
   */
  compile(source: string): Behaviour | Error
  /** A group node's coroutine: it runs the inside as an inner run of this one (or the Error that keeps it from running). */
  group(inside: GroupInside | undefined): Behaviour | Error
}

/** A node's coroutine as its kind builds it. */
export interface NodeCoroutine {
  /** Names the coroutine function: while it stays the same, a re-wired node is re-scoped rather than given a new coroutine. */
  key: string
  /** The coroutine, or the error it cannot run for (the node then starts closed, with the error shown on it). */
  behaviour: Behaviour | Error
}

/** What a node of a kind brings of its own: a code node's source and ports. */
export interface KindNode {
  readonly code?: { readonly source: string; readonly ports: readonly string[] }
  readonly group?: GroupInside
}

export interface ParamDef {
  name: string
  label: string
  default: Value
}

/** A kind as the registry holds it (`KINDS`): what the palette and inspector show, and what a run builds a node with. */
export interface KindDef<K extends string = string> {
  kind: K
  /** One line for the palette and inspector. */
  summary: string
  /** Output ports in display order (a sink has none; a code node declares its own: see `portsOf`). */
  ports: readonly string[]
  params: readonly ParamDef[]
  /** Whether a node's coroutine may keep state between items, which a snapshot of the run cannot hold. */
  keepsState: boolean
  /** A node's output ports: the kind's, or the ones the node declares. */
  portsOf(node: { readonly code?: { readonly ports: readonly string[] }; readonly group?: GroupInside }): readonly string[]
  /** The coroutine a node of this kind runs, and its key. */
  build(node: KindNode, context: KindContext): NodeCoroutine
}

/** A kind whose every node runs one coroutine on the ports it lists. */
export interface KindSpec<K extends string, P extends readonly string[]> {
  kind: K
  summary: string
  ports: P
  params: readonly ParamDef[]
  /** The coroutine: it gets exactly the ports above, by name, and keeps no state between items. */
  behaviour: Behaviour<P[number]>
}

/**
 * Defines a kind whose every node runs one coroutine on the ports it lists;
 * the coroutine takes those ports by name, and a name it does not list is a
 * type error.
 * @example defineKind({ kind: 'parity', summary: '…', ports: ['even', 'odd'], params: [], *behaviour({ even, odd }) { … } })
 */
export function defineKind<K extends string, const P extends readonly string[]>(spec: KindSpec<K, P>): KindDef<K> {
  const { behaviour, ...def } = spec
  // A run passes a node exactly the ports `portsOf` gives, which are the ones the coroutine takes by name.
  const coroutine: NodeCoroutine = { key: spec.kind, behaviour: behaviour as Behaviour }
  return { ...def, keepsState: false, portsOf: () => spec.ports, build: () => coroutine }
}
