import type { Behaviour, Value } from '../src/engine'
import { meshDocument } from '../src/engine/testing'

/** start → a code node "times ten" that tens what it takes → sink, as the specs share it in a link: its run lives in the sandbox once its code may run. */
export function timesTenMesh(title: string, values: Value[]) {
  return meshDocument({
    title,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      {
        id: 'code',
        kind: 'code',
        label: 'times ten',
        position: { x: 280, y: 0 },
        code: { source: 'function* (ports) {\n  while (true) ports.out.send((yield) * 10)\n}\n', ports: ['out'] },
      },
      { id: 'sink', kind: 'sink', position: { x: 560, y: 0 } },
    ],
    edges: [
      { source: 'start', port: 'target', target: 'code' },
      { source: 'code', port: 'out', target: 'sink' },
    ],
    inputs: [{ node: 'start', values }],
  })
}

/** The code node's coroutine written out, for the engine to run beside the page. */
export const timesTen = () =>
  function* (ports: Parameters<Behaviour>[0]) {
    for (;;) ports.out!.send(((yield) as number) * 10)
  }
