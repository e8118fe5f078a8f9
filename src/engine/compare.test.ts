import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { compareSchedulers, CompareSession, firstDifference } from './compare'
import { parseDocument, type MeshDocument } from './document'
import type { Behaviour } from './kinds'

const specs = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'priority', mode: 'next' },
] as const

function doc(json: object): MeshDocument {
  const parsed = parseDocument({ format: 'mesh-playground', version: 1, ...json })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const part3 = () => doc(part3Json)

/** start → a code node → sink, with 1 2 3 queued on start; the code node's source names a coroutine of `CODE` below. */
const codeMesh = (source: string) =>
  doc({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'c', kind: 'code', code: { source, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'c' },
      { source: 'c', port: 'out', target: 's' },
    ],
    inputs: [{ node: 'a', values: [1, 2, 3] }],
  })

/** A stand-in for the sandbox's compiler: engine tests evaluate no code, they look the coroutine up by its "source". */
const CODE: Record<string, Behaviour> = {
  *tenfold(ports) {
    while (true) ports.out!.send(((yield) as number) * 10)
  },
}
const compile = (source: string): Behaviour => {
  const behaviour = CODE[source]
  if (!behaviour) throw new SyntaxError(`no such coroutine: ${source}`)
  return behaviour
}

describe('CompareSession', () => {
  it("measures each lane as the engine's compareSchedulers does", () => {
    const session = new CompareSession(part3(), specs)
    let now = 0
    while (!session.runSlice(now + 1, () => now++)) {
      // slice after slice
    }
    const lanes = session.view().map(({ lastActive: _lastActive, queues: _queues, errors: _errors, ...metrics }) => metrics)
    expect(lanes).toEqual(compareSchedulers(part3(), specs))
  })

  it('steps the lanes together, one activation each', () => {
    const session = new CompareSession(part3(), specs)
    session.step(3)
    expect(session.view().map((lane) => lane.ticks)).toEqual([3, 3])
    expect(session.done).toBe(false)
  })

  it('runs code nodes with the compiler it is given, in every lane', () => {
    const session = new CompareSession(codeMesh('tenfold'), specs, { compile })
    session.step(100)
    expect(session.done).toBe(true)
    expect(session.view().map((lane) => [...lane.outputs].sort())).toEqual([
      ['20', '30', '40'],
      ['20', '30', '40'],
    ])
    expect(session.view().map((lane) => lane.errors)).toEqual([[], []])
  })

  it('leaves code nodes closed without a compiler, and lists them with their error', () => {
    const [lane] = new CompareSession(codeMesh('tenfold'), specs).view()
    expect(lane!.errors).toEqual([{ id: 'c', error: 'Error: its code has not been allowed to run' }])
    const [broken] = new CompareSession(codeMesh('nonsense'), specs, { compile }).view()
    expect(broken!.errors).toEqual([{ id: 'c', error: 'SyntaxError: no such coroutine: nonsense' }])
  })

  it('stops a lane at its tick limit', () => {
    const session = new CompareSession(part3(), specs, { maxTicks: 5 })
    session.step(100)
    expect(session.view().map((lane) => [lane.ticks, lane.stopped])).toEqual([
      [5, { reason: 'tick' }],
      [5, { reason: 'tick' }],
    ])
    expect(session.done).toBe(true)
  })
})

describe('compareSchedulers', () => {
  it('runs each scheduler to the end, with code nodes compiled when given a compiler', () => {
    const [flush, next] = compareSchedulers(codeMesh('tenfold'), specs, { compile })
    expect(flush!.outputs).toEqual(['20', '30', '40'])
    expect(next!.outputs.sort()).toEqual(['20', '30', '40'])
    expect(compareSchedulers(codeMesh('tenfold'), specs)[0]!.outputs).toEqual([])
  })
})

describe('firstDifference', () => {
  it('finds where two output orders first differ', () => {
    expect(firstDifference(['a', 'b'], ['a', 'b'])).toBe(-1)
    expect(firstDifference(['a', 'b'], ['a', 'c'])).toBe(1)
    expect(firstDifference(['a'], ['a', 'b'])).toBe(1)
  })
})
