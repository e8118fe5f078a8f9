import { describe, expect, it } from 'vitest'
import { parseDocument, Simulation, Timeline, type MeshDocument, type TraceEvent } from '../engine'
import { compileCoroutine, createCompiler } from './compile'
import { guardBehaviour } from './guard'
import { BYTE_LIMIT, createMeter, STEP_LIMIT, tooManyBytes, tooManySteps } from './meter'

function mesh(source: string, inputs: unknown[]): MeshDocument {
  const parsed = parseDocument({
    format: 'mesh-playground',
    version: 1,
    nodes: [
      { id: 'c', kind: 'code', code: { source, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [{ source: 'c', port: 'out', target: 's' }],
    inputs: [{ node: 'c', values: inputs }],
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** Runs the mesh to its end; what the sink got, the error that closed the code node and the tick it was raised at. */
function run(source: string, inputs: unknown[], compile = compileCoroutine) {
  const events: TraceEvent[] = []
  const sim = new Simulation(mesh(source, inputs), { compile, trace: (e) => events.push(e) })
  sim.run()
  const raised = events.find((e) => e.type === 'error')
  return { sent: sim.outputs.toArray('s').map((o) => o.value), error: sim.nodes.get('c')!.tasklet.error?.message, tick: raised?.tick }
}

const small = () => createCompiler({ meter: createMeter({ steps: 1_000, bytes: 8 * 10_000 }) })

describe('the budget of one activation of a code node', () => {
  it('stops an infinite loop at the tick it ran in, with a message, and the same tick on every run', () => {
    const source = `function* (ports) {\n  while (true) {\n    const item = yield\n    if (item === 3) for (;;) {}\n    ports.out.send(item)\n  }\n}`
    const first = run(source, [1, 2, 3, 4])
    expect(first.sent).toEqual([1, 2])
    expect(first.error).toBe(tooManySteps(STEP_LIMIT))
    expect(first.error).toMatch(/^ran over 10,000,000 steps .* in one activation without yielding: an infinite loop\?/)
    expect(run(source, [1, 2, 3, 4])).toEqual(first)
  })

  it('stops runaway recursion and loops in callbacks, not only loops', () => {
    expect(run(`function* () { yield; const f = (n) => n < 0 ? 0 : f(n - 1) + 1; f(1e9) }`, [1], small()).error).toMatch(/ran over 1,000 steps|Maximum call stack/)
    expect(run(`function* () { yield; const f = () => f(); f() }`, [1], small()).error).toMatch(/ran over 1,000 steps|Maximum call stack/)
    expect(run(`function* () { yield; [...'x'.repeat(1e4)].map(() => 0) }`, [1], small()).error).toBe(tooManySteps(1_000))
  })

  it('is fresh for each activation: work spread over items is not stopped', () => {
    const source = `function* (ports) {\n  while (true) {\n    const item = yield\n    let sum = 0\n    for (let i = 0; i < 600; i++) sum += i\n    ports.out.send(sum + item)\n  }\n}`
    expect(run(source, [1, 2, 3, 4, 5], small())).toEqual({ sent: [179701, 179702, 179703, 179704, 179705], error: undefined, tick: undefined })
  })

  it('closes the node even when the code catches the overrun and yields', () => {
    const source = `function* (ports) {\n  while (true) {\n    const item = yield\n    try { for (;;) {} } catch (e) { ports.out.send('caught') }\n  }\n}`
    const { sent, error } = run(source, [1, 2], small())
    // What it sent before it stopped stays sent, as with code that sends and then throws; the second item is never taken.
    expect(sent).toEqual(['caught'])
    expect(error).toBe(tooManySteps(1_000))
  })

  it('counts what Array, ArrayBuffer and Uint8Array make, before they make it', () => {
    // The shape of a runaway allocation: keeps every array it makes, never yields.
    const hoard = `function* () {\n  for (;;) {\n    const item = yield\n    const kept = []\n    for (;;) kept.push(new Array(1000).fill(item))\n  }\n}`
    expect(run(hoard, [1], small()).error).toBe(tooManyBytes(8 * 10_000))
    // One allocation past the budget is refused before it is made.
    for (const make of [
      'new Array(2 ** 31)',
      'Array(2 ** 30)',
      'new ArrayBuffer(2 ** 31)',
      'new ArrayBuffer(8, { maxByteLength: 2 ** 31 })',
      'new Uint8Array(2 ** 29)',
      'Uint8Array.from({ length: 2 ** 29 })',
      'Array.from({ length: 2 ** 30 })',
    ]) {
      expect(run(`function* () { yield; ${make} }`, [1]).error, make).toBe(tooManyBytes(BYTE_LIMIT))
    }
  })

  it("leaves the constructors working as the language's: instanceof, statics, subclasses", () => {
    const source = `function* (ports) {
  yield
  class Stack extends Array {}
  const s = new Stack(); s.push(1, 2)
  const checks = [
    [] instanceof Array, Array.isArray(new Array(2)), Array(3).length === 3, Array.of(1, 2).length === 2, Array.from('ab').join() === 'a,b',
    s instanceof Stack, s instanceof Array, s.length === 2, new Uint8Array(2) instanceof Uint8Array, Uint8Array.from([1, 2])[1] === 2,
    new Uint8Array(new ArrayBuffer(4)).length === 4, ArrayBuffer.isView(new Uint8Array(1)), Array.name === 'Array', new DataView(new ArrayBuffer(2)).byteLength === 2,
    typeof SharedArrayBuffer === 'undefined', typeof WebAssembly === 'undefined', typeof Atomics === 'undefined', typeof Float64Array === 'undefined',
  ]
  ports.out.send(checks.map((ok, i) => ok ? '' : i).join(''))
}`
    expect(run(source, [1])).toEqual({ sent: [''], error: undefined, tick: undefined })
  })

  it('is set for each resume as the sandbox runs code (guarded), and a run replays the same from the Timeline', () => {
    const compile = (source: string) => guardBehaviour(createCompiler({ meter: createMeter({ steps: 1_000 }) })(source), () => {})
    const source = `function* (ports) {\n  while (true) {\n    const item = yield\n    for (let i = 0; i < item * 300; i++) {}\n    ports.out.send(item)\n  }\n}`
    const t = new Timeline(mesh(source, [1, 2, 3, 4, 5]), { compile })
    t.run()
    expect(t.sim.outputs.toArray('s').map((o) => o.value)).toEqual([1, 2, 3])
    expect(t.sim.nodes.get('c')!.tasklet.error?.message).toBe(tooManySteps(1_000))
    t.seek(0)
    t.seek(t.end)
    expect(t.sim.outputs.toArray('s').map((o) => o.value)).toEqual([1, 2, 3])
    expect(t.sim.nodes.get('c')!.tasklet.error?.message).toBe(tooManySteps(1_000))
  })
})
