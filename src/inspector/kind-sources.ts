/** Each kind's source file, shown read-only in the inspector as the lesson's code. */
import branch from '../engine/kinds/branch.ts?raw'
import code from '../engine/kinds/code.ts?raw'
import doubler from '../engine/kinds/doubler.ts?raw'
import echoer from '../engine/kinds/echoer.ts?raw'
import group from '../engine/kinds/group.ts?raw'
import recycler from '../engine/kinds/recycler.ts?raw'
import sink from '../engine/kinds/sink.ts?raw'
import start from '../engine/kinds/start.ts?raw'
import tripler from '../engine/kinds/tripler.ts?raw'
import type { NodeKind } from '../engine'

const RAW: Record<NodeKind, string> = { start, branch, doubler, tripler, recycler, sink, echoer, code, group }

/** The kind's file without its import lines: the coroutine and what it is wired with. */
export function kindSource(kind: NodeKind): string {
  return RAW[kind]
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n')
    .trim()
}
