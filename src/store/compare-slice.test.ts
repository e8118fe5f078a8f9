import { afterEach, describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import pingPongJson from '../demos/ping-pong.mesh.json'
import { compareSchedulers, CompareSession, parseDocument, schedulingFigures, type LaneSpec, type MeshDocument } from '../engine'
import { ManualClock } from '../runner/clock'
import { compileCoroutine, compilePolicy } from '../sandbox/compile'
import { POLICY_TEMPLATES } from '../sandbox/policy-templates'
import { STOPPED_ERROR } from '../sandbox/protocol'
import { comparisonSources } from './compare-slice'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle } from './sandbox-testing'

const LANES: LaneSpec[] = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'priority', mode: 'next' },
]

const TENFOLD = `function* (ports) {
  while (true) ports.out.send((yield) * 10)
}`

/** Passes items on, but loops forever on 3 (in the tests' fake worker, `hang()` does). */
const LOOPS_ON_THREE = `function* (ports) {
  while (true) {
    const item = yield
    if (item === 3) hang()
    ports.out.send(item)
  }
}`

/** start → code → sink, 1 2 3 4 queued on start. */
const codeMesh = (source: string): MeshDocument => codeChain(source, 'coder', [1, 2, 3, 4])

function demo(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}
/** 20,000 activations: many slices. */
const pingPong = () => demo(pingPongJson)

const stores: MeshStore[] = []
function store(document: MeshDocument, trusted: string[]): MeshStore {
  const made = sandboxStore(document)
  made.getState().trustCode(trusted)
  stores.push(made)
  return made
}

afterEach(() => {
  for (const s of stores) s.getState().endComparison()
  stores.length = 0
})

const metrics = (s: MeshStore) => s.getState().comparison!.lanes.map(({ lastActive: _a, queues: _q, errors: _e, ...rest }) => rest)

describe('comparing schedulers', () => {
  describe('on the page, for a mesh without code', () => {
    it('steps both lanes together, and runs them to the end in slices, as compareSchedulers measures them', () => {
      const clock = new ManualClock()
      clock.advance = 5
      const s = createMeshStore({ document: pingPong(), clock, compareSandbox: null })
      s.getState().startComparison(LANES)
      expect(s.getState().comparison!.where).toBe('page')
      s.getState().stepComparison(3)
      expect(s.getState().comparison!.lanes.map((lane) => lane.ticks)).toEqual([3, 3])
      s.getState().startComparison(LANES)
      s.getState().runComparison()
      expect(s.getState().comparison!.running).toBe(true)
      expect(s.getState().comparison!.lanes[0]!.ticks).toBeLessThan(20_000)
      let slices = 0
      while (clock.pendingTasks > 0) {
        clock.runTasks()
        slices++
      }
      expect(slices).toBeGreaterThan(10)
      expect(s.getState().comparison!.running).toBe(false)
      expect(s.getState().comparison!.done).toBe(true)
      expect(metrics(s)).toEqual(compareSchedulers(pingPong(), LANES))
    })

    it('keeps code nodes closed when their code has not been allowed to run, and says so in the lane', () => {
      const s = store(codeMesh(TENFOLD), [])
      s.getState().startComparison(LANES)
      expect(s.getState().comparison!.where).toBe('page')
      expect(s.getState().comparison!.lanes[0]!.errors).toEqual([{ id: 'c', error: 'Error: its code has not been allowed to run' }])
    })

    it('stops running when paused, the lanes where they are', () => {
      const clock = new ManualClock()
      clock.advance = 5
      const s = createMeshStore({ document: pingPong(), clock, compareSandbox: null })
      s.getState().startComparison(LANES)
      s.getState().runComparison()
      clock.runTasks()
      s.getState().pauseComparison()
      const ticks = s.getState().comparison!.lanes.map((lane) => lane.ticks)
      clock.runTasks()
      expect(s.getState().comparison!.lanes.map((lane) => lane.ticks)).toEqual(ticks)
      expect(ticks[0]).toBeGreaterThan(0)
      expect(s.getState().comparison!.done).toBe(false)
      expect(s.getState().comparison!.running).toBe(false)
      expect(clock.pendingTasks).toBe(0)
    })
  })

  describe('in the sandbox, for a mesh with code allowed to run', () => {
    it('runs the code nodes in every lane and gives their real output', async () => {
      const s = store(codeMesh(TENFOLD), [TENFOLD])
      s.getState().startComparison(LANES)
      expect(s.getState().comparison!.where).toBe('sandbox')
      await settle(s)
      s.getState().stepComparison(2)
      await settle(s)
      expect(s.getState().comparison!.lanes.map((lane) => lane.ticks)).toEqual([2, 2])
      s.getState().runComparison()
      await settle(s)
      const comparison = s.getState().comparison!
      expect(comparison.done).toBe(true)
      expect(comparison.running).toBe(false)
      expect(metrics(s)).toEqual(compareSchedulers(codeMesh(TENFOLD), LANES, { compile: compileCoroutine }))
      expect(comparison.lanes[0]!.outputs).toEqual(['20', '30', '40', '50'])
    })

    it('stops a code node that loops in a lane, says where, and the comparison runs on to the end', async () => {
      const s = store(codeMesh(LOOPS_ON_THREE), [LOOPS_ON_THREE])
      s.getState().startComparison(LANES)
      await settle(s)
      s.getState().runComparison()
      await settle(s)
      const comparison = s.getState().comparison!
      expect(comparison.done).toBe(true)
      expect(comparison.error).toBeNull()
      expect(comparison.stopped.map((stop) => [stop.lane, stop.node, stop.error])).toEqual([
        [0, 'c', STOPPED_ERROR],
        [1, 'c', STOPPED_ERROR],
      ])
      // What coder passed on before it hung on 3 (start sends 2 first) reached the sink; after that it is closed.
      expect(comparison.lanes.map((lane) => lane.outputs)).toEqual([['2'], ['2']])
      expect(comparison.lanes.map((lane) => lane.errors)).toEqual([[{ id: 'c', error: `Stopped: ${STOPPED_ERROR}` }], [{ id: 'c', error: `Stopped: ${STOPPED_ERROR}` }]])
    })

    it('goes back to the page when restarted on a mesh with no code left, and drops answers about the old comparison', async () => {
      const s = store(codeMesh(TENFOLD), [TENFOLD])
      s.getState().startComparison(LANES)
      s.getState().removeNodes(['c'])
      s.getState().startComparison(LANES)
      await settle(s)
      const comparison = s.getState().comparison!
      expect(comparison.where).toBe('page')
      expect(comparison.lanes[0]!.queues.map((q) => q.id)).toEqual(['a', 's'])
    })

    it('says the comparison is out of date once more code is allowed to run', async () => {
      const s = store(codeMesh(TENFOLD), [])
      s.getState().startComparison(LANES)
      expect(s.getState().comparison!.codeTrust).toBe(s.getState().codeTrust)
      s.getState().allowDocumentCode()
      expect(s.getState().comparison!.codeTrust).not.toBe(s.getState().codeTrust)
      s.getState().startComparison(LANES)
      await settle(s)
      expect(s.getState().comparison!.where).toBe('sandbox')
      expect(s.getState().comparison!.lanes[0]!.errors).toEqual([])
    })
  })
})

const LONGEST = POLICY_TEMPLATES.find((t) => t.id === 'longest-queue')!
/** The race on Part 3: the taskmaster in both modes, the priority scheduler, and the longest-queue-first template. */
const FOUR: LaneSpec[] = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'taskmaster', mode: 'next' },
  { scheduler: 'priority', mode: 'flush' },
  { scheduler: 'policy', mode: 'flush', policy: { name: LONGEST.title, source: LONGEST.source } },
]
const BUILT_IN: LaneSpec[] = [...FOUR.slice(0, 3), { scheduler: 'priority', mode: 'next' }]
const part3 = () => demo(part3Json)

/** What the store publishes of a comparison, as the panel reads it. */
const views = (s: MeshStore) => {
  const { lanes, divergence, records } = s.getState().comparison!
  return { lanes, divergence, figures: records?.map((r) => r.figures), ticks: records?.map((r) => r.lanes.ticks) }
}
/** The same, made by the engine on the page with the compilers the sandbox has. */
const reference = (document: MeshDocument, specs: LaneSpec[]) => {
  const session = new CompareSession(document, specs, { compile: compileCoroutine, policy: compilePolicy })
  while (!session.done) session.step(1000)
  const records = session.records()
  return { lanes: session.view(), divergence: session.divergence(), figures: records.map((r) => schedulingFigures(r)), ticks: records.map((r) => r.lanes.ticks) }
}

describe('comparing four schedulers', () => {
  it("runs four lanes on the page, with where their outputs first differ and each lane's record and figures, as the engine makes them", () => {
    const clock = new ManualClock()
    const s = createMeshStore({ document: part3(), clock, compareSandbox: null })
    s.getState().startComparison(BUILT_IN)
    const begun = s.getState().comparison!
    expect(begun.where).toBe('page')
    expect(begun.records?.map((r) => r.lanes.ticks)).toEqual([0, 0, 0, 0])
    s.getState().stepComparison(3)
    expect(s.getState().comparison!.records?.map((r) => r.lanes.ticks)).toEqual([3, 3, 3, 3])
    s.getState().runComparison()
    while (clock.pendingTasks > 0) clock.runTasks()
    expect(s.getState().comparison!.done).toBe(true)
    expect(views(s)).toEqual(reference(part3(), BUILT_IN))
  })

  it("runs a written policy's lane in the sandbox, beside the seed's schedulers, and publishes what the page would make of the same lanes", async () => {
    const s = store(part3(), [])
    s.getState().startComparison(FOUR)
    expect(s.getState().comparison!.where).toBe('sandbox')
    await settle(s)
    s.getState().runComparison()
    await settle(s)
    const comparison = s.getState().comparison!
    expect(comparison.done).toBe(true)
    expect(comparison.recordError).toBeNull()
    expect(views(s)).toEqual(reference(part3(), FOUR))
    expect(comparison.divergence).toMatchObject({
      index: 0,
      at: [
        { value: '2x2', tick: 13 },
        { value: '3x1', tick: 7 },
        { value: '2x2', tick: 13 },
        { value: '2x2', tick: 7 },
      ],
    })
  })

  it('takes four lanes at most', () => {
    const s = createMeshStore({ document: part3(), clock: new ManualClock(), compareSandbox: null })
    s.getState().startComparison([...BUILT_IN, BUILT_IN[0]!])
    expect(s.getState().comparison!.specs).toEqual(BUILT_IN)
    expect(s.getState().comparison!.lanes).toHaveLength(4)
  })

  it("runs the mesh's own written policy only once it is allowed to run, and a lane that may not run it says so", async () => {
    const mine = { name: 'Mine', source: LONGEST.source.replace('busiest', 'fullest') }
    const document: MeshDocument = { ...part3(), policy: mine }
    const lanes: LaneSpec[] = [FOUR[0]!, { scheduler: 'policy', mode: 'flush', policy: mine }]
    expect(comparisonSources(document, lanes, () => false)).toEqual([])
    expect(comparisonSources(document, lanes, (source) => source === mine.source)).toEqual([mine.source])
    const s = store(document, [])
    s.getState().startComparison(lanes)
    expect(s.getState().comparison!.where).toBe('page')
    s.getState().stepComparison(1)
    expect(s.getState().comparison!.lanes[1]).toMatchObject({ stopped: { reason: 'policy' }, detail: 'the policy "Mine" cannot run: its code has not been allowed to run' })
    s.getState().trustCode([mine.source])
    s.getState().startComparison(lanes)
    expect(s.getState().comparison!.where).toBe('sandbox')
    await settle(s)
    s.getState().runComparison()
    await settle(s)
    expect(s.getState().comparison!.lanes[1]).toMatchObject({ ticks: 16, stopped: { reason: 'idle' } })
  })
})
