import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { COMPARE_TICKS, CompareLane, compareSchedulers, CompareSession, firstDifference, laneDocument, type LaneSpec } from './compare'
import { parseDocument, type MeshDocument } from './document'
import { schedulingFigures } from './figures'
import type { Behaviour } from './kinds'
import { recordProblem, recordRun } from './run-record'
import type { Policy } from './schedulers'

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
  /** Prints each item as many times as it says, then passes it on. */
  *echo(ports, _params, env) {
    while (true) {
      const item = (yield) as number
      for (let i = 0; i < item; i++) env.output(`${item}.${i}`)
      ports.out!.send(item)
    }
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

describe('CompareLane', () => {
  it('keeps every output with its tick, and stops keeping (still counting) where a step printed more than the run holds, so what it keeps is always the first ones', () => {
    const lane = new CompareLane(codeMesh('echo'), specs[0], { compile })
    // Flush: start drains 1, 2, 3 first; the code node's first item is 2.
    lane.step(4)
    expect(lane.metrics()).toMatchObject({ outputs: ['2.0', '2.1'], outputTicks: [4, 4], outputCount: 2 })
    const flood = new CompareLane({ ...codeMesh('echo'), inputs: [{ node: 'a', values: [3000, 1] }] }, specs[0], { compile })
    while (flood.stopped === null) flood.step(100)
    // start adds one: 3001 outputs at once, more than the run's log of 2,000 keeps; then 2 more and the sink's 3002 and 2.
    expect(flood.metrics()).toMatchObject({ outputs: [], outputTicks: [], outputCount: 3001 + 2 + 2 })
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

/** Policies by source, as plain functions: engine tests evaluate no code (the sandbox compiles real ones). */
const POLICIES: Record<string, Policy> = {
  'longest queue': (mesh) => {
    let best = mesh.tasklets[0]!
    for (const t of mesh.tasklets) if (t.queued > best.queued) best = t
    return { run: best.id, take: 'one' }
  },
  'says nonsense': () => 42,
}
const policy = (source: string): Policy => {
  const found = POLICIES[source]
  if (!found) throw new SyntaxError(`no such policy: ${source}`)
  return found
}

/** The four lanes of the race on the Part 3 mesh: the taskmaster in both modes, the priority scheduler, and a written policy. */
const FOUR: LaneSpec[] = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'taskmaster', mode: 'next' },
  { scheduler: 'priority', mode: 'flush' },
  { scheduler: 'policy', mode: 'flush', policy: { name: 'Longest queue first', source: 'longest queue' } },
]

describe('a comparison of four schedulers', () => {
  it("steps four lanes together and runs each as its scheduler runs the mesh alone (the written policy's too)", () => {
    const session = new CompareSession(part3(), FOUR, { policy })
    session.step(5)
    expect(session.view().map((lane) => lane.ticks)).toEqual([5, 5, 5, 5])
    while (!session.done) session.step(100)
    const alone = compareSchedulers(part3(), FOUR, { policy })
    expect(session.lanes.map((lane) => lane.metrics())).toEqual(alone)
    expect(alone.map((lane) => lane.stopped)).toEqual([{ reason: 'idle' }, { reason: 'idle' }, { reason: 'idle' }, { reason: 'idle' }])
    // Every lane printed a tick for each output, in order.
    for (const lane of alone) {
      expect(lane.outputTicks).toHaveLength(lane.outputs.length)
      expect(lane.outputCount).toBe(lane.outputs.length)
      expect([...lane.outputTicks].sort((a, b) => a - b)).toEqual(lane.outputTicks)
    }
  })

  it("runs the document under the lane's scheduler, its written policy in place of the document's", () => {
    const withPolicy = { ...part3(), policy: { name: 'mine', source: 'says nonsense' } }
    expect(laneDocument(withPolicy, FOUR[1]!)).toMatchObject({ scheduler: 'taskmaster', mode: 'next', policy: { name: 'mine' } })
    expect(laneDocument(withPolicy, FOUR[3]!).policy).toEqual({ name: 'Longest queue first', source: 'longest queue' })
    // A policy lane with no policy of its own runs the document's.
    expect(laneDocument(withPolicy, { scheduler: 'policy', mode: 'next' }).policy).toEqual({ name: 'mine', source: 'says nonsense' })
  })

  it('stops a lane whose policy returns nonsense at once, saying what it returned, and the other lanes run on', () => {
    const specs: LaneSpec[] = [FOUR[0]!, { scheduler: 'policy', mode: 'flush', policy: { name: 'Nonsense', source: 'says nonsense' } }]
    const session = new CompareSession(part3(), specs, { policy })
    session.step(100)
    const [taskmaster, nonsense] = session.view()
    expect(taskmaster!.ticks).toBe(16)
    expect(nonsense).toMatchObject({ ticks: 0, stopped: { reason: 'policy' } })
    expect(nonsense!.detail).toMatch(/^the policy "Nonsense" returned 42/)
    // Without a policy compiler (a policy on the page) the lane says its policy did not run.
    const lane = new CompareLane(part3(), specs[1]!)
    lane.step(1)
    expect(lane.metrics()).toMatchObject({ ticks: 0, stopped: { reason: 'policy' }, detail: 'the policy "Nonsense" cannot run: its code has not been allowed to run' })
  })

  it("records each lane as it runs: the run record a replay of the lane's run makes, for the figures and the lanes view", () => {
    const session = new CompareSession(part3(), FOUR, { policy })
    session.step(7)
    const midway = session.records()
    while (!session.done) session.step(100)
    const records = session.records()
    FOUR.forEach((spec, i) => {
      const lane = session.lanes[i]!
      const replayed = recordRun({ document: laneDocument(part3(), spec), entries: [], end: lane.sim.tick }, { policy })
      expect(records[i]).toEqual(replayed)
      expect(recordProblem(records[i])).toBeNull()
      expect(midway[i]!.lanes.ticks).toBe(7)
      expect(recordProblem(midway[i])).toBeNull()
      expect(schedulingFigures(records[i]!).mesh.activations).toBe(lane.sim.tick)
    })
  })

  it('finds the first output at which any two of the lanes differ, and the tick each lane printed it at', () => {
    const session = new CompareSession(part3(), FOUR, { policy })
    while (!session.done) session.step(100)
    const lanes = session.view()
    const divergence = session.divergence()!
    // The first place any two differ: every lane agrees before it, and two of them do not at it.
    const at = divergence.index
    expect(at).toBeGreaterThanOrEqual(0)
    for (let k = 0; k < at; k++) expect(new Set(lanes.map((lane) => lane.outputs[k])).size).toBe(1)
    expect(new Set(lanes.map((lane) => lane.outputs[at])).size).toBeGreaterThan(1)
    expect(divergence.at).toEqual(lanes.map((lane) => (at < lane.outputs.length ? { value: lane.outputs[at], tick: lane.outputTicks[at] } : null)))
    // The taskmaster's two modes print the same outputs in another order on Part 3 (the flush-versus-next lesson).
    const pair = new CompareSession(part3(), FOUR.slice(0, 2))
    while (!pair.done) pair.step(100)
    const modes = pair.view()
    expect(pair.divergence()).toEqual({
      index: firstDifference(modes[0]!.outputs, modes[1]!.outputs),
      at: modes.map((lane) => ({ value: lane.outputs[pair.divergence()!.index], tick: lane.outputTicks[pair.divergence()!.index] })),
      sameOutputs: true,
    })
  })

  it('has no divergence while every lane printed the same, and one where a lane has printed less than the others, until it catches up', () => {
    const same = new CompareSession(part3(), [FOUR[0]!, FOUR[0]!])
    same.step(COMPARE_TICKS)
    expect(same.divergence()).toBeNull()
    const session = new CompareSession(part3(), [FOUR[0]!, FOUR[0]!])
    session.lanes[0]!.step(16)
    const ahead = session.divergence()!
    expect(ahead.index).toBe(0)
    expect(ahead.at[1]).toBeNull()
    expect(ahead.sameOutputs).toBe(false)
    session.lanes[1]!.step(16)
    expect(session.divergence()).toBeNull()
  })
})
