import { afterEach, describe, expect, it } from 'vitest'

import pingPongJson from '../demos/ping-pong.mesh.json'
import { compareSchedulers, parseDocument, type LaneSpec, type MeshDocument } from '../engine'
import { ManualClock } from '../runner/clock'
import { compileCoroutine } from '../sandbox/compile'
import { STOPPED_ERROR } from '../sandbox/protocol'
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
