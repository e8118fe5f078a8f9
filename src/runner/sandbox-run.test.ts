import { afterEach, describe, expect, it } from 'vitest'

import { recordRun, Timeline, type Behaviour, type BreakpointHit, type MeshDocument } from '../engine'
import { meshDocument } from '../engine/testing'
import { RECORD_LOST, SandboxClient } from '../sandbox/client'
import { FakeWorker } from '../sandbox/fake-worker'
import { ManualClock } from './clock'
import { FlowCollector } from './flow'
import { QueueSeries } from './queue-series'
import type { RunActivity, RunLogs, RunNotice } from './run-mode'
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

function setup(document: MeshDocument) {
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
      const worker = new FakeWorker()
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
    () => [PASS],
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
  return { run, logs, finished, notices, busy, settled, workers }
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
