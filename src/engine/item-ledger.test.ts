import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import type { RunAction } from './action-log'
import { Deque } from './deque'
import { parseDocument, type MeshDocument } from './document'
import { LedgerQueue, ROOT_INPUT, ROOT_OTHER, ROOT_SEND, type ItemLedgerData } from './item-ledger'
import type { Behaviour } from './kinds'
import { Prng } from './prng'
import { Simulation } from './simulation'
import { meshDocument } from './testing'
import { Timeline } from './timeline'
import type { TraceEvent } from './trace'
import type { Value } from './value'

function part3(patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

/** A stand-in for the sandbox's compiler: engine tests evaluate no code, they look the coroutine up by its "source". */
const CODE: Record<string, Behaviour> = {
  // Counts itself up to 3 with `this.send`, then hands the item to the sink by id.
  *selfish(_ports, _params, self) {
    for (;;) {
      const item = yield
      if (typeof item === 'number' && item < 3) this.send(item + 1)
      else self.sendTo('s', `${String(item)}!`)
    }
  },
}
const compile = (source: string): Behaviour => {
  const behaviour = CODE[source]
  if (!behaviour) throw new SyntaxError(`no such coroutine: ${source}`)
  return behaviour
}

/** start → doubler → sink, and a code node that sends to itself and to the sink by id. */
function chain(): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'd', kind: 'doubler' },
      { id: 'c', kind: 'code', code: { source: 'selfish', ports: [] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'd' },
      { source: 'd', port: 'target', target: 's' },
    ],
    inputs: [{ node: 'a', values: [1, 2] }],
    scheduler: 'taskmaster',
    mode: 'flush',
  })
}

const queueOf = (sim: Simulation, id: string): LedgerQueue => {
  const queue = sim.nodes.get(id)!.tasklet.items
  if (!(queue instanceof LedgerQueue)) throw new Error(`${id} keeps no ledger`)
  return queue
}

/** What the item a kind sends is, given the item it took (null: it sends none, or a random one of several). */
function sent(kind: string, item: Value): Value | null {
  switch (kind) {
    case 'start':
      return (item as number) + 1
    case 'doubler':
      return `2x${String(item)}`
    case 'tripler':
      return `3x${String(item)}`
    case 'branch':
    case 'recycler':
      return item
    default:
      return null
  }
}

/**
 * Watches a run with a ledger: the value of every id as it is seen queued or
 * taken (an id never changes its value), and after each operation that
 * every item is in exactly one place — queued where the ledger says, taken,
 * or dropped — and that each child is what its parent's tasklet makes of it.
 */
class Watch {
  readonly values = new Map<number, Value>()
  /** The kind of the tasklet that took each item, as it was then. */
  readonly kinds = new Map<number, string>()
  readonly events: TraceEvent[] = []
  sim!: Simulation

  readonly trace = (event: TraceEvent): void => {
    this.events.push(event)
    if (event.type !== 'activation') return
    const queue = queueOf(this.sim, event.node)
    const ids = queue.idList()
    const id = event.last ? ids[ids.length - 1]! : ids[0]!
    this.see(id, event.item)
    this.kinds.set(id, this.sim.nodes.get(event.node)!.kind)
  }

  see(id: number, value: Value): void {
    if (this.values.has(id)) expect(this.values.get(id), `item ${id}`).toEqual(value)
    else this.values.set(id, value)
  }

  check(): ItemLedgerData {
    const sim = this.sim
    const data = sim.ledger!.data()
    const queued = new Set<number>()
    for (const node of sim.order) {
      const queue = queueOf(sim, node.id)
      const ids = queue.idList()
      expect(ids.length).toBe(queue.length)
      ids.forEach((id, i) => {
        expect(data.nodes[data.node[id]!]).toBe(node.id)
        this.see(id, queue.at(i)!)
        queued.add(id)
      })
    }
    expect(queued.size).toBe(sim.queued())
    for (let id = 0; id < data.items; id++) {
      const places = [queued.has(id), data.taken[id]! > 0, data.dropped[id]! >= 0].filter(Boolean).length
      expect(places, `item ${id} is in exactly one place`).toBe(1)
      if (data.taken[id]! > 0) expect(data.taken[id]).toBeGreaterThan(data.arrival[id]!)
      const parent = data.parent[id]!
      if (parent < 0) continue
      expect(data.taken[parent]).toBe(data.arrival[id])
      const kind = this.kinds.get(parent)
      if (kind === undefined || !this.values.has(id)) continue
      const expected = sent(kind, this.values.get(parent)!)
      if (expected !== null) expect(this.values.get(id), `item ${id}, sent by ${kind}`).toEqual(expected)
    }
    return data
  }
}

describe('the item ledger', () => {
  it('is off by default: the queues are plain', () => {
    const sim = new Simulation(part3())
    expect(sim.ledger).toBeNull()
    expect(sim.order.every((n) => n.tasklet.items.constructor === Deque)).toBe(true)
    expect(() => sim.headArrival(sim.nodes.get('a')!)).toThrow(/item ledger/)
  })

  it("notes each item's tasklet, arrival, taking, parent and outputs on a two-node chain", () => {
    const doc = meshDocument({
      nodes: [
        { id: 'd', kind: 'doubler' },
        { id: 's', kind: 'sink' },
      ],
      edges: [{ source: 'd', port: 'target', target: 's' }],
      inputs: [{ node: 'd', values: [1, 2] }],
      scheduler: 'taskmaster',
      mode: 'flush',
    })
    const sim = new Simulation(doc, { ledger: true })
    sim.run()
    sim.send('d', 7)
    sim.run()
    const data = sim.ledger!.data()
    expect(data.nodes).toEqual(['d', 's'])
    // d takes 1 and 2 (ticks 1, 2), s takes 2x1 and 2x2 (3, 4); then the hand send, 7, and 2x7 (5, 6)
    expect([...data.node]).toEqual([0, 0, 1, 1, 0, 1])
    expect([...data.arrival]).toEqual([0, 0, 1, 2, 4, 5])
    expect([...data.taken]).toEqual([1, 2, 3, 4, 5, 6])
    expect([...data.dropped]).toEqual([-1, -1, -1, -1, -1, -1])
    expect([...data.parent]).toEqual([ROOT_INPUT, ROOT_INPUT, 0, 1, ROOT_SEND, 4])
    expect({ outputs: data.outputs, node: [...data.outputNode], tick: [...data.outputTick], item: [...data.outputItem] }).toEqual({
      outputs: 3,
      node: [1, 1, 1],
      tick: [3, 4, 6],
      item: [2, 3, 5],
    })
  })

  it('keeps the ids in step with the values under every queue operation', () => {
    const watch = new Watch()
    const sim = new Simulation(chain(), { ledger: true, compile, trace: watch.trace })
    watch.sim = sim
    const withoutD = { ...chain(), nodes: chain().nodes.filter((n) => n.id !== 'd'), edges: [] }
    const rewired: MeshDocument = { ...chain(), edges: [{ id: 'as', source: 'a', port: 'target', target: 's' }] }
    const dTripler: MeshDocument = { ...chain(), nodes: chain().nodes.map((n) => (n.id === 'd' ? { ...n, kind: 'tripler' as const } : n)) }
    const ops: (() => unknown)[] = [
      () => sim.send('a', 5),
      () => sim.send('c', 0),
      () => sim.send('d', 'x'),
      () => sim.step(),
      () => sim.next('a'),
      () => sim.last('d'),
      () => sim.flush('c'),
      () => sim.clear('d'),
      () => sim.restart('a'),
      () => sim.close('d'),
      () => sim.restart('d'),
      () => sim.run(3),
      () => sim.run(),
      () => sim.update(rewired),
      () => sim.update(dTripler),
      () => sim.update(withoutD),
      () => sim.update(chain()),
    ]
    const prng = new Prng(7)
    for (let i = 0; i < 250; i++) {
      ops[prng.randint(0, ops.length - 1)]!()
      watch.check()
    }
    sim.run()
    const data = watch.check()
    // the code node's own sends and sendTo are children of the item it took
    const codeLane = data.nodes.indexOf('c')
    const sinkLane = data.nodes.indexOf('s')
    const fromCode = [...data.parent.keys()].filter((id) => data.parent[id]! >= 0 && data.node[data.parent[id]!] === codeLane)
    expect(fromCode.some((id) => data.node[id] === codeLane)).toBe(true)
    expect(fromCode.some((id) => data.node[id] === sinkLane)).toBe(true)
    expect([...data.dropped].some((tick) => tick >= 0)).toBe(true)
    expect([...data.parent].some((p) => p === ROOT_SEND)).toBe(true)
  })

  it('says how long the head item has waited (headArrival), and -1 for an empty queue', () => {
    const sim = new Simulation(part3(), { ledger: true })
    const a = sim.nodes.get('a')!
    const d = sim.nodes.get('d')!
    expect(sim.headArrival(a)).toBe(0)
    expect(sim.headArrival(d)).toBe(-1)
    sim.step()
    sim.send('a', 9)
    expect(sim.headArrival(a)).toBe(0)
    while (a.tasklet.items.length > 1) sim.step()
    expect(a.tasklet.items.at(0)).toBe(9)
    expect(sim.headArrival(a)).toBe(1)
    const queue = queueOf(sim, 'a')
    expect(sim.headArrival(a)).toBe(sim.ledger!.arrivalOf(queue.headId))
  })

  it('marks what a close handler or an edit queues as coming from no activation', () => {
    const doc = meshDocument({
      nodes: [{ id: 's', kind: 'sink' }],
      inputs: [{ node: 's', values: [1] }],
    })
    const sim = new Simulation(doc, { ledger: true })
    sim.update({ ...doc, nodes: [...doc.nodes, { ...doc.nodes[0]!, id: 't' }] })
    sim.send('t', 2)
    sim.clear('t')
    const data = sim.ledger!.data()
    expect([...data.parent]).toEqual([ROOT_INPUT, ROOT_SEND])
    expect([...data.dropped]).toEqual([-1, 0])
    expect(data.nodes).toEqual(['s', 't'])
    expect(ROOT_OTHER).toBeLessThan(0)
  })
})

describe('the item ledger in a Timeline', () => {
  const actions: [number, RunAction][] = [
    [2, { type: 'send', node: 'a', values: [10, 11, 12, 13, 14, 15, 16, 17] }],
    [5, { type: 'clear', node: 'b' }],
    [6, { type: 'next', node: 'a' }],
    [9, { type: 'restart', node: 'r' }],
    [12, { type: 'send', node: 'r', values: [4] }],
  ]

  it('is exactly as it was at every tick after seeking back and forth', () => {
    for (const mode of ['flush', 'next'] as const) {
      const t = new Timeline(part3({ mode }), { ledger: true, keyframeEvery: 3 })
      // The ledger after everything done at each tick (the hand `next` at 6 ends at 7).
      const seen: ItemLedgerData[] = []
      for (;;) {
        for (const [tick, action] of actions) if (tick === t.tick) t.apply(action)
        seen[t.tick] = t.sim.ledger!.data()
        if (!t.step()) break
      }
      const end = t.tick
      expect(end).toBeGreaterThan(12)
      for (const tick of [end - 1, 0, 7, 3, end, 1, 12, 5, 4, 9]) {
        t.seek(tick)
        expect(t.sim.ledger!.data(), `${mode} at tick ${tick}`).toEqual(seen[tick])
      }
    }
  })

  it('restores the ids with the queues, so a run stepped on after going back makes the same ledger', () => {
    const t = new Timeline(part3({ mode: 'next' }), { ledger: true, keyframeEvery: 2 })
    t.apply({ type: 'send', node: 'a', values: [20, 21, 22, 23] })
    t.run()
    const whole = t.sim.ledger!.data()
    for (const tick of [3, 8, 1]) {
      t.seek(tick)
      const watch = new Watch()
      watch.sim = t.sim
      watch.check()
      t.run()
      expect(t.sim.ledger!.data()).toEqual(whole)
    }
  })

  it('starts afresh at Reset', () => {
    const t = new Timeline(part3(), { ledger: true })
    t.run()
    t.reset()
    expect(t.sim.ledger!.data().items).toBe(4)
    expect(t.sim.ledger!.data().outputs).toBe(0)
  })
})
