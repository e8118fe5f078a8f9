import { describe, expect, it } from 'vitest'
import echoersJson from '../demos/priority-echoers.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, type MeshDocument, type SchedulerKind, type SchedulerMode } from './document'
import { Simulation } from './simulation'
import { seedLines, type TraceEvent } from './trace'

function load(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

function traced(doc: MeshDocument): { sim: Simulation; events: TraceEvent[] } {
  const events: TraceEvent[] = []
  const sim = new Simulation(doc, { trace: (e) => events.push(e) })
  return { sim, events }
}

function seedText(sim: Simulation, events: TraceEvent[]): string[] {
  return events.flatMap((e) => seedLines(e, sim.label))
}

/** Replaces the run's random draws with a script, to replay the draws the seed's printout came from. */
function scriptDraws(sim: Simulation, draws: number[]): void {
  sim.prng.randint = () => {
    const next = draws.shift()
    if (next === undefined) throw new Error('ran out of scripted draws')
    return next
  }
}

const part3 = () => load(part3Json)
const echoers = (patch: Partial<MeshDocument> = {}) => load(echoersJson, patch)

const EVERY_SCHEDULER: [SchedulerKind, SchedulerMode][] = [
  ['taskmaster', 'flush'],
  ['taskmaster', 'next'],
  ['priority', 'flush'],
  ['priority', 'next'],
]

describe('Simulation', () => {
  describe('the Part 3 mesh under the taskmaster', () => {
    it("gives the seed's printed run for the demo's seed: 0 to 3, then 10 and 11", () => {
      const { sim, events } = traced(part3())
      sim.run()
      sim.send('a', 10)
      sim.send('a', 11)
      sim.run()
      expect(seedText(sim, events)).toEqual(['Sink got: 2x2', 'Sink got: 2x4', 'Sink got: 3x1', 'Sink got: 3x3', 'Sink got: 11', 'Sink got: 2x12'])
    })

    it('gives only well-formed outputs, and every input ends somewhere, over many seeds', () => {
      for (let seed = 0; seed < 200; seed++) {
        const sim = new Simulation(load(part3Json, { seed }))
        const result = sim.run()
        expect(result.stop?.reason).toBe('idle')
        sim.send('a', 10)
        sim.send('a', 11)
        sim.run()
        for (const { value } of sim.outputs) expect(String(value)).toMatch(/^(2x|3x)?\d+$/)
        expect(sim.order.every((n) => n.tasklet.items.length === 0)).toBe(true)
      }
    })

    it('splits odd items at the branch about evenly between rand and right', () => {
      let rand = 0
      let right = 0
      for (let seed = 0; seed < 300; seed++) {
        const { sim, events } = traced(load(part3Json, { seed }))
        sim.run()
        for (const e of events) {
          if (e.type === 'emit' && e.from === 'b' && e.port === 'rand') rand++
          if (e.type === 'emit' && e.from === 'b' && e.port === 'right') right++
        }
      }
      expect(rand + right).toBe(600) // 1 and 3 reach the branch once each; recycled items come back even
      expect(rand / (rand + right)).toBeGreaterThan(0.45)
      expect(rand / (rand + right)).toBeLessThan(0.55)
    })

    it('traces each random choice', () => {
      const { sim, events } = traced(part3())
      sim.run()
      const draws = events.filter((e) => e.type === 'random')
      expect(draws.length).toBeGreaterThan(0)
      for (const draw of draws) expect(draw).toMatchObject({ lo: 1, hi: 2, use: 'behaviour' })
    })
  })

  describe('the priority echoers', () => {
    it("print the seed's flush output with constant priorities 15, 8 and 1000", () => {
      const doc = echoers()
      doc.nodes = doc.nodes.map((n) => ({ ...n, priority: n.id === 'e1' ? 15 : n.id === 'e2' ? 8 : 1000 }))
      const { sim, events } = traced(doc)
      sim.run()
      sim.run() // the seed calls scheduler.flush() twice; the second finds nothing
      // The seed's code prints "<-- processing this item" (its printout came from an older "data").
      expect(seedText(sim, events)).toEqual([
        'Scheduler executes echoer_womb on priority 8',
        " (('Goodbye',), {}) <-- processing this item",
        " (('Au revoir',), {})",
        " (('Ciao',), {})",
        'Scheduler executes echoer_world on priority 15',
        " (('Hello',), {}) <-- processing this item",
        " (('Bonjour',), {})",
        " (('Ola',), {})",
        'Scheduler executes sink on priority 1000',
        " (('Goodbye, womb!',), {}) <-- processing this item",
        " (('Au revoir, womb!',), {})",
        " (('Ciao, womb!',), {})",
        " (('Hello, world!',), {})",
        " (('Bonjour, world!',), {})",
        " (('Ola, world!',), {})",
        'Sink got: Goodbye, womb!',
        'Sink got: Au revoir, womb!',
        'Sink got: Ciao, womb!',
        'Sink got: Hello, world!',
        'Sink got: Bonjour, world!',
        'Sink got: Ola, world!',
      ])
    })

    it("print the seed's incremental output given the draws the seed made (20, 16, 1, 10, 18, 1)", () => {
      const { sim, events } = traced(echoers({ mode: 'next' }))
      scriptDraws(sim, [20, 16, 1, 10, 18, 1])
      sim.run()
      const sinkLines = (item: string, rest: string[]) => [
        'Scheduler executes sink on priority 1000',
        ` (('${item}',), {}) <-- processing this item`,
        ...rest.map((r) => ` (('${r}',), {})`),
        `Sink got: ${item}`,
      ]
      const sunk = ['Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Hello, world!', 'Bonjour, world!', 'Ola, world!']
      expect(seedText(sim, events)).toEqual([
        'Scheduler executes echoer_womb on priority 16',
        " (('Goodbye',), {}) <-- processing this item",
        " (('Au revoir',), {})",
        " (('Ciao',), {})",
        'Scheduler puts echoer_womb back into priority queue.',
        'Scheduler executes echoer_womb on priority 1',
        " (('Au revoir',), {}) <-- processing this item",
        " (('Ciao',), {})",
        'Scheduler puts echoer_womb back into priority queue.',
        'Scheduler executes echoer_womb on priority 10',
        " (('Ciao',), {}) <-- processing this item",
        'Scheduler executes echoer_world on priority 20',
        " (('Hello',), {}) <-- processing this item",
        " (('Bonjour',), {})",
        " (('Ola',), {})",
        'Scheduler puts echoer_world back into priority queue.',
        'Scheduler executes echoer_world on priority 18',
        " (('Bonjour',), {}) <-- processing this item",
        " (('Ola',), {})",
        'Scheduler puts echoer_world back into priority queue.',
        'Scheduler executes echoer_world on priority 1',
        " (('Ola',), {}) <-- processing this item",
        ...sunk.flatMap((item, i) => [...sinkLines(item, sunk.slice(i + 1)), ...(i < sunk.length - 1 ? ['Scheduler puts sink back into priority queue.'] : [])]),
      ])
    })

    it('run in an order that varies with the seed when priorities are random 1 to 20', () => {
      const orders = new Set<string>()
      for (let seed = 0; seed < 40; seed++) {
        const { sim, events } = traced(echoers({ seed, mode: 'next' }))
        sim.run()
        orders.add(
          events
            .filter((e) => e.type === 'output')
            .map((e) => e.value)
            .join('|'),
        )
      }
      expect(orders.size).toBeGreaterThan(5)
    })

    it('run the same way twice for the same seed', () => {
      const run = () => {
        const { sim, events } = traced(echoers({ seed: 7, mode: 'next' }))
        sim.run()
        return JSON.stringify(events)
      }
      expect(run()).toBe(run())
    })

    it('interleave more in incremental mode than in flush mode', () => {
      const executions = (mode: SchedulerMode) => {
        const { sim, events } = traced(echoers({ mode }))
        sim.run()
        return events.filter((e) => e.type === 'schedule' && e.action === 'execute').length
      }
      expect(executions('flush')).toBe(3)
      expect(executions('next')).toBe(12)
    })

    it('break ties first in, first out', () => {
      const doc = echoers()
      doc.nodes = doc.nodes.map((n) => ({ ...n, priority: n.kind === 'sink' ? 1000 : 5 }))
      const { sim, events } = traced(doc)
      sim.run()
      const executed = events.flatMap((e) => (e.type === 'schedule' && e.action === 'execute' ? [e.node] : []))
      expect(executed).toEqual(['e1', 'e2', 's'])
    })
  })

  describe('stepping', () => {
    it.each(EVERY_SCHEDULER)('gives the same run one step at a time as all at once (%s, %s)', (scheduler, mode) => {
      for (const json of [part3Json, echoersJson]) {
        for (const seed of [1, 2, 3]) {
          const all = traced(load(json, { scheduler, mode, seed }))
          all.sim.run()
          const stepped = traced(load(json, { scheduler, mode, seed }))
          let steps = 0
          while (stepped.sim.step()) steps++
          expect(steps).toBe(all.sim.tick)
          expect(stepped.events).toEqual(all.events)
        }
      }
    })

    it.each(EVERY_SCHEDULER)('runs untraced in batches exactly as one traced step at a time (%s, %s)', (scheduler, mode) => {
      const limited = { maxActivations: 40, maxQueue: 6 }
      for (const json of [part3Json, echoersJson]) {
        for (const [seed, limits] of [
          [1, undefined],
          [2, undefined],
          [3, limited],
          [4, { ...limited, maxQueue: 1000 }],
        ] as const) {
          const doc = load(json, { scheduler, mode, seed, ...(limits ? { limits } : {}) })
          const stepped = new Simulation(doc, { trace: () => {} })
          const batched = new Simulation(doc)
          for (const chunk of [1, 2, 1, 3, 5, 8, 13, 1000, 1]) {
            const result = batched.run(chunk)
            let steps = 0
            while (steps < chunk && stepped.step()) {
              steps++
              if (stepped.halt) break
            }
            expect(result.steps).toBe(steps)
            expect(batched.snapshot()).toEqual(stepped.snapshot())
            expect(batched.schedulerView()).toEqual(stepped.schedulerView())
            // one step by hand between batches: batches and steps share the scheduler's state
            expect(batched.step()).toBe(stepped.step())
          }
        }
      }
    })

    it.each(EVERY_SCHEDULER)('puts a run back exactly at an earlier tick (%s, %s)', (scheduler, mode) => {
      const doc = load(part3Json, { scheduler, mode, seed: 5 })
      const { sim, events } = traced(doc)
      sim.run(7)
      const snapshot = sim.snapshot()
      const mark = events.length
      sim.run()
      const rest = events.slice(mark)
      sim.restore(snapshot)
      events.length = 0
      sim.run()
      expect(events).toEqual(rest)
    })

    it('counts one tick per item taken', () => {
      const sim = new Simulation(part3())
      sim.run()
      const taken = sim.order.reduce((n, node) => n + node.activations, 0)
      expect(sim.tick).toBe(taken)
      expect(sim.stats.activations).toBe(taken)
    })
  })
})

describe('execute events', () => {
  const longQueue = (): MeshDocument =>
    load({ format: 'mesh-playground', version: 1, nodes: [{ id: 's', kind: 'sink' }], inputs: [{ node: 's', values: Array.from({ length: 60 }, (_, i) => i) }], scheduler: 'priority' })

  it('list the first 50 queued items by default, and say how many more wait', () => {
    const { sim, events } = traced(longQueue())
    sim.step()
    const lines = seedText(sim, events)
    expect(lines.filter((line) => line.startsWith(' ((')).length).toBe(50)
    expect(lines).toContain(' ... (10 more)')
  })

  it('list every item when asked to, as the seed printed them', () => {
    const events: TraceEvent[] = []
    const sim = new Simulation(longQueue(), { trace: (e) => events.push(e), traceQueueItems: Infinity })
    sim.step()
    const lines = seedText(sim, events)
    expect(lines.filter((line) => line.startsWith(' ((')).length).toBe(60)
    expect(lines.some((line) => line.includes('more)'))).toBe(false)
  })
})

describe('Simulation.peekNext', () => {
  it.each(EVERY_SCHEDULER)('names the node the next step activates, changing nothing (%s, %s)', (scheduler, mode) => {
    for (const json of [part3Json, echoersJson]) {
      const sim = new Simulation(load(json, { scheduler, mode, seed: 3 }))
      for (;;) {
        const before = JSON.stringify(sim.snapshot())
        const peeked = sim.peekNext()
        expect(JSON.stringify(sim.snapshot())).toBe(before)
        const stepped = sim.step()
        expect(stepped ? sim.lastActive : null).toBe(peeked)
        if (!stepped) break
      }
    }
  })
})
