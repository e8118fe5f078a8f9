import { describe, expect, it } from 'vitest'
import { parseDocument, Simulation, Timeline, type MeshDocument, type TraceEvent } from '../engine'
import { compileCoroutine, createCompiler, NO_CODE_FROM_TEXT, NO_RANDOM } from './compile'

const FILTER = `function* (ports, params, self) {
  while (true) {
    const item = yield
    if (item % 2 === 0) ports.even.send(item)
    else ports.odd.send(item)
  }
}`

const COUNTER = `function* (ports) {
  let count = 0
  while (true) {
    const item = yield
    count += 1
    ports.out.send(count + ':' + item)
  }
}`

function mesh(code: { source: string; ports: string[] }, edges: [string, string, string][], inputs: unknown[]): MeshDocument {
  const parsed = parseDocument({
    format: 'mesh-playground',
    version: 1,
    nodes: [
      { id: 'c', kind: 'code', code },
      { id: 's', kind: 'sink' },
      { id: 't', kind: 'sink' },
    ],
    edges: edges.map(([source, port, target]) => ({ source, port, target })),
    inputs: [{ node: 'c', values: inputs }],
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const values = (sim: Simulation, node: string) => sim.outputs.toArray(node).map((o) => o.value)

describe('code nodes', () => {
  it('run the coroutine a person wrote, with the ports it declares', () => {
    const doc = mesh(
      { source: FILTER, ports: ['even', 'odd'] },
      [
        ['c', 'even', 's'],
        ['c', 'odd', 't'],
      ],
      [1, 2, 3, 4],
    )
    const sim = new Simulation(doc, { compile: compileCoroutine })
    sim.run()
    expect(values(sim, 's')).toEqual([2, 4])
    expect(values(sim, 't')).toEqual([1, 3])
  })

  it('keep state between items', () => {
    const sim = new Simulation(mesh({ source: COUNTER, ports: ['out'] }, [['c', 'out', 's']], ['a', 'b', 'c']), { compile: compileCoroutine })
    sim.run()
    expect(values(sim, 's')).toEqual(['1:a', '2:b', '3:c'])
  })

  it("send straight to any node, and draw from the run's seeded generator", () => {
    const source = `function* (ports, params, self) {
      while (true) {
        const item = yield
        self.sendTo(self.random() < 0.5 ? 's' : 't', item + ':' + self.random.randint(1, 6))
      }
    }`
    const run = () => {
      const events: TraceEvent[] = []
      const sim = new Simulation(mesh({ source, ports: [] }, [], [1, 2, 3, 4, 5, 6]), { compile: compileCoroutine, trace: (e) => events.push(e) })
      sim.run()
      return { s: values(sim, 's'), t: values(sim, 't'), draws: events.filter((e) => e.type === 'random').length }
    }
    const first = run()
    expect(first).toEqual(run())
    expect(first.s.length + first.t.length).toBe(6)
    expect(first.draws).toBe(12)
  })

  it('stay closed, with a message, when their code is not allowed or does not compile', () => {
    const doc = mesh({ source: COUNTER, ports: ['out'] }, [['c', 'out', 's']], [1])
    const unallowed = new Simulation(doc)
    expect(unallowed.nodes.get('c')!.tasklet.closed).toBe(true)
    expect(unallowed.nodes.get('c')!.tasklet.error?.message).toMatch(/not been allowed to run/)
    const broken = new Simulation(mesh({ source: 'function* ( {', ports: [] }, [], [1]), { compile: compileCoroutine })
    expect(broken.nodes.get('c')!.tasklet.error?.name).toBe('SyntaxError')
    expect(() => compileCoroutine('(x) => x')).toThrow(/generator function/)
  })

  it('close with the error they raise, and the rest runs on', () => {
    const source = `function* (ports) { while (true) { const item = yield; if (item === 2) throw new RangeError('two'); ports.out.send(item) } }`
    const sim = new Simulation(mesh({ source, ports: ['out'] }, [['c', 'out', 's']], [1, 2, 3]), { compile: compileCoroutine })
    sim.run()
    expect(values(sim, 's')).toEqual([1])
    expect(sim.nodes.get('c')!.tasklet.error?.message).toBe('two')
  })

  it('step back exactly, by replaying from before their state began', () => {
    const doc = mesh({ source: COUNTER, ports: ['out'] }, [['c', 'out', 's']], ['a', 'b', 'c', 'd', 'e'])
    const t = new Timeline(doc, { compile: compileCoroutine, keyframeEvery: 2 })
    t.run()
    const end = values(t.sim, 's')
    t.seek(3)
    t.seek(t.end)
    expect(values(t.sim, 's')).toEqual(end)
    // the code node flushes its five items first (ticks 1-5), then the sink takes them
    t.seek(7)
    expect(values(t.sim, 's')).toEqual(['1:a', '2:b'])
  })

  it('re-compile when their code changes, keeping the queue', () => {
    const doc = mesh({ source: COUNTER, ports: ['out'] }, [['c', 'out', 's']], [1, 2])
    const sim = new Simulation(doc, { compile: compileCoroutine })
    sim.next('c')
    const upper = `function* (ports) { while (true) ports.out.send(String((yield)) + '!') }`
    sim.update({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'c' ? { ...n, code: { source: upper, ports: ['out'] } } : n)) })
    sim.run()
    expect(values(sim, 's')).toEqual(['1:1', '2!'])
  })
})

describe('a node the sandbox stops', () => {
  it('is closed with the message, without running its code again, and the rest runs on', () => {
    const source = `function* (ports) { try { while (true) ports.out.send(yield) } finally { ports.out.send('closing') } }`
    const doc = mesh({ source, ports: ['out'] }, [['c', 'out', 's']], [1, 2])
    const t = new Timeline(doc, { compile: compileCoroutine })
    t.step()
    t.apply({ type: 'fail', node: 'c', error: 'it ran for more than a second' })
    t.run()
    expect(values(t.sim, 's')).toEqual([1])
    expect(t.sim.nodes.get('c')!.tasklet.error?.message).toBe('it ran for more than a second')
    t.seek(0)
    t.seek(t.end)
    expect(t.sim.nodes.get('c')!.tasklet.closed).toBe(true)
  })
})

describe('the hardened realm code nodes are compiled in', () => {
  /** Runs `body` as a code node's first activation and returns what it sent, or the error that closed it. */
  function first(body: string, options: Parameters<typeof createCompiler>[0] = {}): unknown {
    const compile = createCompiler(options)
    const source = `function* (ports, params, self) {\n  yield\n  ${body}\n}`
    const sim = new Simulation(mesh({ source, ports: ['out'] }, [['c', 'out', 's']], [1]), { compile })
    sim.run()
    const error = sim.nodes.get('c')!.tasklet.error
    return error ? `${error.name}: ${error.message}` : values(sim, 's')[0]
  }

  it("leaves no way to make code from text: eval, Function and every kind of function's constructor refuse", () => {
    // A direct eval does not even compile; an indirect one refuses.
    expect(first('ports.out.send(eval("1 + 1"))')).toMatch(/^SyntaxError: Possible direct eval expression rejected/)
    expect(first('ports.out.send((0, eval)("1 + 1"))')).toBe(`EvalError: ${NO_CODE_FROM_TEXT}`)
    expect(first('ports.out.send(Function("return 1")())')).toBe(`EvalError: ${NO_CODE_FROM_TEXT}`)
    for (const fn of ['function () {}', 'function* () {}', 'async function () {}', 'async function* () {}', '() => {}']) {
      expect(first(`ports.out.send((${fn}).constructor("return 1"))`)).toBe('TypeError: Function.prototype.constructor is not a valid constructor.')
    }
    // What still works: instanceof Function.
    expect(first('ports.out.send(String((() => 1) instanceof Function))')).toBe('true')
  })

  it('freezes the intrinsics, and the global: code cannot change them for other code', () => {
    expect(first('JSON.stringify = () => "forged"')).toMatch(/^TypeError: Cannot assign to read only property 'stringify'/)
    expect(first('Array.prototype.push = () => 0')).toMatch(/^TypeError: Cannot assign to read only property 'push'/)
    expect(first('globalThis.shared = 1')).toMatch(/^TypeError: Cannot add property shared, object is not extensible/)
    expect(first('ports.out.send(typeof setTimeout + typeof postMessage + typeof process + typeof globalThis.fetch)')).toBe('undefinedundefinedundefinedundefined')
  })

  it("gives Math.random the run's generator, or none", () => {
    const draws = [0.25, 0.5]
    expect(first('ports.out.send(Math.random() + Math.random())', { random: () => draws.shift()! })).toBe(0.75)
    expect(first('ports.out.send(Math.random())')).toBe(`TypeError: ${NO_RANDOM}`)
  })

  it('refuses code that is not one generator function, or that loads code, before it runs any of it', () => {
    const compile = createCompiler()
    expect(() => compile('(() => { throw new Error("ran") })()')).toThrow(/must be a generator function/)
    expect(() => compile('function* () { yield import("x") }')).toThrow(/import\(\) is not allowed/)
    // `i-->0` is an operator, not an HTML comment.
    expect(typeof compile('function* () { let i = 3; while (i-->0) yield }')).toBe('function')
  })
})
