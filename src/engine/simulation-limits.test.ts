import { describe, expect, it } from 'vitest'
import { parseDocument, type MeshDocument } from './document'
import type { Behaviour } from './kinds'
import { MAX_HELD_ITEMS } from './delivery'
import { Simulation } from './simulation'
import { KEYFRAME_ITEMS, Timeline } from './timeline'
import type { TraceEvent } from './trace'
import { MAX_VALUE_LENGTH } from './value'

/** Engine tests evaluate no code: a code node's "source" names one of these coroutines. */
const CODE: Record<string, Behaviour> = {
  *object(ports) {
    const item = yield
    ports.out!.send({ n: item } as never)
  },
  *bigint(ports) {
    yield
    ports.out!.send(10n as never)
  },
  *hostile(ports) {
    yield
    ports.out!.send({
      toString: () => {
        throw new Error('no')
      },
    } as never)
  },
  *nan(ports) {
    yield
    ports.out!.send(0 / 0)
  },
  *infinity(_ports, _params, self) {
    yield
    self.sendTo('s', 1 / 0)
  },
  *huge(ports) {
    yield
    ports.out!.send('x'.repeat(100 * MAX_VALUE_LENGTH))
  },
  *selfSend() {
    yield
    // `this` is the tasklet: its own queue takes only what a wire would.
    ;(this as unknown as { send(v: unknown): void }).send([1, 2])
  },
  *output(_ports, _params, self) {
    yield
    self.output(undefined as never)
  },
  *fine(ports) {
    for (;;) {
      yield
      ports.out!.send('x'.repeat(MAX_VALUE_LENGTH))
    }
  },
}
const compile = (source: string): Behaviour => CODE[source]!

function mesh(source: string): MeshDocument {
  const parsed = parseDocument({
    format: 'mesh-playground',
    version: 1,
    nodes: [
      { id: 'c', kind: 'code', label: 'Mine', code: { source, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [{ source: 'c', port: 'out', target: 's' }],
    inputs: [{ node: 'c', values: [1] }],
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function run(doc: MeshDocument): { sim: Simulation; events: TraceEvent[] } {
  const events: TraceEvent[] = []
  const sim = new Simulation(doc, { compile, trace: (e) => events.push(e) })
  sim.run()
  return { sim, events }
}

describe('values a node sends', () => {
  it.each([
    ['object', 'ValueError: Mine sent an object; a code node can send numbers, strings, true/false or null'],
    ['bigint', 'ValueError: Mine sent a BigInt; a code node can send numbers, strings, true/false or null'],
    ['hostile', 'ValueError: Mine sent an object; a code node can send numbers, strings, true/false or null'],
    ['nan', 'ValueError: Mine sent NaN; a code node can send numbers (not NaN or Infinity), strings, true/false or null'],
    ['infinity', 'ValueError: Mine sent Infinity; a code node can send numbers (not NaN or Infinity), strings, true/false or null'],
    ['huge', 'ValueError: Mine sent a string of 500,000 characters; a value can be at most 5,000 characters long'],
    ['selfSend', 'ValueError: Mine sent an array; a code node can send numbers, strings, true/false or null'],
    ['output', 'ValueError: Mine sent undefined; a code node can send numbers, strings, true/false or null'],
  ])('close the node when it sends %s, saying what it sent, and never reach a queue', (source, error) => {
    const { sim, events } = run(mesh(source))
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.error)).toEqual([error])
    expect(sim.nodes.get('c')!.tasklet.closed).toBe(true)
    for (const node of sim.order) expect(node.tasklet.items.toArray()).toEqual([])
    expect(sim.outputs.toArray()).toEqual([])
    expect(events.filter((e) => e.type === 'emit' || e.type === 'output')).toEqual([])
  })

  it('go through at the longest a value may be', () => {
    const { sim } = run(mesh('fine'))
    expect(sim.outputs.toArray().map((o) => o.value)).toEqual(['x'.repeat(MAX_VALUE_LENGTH)])
    expect(sim.nodes.get('c')!.tasklet.error).toBeUndefined()
  })

  it('stop a doubler wired to itself when its string grows past the longest a value may be', () => {
    const parsed = parseDocument({
      format: 'mesh-playground',
      version: 1,
      nodes: [{ id: 'd', kind: 'doubler', label: 'Doubler' }],
      edges: [{ source: 'd', port: 'target', target: 'd' }],
      inputs: [{ node: 'd', values: [1] }],
    })
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    const sim = new Simulation(parsed.document)
    expect(sim.run().stop?.reason).toBe('idle')
    const doubler = sim.nodes.get('d')!
    expect(doubler.tasklet.closed).toBe(true)
    expect(`${doubler.tasklet.error?.name}: ${doubler.tasklet.error?.message}`).toBe(
      'ValueError: Doubler sent a string of 5,001 characters; a value can be at most 5,000 characters long',
    )
    expect(sim.tick).toBe(2500)
  })

  it('by hand, keep out what a wire would refuse', () => {
    const sim = new Simulation(mesh('fine'), { compile })
    expect(sim.send('s', 'x'.repeat(MAX_VALUE_LENGTH + 1))).toBe(false)
    expect(sim.send('s', Number.NaN)).toBe(false)
    expect(sim.nodes.get('s')!.tasklet.items.length).toBe(0)
  })
})

describe('the memory a run holds', () => {
  /** A start wired to itself twice: each activation queues two items for the one it took, so its queue grows by one a tick. */
  const flood = (maxQueue: number): MeshDocument => {
    const parsed = parseDocument({
      format: 'mesh-playground',
      version: 1,
      nodes: [{ id: 'a', kind: 'start', label: 'Flood' }],
      edges: [
        { source: 'a', port: 'target', target: 'a' },
        { source: 'a', port: 'target', target: 'a' },
      ],
      inputs: [{ node: 'a', values: [0] }],
      limits: { maxActivations: 1_000_000_000, maxQueue },
    })
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    return parsed.document
  }

  it('stops the run with a message when all queues hold the most a run may, whatever the queue cap', () => {
    const sim = new Simulation(flood(10_000_000))
    expect(sim.run().stop?.reason).toBe('queue-cap')
    expect(sim.queued()).toBe(MAX_HELD_ITEMS)
    expect(sim.haltDetail).toBe('the queues hold 1,000,000 items in all, the most a run may hold; new items are dropped')
  })

  it('still says which queue is full when its own cap comes first', () => {
    const sim = new Simulation(flood(1000))
    expect(sim.run().stop?.reason).toBe('queue-cap')
    expect(sim.haltDetail).toBe("Flood's queue is full (1000 items); new items are dropped")
  })

  it('keeps keyframes within their budget, and can still go back exactly', () => {
    const timeline = new Timeline(flood(10_000_000))
    expect(timeline.run().stop?.reason).toBe('queue-cap')
    expect(timeline.historySize.items).toBeLessThanOrEqual(KEYFRAME_ITEMS)
    timeline.seek(600_000)
    expect(timeline.sim.queued()).toBe(600_001)
  })
})
