import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import { MAX_GROUP_DEPTH, MAX_NODES, migrate, parseDocument, parseDocumentText, type MeshDocument } from './document'
import type { Behaviour } from './kinds'
import { Simulation } from './simulation'
import { Timeline } from './timeline'
import { describeEvent, seedLines, type TraceEvent } from './trace'

const base = { format: 'mesh-playground', version: 2 }

function load(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function errorsOf(json: object): string[] {
  const parsed = parseDocument(json)
  return parsed.ok ? [] : parsed.errors
}

/** What a run's sinks output, in order (the outer run's own, not its groups' insides'). */
function outputsOf(sim: Simulation): string[] {
  return sim.outputs.toArray().map((entry) => String(entry.value))
}

/** start → doubler → sink, flat: the seed's chain. */
const chain = {
  nodes: [
    { id: 'a', kind: 'start' },
    { id: 'd', kind: 'doubler' },
    { id: 's', kind: 'sink' },
  ],
  edges: [
    { source: 'a', port: 'target', target: 'd' },
    { source: 'd', port: 'target', target: 's' },
  ],
}

/** The same chain inside a group whose port `out` carries what its sink outputs, wired to a sink outside. */
function grouped(inside: object, values: unknown[], extra: object = {}): object {
  return {
    ...base,
    nodes: [
      { id: 'g', kind: 'group', label: 'chain', group: { ...inside, input: 'a', outputs: [{ port: 'out', node: 's' }], ...extra } },
      { id: 'out', kind: 'sink' },
    ],
    edges: [{ source: 'g', port: 'out', target: 'out' }],
    inputs: [{ node: 'g', values }],
  }
}

/** The Part 3 mesh (the seed's, with its random branch) as a group's inside: start takes the group's items, the sink's output goes out. */
function part3Grouped(seed: number, call: 'next' | 'flush' = 'flush'): MeshDocument {
  const { nodes, edges } = part3Json
  return load({
    ...base,
    seed,
    nodes: [
      { id: 'g', kind: 'group', group: { nodes, edges, input: 'a', call, outputs: [{ port: 'out', node: 's' }] } },
      { id: 'out', kind: 'sink' },
    ],
    edges: [{ source: 'g', port: 'out', target: 'out' }],
    inputs: [{ node: 'g', values: [0, 1, 2, 3] }],
  })
}

/** Groups `depth` deep, the innermost holding the chain; each passes its inside's output out. */
function nested(depth: number): object {
  let inside: object = { ...chain, input: 'a', outputs: [{ port: 'out', node: 's' }] }
  for (let level = 1; level < depth; level++) {
    inside = {
      nodes: [
        { id: 'a', kind: 'group', group: inside },
        { id: 's', kind: 'sink' },
      ],
      edges: [{ source: 'a', port: 'out', target: 's' }],
      input: 'a',
      outputs: [{ port: 'out', node: 's' }],
    }
  }
  return {
    ...base,
    nodes: [
      { id: 'g', kind: 'group', group: inside },
      { id: 'out', kind: 'sink' },
    ],
    edges: [{ source: 'g', port: 'out', target: 'out' }],
    inputs: [{ node: 'g', values: [1, 2] }],
  }
}

describe('a group node (a mesh inside a node)', () => {
  it('gives, from outside, what the same mesh flattened gives: a chain, under the taskmaster in flush and in next mode', () => {
    for (const mode of ['flush', 'next'] as const) {
      const flat = new Simulation(load({ ...base, ...chain, mode, inputs: [{ node: 'a', values: [0, 1, 2, 3] }] }))
      flat.run()
      const group = new Simulation(load(grouped({ ...chain, mode }, [0, 1, 2, 3])))
      group.run()
      expect(outputsOf(group)).toEqual(outputsOf(flat))
      expect(outputsOf(group)).toEqual(['2x1', '2x2', '2x3', '2x4'])
    }
  })

  it("gives the Part 3 mesh's outputs from outside: every item ends at the sink, in one of the seed's forms, over many seeds", () => {
    for (let seed = 0; seed < 100; seed++) {
      const flat = new Simulation(load({ ...part3Json, seed }))
      flat.run()
      const group = new Simulation(part3Grouped(seed))
      expect(group.run().stop?.reason).toBe('idle')
      // Each item leaves once, as in the flat mesh; which form it takes depends on the draws, which come in another order.
      expect(outputsOf(group)).toHaveLength(outputsOf(flat).length)
      for (const out of outputsOf(group)) expect(out).toMatch(/^(2x\d+|3x\d+|\d+)$/)
    }
  })

  it("runs its inside one step per activation with `call: next`, and what is left waits for the group's next item", () => {
    const sim = new Simulation(load(grouped(chain, [0], { call: 'next', mode: 'next' })))
    sim.run()
    // One item in, one inner step (start takes it): doubler's item waits inside.
    expect(sim.tick).toBe(1)
    expect(outputsOf(sim)).toEqual([])
    const inner = sim.groups.get('g')!
    expect(inner.queued()).toBe(1)
    for (let item = 1; item <= 8; item++) {
      sim.send('g', item * 10)
      sim.run()
      // Exactly one inner activation per activation of the group.
      expect(inner.tick).toBe(sim.nodes.get('g')!.activations)
    }
    expect(outputsOf(sim)[0]).toBe('2x1')
    expect(inner.queued()).toBeGreaterThan(0)
  })

  it("draws from the run's one generator, in the order the draws are made: the same seed gives the same run and trace", () => {
    const runOnce = () => {
      const events: TraceEvent[] = []
      const sim = new Simulation(part3Grouped(7), { trace: (e) => events.push(e) })
      sim.run()
      return { outputs: outputsOf(sim), events: JSON.stringify(events), state: sim.prng.state }
    }
    expect(runOnce()).toEqual(runOnce())
    // The inside draws from the outer run's generator itself: one generator per run, however deep.
    const group = new Simulation(part3Grouped(7))
    group.run()
    expect(group.groups.get('g')!.prng).toBe(group.prng)
    expect(group.prng.state).not.toBe(7)
  })

  it('steps back and forward exactly: a tick sought again gives the same outputs and the same inner run', () => {
    const t = new Timeline(part3Grouped(3), { keyframeEvery: 2 })
    t.run()
    const end = t.tick
    const outputs = outputsOf(t.sim)
    expect(outputs).toHaveLength(4)
    const innerTick = t.sim.groups.get('g')!.tick
    t.seek(1)
    expect(outputsOf(t.sim).length).toBeLessThanOrEqual(outputs.length)
    t.seek(end)
    expect(outputsOf(t.sim)).toEqual(outputs)
    expect(t.sim.groups.get('g')!.tick).toBe(innerTick)
  })

  it('traces its inside as inner events at the outer tick, indented under the outer lines', () => {
    const events: TraceEvent[] = []
    const sim = new Simulation(load(grouped(chain, [0])), { trace: (e) => events.push(e) })
    sim.run()
    const inner = events.filter((e) => e.type === 'inner')
    expect(inner.length).toBeGreaterThan(0)
    expect(inner.every((e) => e.type === 'inner' && e.group === 'g' && e.tick === 1)).toBe(true)
    const lines = events.flatMap((e) => seedLines(e, sim.label))
    expect(lines).toEqual(['  Sink got: 2x1', 'Sink got: 2x1'])
    const takes = inner.map((e) => describeEvent(e, sim.label)).filter((line) => line.includes('takes'))
    expect(takes).toEqual(['  chain › a takes 0', '  chain › d takes 1', '  chain › s takes 2x1'])
  })

  it('nests a few levels: each level passes its output out, and the inner lines indent once more per level', () => {
    const events: TraceEvent[] = []
    const sim = new Simulation(load(nested(MAX_GROUP_DEPTH)), { trace: (e) => events.push(e) })
    sim.run()
    expect(outputsOf(sim)).toEqual(['2x2', '2x3'])
    const deepest = events.flatMap((e) => seedLines(e, sim.label)).filter((line) => line.trim() === 'Sink got: 2x2')
    expect(deepest.map((line) => line.length - line.trimStart().length)).toEqual([8, 6, 4, 2, 0])
  })

  it("runs code nodes inside with the run's compiler (the sandbox's, in the page), never by itself", () => {
    const doc = load({
      ...base,
      nodes: [
        { id: 'g', kind: 'group', group: { nodes: [{ id: 'c', kind: 'code', code: { source: 'tenfold', ports: [] } }], input: 'c', outputs: [{ port: 'out', node: 'c' }] } },
        { id: 'out', kind: 'sink' },
      ],
      edges: [{ source: 'g', port: 'out', target: 'out' }],
      inputs: [{ node: 'g', values: [1, 2] }],
    })
    const tenfold: Behaviour = function* (_ports, _params, self) {
      while (true) self.output(((yield) as number) * 10)
    }
    const compiled: string[] = []
    const sim = new Simulation(doc, { compile: (source) => (compiled.push(source), tenfold) })
    sim.run()
    expect(compiled).toEqual(['tenfold'])
    expect(outputsOf(sim)).toEqual(['10', '20'])
    // Without a compiler the inner code node does not run, and says why.
    const bare = new Simulation(doc)
    bare.run()
    expect(outputsOf(bare)).toEqual([])
    expect(bare.groups.get('g')!.nodes.get('c')!.tasklet.error?.message).toMatch(/has not been allowed to run/)
  })

  it("closes with a clear error when its inside never runs out of work: the inner activations count against the run's budget", () => {
    const loop = {
      nodes: [
        { id: 'a', kind: 'start' },
        { id: 'b', kind: 'start' },
        { id: 's', kind: 'sink' },
      ],
      edges: [
        { source: 'a', port: 'target', target: 'b' },
        { source: 'b', port: 'target', target: 'a' },
      ],
    }
    const doc = load({ ...grouped(loop, [0, 1]), limits: { maxActivations: 5000 } })
    const sim = new Simulation(doc)
    sim.run()
    const group = sim.nodes.get('g')!
    expect(group.tasklet.closed).toBe(true)
    expect(group.tasklet.error?.message).toMatch(/activation budget \(5000\)/)
    expect(sim.groups.get('g')!.tick).toBeLessThanOrEqual(5000)
  })
})

describe('document version 2: the group node', () => {
  it('opens a version-1 document unchanged but for its version (the migration steps 1 → 2 → 3)', () => {
    const v1 = part3Json as unknown as Record<string, unknown>
    expect(v1.version).toBe(1)
    expect(migrate(v1)).toEqual({ ...v1, version: 3 })
    const opened = load(part3Json)
    expect(opened.version).toBe(3)
    expect(opened.nodes.map((n) => [n.id, n.kind, n.group])).toEqual(part3Json.nodes.map((n) => [n.id, n.kind, undefined]))
    // A migration trusts nothing: a version it has no step for is the schema's to refuse.
    expect(errorsOf({ ...part3Json, version: 0 })).toEqual(['version: must be 3, not the number 0'])
    expect(errorsOf({ ...part3Json, version: 1.5 })[0]).toMatch(/^version: must be 3/)
  })

  it("fills in a group's defaults, and gives a group node with no inside an empty one", () => {
    const doc = load({ ...base, nodes: [{ id: 'g', kind: 'group' }] })
    expect(doc.nodes[0]!.group).toEqual({ nodes: [], edges: [], inputs: [], scheduler: 'taskmaster', mode: 'flush', call: 'flush', outputs: [] })
  })

  it('says what is wrong inside a group, naming the field by its path', () => {
    expect(errorsOf({ ...base, nodes: [{ id: 'd', kind: 'doubler', group: { nodes: [] } }] })).toEqual(['nodes[0].group: only a group node has an inside'])
    expect(
      errorsOf({
        ...base,
        nodes: [
          {
            id: 'g',
            kind: 'group',
            group: {
              nodes: [{ id: 'a', kind: 'start' }],
              edges: [{ source: 'a', port: 'left', target: 'z' }],
              input: 'q',
              outputs: [
                { port: 'out', node: 'zz' },
                { port: 'out', node: 'a' },
              ],
            },
          },
        ],
      }),
    ).toEqual([
      'nodes[0].group.edges[0].port: start has no port "left" (its ports: target)',
      'nodes[0].group.edges[0].target: no node has the id "z"',
      'nodes[0].group.input: no node inside has the id "q"',
      'nodes[0].group.outputs[0].node: no node inside has the id "zz"',
      'nodes[0].group.outputs[1].port: "out" is the group\'s port twice',
    ])
    expect(errorsOf({ ...base, nodes: [{ id: 'g', kind: 'group', group: { nodes: [], scheduler: 'policy' } }] })[0]).toMatch(
      /^nodes\[0\]\.group\.scheduler: is not a group's scheduler \(taskmaster, priority\)/,
    )
    expect(errorsOf({ ...base, nodes: [{ id: 'g', kind: 'group', group: { nodes: [], call: 'all' } }] })[0]).toMatch(/^nodes\[0\]\.group\.call: is not a group's call/)
    // The group's ports are its outputs: an outer edge from any other port is refused.
    expect(errorsOf({ ...grouped(chain, []), edges: [{ source: 'g', port: 'left', target: 'out' }] })).toEqual(['edges[0].port: group has no port "left" (its ports: out)'])
  })

  it(`refuses groups nested more than ${MAX_GROUP_DEPTH} deep, and more than ${MAX_NODES} nodes counting those inside`, () => {
    expect(errorsOf(nested(MAX_GROUP_DEPTH))).toEqual([])
    expect(errorsOf(nested(MAX_GROUP_DEPTH + 1))).toEqual([`nodes[0].group.nodes[0].group.nodes[0].group.nodes[0].group.nodes[0].group: groups nest more than ${MAX_GROUP_DEPTH} deep`])
    // A JSON nested far deeper still is refused with the same message, without going all the way down.
    expect(errorsOf(nested(200))[0]).toMatch(/groups nest more than 4 deep$/)
    // Nor does a file nested thousands deep (10 MB holds 200,000 levels) overflow the stack: it gets the same message.
    for (const depth of [1000, 50_000]) {
      let inside = '{"nodes":[]}'
      for (let i = 0; i < depth; i++) inside = `{"nodes":[{"id":"g","kind":"group","group":${inside}}]}`
      const parsed = parseDocumentText(`{"format":"mesh-playground","version":2,"nodes":[{"id":"g","kind":"group","group":${inside}}]}`)
      expect(parsed.ok ? [] : parsed.errors).toEqual([`nodes[0].group.nodes[0].group.nodes[0].group.nodes[0].group.nodes[0].group: groups nest more than ${MAX_GROUP_DEPTH} deep`])
    }
    const many = Array.from({ length: 1500 }, (_, i) => ({ id: `n${i}`, kind: 'sink' }))
    const huge = {
      ...base,
      nodes: [
        { id: 'g1', kind: 'group', group: { nodes: many } },
        { id: 'g2', kind: 'group', group: { nodes: many } },
      ],
    }
    expect(errorsOf(huge)).toEqual([`nodes: more than ${MAX_NODES} nodes in all, counting those inside groups (3,002)`])
  })

  it('takes ids and port names like constructor and __proto__ inside a group as plain names', () => {
    const inside = {
      nodes: [
        { id: 'constructor', kind: 'start' },
        { id: '__proto__', kind: 'doubler' },
        { id: 'toString', kind: 'sink' },
      ],
      edges: [
        { source: 'constructor', port: 'target', target: '__proto__' },
        { source: '__proto__', port: 'target', target: 'toString' },
      ],
      input: 'constructor',
      outputs: [{ port: 'constructor', node: 'toString' }],
    }
    const doc = load({
      ...base,
      nodes: [
        { id: '__proto__', kind: 'group', group: inside },
        { id: 'hasOwnProperty', kind: 'sink' },
      ],
      edges: [{ source: '__proto__', port: 'constructor', target: 'hasOwnProperty' }],
      inputs: [{ node: '__proto__', values: [4] }],
    })
    const sim = new Simulation(doc)
    sim.run()
    expect(outputsOf(sim)).toEqual(['2x5'])
    expect(({} as Record<string, unknown>).constructor).toBe(Object)
  })
})
