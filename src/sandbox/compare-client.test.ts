import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { CompareLane, CompareSession, type LaneSpec, type MeshDocument } from '../engine'
import { meshDocument } from '../engine/testing'
import { createCompiler } from './compile'
import { checkRecords, SandboxComparison } from './compare-client'
import { FakeWorker } from './fake-worker'
import { STOPPED_ERROR } from './protocol'

/** Passes items on; the item 5 hangs the worker (in the page: `while (true) {}`). */
const LOOPS_ON_FIVE = `function* (ports) {
  while (true) {
    const item = yield
    if (item === 5) hang()
    ports.out.send(item)
  }
}`

const HANGS_AT_START = `function* (ports) {
  hang()
  while (true) ports.out.send(yield)
}`

const LANES: LaneSpec[] = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'priority', mode: 'next' },
]

/** start → code → sink, and a doubler → sink beside them that keeps working. */
function mesh(source: string): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'c', kind: 'code', code: { source, ports: ['out'] } },
      { id: 'd', kind: 'doubler' },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'c' },
      { source: 'c', port: 'out', target: 's' },
      { source: 'd', port: 'target', target: 's' },
    ],
    inputs: [
      { node: 'a', values: [1, 2, 3, 4, 6] },
      { node: 'd', values: [1, 2] },
    ],
  })
}

// The first compile in a fresh realm (the lockdown, the parser's first run) is slow; the watchdog's clocks here are tight.
beforeAll(() => {
  const warm = createCompiler({ globals: { hang() {}, crash() {} } })
  for (const source of [LOOPS_ON_FIVE, HANGS_AT_START]) warm(source)
})

const workers: FakeWorker[] = []

function comparison() {
  return new SandboxComparison({
    createWorker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
    timeoutMs: 60,
    stepDeadlineMs: 60,
  })
}

/** A lane on the page with `hang` doing nothing, stopped by hand at `tick` when given, run to the end: what the sandbox's lane must end up with. */
function reference(doc: MeshDocument, spec: LaneSpec, stoppedAt?: { node: string; tick: number }): string[] {
  const lane = new CompareLane(doc, spec, { compile: createCompiler({ globals: { hang: () => {} } }) })
  if (stoppedAt) {
    lane.step(stoppedAt.tick)
    lane.sim.fail(stoppedAt.node, STOPPED_ERROR)
  }
  while (lane.stopped === null) lane.step(1000)
  return lane.metrics().outputs
}

afterEach(() => {
  workers.length = 0
})

describe('a comparison in the sandbox', () => {
  it('runs each lane with its code nodes compiled, stepped together, in a worker of its own', async () => {
    const compare = comparison()
    const doc = mesh(LOOPS_ON_FIVE.replace('item === 5', 'item === "never"'))
    const begun = await compare.begin(doc, LANES, [LOOPS_ON_FIVE.replace('item === 5', 'item === "never"')])
    expect(begun.lanes.map((lane) => lane.ticks)).toEqual([0, 0])
    const stepped = await compare.step(3)
    expect(stepped.lanes.map((lane) => lane.ticks)).toEqual([3, 3])
    let result = stepped
    while (!result.done) result = await compare.step(100_000, 40)
    expect(result.lanes.map((lane) => lane.outputs)).toEqual(LANES.map((spec) => reference(doc, spec)))
    expect(workers).toHaveLength(1)
  })

  it('stops a code node that loops in one lane, at the tick it hung, says so, and the comparison goes on to the end', async () => {
    const compare = comparison()
    const doc = mesh(LOOPS_ON_FIVE)
    await compare.begin(doc, LANES, [LOOPS_ON_FIVE])
    const stops = []
    let result = await compare.step(100_000, 40)
    while (!result.done) {
      if (result.stopped) stops.push(result.stopped)
      result = await compare.step(100_000, 40)
    }
    if (result.stopped) stops.push(result.stopped)
    // Both lanes reach 5 (start sends 4 + 1): each has its code node stopped, at its own tick.
    expect(stops.map((s) => [s.lane, s.node, s.error])).toEqual([
      [0, 'c', STOPPED_ERROR],
      [1, 'c', STOPPED_ERROR],
    ])
    expect(workers.length).toBeGreaterThan(2)
    expect(workers.slice(0, -1).every((w) => w.terminated)).toBe(true)
    for (const [index, stop] of stops.entries()) {
      expect(result.lanes[index]!.outputs).toEqual(reference(doc, LANES[index]!, { node: 'c', tick: stop.tick }))
      expect(result.lanes[index]!.errors).toEqual([{ id: 'c', error: `Stopped: ${STOPPED_ERROR}` }])
    }
    // What the code node passed on before it hung is there, and the doubler's work too.
    expect(result.lanes[0]!.outputs).toEqual(expect.arrayContaining([2, 3, 4].map(String).concat(['2x1', '2x2'])))
  })

  it('stops in every lane code that hangs before its first yield, and runs the rest', async () => {
    const compare = comparison()
    const begun = await compare.begin(mesh(HANGS_AT_START), LANES, [HANGS_AT_START])
    expect(begun.stopped).toEqual({ lane: null, node: 'c', tick: 0, error: STOPPED_ERROR })
    expect(begun.lanes.map((lane) => lane.errors)).toEqual([[{ id: 'c', error: `Stopped: ${STOPPED_ERROR}` }], [{ id: 'c', error: `Stopped: ${STOPPED_ERROR}` }]])
    let result = begun
    while (!result.done) result = await compare.step(100_000, 40)
    expect(result.lanes.map((lane) => [...lane.outputs].sort())).toEqual([
      ['2x1', '2x2'],
      ['2x1', '2x2'],
    ])
  })

  it('begins afresh, forgetting what it stopped before, when begun again', async () => {
    const compare = comparison()
    await compare.begin(mesh(LOOPS_ON_FIVE), LANES, [LOOPS_ON_FIVE])
    let result = await compare.step(100_000, 40)
    while (!result.done) result = await compare.step(100_000, 40)
    const fine = LOOPS_ON_FIVE.replace('item === 5', 'item === 50')
    const again = await compare.begin(mesh(fine), LANES, [fine])
    expect(again.lanes.map((lane) => lane.errors)).toEqual([[], []])
    expect(compare.pending).toBe(0)
  })
})

/** Longest queue first, but hangs the worker at the decision after tick 3. */
const HANGS_DECIDING = `function (mesh) {
  if (mesh.tick === 3) hang()
  let best = null
  for (const t of mesh.tasklets) if (t.queued > 0 && (best === null || t.queued > best.queued)) best = t
  return best.id
}`

describe('a comparison with a written policy in the sandbox', () => {
  const specs: LaneSpec[] = [
    { scheduler: 'taskmaster', mode: 'flush' },
    { scheduler: 'policy', mode: 'flush', policy: { name: 'Hangs', source: HANGS_DECIDING } },
  ]
  const fine = mesh(LOOPS_ON_FIVE.replace('item === 5', 'item === "never"'))
  const allowed = [LOOPS_ON_FIVE.replace('item === 5', 'item === "never"'), HANGS_DECIDING]

  it("stops a lane's policy that hangs the worker at the tick it decided at, names it, and the comparison goes on to the end", async () => {
    const compare = comparison()
    await compare.begin(fine, specs, allowed)
    const stops = []
    let result = await compare.step(100_000, 40)
    while (!result.done) {
      if (result.stopped) stops.push(result.stopped)
      result = await compare.step(100_000, 40)
    }
    if (result.stopped) stops.push(result.stopped)
    expect(stops).toEqual([{ lane: 1, node: null, tick: 3, error: STOPPED_ERROR }])
    expect(result.lanes[1]).toMatchObject({ ticks: 3, stopped: { reason: 'policy' }, detail: `the policy "Hangs" ${STOPPED_ERROR}` })
    expect(result.lanes[0]!.outputs).toEqual(reference(fine, specs[0]!))
    // The records come from the fresh worker, as the lanes stand.
    const { records } = await compare.records()
    expect(records.map((record) => record.lanes.ticks)).toEqual(result.lanes.map((lane) => lane.ticks))
  })
})

describe('checkRecords', () => {
  const session = new CompareSession(mesh(LOOPS_ON_FIVE), LANES)
  session.step(4)
  const result = { lanes: session.view(), done: false, steps: 4, divergence: session.divergence(), records: session.records() }

  it('gives the records of a reply that has one per lane, each fitting its lane', () => {
    expect(checkRecords(result)).toBe(result.records)
  })

  it('refuses a reply without a record per lane, a record that does not fit its run, or one at another tick', () => {
    expect(() => checkRecords({ ...result, records: undefined })).toThrow('the sandbox answered a record request without a record per lane')
    expect(() => checkRecords({ ...result, records: result.records.slice(1) })).toThrow('without a record per lane')
    const [first, second] = result.records
    const forged = { ...second!, lanes: { ...second!.lanes, ran: new Int32Array([0, 1, 99, 0]) } }
    expect(() => checkRecords({ ...result, records: [first!, forged] })).toThrow('the sandbox sent a record of lane 2 that does not fit its run: tick 3 ran a lane that does not exist')
    const early = new CompareSession(mesh(LOOPS_ON_FIVE), LANES)
    early.step(2)
    expect(() => checkRecords({ ...result, records: [first!, early.records()[1]!] })).toThrow("the sandbox sent a record of lane 2 at tick 2, not the lane's 4")
  })
})
