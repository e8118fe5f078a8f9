/** The registry of node kinds, in palette order. */
import { branch } from './branch'
import { code } from './code'
import { doubler } from './doubler'
import { echoer } from './echoer'
import { group } from './group'
import type { GroupInside } from '../document'
import type { KindDef } from './kind'
import { recycler } from './recycler'
import { sink } from './sink'
import { start } from './start'
import { tripler } from './tripler'

export const NODE_KINDS = ['start', 'branch', 'doubler', 'tripler', 'recycler', 'sink', 'echoer', 'code', 'group'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

export const KINDS: Record<NodeKind, KindDef<NodeKind>> = { start, branch, doubler, tripler, recycler, sink, echoer, code, group }

/** The kinds the seed's articles define (all but the code node and the group). */
export const BUILTIN_KINDS = NODE_KINDS.filter((kind) => kind !== 'code' && kind !== 'group')

/** A node's output ports: its kind's, or the ones a code node declares. */
export function portsOf(node: { kind: NodeKind; code?: { ports: readonly string[] }; group?: GroupInside }): readonly string[] {
  return KINDS[node.kind].portsOf(node)
}

export { CODE_TEMPLATE } from './code'

export function isNodeKind(kind: string): kind is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(kind)
}

export type { Behaviour, CodeCompiler, KindContext, KindDef, KindNode, NodeCoroutine, NodeEnv, NodeRandom, ParamDef, Params, Port, Ports } from './kind'
