import { afterEach, describe, expect, it } from 'vitest'

import { emptyDocument, Timeline, type MeshDocument, type RunStop } from '../engine'
import { ManualClock } from '../runner/clock'
import { RunDriver } from '../runner/driver'
import { SandboxClient, type StoppedNode } from '../sandbox/client'
import { FakeWorker } from '../sandbox/fake-worker'
import { SandboxRun } from './sandbox-run'
import { meshDocument } from '../engine/testing'

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

function setup() {
  const clock = new ManualClock()
  const driver = new RunDriver(new Timeline(emptyDocument()), clock.now)
  const finished: (RunStop | null)[] = []
  const stopped: StoppedNode[] = []
  const busy: boolean[] = []
  const client = new SandboxClient({ createWorker: () => new FakeWorker(), timeoutMs: 60, stepDeadlineMs: 60 })
  const run = new SandboxRun(client, {
    clock,
    driver,
    breakpoints: () => [],
    label: (id) => id,
    changed: () => {},
    busy: (b) => busy.push(b),
    finished: (stop) => finished.push(stop),
    stopped: (s) => stopped.push(s),
    failed: (e) => {
      throw e
    },
  })
  runs.push(run)
  return { run, driver, finished, stopped, busy, clock }
}

const sinkValues = (run: SandboxRun) => run.view?.outputs.s?.map((o) => o.value)

afterEach(() => {
  for (const run of runs) run.dispose()
  runs = []
})

describe('a run in the sandbox', () => {
  it('steps traced, and is busy only while a request is out', async () => {
    const { run, driver, busy } = setup()
    await run.reset(mesh([1, 2]), [PASS])
    await run.step()
    expect(run.view?.tick).toBe(1)
    expect(driver.trace.length).toBeGreaterThan(0)
    expect(busy.at(-1)).toBe(false)
    expect(busy).toContain(true)
  })

  it('runs fast to the end untraced, noting the gap, and goes back in time exactly', async () => {
    const { run, driver, finished } = setup()
    await run.reset(mesh([1, 2, 3]), [PASS])
    await run.burst('end')
    expect(finished).toEqual([{ reason: 'idle' }])
    expect(sinkValues(run)).toEqual([1, 2, 3])
    const end = run.view!.tick
    expect(Array.from({ length: driver.trace.length }, (_, i) => driver.trace.at(i)).some((e) => e.type === 'gap')).toBe(true)
    await run.seek(2)
    expect(run.view?.tick).toBe(2)
    expect(run.view?.end).toBe(end)
    await run.seek(end)
    expect(sinkValues(run)).toEqual([1, 2, 3])
  })

  it('opens at a tick, and tells when a node had to be stopped', async () => {
    const { run, stopped } = setup()
    await run.reset(mesh([1, 'loop', 3]), [PASS], 1)
    expect(run.view?.tick).toBe(1)
    await run.burst('end')
    expect(stopped.map((s) => s.node)).toEqual(['c'])
    expect(run.view?.nodes.c?.error).toMatch(/ran for over 1 s/)
  })

  it('knows the document the run followed at each tick', async () => {
    const { run } = setup()
    const doc = mesh([1, 2])
    await run.reset(doc, [PASS])
    await run.step()
    const edited = { ...doc, title: 'edited' }
    await run.act({ type: 'update', document: edited })
    expect(run.runDocument()).toBe(edited)
    await run.seek(0)
    expect(run.runDocument()).toBe(doc)
  })
})
