import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { meshDocument } from './testing'
import { Timeline, type TimelineHistory } from './timeline'
import type { TraceEvent } from './trace'
import type { Value } from './value'
import { Watch, WATCH_BUCKETS, watchBuckets, watchTitle, type WatchResult, type WatchTarget } from './watch'

/** The Part 3 mesh with 100 initial inputs, so that its run goes on past 200 ticks. */
const part3 = (seed: number) => ({
  ...meshDocument(part3Json),
  seed,
  inputs: [{ node: 'a', values: Array.from({ length: 100 }, (_, i) => i) }],
  limits: { maxActivations: 400, maxQueue: 10_000 },
})

/** A Part 3 run with a hand send on the way, traced from its start. */
function tracedRun(seed: number, ticks = 200): { timeline: Timeline; events: TraceEvent[] } {
  const events: TraceEvent[] = []
  const timeline = new Timeline(part3(seed), { trace: (e) => events.push(e), keyframeEvery: 16 })
  timeline.run(ticks / 2)
  timeline.apply({ type: 'send', node: 'b', values: [7, 8] })
  timeline.run(ticks / 2)
  return { timeline, events }
}

function watched(target: WatchTarget, history: TimelineHistory, slice = 1_000_000): WatchResult {
  const watch = new Watch(target, history)
  while (!watch.advance(slice));
  return watch.result()
}

const rows = (r: WatchResult) => r.ticks.map((tick, i) => [tick, r.kinds[i], r.values[i]] as [number, string, Value])

const WIRES: WatchTarget[] = [
  { kind: 'wire', from: 'a', port: 'target', to: 'b' },
  { kind: 'wire', from: 'd', port: 'target', to: 's' },
  { kind: 'wire', from: 'b', port: 'rand', to: 'r' },
  { kind: 'wire', from: 'r', port: 'beginning', to: 'a' },
]

describe('a watch on a wire', () => {
  it('lists every emit along that wire that a traced run of the Part 3 mesh made, at seeds 1–8', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const { timeline, events } = tracedRun(seed)
      for (const target of WIRES) {
        if (target.kind !== 'wire') continue
        const expected = events
          .filter((e): e is Extract<TraceEvent, { type: 'emit' }> => e.type === 'emit' && e.from === target.from && e.port === target.port && e.to === target.to)
          .map((e) => [e.tick, 'passed', e.value])
        const result = watched(target, timeline.history())
        expect(rows(result), `seed ${seed}, ${watchTitle(target)}`).toEqual(expected)
        expect(result.arrived).toBe(expected.length)
        expect(result.done).toBe(true)
        expect(result.end).toBe(timeline.end)
      }
    }
  })

  it('gives the same list replayed in small slices as in one go', () => {
    const { timeline } = tracedRun(3)
    expect(rows(watched(WIRES[1]!, timeline.history(), 7))).toEqual(rows(watched(WIRES[1]!, timeline.history())))
  })

  it('set at tick 50 of a 200-tick run still lists ticks 1–49, and the ticks after 50', () => {
    const { timeline, events } = tracedRun(5)
    timeline.seek(50)
    const result = watched({ kind: 'wire', from: 'a', port: 'target', to: 'b' }, timeline.history())
    const all = events.filter((e) => e.type === 'emit' && e.from === 'a' && e.to === 'b').map((e) => e.tick)
    expect(result.ticks).toEqual(all)
    expect(result.ticks.some((t) => t < 50)).toBe(true)
    expect(result.ticks.some((t) => t > 50)).toBe(true)
    expect(result.end).toBe(200)
    expect(timeline.tick).toBe(50)
  })

  it('counts per bucket add up to what passed, over the whole run', () => {
    const { timeline } = tracedRun(2)
    const result = watched(WIRES[1]!, timeline.history())
    const { bars, width } = watchBuckets(result.counts, result.end)
    expect(bars.length).toBeLessThanOrEqual(WATCH_BUCKETS)
    expect(bars.reduce((a, b) => a + b, 0)).toBe(result.arrived)
    for (let i = 0; i < bars.length; i++) expect(bars[i]).toBe(result.ticks.filter((t) => Math.floor(t / width) === i).length)
  })
})

describe('a watch on a queue', () => {
  it('lists what entered it (emits, initial inputs and hand sends) and what its tasklet took, as the traced run made them', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { timeline, events } = tracedRun(seed)
      for (const node of ['a', 'b', 's']) {
        const expected = events.flatMap((e): [number, string, Value][] => {
          if (e.type === 'emit' && e.to === node) return [[e.tick, 'in', e.value]]
          if (e.type === 'send' && e.node === node) return [[e.tick, 'in', e.value]]
          if (e.type === 'activation' && e.node === node) return [[e.tick, 'taken', e.item]]
          return []
        })
        const result = watched({ kind: 'queue', node }, timeline.history())
        expect(rows(result), `seed ${seed}, queue of ${node}`).toEqual(expected)
        expect(result.arrived).toBe(expected.filter((r) => r[1] === 'in').length)
        expect(result.taken).toBe(expected.filter((r) => r[1] === 'taken').length)
      }
    }
  })

  it("lists start's initial inputs at tick 0 and a hand send at its tick", () => {
    const { timeline } = tracedRun(1)
    const start = watched({ kind: 'queue', node: 'a' }, timeline.history())
    expect(rows(start).slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, v) => [0, 'in', v]))
    const branch = watched({ kind: 'queue', node: 'b' }, timeline.history())
    expect(rows(branch).filter((r) => r[1] === 'in' && r[0] === 100 && (r[2] === 7 || r[2] === 8))).toHaveLength(2)
  })
})

describe('a watch on a queue edited by hand', () => {
  it('lists an item inserted or moved in as in, one dropped or moved out as removed, and a value set as set; a move within the queue is no value passing', () => {
    const timeline = new Timeline(part3(3), { keyframeEvery: 16 })
    timeline.run(5)
    const q = (node: string) => timeline.sim.snapshot().nodes.find((n) => n.id === node)!.queue
    expect(q('a').length).toBeGreaterThan(3)
    const [first, second] = q('a') as [Value, Value]
    timeline.apply({ type: 'queue', node: 'a', edit: { op: 'drop', index: 0 } })
    timeline.apply({ type: 'queue', node: 'a', edit: { op: 'set', index: 0, value: 'x' } })
    timeline.apply({ type: 'queue', node: 'a', edit: { op: 'move', from: 0, to: 1 } })
    timeline.apply({ type: 'queue', node: 'a', edit: { op: 'insert', index: 1, value: 'y' } })
    timeline.apply({ type: 'queue', node: 'a', edit: { op: 'transfer', index: 0, to: 's', at: 0 } })
    timeline.run(3)
    const start = rows(watched({ kind: 'queue', node: 'a' }, timeline.history())).filter((r) => r[0] === 5 && r[1] !== 'taken')
    expect(start).toEqual([
      [5, 'removed', first],
      [5, 'set', 'x'],
      [5, 'in', 'y'],
      [5, 'removed', expect.anything()],
    ])
    expect(second).not.toBe('x')
    const sink = rows(watched({ kind: 'queue', node: 's' }, timeline.history())).filter((r) => r[0] === 5)
    expect(sink.filter((r) => r[1] === 'in')).toEqual([[5, 'in', start[3]![2]]])
  })
})

describe('a watch as the run goes on', () => {
  it('extends along the same history when the run goes on, and ends as a watch made at once', () => {
    const timeline = new Timeline(part3(4), { keyframeEvery: 16 })
    timeline.run(80)
    const watch = new Watch(WIRES[0]!, timeline.history())
    while (!watch.advance(30));
    timeline.apply({ type: 'send', node: 'a', values: [40] })
    timeline.run(120)
    expect(watch.follow(timeline.history())).toBe(true)
    expect(watch.done).toBe(false)
    while (!watch.advance(30));
    expect(watch.result().ticks.some((t) => t > 80)).toBe(true)
    expect(rows(watch.result())).toEqual(rows(watched(WIRES[0]!, timeline.history())))
  })

  it('must be made again after a step back and a hand action, and made again it lists the new history', () => {
    const { timeline } = tracedRun(6)
    const watch = new Watch({ kind: 'queue', node: 'd' }, timeline.history())
    while (!watch.advance(1_000));
    const before = watch.result()
    timeline.seek(60)
    expect(watch.follow(timeline.history())).toBe(true)
    timeline.apply({ type: 'send', node: 'd', values: ['new'] })
    timeline.run(50)
    expect(watch.follow(timeline.history())).toBe(false)

    // The new history made afresh, traced from its start: what entered d.
    const events: TraceEvent[] = []
    const fresh = new Timeline(part3(6), { trace: (e) => events.push(e) })
    fresh.run(60)
    fresh.apply({ type: 'send', node: 'd', values: ['new'] })
    fresh.run(50)
    const expected = events.filter((e) => (e.type === 'emit' && e.to === 'd') || (e.type === 'send' && e.node === 'd')).map((e) => e.tick)
    const remade = watched({ kind: 'queue', node: 'd' }, timeline.history())
    expect(remade.ticks.filter((_, i) => remade.kinds[i] === 'in')).toEqual(expected)
    expect(remade.values).toContain('new')
    expect(remade.end).toBe(110)
    expect(rows(remade)).not.toEqual(rows(before))
  })

  it('of a run of 0 ticks lists the initial inputs of a queue and nothing on a wire', () => {
    const timeline = new Timeline(meshDocument(part3Json))
    expect(watched(WIRES[1]!, timeline.history()).arrived).toBe(0)
    const start = watched({ kind: 'queue', node: 'a' }, timeline.history())
    expect(start.values).toEqual([0, 1, 2, 3])
    expect(start.first).toBe(0)
    expect(watchBuckets(start.counts, 0).bars).toEqual([4])
  })
})

describe('a watch with hostile ids', () => {
  it('watches nodes named constructor and __proto__ like any other', () => {
    const document = meshDocument({
      nodes: [
        { id: 'constructor', kind: 'start', label: 'constructor', position: { x: 0, y: 0 } },
        { id: '__proto__', kind: 'doubler', label: '__proto__', position: { x: 200, y: 0 } },
        { id: 'toString', kind: 'sink', label: 'toString', position: { x: 400, y: 0 } },
      ],
      edges: [
        { source: 'constructor', port: 'target', target: '__proto__' },
        { source: '__proto__', port: 'target', target: 'toString' },
      ],
      inputs: [{ node: 'constructor', values: [1, 2] }],
    })
    const timeline = new Timeline(document)
    timeline.run()
    const wire = watched({ kind: 'wire', from: '__proto__', port: 'target', to: 'toString' }, timeline.history())
    expect(wire.values).toEqual(['2x2', '2x3'])
    const queue = watched({ kind: 'queue', node: '__proto__' }, timeline.history())
    expect(rows(queue)).toEqual([
      [1, 'in', 2],
      [2, 'in', 3],
      [3, 'taken', 2],
      [4, 'taken', 3],
    ])
    expect(queue.arrived).toBe(2)
    expect(queue.taken).toBe(2)
    expect(watchTitle({ kind: 'queue', node: '__proto__' })).toBe('queue of __proto__')
  })
})
