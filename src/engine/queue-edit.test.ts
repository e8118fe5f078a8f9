import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import type { QueueEdit, RunAction } from './action-log'
import { parseDocument, type MeshDocument } from './document'
import { LedgerQueue, ROOT_INPUT, ROOT_SEND } from './item-ledger'
import { Simulation } from './simulation'
import { meshDocument } from './testing'
import { Timeline } from './timeline'
import { describeEvent, type TraceEvent } from './trace'

function part3(seed = 5): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, seed }
}

/** Two tasklets that do nothing yet: `a` holds 10 20 30 40, `b` holds 1 2 (initial inputs). */
const two = meshDocument({
  nodes: [
    { id: 'a', kind: 'doubler' },
    { id: 'b', kind: 'sink' },
  ],
  inputs: [
    { node: 'a', values: [10, 20, 30, 40] },
    { node: 'b', values: [1, 2] },
  ],
})

function queueOf(sim: Simulation, id: string): unknown[] {
  return sim.nodes.get(id)!.tasklet.items.toArray()
}

function idsOf(sim: Simulation, id: string): number[] {
  const queue = sim.nodes.get(id)!.tasklet.items
  if (!(queue instanceof LedgerQueue)) throw new Error(`${id} keeps no ledger`)
  return queue.idList()
}

/** A run of `two` with the ledger, and its trace. */
function traced(): { sim: Simulation; events: TraceEvent[] } {
  const events: TraceEvent[] = []
  const sim = new Simulation(two, { ledger: true })
  sim.setTrace((event) => events.push(event))
  return { sim, events }
}

describe('editing a queue by hand', () => {
  describe('drop', () => {
    it.each([
      [0, [20, 30, 40]],
      [2, [10, 20, 40]],
      [3, [10, 20, 30]],
    ])('drops item %i, which the ledger marks dropped at this tick', (index, left) => {
      const { sim, events } = traced()
      const before = idsOf(sim, 'a')
      expect(sim.editQueue('a', { op: 'drop', index })).toBe(true)
      expect(queueOf(sim, 'a')).toEqual(left)
      expect(idsOf(sim, 'a')).toEqual(before.filter((_, i) => i !== index))
      const data = sim.ledger!.data()
      expect(data.dropped[before[index]!]).toBe(0)
      expect(data.taken[before[index]!]).toBe(-1)
      expect(events).toEqual([{ type: 'queue', tick: 0, node: 'a', edit: { op: 'drop', index }, value: [10, 20, 30, 40][index], size: 4 }])
    })
  })

  describe('set', () => {
    it.each([0, 1, 3])('sets item %i to a new value under the same id', (index) => {
      const { sim, events } = traced()
      const before = idsOf(sim, 'a')
      expect(sim.editQueue('a', { op: 'set', index, value: 'x' })).toBe(true)
      const expected: unknown[] = [10, 20, 30, 40]
      expected[index] = 'x'
      expect(queueOf(sim, 'a')).toEqual(expected)
      expect(idsOf(sim, 'a')).toEqual(before)
      expect(sim.ledger!.data().dropped.every((t) => t === -1)).toBe(true)
      expect(describeEvent(events[0]!, sim.label)).toBe(`You set item ${index + 1} of doubler's queue to x (it was ${[10, 20, 30, 40][index]})`)
    })
  })

  describe('move', () => {
    it.each([
      [0, 3, [20, 30, 40, 10]],
      [3, 0, [40, 10, 20, 30]],
      [1, 2, [10, 30, 20, 40]],
    ])('moves item %i to %i, its id with it', (from, to, order) => {
      const { sim } = traced()
      const byValue = new Map(queueOf(sim, 'a').map((v, i) => [v, idsOf(sim, 'a')[i]!]))
      expect(sim.editQueue('a', { op: 'move', from, to })).toBe(true)
      expect(queueOf(sim, 'a')).toEqual(order)
      expect(idsOf(sim, 'a')).toEqual(order.map((v) => byValue.get(v)))
      expect(sim.ledger!.items).toBe(6)
    })
  })

  describe('insert', () => {
    it.each([
      [0, [5, 10, 20, 30, 40]],
      [2, [10, 20, 5, 30, 40]],
    ])('puts a new item at %i, sent by hand', (index, order) => {
      const { sim, events } = traced()
      expect(sim.editQueue('a', { op: 'insert', index, value: 5 })).toBe(true)
      expect(queueOf(sim, 'a')).toEqual(order)
      const data = sim.ledger!.data()
      const id = idsOf(sim, 'a')[index]!
      expect(id).toBe(6)
      expect(data.parent[id]).toBe(ROOT_SEND)
      expect(data.parent[idsOf(sim, 'a')[index === 0 ? 1 : 0]!]).toBe(ROOT_INPUT)
      expect(describeEvent(events[0]!, sim.label)).toBe(`You put 5 in doubler's queue at item ${index + 1} (of 5)`)
    })

    it('at the tail is the seed’s send, traced as one', () => {
      const { sim, events } = traced()
      expect(sim.editQueue('a', { op: 'insert', index: 4, value: 5 })).toBe(true)
      expect(queueOf(sim, 'a')).toEqual([10, 20, 30, 40, 5])
      expect(sim.ledger!.data().parent[idsOf(sim, 'a')[4]!]).toBe(ROOT_SEND)
      expect(events).toEqual([{ type: 'send', tick: 0, node: 'a', value: 5 }])
    })
  })

  describe('transfer', () => {
    it.each([
      [0, 0, [20, 30, 40], [10, 1, 2]],
      [2, 1, [10, 20, 40], [1, 30, 2]],
      [3, 2, [10, 20, 30], [1, 2, 40]],
    ])('moves item %i to position %i of another queue: dropped from one, a new item sent by hand at the other', (index, at, left, right) => {
      const { sim, events } = traced()
      const moved = idsOf(sim, 'a')[index]!
      expect(sim.editQueue('a', { op: 'transfer', index, to: 'b', at })).toBe(true)
      expect(queueOf(sim, 'a')).toEqual(left)
      expect(queueOf(sim, 'b')).toEqual(right)
      const data = sim.ledger!.data()
      expect(data.dropped[moved]).toBe(0)
      const arrived = idsOf(sim, 'b')[at]!
      expect(arrived).toBe(6)
      expect(data.parent[arrived]).toBe(ROOT_SEND)
      expect(data.node[arrived]).toBe(sim.ledger!.laneOf('b'))
      expect(describeEvent(events[0]!, sim.label)).toBe(`You moved ${[10, 20, 30, 40][index]} from doubler's queue (item ${index + 1} of 4) to sink's queue at item ${at + 1}`)
    })
  })

  it('says what it did in the trace', () => {
    const { sim, events } = traced()
    sim.editQueue('a', { op: 'drop', index: 2 })
    sim.editQueue('a', { op: 'move', from: 0, to: 2 })
    expect(events.map((e) => describeEvent(e, sim.label))).toEqual([
      "You dropped 30 from doubler's queue (item 3 of 4)",
      "You moved 10 in doubler's queue from item 1 to item 3 (of 3)",
    ])
  })

  it('does nothing with what does not fit the queues as they are', () => {
    const capped = meshDocument({ ...two, limits: { ...two.limits, maxQueue: 4 } })
    const sim = new Simulation(capped, { ledger: true })
    const events: TraceEvent[] = []
    sim.setTrace((event) => events.push(event))
    const bad: [string, QueueEdit][] = [
      ['nope', { op: 'drop', index: 0 }],
      ['constructor', { op: 'drop', index: 0 }],
      ['__proto__', { op: 'insert', index: 0, value: 1 }],
      ['a', { op: 'drop', index: 4 }],
      ['a', { op: 'drop', index: -1 }],
      ['a', { op: 'drop', index: 1.5 }],
      ['a', { op: 'drop', index: Number.NaN }],
      ['a', { op: 'set', index: 9, value: 1 }],
      ['a', { op: 'set', index: 0, value: { html: '<b>' } as never }],
      ['a', { op: 'set', index: 0, value: Number.POSITIVE_INFINITY }],
      ['a', { op: 'set', index: 0, value: 'x'.repeat(5_001) }],
      ['a', { op: 'move', from: 0, to: 4 }],
      ['a', { op: 'move', from: 1, to: 1 }],
      ['a', { op: 'insert', index: 5, value: 1 }],
      // a's queue is full (4 of 4): nothing more goes in, in the middle or by transfer.
      ['a', { op: 'insert', index: 1, value: 1 }],
      ['b', { op: 'transfer', index: 0, to: 'a', at: 0 }],
      ['a', { op: 'transfer', index: 0, to: 'a', at: 0 }],
      ['a', { op: 'transfer', index: 0, to: 'nope', at: 0 }],
      ['a', { op: 'transfer', index: 0, to: 'b', at: 3 }],
      ['a', { op: 'shuffle' } as never],
    ]
    const items = sim.ledger!.items
    for (const [node, edit] of bad) expect(sim.editQueue(node, edit), `${node} ${JSON.stringify(edit)}`).toBe(false)
    expect(queueOf(sim, 'a')).toEqual([10, 20, 30, 40])
    expect(queueOf(sim, 'b')).toEqual([1, 2])
    expect(sim.ledger!.items).toBe(items)
    expect(sim.ledger!.data().dropped.every((t) => t === -1)).toBe(true)
    expect(events).toEqual([])
    expect(sim.halt).toBeNull()
  })

  it('is a hand action of the Timeline: a keyframe taken after it holds the edited queue', () => {
    const doc = part3()
    const edits: [number, RunAction][] = [[2, { type: 'queue', node: 'a', edit: { op: 'drop', index: 1 } }]]
    const keyed = new Timeline(doc, { keyframeEvery: 2, ledger: true })
    const plain = new Timeline(doc, { keyframeEvery: 1_000_000, ledger: true })
    for (const t of [keyed, plain]) {
      t.run(2)
      expect(t.sim.nodes.get('a')!.tasklet.items.toArray()).toEqual([2, 3])
      t.apply(edits[0]![1])
      expect(t.sim.nodes.get('a')!.tasklet.items.toArray()).toEqual([2])
      t.run(10)
    }
    for (const tick of [4, 3, 6, 2, 12]) {
      keyed.seek(tick)
      plain.seek(tick)
      expect(JSON.stringify(keyed.sim.snapshot()), `tick ${tick}`).toBe(JSON.stringify(plain.sim.snapshot()))
    }
    keyed.seek(2)
    expect(keyed.sim.nodes.get('a')!.tasklet.items.toArray()).toEqual([2])
  })
})

describe('a run with queue edits, stepped back and forward', () => {
  /** The run's state at a tick: its snapshot (queues with their ledger ids, counts, the scheduler) and outputs. */
  const stateOf = (t: Timeline) => JSON.stringify({ snapshot: t.sim.snapshot(), outputs: t.sim.outputs.toArray(), items: t.sim.ledger?.items })

  it.each([1, 5, 17, 42])('is the same run at every tick, state and trace, after seeking back past the edits and forward again (Part 3 mesh, seed %i)', (seed) => {
    const events: TraceEvent[] = []
    const t = new Timeline(part3(seed), { keyframeEvery: 8, ledger: true, trace: (event) => events.push(event) })
    const states = new Map<number, string>()
    // Each edit where it fits the queue as the run has it: the head of start's queue, a value set, a move, an insert, a transfer.
    const plan: Record<number, (queued: number) => QueueEdit | null> = {
      2: (queued) => (queued > 0 ? { op: 'drop', index: 0 } : null),
      4: (queued) => (queued > 0 ? { op: 'set', index: 0, value: 7 } : { op: 'insert', index: 0, value: 7 }),
      6: () => ({ op: 'insert', index: 0, value: 3 }),
      9: (queued) => (queued > 1 ? { op: 'move', from: 0, to: 1 } : { op: 'insert', index: queued, value: 4 }),
      11: (queued) => (queued > 0 ? { op: 'transfer', index: 0, to: 'd', at: 0 } : null),
    }
    let edited = 0
    for (;;) {
      const edit = plan[t.tick]?.(t.sim.nodes.get('a')!.tasklet.items.length)
      if (edit) {
        t.apply({ type: 'queue', node: 'a', edit })
        edited++
      }
      // The run at a tick is as it stands after everything done at that tick.
      states.set(t.tick, stateOf(t))
      if (t.tick >= 60 || !t.step()) break
    }
    // The step that found no work ended the scheduler's call there.
    states.set(t.tick, stateOf(t))
    expect(edited).toBeGreaterThanOrEqual(3)
    expect(events.some((e) => e.type === 'queue')).toBe(true)
    const end = t.tick
    const ticks = [...states.keys()]
    // Back past every edit, then forward again one tick at a time, then at random.
    for (const tick of [...ticks].reverse()) {
      t.seek(tick)
      expect(stateOf(t), `back at tick ${tick}`).toBe(states.get(tick))
    }
    for (const tick of ticks) {
      t.seek(tick)
      expect(stateOf(t), `forward at tick ${tick}`).toBe(states.get(tick))
    }
    for (const tick of [end, 3, 11, 1, 9, end - 1, 0, 12]) {
      t.seek(tick)
      expect(stateOf(t), `at tick ${tick}`).toBe(states.get(tick))
    }
    // The trace replayed of each tick is what the run traced then.
    const replayed = t.eventsAt(ticks.filter((tick) => tick > 0))
    for (const tick of ticks.filter((tick) => tick > 0)) {
      const live = events.filter((e) => e.tick === tick)
      expect(replayed.get(tick), `events of tick ${tick}`).toEqual(live)
    }
  })
})
