import { describe, expect, it } from 'vitest'
import echoersJson from '../demos/priority-echoers.mesh.json'
import flushVsNextJson from '../demos/flush-vs-next.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, type MeshDocument, type SchedulerKind, type SchedulerMode } from './document'
import { lineageOf, schedulingFigures, STARVATION_TICKS } from './figures'
import { recordRun } from './run-record'
import { meshDocument } from './testing'
import { Timeline } from './timeline'

function load(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

function recorded(document: MeshDocument, act?: (t: Timeline) => void) {
  const t = new Timeline(document)
  if (act) act(t)
  else t.run()
  return recordRun(t.history())
}

const byNode = (figures: ReturnType<typeof schedulingFigures>) => Object.fromEntries(figures.tasklets.map((f) => [f.node, f]))

describe('schedulingFigures', () => {
  it('gives the hand-counted figures of a two-node chain: a doubler feeding a sink', () => {
    const chain = meshDocument({
      nodes: [
        { id: 'd', kind: 'doubler' },
        { id: 's', kind: 'sink' },
      ],
      edges: [{ source: 'd', port: 'target', target: 's' }],
      inputs: [{ node: 'd', values: [1, 2] }],
      scheduler: 'taskmaster',
      mode: 'flush',
    })
    // d takes 1 and 2 at ticks 1 and 2; s takes 2x1 and 2x2 at ticks 3 and 4.
    const record = recorded(chain)
    const figures = schedulingFigures(record)
    const { d, s } = byNode(figures)
    expect(d).toEqual({
      node: 'd',
      activations: 2,
      meanWait: 1.5,
      longestWait: 2,
      peakQueue: 2,
      meanQueue: 3 / 5,
      longestStarvation: 0,
      starvedStretches: 0,
      hadWork: true,
      outputs: 0,
      throughput: 0,
      meanTurnaround: null,
      longestTurnaround: null,
    })
    expect(s).toEqual({
      node: 's',
      activations: 2,
      meanWait: 2,
      longestWait: 2,
      peakQueue: 2,
      meanQueue: 4 / 5,
      // 2x1 waits at tick 2 while d runs
      longestStarvation: 1,
      starvedStretches: 0,
      hadWork: true,
      outputs: 2,
      throughput: 50,
      meanTurnaround: 3.5,
      longestTurnaround: 4,
    })
    expect(figures.mesh).toEqual({
      ticks: 4,
      activations: 4,
      items: 4,
      taken: 4,
      meanWait: 1.75,
      longestWait: 2,
      peakQueue: 2,
      meanQueue: 7 / 5,
      starvedTasklets: 0,
      longestStarvation: 1,
      outputs: 2,
      throughput: 50,
      meanTurnaround: 3.5,
      longestTurnaround: 4,
      fairness: 1,
    })
    expect([...figures.outputs.turnaround]).toEqual([3, 4])
    expect(figures.outputs.longest).toBe(1)
    expect(lineageOf(record.ledger, figures.outputs.item[1]!).lanes.map((i) => record.lanes.nodes[i])).toEqual(['d', 's'])
    // With a threshold of 0, the sink's one tick of waiting is starving.
    expect(schedulingFigures(record, { starvationTicks: 0 }).mesh.starvedTasklets).toBe(1)
  })

  it("gives the hand-counted figures of the doubler and tripler fed by one start, under the taskmaster's flush", () => {
    // a takes 1, 2, 3 (ticks 1-3), sending each on to d and t; d drains (4-6), then t (7-9), then s takes six (10-15).
    const record = recorded(load(flushVsNextJson, { mode: 'flush' }))
    const figures = schedulingFigures(record)
    const { a, d, t, s } = byNode(figures)
    expect([a, d, t, s].map((f) => f!.activations)).toEqual([3, 3, 3, 6])
    expect([a, d, t, s].map((f) => [f!.meanWait, f!.longestWait])).toEqual([
      [2, 3],
      [3, 3],
      [6, 6],
      [6, 6],
    ])
    expect([a, d, t, s].map((f) => [f!.peakQueue, f!.meanQueue])).toEqual([
      [3, 6 / 16],
      [3, 9 / 16],
      [3, 18 / 16],
      [6, 36 / 16],
    ])
    // d waits at ticks 2-3, t at 2-6, s at 5-9.
    expect([a, d, t, s].map((f) => f!.longestStarvation)).toEqual([0, 2, 5, 5])
    expect([...figures.outputs.turnaround]).toEqual([10, 11, 12, 13, 14, 15])
    const last = figures.outputs.item[5]!
    expect(lineageOf(record.ledger, last).lanes.map((i) => record.lanes.nodes[i])).toEqual(['a', 't', 's'])
    expect(lineageOf(record.ledger, last, 2)).toEqual({ lanes: [2, 3], cut: true })
    expect(figures.mesh).toMatchObject({
      ticks: 15,
      meanWait: 69 / 15,
      longestWait: 6,
      peakQueue: 6,
      meanQueue: 69 / 16,
      outputs: 6,
      throughput: 40,
      meanTurnaround: 12.5,
      longestTurnaround: 15,
      longestStarvation: 5,
      starvedTasklets: 0,
    })
    expect(figures.mesh.fairness).toBeCloseTo(225 / 252, 12)
    expect(figures.outputs.longest).toBe(5)
    expect(schedulingFigures(record, { starvationTicks: 4 }).tasklets.map((f) => f.starvedStretches)).toEqual([0, 0, 1, 1])
  })

  it('counts a stretch of waiting that a clear ends, and one still going at the end', () => {
    // A start feeding itself, drained by the taskmaster's flush, never gives the sink after it a turn.
    const doc = meshDocument({
      nodes: [
        { id: 'p', kind: 'start' },
        { id: 'w', kind: 'sink' },
      ],
      edges: [{ source: 'p', port: 'target', target: 'p' }],
      inputs: [
        { node: 'p', values: [0] },
        { node: 'w', values: [1] },
      ],
      scheduler: 'taskmaster',
      mode: 'flush',
    })
    const record = recorded(doc, (t) => {
      t.run(30)
      t.apply({ type: 'clear', node: 'w' })
      t.run(5)
      t.apply({ type: 'send', node: 'w', values: [2] })
      t.run(10)
    })
    const { w } = byNode(schedulingFigures(record))
    // Waiting from tick 1 through 30 (cleared after tick 30), then again from 36 through 45.
    expect(w!.longestStarvation).toBe(30)
    expect(w!.starvedStretches).toBe(1)
    expect(w!.activations).toBe(0)
    expect(schedulingFigures(record, { starvationTicks: 9 }).tasklets.find((f) => f.node === 'w')!.starvedStretches).toBe(2)
    expect(STARVATION_TICKS).toBe(20)
  })

  it('has figures that hold for any run: waits ≥ 0, activations adding up to the ticks, Jain in (0, 1]', () => {
    const schedulers: [SchedulerKind, SchedulerMode][] = [
      ['taskmaster', 'flush'],
      ['taskmaster', 'next'],
      ['priority', 'flush'],
      ['priority', 'next'],
    ]
    for (const json of [part3Json, echoersJson]) {
      for (const [scheduler, mode] of schedulers) {
        for (let seed = 1; seed <= 12; seed++) {
          const record = recorded(load(json, { scheduler, mode, seed }), (t) => {
            t.run()
            t.apply({ type: 'send', node: t.sim.order.find((n) => n.kind !== 'sink')!.id, values: json === part3Json ? [20, 21, 22] : ['again'] })
            t.run()
          })
          const figures = schedulingFigures(record)
          const where = `${scheduler} ${mode}, seed ${seed}`
          expect(
            figures.tasklets.reduce((n, f) => n + f.activations, 0),
            where,
          ).toBe(record.lanes.ticks)
          for (const f of figures.tasklets) {
            if (f.meanWait !== null) expect(f.meanWait).toBeGreaterThanOrEqual(1)
            expect(f.longestWait ?? 1).toBeGreaterThanOrEqual(f.meanWait ?? 1)
            expect(f.peakQueue).toBeGreaterThanOrEqual(f.meanQueue)
            expect(f.meanQueue).toBeGreaterThanOrEqual(0)
            expect(f.longestStarvation).toBeGreaterThanOrEqual(0)
          }
          for (let k = 0; k < figures.outputs.count; k++) expect(figures.outputs.turnaround[k]).toBeGreaterThanOrEqual(1)
          const fairness = figures.mesh.fairness!
          expect(fairness, where).toBeGreaterThan(0)
          expect(fairness, where).toBeLessThanOrEqual(1 + 1e-12)
          expect(figures.mesh.outputs).toBe(figures.tasklets.reduce((n, f) => n + f.outputs, 0))
          // Each queue's peak is at least every sample the lanes took of it.
          const n = record.lanes.nodes.length
          record.lanes.queued.forEach((q, i) => expect(figures.tasklets[i % n]!.peakQueue).toBeGreaterThanOrEqual(q))
        }
      }
    }
  })

  it('has nothing to average before the first tick', () => {
    const figures = schedulingFigures(recorded(load(part3Json), () => {}))
    expect(figures.mesh).toMatchObject({ ticks: 0, meanWait: null, throughput: null, fairness: null, meanTurnaround: null, peakQueue: 4, meanQueue: 4 })
  })
})
