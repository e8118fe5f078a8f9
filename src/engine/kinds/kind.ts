/**
 * What a node kind is: its ports, its parameters and its coroutine. A
 * coroutine gets one function per port (calling it sends to every node
 * wired to that port, in edge order), the node's parameters, and the run's
 * services (seeded randomness, sink output); `this` is its tasklet.
 */
import type { CoroutineFn } from '../tasklet'
import type { Value } from '../value'

/** Sends a value along a port to every wired target (none: the value is dropped). */
export type Port = (value: Value) => void

/** What the run offers a coroutine besides its ports and parameters. */
export interface NodeEnv {
  /** The run's seeded random numbers; every draw is traced. */
  random: { randint(lo: number, hi: number): number }
  /** Records a value as this node's output (what a sink prints). */
  output(value: Value): void
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
  /** Output ports in display order (a sink has none). */
  ports: readonly string[]
  params: readonly ParamDef[]
  behaviour: Behaviour
}

export function defineKind<K extends string>(def: KindDef<K>): KindDef<K> {
  return def
}
