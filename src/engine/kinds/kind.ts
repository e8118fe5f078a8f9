/**
 * What a node kind is: its ports, its parameters and its coroutine. A
 * coroutine gets one function per port (calling it sends to every node
 * wired to that port, in edge order), the node's parameters, and the run's
 * services (seeded randomness, sink output); `this` is its tasklet.
 */
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
}

export type Params = Record<string, Value>

export type Behaviour = CoroutineFn<Value, [ports: Record<string, Port>, params: Params, env: NodeEnv]>

export interface ParamDef {
  name: string
  label: string
  default: Value
}

export interface KindDef<K extends string = string> {
  kind: K
  /** One line for the palette and inspector. */
  summary: string
  /** Output ports in display order (a sink has none; a code node declares its own). */
  ports: readonly string[]
  params: readonly ParamDef[]
  behaviour: Behaviour
}

export function defineKind<K extends string>(def: KindDef<K>): KindDef<K> {
  return def
}
