import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import echoersJson from '../demos/priority-echoers.mesh.json'
import { parseDocument, type MeshDocument } from './document'
import { Simulation } from './simulation'
import { seedLines, type TraceEvent } from './trace'

function doc(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function mesh(nodes: [string, string][], edges: [string, string, string][], inputs: Record<string, unknown[]> = {}, extra = {}) {
  return doc({
    format: 'mesh-playground',
    version: 1,
    nodes: nodes.map(([id, kind]) => ({ id, kind })),
    edges: edges.map(([source, port, target]) => ({ source, port, target })),
    inputs: Object.entries(inputs).map(([node, values]) => ({ node, values })),
    ...extra,
  })
}

function traced(document: MeshDocument) {
  const events: TraceEvent[] = []
  const sim = new Simulation(document, { trace: (e) => events.push(e) })
  return { sim, events }
}

describe('Simulation', () => {
  describe('the demo documents', () => {
    it("give the seed's printed priority output for the echoers demo's seed", () => {
      const { sim, events } = traced(doc(echoersJson))
      sim.run()
      const lines = events.flatMap((e) => seedLines(e, sim.label)).filter((l) => l.startsWith('Scheduler'))
      expect(lines).toEqual(['Scheduler executes echoer_womb on priority 8', 'Scheduler executes echoer_world on priority 15', 'Scheduler executes sink on priority 1000'])
    })
  })

  describe('errors', () => {
    it('closes a start given "2x1" with Python\'s TypeError, and the rest runs on', () => {
      const { sim, events } = traced(
        mesh(
          [
            ['a', 'start'],
            ['b', 'start'],
            ['s', 'sink'],
          ],
          [
            ['a', 'target', 's'],
            ['b', 'target', 's'],
          ],
          { a: ['2x1', 5], b: [1] },
        ),
      )
      sim.run()
      const error = events.find((e) => e.type === 'error')
      expect(error).toMatchObject({ node: 'a', error: 'TypeError: can only concatenate str (not "int") to str' })
      expect(sim.nodes.get('a')!.tasklet.closed).toBe(true)
      expect(sim.outputs.toArray().map((o) => o.value)).toEqual([2])
      expect(sim.stats.errors).toBe(1)
    })

    it('revives the tasklet on restart', () => {
      const sim = new Simulation(
        mesh(
          [
            ['a', 'start'],
            ['s', 'sink'],
          ],
          [['a', 'target', 's']],
          { a: ['x'] },
        ),
      )
      sim.run()
      expect(sim.nodes.get('a')!.tasklet.closed).toBe(true)
      sim.restart('a')
      sim.send('a', 1)
      sim.run()
      expect(sim.outputs.toArray().map((o) => o.value)).toEqual([2])
    })

    it('raises where Python raised for the branch and the echoer', () => {
      const { events } = (() => {
        const t = traced(
          mesh(
            [
              ['b', 'branch'],
              ['e', 'echoer'],
            ],
            [],
            { b: ['odd'], e: [3] },
          ),
        )
        t.sim.run()
        return t
      })()
      expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.error)).toEqual([
        'TypeError: not all arguments converted during string formatting',
        'TypeError: sequence item 0: expected str instance, int found',
      ])
    })

    it('takes an item and does nothing at a closed tasklet', () => {
      const { sim, events } = traced(
        mesh(
          [
            ['a', 'start'],
            ['s', 'sink'],
          ],
          [['a', 'target', 's']],
          { a: [1] },
        ),
      )
      sim.close('a')
      sim.run()
      expect(events.some((e) => e.type === 'discard' && e.node === 'a' && e.item === 1)).toBe(true)
      expect(sim.outputs.length).toBe(0)
    })
  })

  describe('limits', () => {
    it('stops a runaway mesh at the queue cap, traced and reported', () => {
      // a node feeding itself twice doubles its queue every round
      const document = mesh(
        [['a', 'start']],
        [
          ['a', 'target', 'a'],
          ['a', 'target', 'a'],
        ],
        { a: [0] },
        { limits: { maxQueue: 100, maxActivations: 1_000_000 } },
      )
      const { sim, events } = traced(document)
      const result = sim.run()
      expect(result.stop?.reason).toBe('queue-cap')
      expect(sim.nodes.get('a')!.tasklet.items.length).toBe(100)
      expect(events.some((e) => e.type === 'limit' && e.reason === 'queue-cap')).toBe(true)
      expect(sim.stats.overflowed).toBeGreaterThan(0)
    })

    it('stops at the activation budget', () => {
      const document = mesh(
        [
          ['a', 'start'],
          ['b', 'start'],
        ],
        [
          ['a', 'target', 'b'],
          ['b', 'target', 'a'],
        ],
        { a: [0] },
        { limits: { maxActivations: 500 } },
      )
      const { sim, events } = traced(document)
      const result = sim.run()
      expect(result).toEqual({ steps: 500, stop: { reason: 'budget' } })
      expect(sim.tick).toBe(500)
      expect(events.at(-1)).toMatchObject({ type: 'limit', reason: 'budget' })
    })
  })

  describe('wiring', () => {
    it('drops an item sent along an unwired port, traced and counted', () => {
      const { sim, events } = traced(mesh([['d', 'doubler']], [], { d: [1] }))
      sim.run()
      expect(events).toContainEqual({ type: 'drop', tick: 1, node: 'd', port: 'target', value: '2x1', reason: 'unwired' })
      expect(sim.nodes.get('d')!.dropped).toBe(1)
    })

    it('sends to every wired target of a port, in edge order', () => {
      const { sim, events } = traced(
        mesh(
          [
            ['a', 'start'],
            ['d', 'doubler'],
            ['t', 'tripler'],
            ['s', 'sink'],
          ],
          [
            ['a', 'target', 't'],
            ['a', 'target', 'd'],
            ['d', 'target', 's'],
            ['t', 'target', 's'],
          ],
          { a: [1] },
        ),
      )
      sim.run()
      expect(events.filter((e) => e.type === 'emit' && e.from === 'a').map((e) => e.type === 'emit' && e.to)).toEqual(['t', 'd'])
      expect(sim.outputs.toArray().map((o) => o.value)).toEqual(['2x2', '3x2'])
    })

    it('re-scopes a re-wired tasklet and keeps its queue', () => {
      const document = mesh(
        [
          ['a', 'start'],
          ['d', 'doubler'],
          ['t', 'tripler'],
          ['s', 'sink'],
        ],
        [
          ['a', 'target', 'd'],
          ['d', 'target', 's'],
          ['t', 'target', 's'],
        ],
        { a: [1, 2, 3] },
      )
      const { sim, events } = traced(document)
      sim.next('a')
      sim.update({ ...document, edges: document.edges.map((e) => (e.source === 'a' ? { ...e, id: 'x', target: 't' } : e)) })
      expect(sim.nodes.get('a')!.tasklet.items.toArray()).toEqual([2, 3])
      expect(events).toContainEqual({ type: 'reset', tick: 1, node: 'a', how: 'rescope' })
      sim.run()
      expect(sim.outputs.toArray().map((o) => o.value)).toEqual(['2x2', '3x3', '3x4'])
    })

    it('drops the queued items of a deleted node, traced and counted', () => {
      const document = mesh(
        [
          ['a', 'start'],
          ['s', 'sink'],
        ],
        [['a', 'target', 's']],
        { a: [1, 2] },
      )
      const { sim, events } = traced(document)
      sim.update({ ...document, nodes: document.nodes.filter((n) => n.id !== 'a'), edges: [], inputs: [] })
      expect(events.filter((e) => e.type === 'drop' && e.reason === 'node-removed')).toHaveLength(2)
      expect(sim.stats.dropped).toBe(2)
      expect(sim.run().stop?.reason).toBe('idle')
    })

    it('adds a node mid-run and lets the scheduler find it', () => {
      const document = mesh([['a', 'start']], [], { a: [1] })
      const sim = new Simulation(document)
      const grown = mesh(
        [
          ['a', 'start'],
          ['s', 'sink'],
        ],
        [['a', 'target', 's']],
      )
      sim.update(grown)
      sim.run()
      expect(sim.outputs.toArray().map((o) => o.value)).toEqual([2])
    })

    it('switches scheduler mid-run without losing queued items', () => {
      const sim = new Simulation(doc(part3Json))
      sim.run(3)
      const queued = sim.order.reduce((n, node) => n + node.tasklet.items.length, 0)
      sim.setScheduler('priority', 'next')
      expect(sim.order.reduce((n, node) => n + node.tasklet.items.length, 0)).toBe(queued)
      expect(sim.run().stop?.reason).toBe('idle')
      expect(sim.schedulerView().kind).toBe('priority')
    })
  })

  describe('the taskmaster', () => {
    it('takes one item per tasklet per round in next mode, and drains each queue in flush mode', () => {
      const order = (mode: 'flush' | 'next') => {
        const { sim, events } = traced(
          mesh(
            [
              ['a', 'sink'],
              ['b', 'sink'],
            ],
            [],
            { a: [1, 2], b: [3, 4] },
            { mode },
          ),
        )
        sim.run()
        return events.flatMap((e) => (e.type === 'activation' ? [`${e.node}${e.item}`] : []))
      }
      expect(order('flush')).toEqual(['a1', 'a2', 'b3', 'b4'])
      expect(order('next')).toEqual(['a1', 'b3', 'a2', 'b4'])
    })
  })
})

describe('Simulation at the activation budget', () => {
  it('reports idle, not budget, when the work ends exactly at the budget', () => {
    const document = mesh(
      [
        ['a', 'start'],
        ['s', 'sink'],
      ],
      [['a', 'target', 's']],
      { a: [1] },
      { limits: { maxActivations: 2 } },
    )
    expect(new Simulation(document).run()).toEqual({ steps: 2, stop: { reason: 'idle' } })
  })
})
