import { afterEach, describe, expect, it } from 'vitest'

import {
  LINEAGE_TICKS,
  pyStr,
  recordRun,
  Timeline,
  Watch,
  WATCH_VALUES,
  whatIf,
  type Alteration,
  type Behaviour,
  type BreakpointHit,
  type MeshDocument,
  type WatchTarget,
} from '../engine'
import { meshDocument } from '../engine/testing'
import { RECORD_LOST, SandboxClient, WATCH_LOST, WHAT_IF_LOST } from '../sandbox/client'
import { MAX_LINEAGE_EVENTS } from '../sandbox/protocol'
import { FakeWorker } from '../sandbox/fake-worker'
import { ManualClock } from './clock'
import { FlowCollector } from './flow'
import { QueueSeries } from './queue-series'
import type { RunActivity, RunLogs, RunNotice, RunWatch } from './run-mode'
import { SandboxWatch, WATCH_FOLLOW_MS } from './run-watches'
import { SandboxRun } from './sandbox-run'
import { TraceLog } from './trace-log'

const PASS = `function* (ports) {
  while (true) {
    const item = yield
    if (item === 'loop') hang()
    ports.out.send(item)
  }
}`

function mesh(inputs: unknown[]): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'c', kind: 'code', label: 'pass', code: { source: PASS, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [{ source: 'c', port: 'out', target: 's' }],
    inputs: [{ node: 'c', values: inputs }],
  })
}

let runs: SandboxRun[] = []

/** Tens each item, and adds a digit of its own from `Math.random` (the run's generator): replays give the same digits only if they draw from their own run. */
const TENS = `function* (ports) {
  while (true) {
    const item = yield
    ports.out.send(item * 10 + Math.floor(Math.random() * 10))
  }
}`

/** Adds ten to each item (odd stays odd, for the branch to draw), no random numbers: the engine runs it written out (plusTenBehaviour). */
const PLUS_TEN = `function* (ports) {
  while (true) {
    const item = yield
    ports.out.send(item + 10)
  }
}`

const plusTenBehaviour = () =>
  function* (ports: Parameters<Behaviour>[0]) {
    for (;;) ports.out!.send(((yield) as number) + 10)
  }

/** start → a code node `c` → branch → sink: the branch draws for odd items. */
function branchy(source: string, inputs: number[]): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'c', kind: 'code', label: 'tens', code: { source, ports: ['out'] } },
      { id: 'b', kind: 'branch' },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'c' },
      { source: 'c', port: 'out', target: 'b' },
      { source: 'b', port: 'left', target: 's' },
      { source: 'b', port: 'right', target: 's' },
      { source: 'b', port: 'rand', target: 's' },
    ],
    inputs: [{ node: 'a', values: inputs }],
  })
}

function setup(document: MeshDocument, sources: string[] = [PASS], hostClock?: () => number) {
  const clock = new ManualClock()
  const logs: RunLogs = { trace: new TraceLog(), series: new QueueSeries(), flow: new FlowCollector() }
  const finished: (BreakpointHit | null)[] = []
  const notices: RunNotice[] = []
  const busy: boolean[] = []
  const activity: RunActivity[] = []
  // Watchdogs long enough for a loaded machine to start the realm, short enough for a test of a hang.
  const workers: FakeWorker[] = []
  const client = new SandboxClient({
    createWorker: () => {
      const worker = new FakeWorker({ now: hostClock })
      workers.push(worker)
      return worker
    },
    timeoutMs: 250,
    stepDeadlineMs: 250,
  })
  const run = new SandboxRun(
    client,
    clock,
    logs,
    {
      breakpoints: () => [],
      publish: () => {},
      activity: (a) => activity.push(a),
      stopped: (hit) => finished.push(hit),
      notify: (n) => notices.push(n),
      showRunDocument: () => {},
      busy: (b) => busy.push(b),
      opening: () => {},
    },
    () => sources,
    document,
  )
  runs.push(run)
  /** Waits until the worker has answered everything asked of it. */
  const settled = async () => {
    for (let i = 0; i < 400; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (client.pending === 0 && activity.at(-1) !== 'running' && activity.at(-1) !== 'playing') return
    }
    throw new Error('the sandbox did not settle')
  }
  return { run, logs, finished, notices, busy, settled, workers, client, clock }
}

const sinkValues = (run: SandboxRun) => run.view?.outputs.s?.map((o) => o.value)

afterEach(() => {
  for (const run of runs) run.dispose()
  runs = []
})

describe('a run in the sandbox', () => {
  it('steps traced, and is busy only while a request is out', async () => {
    const { run, logs, busy, settled } = setup(mesh([1, 2]))
    run.reset(mesh([1, 2]))
    await settled()
    run.step()
    await settled()
    expect(run.view?.tick).toBe(1)
    expect(logs.trace.length).toBeGreaterThan(0)
    expect(busy.at(-1)).toBe(false)
  })

  it('runs fast to the end untraced, noting the gap, and goes back in time exactly', async () => {
    const { run, logs, finished, settled } = setup(mesh([1, 2, 3]))
    run.reset(mesh([1, 2, 3]))
    await settled()
    run.runFast('end')
    await settled()
    expect(finished).toEqual([null])
    expect(sinkValues(run)).toEqual([1, 2, 3])
    const end = run.view!.tick
    expect(Array.from({ length: logs.trace.length }, (_, i) => logs.trace.at(i)).some((e) => e.type === 'gap')).toBe(true)
    run.seek(2)
    await settled()
    expect(run.view?.tick).toBe(2)
    expect(run.view?.end).toBe(end)
    run.seek(end)
    await settled()
    expect(sinkValues(run)).toEqual([1, 2, 3])
  })

  it('opens at a tick, and tells when a node had to be stopped', async () => {
    const { run, notices, settled } = setup(mesh([1, 'loop', 3]))
    run.startAt(mesh([1, 'loop', 3]), 1)
    await settled()
    expect(run.view?.tick).toBe(1)
    run.runFast('end')
    await settled()
    expect(notices.filter((n) => n.key === 'code-stopped').map((n) => n.text)).toEqual([expect.stringMatching(/^pass was stopped at tick/)])
    expect(run.view?.nodes.c?.error).toMatch(/ran for over 1 s/)
  })

  it('knows the document the run followed at each tick', async () => {
    const doc = mesh([1, 2])
    const { run, settled } = setup(doc)
    run.reset(doc)
    await settled()
    run.step()
    await settled()
    const edited = { ...doc, title: 'edited' }
    run.act({ type: 'update', document: edited })
    await settled()
    expect(run.runDocument()).toBe(edited)
    run.seek(0)
    await settled()
    expect(run.runDocument()).toBe(doc)
  })

  it('makes its record in the worker, a slice at a time, and it is the record of the run', async () => {
    const doc = mesh(Array.from({ length: 300 }, (_, i) => i))
    const { run, settled, workers } = setup(doc)
    run.reset(doc)
    await settled()
    run.runFast('end')
    await settled()
    const record = await run.record()
    const requests = workers[0]!.received.filter((r) => r.type === 'record')
    expect(requests.length).toBeGreaterThan(0)
    expect(record.lanes.ticks).toBe(run.view!.end)
    // The same run on the engine, the code node's coroutine written out: the same record.
    const compile = () =>
      function* (ports: Parameters<Behaviour>[0]) {
        for (;;) ports.out!.send(yield)
      }
    const timeline = new Timeline(doc, { compile })
    timeline.run()
    expect(record).toEqual(recordRun(timeline.history(), { compile }))
    expect(run.view?.tick).toBe(run.view?.end)
  })

  it('refuses a record from the worker that does not fit the run', async () => {
    const doc = mesh([1, 2, 3])
    const { run, settled, workers } = setup(doc)
    run.reset(doc)
    await settled()
    run.runFast('end')
    await settled()
    const good = await run.record()
    const worker = workers[0]!
    // The worker answers no more; a forged reply comes in its place, with a lane that is not there.
    worker.hung = true
    const asked = run.record()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const request = worker.received.at(-1)!
    expect(request.type).toBe('record')
    const spoiled = structuredClone(good)
    spoiled.lanes.ran[0] = 7
    worker.forge({ kind: 'reply', id: request.id, ok: true, result: { view: run.view, steps: 0, stop: null, events: [], eventsDropped: 0, record: { done: true, record: spoiled } } })
    await expect(asked).rejects.toThrow(/does not fit the run: tick 1 ran a lane that does not exist/)
  })

  it('gives up a record when the worker stops answering while it makes it, and keeps the run as it was', async () => {
    const doc = mesh([1, 2, 3])
    const { run, settled, workers } = setup(doc)
    run.reset(doc)
    await settled()
    run.step()
    await settled()
    const before = run.view
    workers[0]!.hung = true
    await expect(run.record()).rejects.toThrow(RECORD_LOST)
    await settled()
    expect(workers.length).toBe(2)
    run.step()
    await settled()
    expect(run.view?.tick).toBe(before!.tick + 1)
    expect((await run.record()).lanes.ticks).toBe(before!.tick + 1)
  })
})

/** Runs `doc` to its end in the sandbox, with a send by hand on the way. */
async function ranToEnd(doc: MeshDocument, sources: string[], hostClock?: () => number) {
  const setupDone = setup(doc, sources, hostClock)
  const { run, settled } = setupDone
  run.reset(doc)
  await settled()
  run.step()
  run.step()
  await settled()
  run.act({ type: 'send', node: 'a', values: [7] })
  run.runFast('end')
  await settled()
  return setupDone
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('What if in the sandbox', () => {
  it('replays in the worker, a slice a request, and gives the engine’s WhatIfResult on the same history with the same code', async () => {
    const doc = branchy(PLUS_TEN, [1, 2, 3, 4, 5])
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN])
    const before = run.view
    const history = run.history()
    expect(history.entries.some((e) => e.action?.type === 'send')).toBe(true)
    const alterations: Alteration[] = [
      { kind: 'input', index: 0 },
      { kind: 'skip', entry: history.entries.findIndex((e) => e.action?.type === 'send') },
      { kind: 'draw', tick: 1, node: 'b', value: 1 },
      { kind: 'draw', tick: 1, node: 'b', value: 2 },
    ]
    const divergences: (number | null)[] = []
    for (const alteration of alterations) {
      const result = await run.whatIf(alteration)
      const engine = whatIf(history, alteration, { compile: plusTenBehaviour })
      if (!engine.ok) throw new Error(engine.error)
      expect(result).toEqual(engine.result)
      divergences.push(result.divergence)
    }
    // Skipping an initial input and a send part the runs; of the two values a draw can be forced to, one is not what it drew.
    expect(divergences[0]).not.toBeNull()
    expect(divergences[1]).not.toBeNull()
    expect(divergences.slice(2).some((d) => d !== null)).toBe(true)
    expect(workers[0]!.received.filter((r) => r.type === 'what-if').length).toBeGreaterThanOrEqual(alterations.length)
    // The run did not move.
    expect(run.view).toBe(before)
    expect(run.history()).toEqual(history)
  })

  it('replays a long run a slice a request, each well within the watchdog’s time, to the engine’s answer', async () => {
    const doc = branchy(
      PLUS_TEN,
      Array.from({ length: 4_000 }, (_, i) => i),
    )
    // For the what-if, the host's clock moves 10 ms each time it is read: a slice of 40 ms ends after four looks at it, however fast the machine.
    let time: number | null = null
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN], () => (time === null ? performance.now() : (time += 10)))
    time = 0
    expect(run.view!.end).toBeGreaterThan(10_000)
    const history = run.history()
    const alteration: Alteration = { kind: 'draw', tick: 5_000, node: 'b', value: 1 }
    const asked = workers[0]!.received.length
    const result = await run.whatIf(alteration)
    const engine = whatIf(history, alteration, { compile: plusTenBehaviour })
    if (!engine.ok) throw new Error(engine.error)
    expect(result).toEqual(engine.result)
    expect(workers[0]!.received.slice(asked).filter((r) => r.type === 'what-if').length).toBeGreaterThan(1)
    expect(workers).toHaveLength(1)
  })

  it('gives each replay’s code its own run’s random numbers: the original is the run as it went', async () => {
    const doc = branchy(TENS, [1, 2, 3, 4, 5, 6, 7, 8])
    const { run } = await ranToEnd(doc, [TENS])
    const outputs = run.view!.outputs.s!.map((o) => ({ tick: o.tick, node: 's', text: pyStr(o.value) }))
    const result = await run.whatIf({ kind: 'input', index: 0 })
    expect(result.original.outputs).toEqual(outputs)
    expect(result.original.end).toBe(run.view!.end)
    // The altered run has one input fewer: its sink printed less.
    expect(result.altered.outputCount).toBeLessThan(result.original.outputCount)
  })

  it('says at once why a change cannot be made, without asking the worker', async () => {
    const doc = branchy(PLUS_TEN, [1, 2])
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN])
    const asked = workers[0]!.received.length
    await expect(run.whatIf({ kind: 'skip', entry: 99 })).rejects.toThrow(/no hand action 99/)
    expect(workers[0]!.received.length).toBe(asked)
  })

  it('refuses an answer from the worker that does not fit the run, and one of the wrong shape', async () => {
    const doc = branchy(PLUS_TEN, [1, 2, 3, 4])
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN])
    const good = await run.whatIf({ kind: 'input', index: 0 })
    const worker = workers[0]!
    worker.hung = true
    const answer = {
      original: good.original,
      altered: good.altered,
      divergence: good.divergence,
      from: good.from,
      end: good.history.end,
      entries: good.history.entries.map((e) => ({ tick: e.tick, hand: e.action !== null })),
    }
    const forge = async (whatIf: unknown) => {
      const asked = run.whatIf({ kind: 'input', index: 0 })
      await new Promise((resolve) => setTimeout(resolve, 20))
      const request = worker.received.at(-1)!
      expect(request.type).toBe('what-if')
      worker.forge({ kind: 'reply', id: request.id, ok: true, result: { view: run.view, steps: 0, stop: null, events: [], eventsDropped: 0, whatIf } })
      return asked
    }
    const backwards = { ...answer, altered: { ...answer.altered, outputs: [...answer.altered.outputs].reverse() } }
    expect(answer.altered.outputs.length).toBeGreaterThan(1)
    await expect(forge({ done: true, answer: backwards })).rejects.toThrow(/does not fit the run: its altered run's outputs go back from tick/)
    const lying = { ...answer, entries: [...answer.entries, { tick: answer.end, hand: true }] }
    await expect(forge({ done: true, answer: lying })).rejects.toThrow(/does not fit the run: its history has a hand action at tick/)
    await expect(forge({ done: true, answer: { ...answer, from: answer.from + 3 } })).rejects.toThrow(/does not fit the run: it changes the run at tick/)
    // A reply of the wrong shape, or with a huge list, is dropped by the protocol: the watchdog takes the worker for hung, and the what-if is given up.
    const huge = { ...answer, original: { ...answer.original, outputs: Array.from({ length: 5_000 }, () => answer.original.outputs[0]) } }
    await expect(forge({ done: true, answer: huge })).rejects.toThrow(WHAT_IF_LOST)
  })

  it('gives up a what-if whose worker stops answering, and keeps the run as it was', async () => {
    const doc = branchy(PLUS_TEN, [1, 2, 3])
    const { run, settled, workers } = await ranToEnd(doc, [PLUS_TEN])
    const before = run.view
    workers[0]!.hung = true
    await expect(run.whatIf({ kind: 'input', index: 1 })).rejects.toThrow(WHAT_IF_LOST)
    await settled()
    expect(workers.length).toBe(2)
    expect((await run.whatIf({ kind: 'input', index: 1 })).original.end).toBe(before!.end)
  })
})

describe('Watches in the sandbox', () => {
  const wire: WatchTarget = { kind: 'wire', from: 'c', port: 'out', to: 'b' }

  /** Advances `watch` as the watch slice would, each reply, until it is done. */
  async function made(watch: RunWatch): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if (watch.advance(() => true) === 'done') return
      await pause(5)
    }
    throw new Error('the watch was not made')
  }

  it('replays in the worker with the run’s code, a slice a request, and lists what the engine’s Watch lists', async () => {
    const doc = branchy(PLUS_TEN, [1, 2, 3, 4, 5])
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN])
    let changes = 0
    const watch = run.watch(wire, () => changes++)
    await made(watch)
    const engine = new Watch(wire, run.history(), { compile: plusTenBehaviour })
    while (!engine.advance(1_000_000));
    expect(watch.result()).toEqual(engine.result())
    expect(watch.result()?.values).toEqual([12, 13, 14, 15, 16, 18])
    expect(watch.error).toBeNull()
    expect(changes).toBeGreaterThan(0)
    expect(workers[0]!.received.some((r) => r.type === 'watch')).toBe(true)
    watch.dispose()
  })

  it('follows a run that is moving at most once every WATCH_FOLLOW_MS, and at once when it is not', async () => {
    const doc = branchy(PLUS_TEN, [1, 2, 3])
    const { run, client, clock, workers } = await ranToEnd(doc, [PLUS_TEN])
    let moving = true
    let changes = 0
    const watch: RunWatch = new SandboxWatch(wire, 1, { client, clock, end: () => run.view!.end, moving: () => moving }, () => changes++)
    await made(watch)
    const asked = () => workers[0]!.received.filter((r) => r.type === 'watch').length
    const before = asked()
    watch.follow()
    expect(watch.advance(() => true)).toBe('waiting')
    await pause(20)
    expect(asked()).toBe(before)
    // A frame after the time has passed wakes it, and the next advance asks.
    clock.nextFrame(WATCH_FOLLOW_MS)
    expect(changes).toBeGreaterThan(0)
    await made(watch)
    expect(asked()).toBe(before + 1)
    moving = false
    watch.follow()
    watch.advance(() => true)
    await made(watch)
    expect(asked()).toBe(before + 2)
    watch.dispose()
  })

  it('refuses a watch from the worker that does not fit the run, and one of the wrong shape', async () => {
    const doc = branchy(PLUS_TEN, [1, 2, 3, 4])
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN])
    const good = run.watch(wire, () => {})
    await made(good)
    const result = good.result()!
    expect(result.ticks.length).toBeGreaterThan(1)
    const worker = workers[0]!
    worker.hung = true
    const forged = async (forge: (key: number) => unknown) => {
      const watch = run.watch(wire, () => {})
      watch.advance(() => true)
      await pause(20)
      const request = worker.received.at(-1)!
      if (request.type !== 'watch') throw new Error(`not a watch request: ${request.type}`)
      worker.forge({ kind: 'reply', id: request.id, ok: true, result: { view: run.view, steps: 0, stop: null, events: [], eventsDropped: 0, watch: forge(request.key) } })
      await made(watch)
      return watch
    }
    const backwards = await forged((key) => ({ key, begun: true, result: { ...result, ticks: [...result.ticks].reverse() } }))
    expect(backwards.error).toMatch(/does not fit the run: its entries go back from tick/)
    const other = await forged((key) => ({ key, begun: true, result: { ...result, target: { kind: 'queue', node: 'c' } } }))
    expect(other.error).toMatch(/does not fit the run: it watches something else/)
    const uneven = await forged((key) => ({ key, begun: true, result: { ...result, values: result.values.slice(1) } }))
    expect(uneven.error).toMatch(/does not fit the run: its ticks, values and kinds are not one of each per entry/)
    // Past WATCH_VALUES, or not a watch at all: the protocol drops the reply, the watchdog takes the worker for hung, and the watch is given up.
    const huge = await forged((key) => ({ key, begun: true, result: { ...result, values: new Array(WATCH_VALUES + 1).fill(1) } }))
    expect(huge.error).toBe(WATCH_LOST)
    expect(run.view?.tick).toBe(run.view?.end)
  })
})

describe('Trace events for a lineage in the sandbox', () => {
  it('replays a long run’s ticks a slice a request, each well within the watchdog’s time, to the engine’s events; again after the run went on', async () => {
    const doc = branchy(
      PLUS_TEN,
      Array.from({ length: 4_000 }, (_, i) => i),
    )
    // The host's clock moves 10 ms each time it is read: a slice of 40 ms ends after four looks at it, however fast the machine.
    let time: number | null = null
    const { run, workers, settled } = await ranToEnd(doc, [PLUS_TEN], () => (time === null ? performance.now() : (time += 10)))
    time = 0
    const end = run.view!.end
    expect(end).toBeGreaterThan(10_000)
    const ticks = [1, 2, 3, 500, 2_001, 5_000, 5_001, end - 1, end]
    const engine = Timeline.replaying(run.history(), { compile: plusTenBehaviour })
    const asked = workers[0]!.received.length
    // Two asks at once (two stories clicked quickly): each its own ticks' events, the second waiting for the first.
    const others = [4, 9_000]
    const [told, other] = await Promise.all([run.eventsAt(ticks), run.eventsAt(others)])
    expect(told).toEqual(engine.eventsAt(ticks))
    expect(other).toEqual(engine.eventsAt(others))
    expect(workers[0]!.received.slice(asked).filter((r) => r.type === 'lineage').length).toBeGreaterThan(2)
    // The run goes on (a send, more ticks): the worker's replay takes the history in, and tells the new ticks as the engine does.
    time = null
    run.act({ type: 'send', node: 'a', values: [1, 2, 3] })
    run.runFast('end')
    await settled()
    time = 0
    const later = run.view!.end
    expect(later).toBeGreaterThan(end)
    const more = [end - 1, end + 1, later]
    expect(await run.eventsAt(more)).toEqual(Timeline.replaying(run.history(), { compile: plusTenBehaviour }).eventsAt(more))
    expect(workers).toHaveLength(1)
  })

  it('says at once that a story needs too many ticks, without asking the worker', async () => {
    const doc = branchy(
      PLUS_TEN,
      Array.from({ length: 100 }, (_, i) => i),
    )
    const { run, workers } = await ranToEnd(doc, [PLUS_TEN])
    const asked = workers[0]!.received.length
    const many = Array.from({ length: LINEAGE_TICKS + 1 }, (_, i) => i + 1)
    expect(run.view!.end).toBeGreaterThan(LINEAGE_TICKS)
    await expect(run.eventsAt(many)).rejects.toThrow(/at most 201 ticks/)
    expect(workers[0]!.received.length).toBe(asked)
  })

  it('says so when the ticks asked made more trace events than a story is sent', async () => {
    const FLOOD = `function* (ports) {
  while (true) {
    const item = yield
    for (let i = 0; i < 25000; i++) ports.out.send(item)
  }
}`
    const doc = branchy(FLOOD, [1])
    const { run } = await ranToEnd(doc, [FLOOD])
    const flooded = run.view!.nodes.c!.activations
    expect(flooded).toBeGreaterThan(0)
    // Tick 2 is the code node's first activation (start took its item at tick 1).
    await expect(run.eventsAt([2])).rejects.toThrow(`the chain's ticks made over ${MAX_LINEAGE_EVENTS} trace events, more than a story is sent`)
  })
})
