import { describe, expect, it } from 'vitest'
import echoersJson from '../demos/priority-echoers.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import type { RunAction } from './action-log'
import { parseDocument, type MeshDocument } from './document'
import { MAX_QUEUE_SAMPLES, recordProblem, recordRun, RunRecorder, type RecordedRun } from './run-record'
import { meshDocument } from './testing'
import { Timeline } from './timeline'

function load(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

/** Who ran at each tick and every queue after it, as the live run had them, stepping with the actions done at their ticks. */
function liveRun(t: Timeline, actions: [number, RunAction][]) {
  const lanes = t.sim.order.map((n) => n.id)
  const ran: string[] = []
  const queues: number[][] = []
  const act = () => {
    for (const [tick, action] of actions) {
      if (tick !== t.tick) continue
      t.apply(action)
      for (const node of t.sim.order) if (!lanes.includes(node.id)) lanes.push(node.id)
    }
  }
  act()
  while (t.step()) {
    ran.push(t.sim.lastActive!)
    act()
    queues.push(lanes.map((id) => t.sim.nodes.get(id)?.tasklet.items.length ?? 0))
  }
  return { lanes, ran, queues }
}

describe('recordRun', () => {
  const part3 = load(part3Json)
  const withD2 = { ...part3, nodes: [...part3.nodes, { ...part3.nodes[1]!, id: 'd2', label: 'doubler 2' }] }
  const actions: [number, RunAction][] = [
    [0, { type: 'send', node: 'a', values: [5, 6, 7, 8, 9] }],
    [3, { type: 'clear', node: 'b' }],
    [4, { type: 'update', document: withD2 }],
    [4, { type: 'send', node: 'd2', values: [1, 2] }],
    [9, { type: 'update', document: part3 }],
    [11, { type: 'close', node: 't' }],
  ]

  it('replays the run exactly: who ran at each tick and every queue after it, edits and hand actions included', () => {
    for (const mode of ['flush', 'next'] as const) {
      const t = new Timeline({ ...part3, mode })
      const live = liveRun(t, actions)
      const record = recordRun(t.history())
      expect(record.lanes.nodes).toEqual(live.lanes)
      expect(record.lanes.ticks).toBe(live.ran.length)
      expect([...record.lanes.ran].map((i) => record.lanes.nodes[i])).toEqual(live.ran)
      expect(record.lanes.queueStride).toBe(1)
      const n = live.lanes.length
      const rows = live.queues.map((_, k) => [...record.lanes.queued.subarray(k * n, (k + 1) * n)])
      // Rows from before a node was added have no place for it yet: its queue was empty.
      expect(rows).toEqual(live.queues.map((row) => [...row, ...Array<number>(n - row.length).fill(0)]))
      expect(recordProblem(record)).toBeNull()
    }
  })

  it('records up to a tick, and the same after going back there', () => {
    const t = new Timeline(part3)
    liveRun(t, actions)
    const whole = recordRun(t.history())
    const upTo7 = recordRun(t.history(7))
    expect(upTo7.lanes.ticks).toBe(7)
    expect([...upTo7.lanes.ran]).toEqual([...whole.lanes.ran.subarray(0, 7)])
    t.seek(7)
    expect(recordRun(t.history())).toEqual(whole)
    expect(recordRun(t.history(t.tick))).toEqual(upTo7)
  })

  it('gives the ledger the run would keep itself', () => {
    const t = new Timeline(load(echoersJson), { ledger: true })
    t.apply({ type: 'send', node: 'e1', values: ['Hi', 'there'] })
    t.run()
    expect(recordRun(t.history()).ledger).toEqual(t.sim.ledger!.data())
  })

  it('goes in slices as well as in one go', () => {
    const t = new Timeline(load(part3Json, { inputs: [{ node: 'a', values: Array.from({ length: 200 }, (_, i) => i) }] }))
    t.run()
    const recorder = new RunRecorder(t.history())
    let slices = 0
    let calls = 0
    while (!recorder.advance(() => ++calls % 50 === 0)) slices++
    expect(slices).toBeGreaterThan(3)
    expect(recorder.result()).toEqual(recordRun(t.history()))
  })

  it('doubles the queue stride so that a long run of many tasklets keeps at most MAX_QUEUE_SAMPLES', () => {
    const count = 200
    const ring = meshDocument({
      nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: 'start' })),
      edges: Array.from({ length: count }, (_, i) => ({ source: `n${i}`, port: 'target', target: `n${(i + 1) % count}` })),
      inputs: [{ node: 'n0', values: [0] }],
      scheduler: 'taskmaster',
      mode: 'next',
      limits: { maxActivations: 50_000, maxQueue: 10 },
    })
    const t = new Timeline(ring)
    t.run()
    const { lanes } = recordRun(t.history())
    expect(lanes.ticks).toBe(50_000)
    expect(lanes.queueStride).toBe(2)
    expect(lanes.queued.length).toBe(25_000 * count)
    expect(lanes.queued.length).toBeLessThanOrEqual(MAX_QUEUE_SAMPLES)
    // After tick 2k the item sits at the node after the one that took it at tick 2k.
    const k = 999
    const at = lanes.ran[2 * (k + 1) - 1]!
    expect(lanes.queued[k * count + ((at + 1) % count)]).toBe(1)
  })
})

describe('recordProblem', () => {
  const good = (): RecordedRun => {
    const t = new Timeline(load(part3Json))
    t.run()
    return recordRun(t.history())
  }

  it('passes a record the engine made', () => {
    expect(recordProblem(good())).toBeNull()
  })

  it('names what is wrong with a record that does not fit its run', () => {
    const cases: [string, (r: { lanes: Record<string, unknown>; ledger: Record<string, unknown> }) => void, RegExp][] = [
      ['no lanes', (r) => delete (r as Partial<typeof r>).lanes, /no lanes/],
      ['ran as a plain list', (r) => (r.lanes.ran = [...(r.lanes.ran as Int32Array)]), /who ran/],
      ['a lane past the nodes', (r) => ((r.lanes.ran as Int32Array)[2] = 99), /tick 3 ran a lane/],
      ['a short queue sample', (r) => (r.lanes.queued = (r.lanes.queued as Uint32Array).subarray(1)), /queue samples/],
      ['a stride of 3', (r) => (r.lanes.queueStride = 3), /power of two/],
      ['a tasklet twice', (r) => ((r.lanes.nodes as string[])[1] = (r.lanes.nodes as string[])[0]!), /two lanes/],
      ['a huge item count', (r) => (r.ledger.items = 2 ** 40), /item count/],
      ['an item at a lane that is not there', (r) => ((r.ledger.node as Int32Array)[0] = -1), /item 0 is at a lane/],
      ['an item taken before it came', (r) => ((r.ledger.taken as Int32Array)[5] = 0), /item 5 was taken/],
      ['a parent after its child', (r) => ((r.ledger.parent as Int32Array)[4] = 4), /item 4 has a parent/],
      ['an output of an item past the end', (r) => ((r.ledger.outputItem as Int32Array)[0] = 1e6), /output 0 names/],
      ['other tasklets in the ledger', (r) => (r.ledger.nodes = ['__proto__', ...(r.ledger.nodes as string[]).slice(1)]), /other tasklets/],
    ]
    for (const [what, spoil, message] of cases) {
      const record = structuredClone(good()) as unknown as { lanes: Record<string, unknown>; ledger: Record<string, unknown> }
      spoil(record)
      expect(recordProblem(record), what).toMatch(message)
    }
    expect(recordProblem(null)).toMatch(/not a record/)
    expect(recordProblem('record')).toMatch(/not a record/)
  })
})
