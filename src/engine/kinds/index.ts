/** The registry of node kinds, in palette order. */
import { branch } from './branch'
import { doubler } from './doubler'
import { echoer } from './echoer'
import type { KindDef } from './kind'
import { recycler } from './recycler'
import { sink } from './sink'
import { start } from './start'
import { tripler } from './tripler'

export const NODE_KINDS = ['start', 'branch', 'doubler', 'tripler', 'recycler', 'sink', 'echoer'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

export const KINDS: Record<NodeKind, KindDef<NodeKind>> = { start, branch, doubler, tripler, recycler, sink, echoer }

export function isNodeKind(kind: string): kind is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(kind)
}

export type { Behaviour, KindDef, NodeEnv, ParamDef, Params, Port } from './kind'
