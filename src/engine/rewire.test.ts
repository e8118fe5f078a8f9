import { describe, expect, it } from 'vitest'
import type { MeshDocument } from './document'
import type { Behaviour } from './kinds'
import { Simulation } from './simulation'
import { meshDocument } from './testing'
import { Timeline } from './timeline'
import { describeEvent, type TraceEvent } from './trace'
import { REWIRE_LIMITS } from './wiring'

/** Engine tests evaluate no code: a code node's "source" names one of these coroutines. */
const CODE: Record<string, Behaviour> = {
  /** Sends to every target of `out`; wires a second worker at its third item, and cuts the first at its sixth. */
  *balancer(ports, _params, self) {
    let n = 0
    for (;;) {
      const item = yield
      n++
      if (n === 3) self.connect('out', 'w2')
      if (n === 6) self.disconnect('out', 'w1')
      const targets = self.targets('out')
      self.sendTo(targets[n % targets.length]!, item)
      if (n === 8) ports.out!.send(-1)
    }
  },
  /** Rescopes itself at its second item: its count starts again (the seed's rescope: a new coroutine, the queue kept). */
  *rescoper(ports, _params, self) {
    let n = 0
    for (;;) {
      const item = yield
      n++
      ports.out!.send(`${n}:${String(item)}`)
      if (n === 2 && self.targets('out').includes('w1')) self.rescope({ out: ['w2'] })
    }
  },
  *unknownPort(_ports, _params, self) {
    yield
    self.connect('nope', 'w1')
  },
  *unknownNode(_ports, _params, self) {
    yield
    self.connect('out', '__proto__')
  },
  *notAName(_ports, _params, self) {
    yield
    self.connect('out', { toString: () => 'w1' } as never)
  },
  /** Connects and cuts without end, catching what it is raised. */
  *flood(_ports, _params, self) {
    for (;;) {
      yield
      for (let i = 0; i < 1000; i++) {
        try {
          self.connect('out', 'w2')
          self.disconnect('out', 'w2')
        } catch {
          // It carries on: the run stops it anyway.
        }
      }
    }
  },
  /** Rewires while primed, before it takes an item. */
  *early(_ports, _params, self) {
    self.connect('out', 'w2')
    for (;;) yield
  },
}
const compile = (source: string): Behaviour => CODE[source]!

function balancerDocument(source = 'balancer'): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'lb', kind: 'code', label: 'Balancer', code: { source, ports: ['out'] } },
      { id: 'w1', kind: 'doubler', label: 'Worker 1' },
      { id: 'w2', kind: 'tripler', label: 'Worker 2' },
      { id: 's', kind: 'sink', label: 'Sink' },
    ],
    edges: [
      { source: 'lb', port: 'out', target: 'w1' },
      { source: 'w1', port: 'target', target: 's' },
      { source: 'w2', port: 'target', target: 's' },
    ],
    inputs: [{ node: 'lb', values: [1, 2, 3, 4, 5, 6, 7, 8] }],
  })
}

const wires = (doc: MeshDocument) => doc.edges.map((e) => `${e.source}.${e.port}>${e.target}`).sort()

function traced(doc: MeshDocument): { timeline: Timeline; events: TraceEvent[] } {
  const events: TraceEvent[] = []
  return { timeline: new Timeline(doc, { compile, trace: (e) => events.push(e) }), events }
}

describe('a code node rewiring the run', () => {
  it('makes and cuts wires of the run, traced at the tick, and leaves the document as it was', () => {
    const doc = balancerDocument()
    const { timeline, events } = traced(doc)
    timeline.run()
    const sim = timeline.sim
    expect(events.filter((e) => e.type === 'wire')).toEqual([
      { type: 'wire', tick: 3, node: 'lb', port: 'out', target: 'w2', action: 'connect' },
      { type: 'wire', tick: 6, node: 'lb', port: 'out', target: 'w1', action: 'disconnect' },
    ])
    expect(events.filter((e) => e.type === 'wire').map((e) => describeEvent(e, sim.label))).toEqual(['Balancer.out wired to Worker 2', 'Balancer.out unwired from Worker 1'])
    expect(wires(sim.mesh)).toEqual(['lb.out>w2', 'w1.target>s', 'w2.target>s'])
    expect(sim.document).toBe(doc)
    expect(wires(doc)).toEqual(['lb.out>w1', 'w1.target>s', 'w2.target>s'])
    // The port follows the run's wiring: its last send, -1, went only to w2.
    expect(events.filter((e) => e.type === 'emit' && e.value === -1)).toEqual([{ type: 'emit', tick: 8, from: 'lb', port: 'out', to: 'w2', value: -1 }])
  })

  it('runs the same single-stepped and run to the end', () => {
    const ran = traced(balancerDocument())
    ran.timeline.run()
    const stepped = traced(balancerDocument())
    while (stepped.timeline.step());
    expect(stepped.events).toEqual(ran.events)
    expect(stepped.timeline.sim.mesh).toEqual(ran.timeline.sim.mesh)
  })

  it('shows the mesh as it was at each tick across step back and forward, and through a history replayed to a tick', () => {
    const doc = balancerDocument()
    const forward = new Timeline(doc, { compile })
    const meshAt: string[][] = [wires(forward.sim.mesh)]
    while (forward.step()) meshAt[forward.tick] = wires(forward.sim.mesh)
    const end = forward.tick
    expect(meshAt[2]).toEqual(['lb.out>w1', 'w1.target>s', 'w2.target>s'])
    expect(meshAt[3]).toEqual(['lb.out>w1', 'lb.out>w2', 'w1.target>s', 'w2.target>s'])
    const outputs = forward.sim.outputs.toArray()
    for (const tick of [7, 2, 5, 3, 0, end, 4]) {
      forward.seek(tick)
      expect(wires(forward.sim.mesh), `at tick ${tick}`).toEqual(meshAt[tick])
      const link = Timeline.replaying(forward.history(tick), { compile })
      link.seek(link.end)
      expect(link.tick).toBe(tick)
      expect(wires(link.sim.mesh), `a link at tick ${tick}`).toEqual(meshAt[tick])
    }
    forward.seek(end)
    expect(forward.sim.outputs.toArray()).toEqual(outputs)
  })

  it('rescopes: the wiring as a whole, and a new coroutine once the activation ends, the queue kept', () => {
    const { timeline, events } = traced(balancerDocument('rescoper'))
    timeline.run()
    expect(events.filter((e) => e.type === 'wire' || e.type === 'reset')).toEqual([
      { type: 'wire', tick: 2, node: 'lb', port: 'out', target: 'w1', action: 'disconnect' },
      { type: 'wire', tick: 2, node: 'lb', port: 'out', target: 'w2', action: 'connect' },
      { type: 'reset', tick: 2, node: 'lb', how: 'rescope' },
    ])
    // Two items went to w1, then the count began again, for w2.
    const emits = events.flatMap((e) => (e.type === 'emit' && e.from === 'lb' ? [`${e.to} ${String(e.value)}`] : []))
    expect(emits).toEqual(['w1 1:1', 'w1 2:2', 'w2 1:3', 'w2 2:4', 'w2 3:5', 'w2 4:6', 'w2 5:7', 'w2 6:8'])
    expect(timeline.sim.nodes.get('lb')!.tasklet.items.length).toBe(0)
  })

  it('keeps what the code rewired when the person edits the run, to the nodes still there', () => {
    const doc = balancerDocument()
    const timeline = new Timeline(doc, { compile })
    timeline.run(4)
    expect(wires(timeline.sim.mesh)).toContain('lb.out>w2')
    timeline.apply({ type: 'update', document: { ...doc, title: 'edited' } })
    expect(wires(timeline.sim.mesh)).toContain('lb.out>w2')
    timeline.apply({ type: 'update', document: { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'w2'), edges: doc.edges.filter((e) => e.source !== 'w2') } })
    expect(wires(timeline.sim.mesh)).toEqual(['lb.out>w1', 'w1.target>s'])
  })

  it.each([
    ['unknownPort', 'Error: self.connect: Balancer has no port "nope"'],
    ['unknownNode', 'Error: self.connect: there is no node "__proto__"'],
    ['notAName', 'Error: self.connect: there is no node (a object, not a name)'],
    ['early', 'Error: self.connect works only while Balancer takes an item'],
  ])('refuses what it cannot do (%s), closing the node with a message', (source, error) => {
    const events: TraceEvent[] = []
    const sim = new Simulation(balancerDocument(source), { compile, trace: (e) => events.push(e) })
    sim.run()
    const lb = sim.nodes.get('lb')!.tasklet
    expect(lb.closed).toBe(true)
    expect(`${lb.error!.name}: ${lb.error!.message}`).toBe(error)
    expect(events.some((e) => e.type === 'wire')).toBe(false)
    expect(wires(sim.mesh)).toEqual(wires(sim.document))
  })

  it('stops a node that rewires past the limit of one activation, even when it catches the error', () => {
    const events: TraceEvent[] = []
    const sim = new Simulation(balancerDocument('flood'), { compile, trace: (e) => events.push(e) })
    sim.run()
    expect(events.filter((e) => e.type === 'wire').length).toBe(REWIRE_LIMITS.perActivation)
    expect(events).toContainEqual({ type: 'error', tick: 1, node: 'lb', error: `Stopped: Balancer rewired more than ${REWIRE_LIMITS.perActivation} wires in one activation` })
    expect(sim.nodes.get('lb')!.tasklet.closed).toBe(true)
    expect(events.filter((e) => e.type === 'wire' && e.tick > 1)).toEqual([])
  })
})
