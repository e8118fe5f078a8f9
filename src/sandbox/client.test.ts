import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { Timeline, withPicks, type HandPick, type MeshDocument, type RunAction } from '../engine'
import { meshDocument } from '../engine/testing'
import { SandboxClient, type StoppedNode } from './client'
import { createCompiler } from './compile'
import { FakeWorker } from './fake-worker'
import { STOPPED_ERROR } from './protocol'

/** Passes items on; an item 'loop' hangs the worker (in the page: `while (true) {}`). */
const LOOPS_ON_LOOP = `function* (ports, params, self) {
  while (true) {
    const item = yield
    if (item === 'loop') hang()
    ports.out.send(item)
  }
}`

const HANGS_AT_START = `function* (ports) {
  hang()
  while (true) ports.out.send(yield)
}`

const CRASHES_ON_BOOM = `function* (ports) {
  while (true) {
    const item = yield
    if (item === 'boom') crash()
    ports.out.send(item)
  }
}`

/** start → code → sink, and a doubler → sink beside it that keeps working; the inputs go to the code node. */
function mesh(source: string, inputs: unknown[]): MeshDocument {
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
      { node: 'c', values: inputs },
      { node: 'd', values: [1, 2, 3] },
    ],
  })
}

/** Every source these tests run, allowed to. */
const ALL_CODE = [LOOPS_ON_LOOP, HANGS_AT_START, CRASHES_ON_BOOM]

// The first compile in a fresh realm (the lockdown, the parser's first run) is slow; the watchdog's clocks here are tight.
beforeAll(() => {
  const warm = createCompiler({ globals: { hang() {}, crash() {} } })
  for (const source of ALL_CODE) warm(source)
})

const workers: FakeWorker[] = []
const stops: StoppedNode[] = []

function client() {
  return new SandboxClient({
    createWorker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
    // Long enough for a loaded machine to start the realm and replay (60 ms failed now and then under load), short enough for a test of a hang.
    timeoutMs: 250,
    stepDeadlineMs: 250,
    onStopped: (stopped) => stops.push(stopped),
  })
}

/** What the sink received, as plain values. */
const sinkValues = (result: { view: { outputs: Readonly<Record<string, readonly { value: unknown }[]>> } }) => result.view.outputs.s?.map((o) => o.value)

/** The same run on the page's own Timeline, with a node failed by hand at a tick: what the sandbox must end up with. */
function reference(doc: MeshDocument, plan: { tick: number; action: RunAction }[], end: number) {
  const timeline = new Timeline(doc, { compile: createCompiler({ globals: { hang: () => {} } }) })
  for (const { tick, action } of plan) {
    timeline.run(tick - timeline.tick)
    timeline.apply(action)
  }
  timeline.run(end - timeline.tick)
  return timeline.sim.outputs.toArray('s').map((o) => o.value)
}

afterEach(() => {
  workers.length = 0
  stops.length = 0
})

describe('the sandbox client', () => {
  it('runs code nodes in the worker and publishes the view it sends back', async () => {
    const sandbox = client()
    await sandbox.reset(mesh(LOOPS_ON_LOOP, [1, 2]), ALL_CODE)
    const stepped = await sandbox.step(1)
    expect(stepped.view.tick).toBe(1)
    const ran = await sandbox.run(1000, 50)
    expect(ran.stop?.reason).toBe('idle')
    expect(sinkValues(ran)).toEqual(expect.arrayContaining(['2x1', '2x2', '2x3', 1, 2]))
    expect(workers).toHaveLength(1)
  })

  it('stops a node whose code loops, at the tick it hung, and keeps the rest of the run', async () => {
    const sandbox = client()
    const doc = mesh(LOOPS_ON_LOOP, [1, 'loop', 3])
    await sandbox.reset(doc, ALL_CODE)
    let result = await sandbox.step(1)
    while (!result.stopped && !result.stop) result = await sandbox.step(1)
    expect(result.stopped).toEqual({ node: 'c', tick: result.view.tick, error: STOPPED_ERROR })
    expect(result.view.nodes.c!.error).toBe(`Stopped: ${STOPPED_ERROR}`)
    expect(workers.length).toBeGreaterThan(1)
    expect(workers.slice(0, -1).every((w) => w.terminated)).toBe(true)
    const tick = result.view.tick
    expect(sinkValues(result)).toEqual(reference(doc, [{ tick, action: { type: 'fail', node: 'c', error: STOPPED_ERROR } }], tick))
    // The rest of the mesh runs on.
    const after = await sandbox.run(1000, 50)
    expect(after.stop?.reason).toBe('idle')
    expect(sinkValues(after)).toEqual(reference(doc, [{ tick, action: { type: 'fail', node: 'c', error: STOPPED_ERROR } }], 1000))
    expect(stops).toEqual([result.stopped])
  })

  it('finds the node that hung in the middle of a fast run', async () => {
    const sandbox = client()
    const values = [...Array.from({ length: 300 }, (_, i) => i), 'loop', 7]
    const doc = mesh(LOOPS_ON_LOOP, values)
    await sandbox.reset(doc, ALL_CODE)
    const result = await sandbox.run(100_000, 40)
    expect(result.stopped?.node).toBe('c')
    const tick = result.view.tick
    expect(sinkValues(result)).toEqual(reference(doc, [{ tick, action: { type: 'fail', node: 'c', error: STOPPED_ERROR } }], tick))
    // The item it hung on is still queued: the run is as it was at the last good tick.
    expect(result.view.nodes.c!.head).toEqual(['loop', 7])
  })

  it('replays the actions taken by hand, at their ticks, into the new worker', async () => {
    const sandbox = client()
    const doc = mesh(LOOPS_ON_LOOP, [1, 2])
    await sandbox.reset(doc, ALL_CODE)
    await sandbox.step(3)
    await sandbox.apply({ type: 'send', node: 'c', values: [10, 'loop', 11] })
    const result = await sandbox.run(1000, 50)
    expect(result.stopped?.node).toBe('c')
    const plan = [
      { tick: 3, action: { type: 'send', node: 'c', values: [10, 'loop', 11] } as RunAction },
      { tick: result.view.tick, action: { type: 'fail', node: 'c', error: STOPPED_ERROR } as RunAction },
    ]
    expect(sinkValues(result)).toEqual(reference(doc, plan, result.view.tick))
    expect(sandbox.actions.map((a) => a.action.type)).toEqual(['send', 'fail'])
  })

  it("replays a send made after the scheduler's call ended as the start of a new call", async () => {
    // The sink is first in order: a new call serves it before the code node, the old call would not.
    const doc = meshDocument({
      nodes: [
        { id: 's', kind: 'sink' },
        { id: 'c', kind: 'code', code: { source: LOOPS_ON_LOOP, ports: ['out'] } },
      ],
      edges: [{ source: 'c', port: 'out', target: 's' }],
      inputs: [{ node: 'c', values: [1] }],
      mode: 'next',
    })
    const sandbox = client()
    await sandbox.reset(doc, ALL_CODE)
    expect((await sandbox.run(1000, 50)).stop?.reason).toBe('idle')
    await sandbox.apply({ type: 'send', node: 's', values: ['by hand'] })
    await sandbox.apply({ type: 'send', node: 'c', values: [10, 'loop'] })
    const result = await sandbox.run(1000, 50)
    // s takes 'by hand' (tick 3), c takes 10 (4), s takes 10 (5), c hangs on 'loop': the run is put back at tick 5
    expect(result.stopped?.node).toBe('c')
    expect(result.view.tick).toBe(5)
    expect(result.view.outputs.s!.map((o) => [o.tick, o.value])).toEqual([
      [2, 1],
      [3, 'by hand'],
      [5, 10],
    ])
    expect(sandbox.actions.map((a) => a.action.type)).toEqual(['send', 'send', 'fail'])
  })

  it('replays picks by hand into the new worker, a changed pick taken back to where it was made', async () => {
    const sandbox = client()
    const doc = withPicks(mesh(LOOPS_ON_LOOP, [1, 'loop']), [])
    const picks = (...ids: string[]): HandPick[] => ids.map((run) => ({ run, take: 'one' }))
    const update = (...ids: string[]): RunAction => ({ type: 'update', document: withPicks(doc, picks(...ids)) })
    await sandbox.reset(doc, ALL_CODE)
    await sandbox.apply(update('c', 'd', 's', 's'))
    expect((await sandbox.run(1000, 50)).stop?.reason).toBe('pick')
    // The last pick changed (undone, and another made): the worker goes back to where it was made.
    expect((await sandbox.apply(update('c', 'd', 's', 'c'))).view.tick).toBe(3)
    // c takes 'loop' and hangs: a new worker is given the run as it was, picks and all, and c is stopped there.
    const result = await sandbox.step(1)
    expect(result.stopped).toEqual({ node: 'c', tick: 3, error: STOPPED_ERROR })
    expect(workers.length).toBeGreaterThan(1)
    const after = await sandbox.run(1000, 50)
    expect(after.stop?.reason).toBe('pick')

    const timeline = new Timeline(doc, { compile: createCompiler({ globals: { hang: () => {} } }) })
    timeline.apply(update('c', 'd', 's', 'c'))
    timeline.run(3)
    timeline.apply({ type: 'fail', node: 'c', error: STOPPED_ERROR })
    timeline.run()
    expect(after.view.tick).toBe(timeline.tick)
    expect(sinkValues(after)).toEqual(timeline.sim.outputs.toArray('s').map((o) => o.value))
    expect(sandbox.documentAt(after.view.tick)?.hand?.picks).toEqual(picks('c', 'd', 's', 'c'))
  })

  it('does not run again code that hung before its first yield, and says which node it was', async () => {
    const sandbox = client()
    const result = await sandbox.reset(mesh(HANGS_AT_START, [1]), ALL_CODE)
    expect(result.stopped?.node).toBe('c')
    expect(result.view.nodes.c!.error).toBe(`Stopped: ${STOPPED_ERROR}`)
    const ran = await sandbox.run(1000, 50)
    expect(sinkValues(ran)).toEqual(['2x1', '2x2', '2x3'])
  })

  it('stops code that hangs at its start when an edit brings it in mid-run', async () => {
    const sandbox = client()
    const doc = mesh(LOOPS_ON_LOOP, [1, 2])
    await sandbox.reset(doc, ALL_CODE)
    await sandbox.step(2)
    const edited = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'c' ? { ...n, code: { source: HANGS_AT_START, ports: ['out'] } } : n)) }
    const result = await sandbox.apply({ type: 'update', document: edited })
    expect(result.stopped?.node).toBe('c')
    expect(result.view.tick).toBe(2)
    expect(result.view.nodes.c!.error).toBe(`Stopped: ${STOPPED_ERROR}`)
  })

  it('stops the node a tasklet action ran when that action hangs', async () => {
    const sandbox = client()
    await sandbox.reset(mesh(LOOPS_ON_LOOP, []), ALL_CODE)
    await sandbox.apply({ type: 'send', node: 'c', values: ['loop'] })
    const result = await sandbox.apply({ type: 'next', node: 'c' })
    expect(result.stopped?.node).toBe('c')
    expect(sandbox.actions.map((a) => a.action.type)).toEqual(['send', 'fail'])
  })

  it('treats a worker that dies like one that hangs', async () => {
    const sandbox = client()
    await sandbox.reset(mesh(CRASHES_ON_BOOM, ['boom', 5]), ALL_CODE)
    const result = await sandbox.run(1000, 50)
    expect(result.stopped?.node).toBe('c')
    expect(workers.length).toBeGreaterThan(1)
  })

  it('knows which code the run was told it may compile as soon as it is told, before the worker answers', async () => {
    const sandbox = client()
    const reset = sandbox.reset(mesh(LOOPS_ON_LOOP, [1]), [LOOPS_ON_LOOP])
    expect(sandbox.allows(LOOPS_ON_LOOP)).toBe(true)
    expect(sandbox.allows(CRASHES_ON_BOOM)).toBe(false)
    const allowed = sandbox.allow([CRASHES_ON_BOOM])
    expect(sandbox.allows(CRASHES_ON_BOOM)).toBe(true)
    await Promise.all([reset, allowed])
    void sandbox.reset(mesh(LOOPS_ON_LOOP, [1]), [])
    expect(sandbox.allows(LOOPS_ON_LOOP)).toBe(false)
  })

  it('answers requests in the order they were made', async () => {
    const sandbox = client()
    void sandbox.reset(mesh(LOOPS_ON_LOOP, [1, 2, 3]), ALL_CODE)
    const ticks = await Promise.all([sandbox.step(1), sandbox.step(1), sandbox.seek(1), sandbox.view()])
    expect(ticks.map((r) => r.view.tick)).toEqual([1, 2, 1, 1])
  })
})

describe('the sandbox client, with a written policy', () => {
  /** Round robin over the tasklets with items, that hangs the worker when it decides at tick 4 (in the page: a regex that never ends). */
  const HANGS_AT_4 = `function (mesh) {
  if (mesh.tick === 4) hang()
  return mesh.tasklets.find((t) => t.queued > 0).id
}`
  const policyMesh = (source: string) => ({ ...mesh(LOOPS_ON_LOOP, [1, 2, 3]), scheduler: 'policy' as const, policy: { name: 'Hangs', source } })

  it('stops the policy that hung, named as the policy, at the tick it hung: the run is as it was there', async () => {
    const sandbox = client()
    await sandbox.reset(policyMesh(HANGS_AT_4), [...ALL_CODE, HANGS_AT_4])
    const result = await sandbox.run(1000, 50)
    expect(result.stopped).toEqual({ node: null, tick: 4, error: STOPPED_ERROR })
    expect(stops).toEqual([result.stopped])
    expect(result.view.tick).toBe(4)
    expect(result.view.status).toBe('halted')
    expect(result.view.haltDetail).toBe(`the policy "Hangs" ${STOPPED_ERROR}`)
    expect(workers.length).toBeGreaterThan(1)
    // It is not asked again: stepping says why, and nothing moves.
    const again = await sandbox.step(1)
    expect(again.stop).toEqual({ reason: 'policy' })
    expect(again.view.tick).toBe(4)
    // Going back replays the run to the tick the policy hung at, and stops there again.
    const back = await sandbox.seek(2)
    expect(back.view.tick).toBe(2)
    expect(back.view.status).toBe('paused')
  })

  it('does not run a policy that was not allowed, and says so', async () => {
    const sandbox = client()
    const result = await sandbox.reset(policyMesh(HANGS_AT_4), ALL_CODE)
    expect(result.view.status).toBe('halted')
    expect(result.view.haltDetail).toBe('the policy "Hangs" cannot run: its code has not been allowed to run')
    expect((await sandbox.step(1)).view.tick).toBe(0)
  })
})
