import { afterEach, describe, expect, it } from 'vitest'

import type { BreakpointHit, MeshDocument } from '../engine'
import { meshDocument } from '../engine/testing'
import { SandboxClient } from '../sandbox/client'
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
  const client = new SandboxClient({ createWorker: () => new FakeWorker(), timeoutMs: 250, stepDeadlineMs: 250 })
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
  return { run, logs, finished, notices, busy, settled }
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
})
