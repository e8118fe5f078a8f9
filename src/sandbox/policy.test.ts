import { describe, expect, it } from 'vitest'
import echoersJson from '../demos/priority-echoers.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, Simulation, Timeline, type MeshDocument, type SimulationOptions, type TraceEvent } from '../engine'
import { checkPolicySource, NOT_A_POLICY } from './check-source'
import { compilePolicy, createPolicyCompiler, NO_CODE_FROM_TEXT } from './compile'
import { createMeter, tooManySteps } from './meter'
import { POLICY_TEMPLATES } from './policy-templates'

function load(json: unknown, seed: number): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, seed }
}

const withPolicy = (doc: MeshDocument, source: string, name = 'mine'): MeshDocument => ({ ...doc, scheduler: 'policy', policy: { name, source } })
const template = (id: string) => POLICY_TEMPLATES.find((t) => t.id === id)!.source

function traced(doc: MeshDocument, options: SimulationOptions = {}, stepwise = false) {
  const events: TraceEvent[] = []
  const sim = new Simulation(doc, { policy: compilePolicy, trace: (e) => events.push(e), ...options })
  if (stepwise) while (sim.step());
  else sim.run()
  return { sim, events }
}

const activations = (events: TraceEvent[]) => events.filter((e) => e.type === 'activation').map((e) => `${e.tick}:${e.node}:${String(e.item)}`)

const MESHES: [string, (seed: number) => MeshDocument][] = [
  ['the Part 3 mesh', (seed) => load(part3Json, seed)],
  ['the priority echoers', (seed) => load(echoersJson, seed)],
]

describe('the policy templates', () => {
  for (const { id, title } of POLICY_TEMPLATES) {
    it(`${title}: passes the checks, and gives the same run single-stepped as run to the end, on the Part 3 mesh and the priority echoers`, () => {
      expect(checkPolicySource(template(id))).toEqual({ ok: true })
      for (const [name, mesh] of MESHES) {
        for (const seed of [1, 5, 9]) {
          const whole = traced(withPolicy(mesh(seed), template(id)))
          const stepped = traced(withPolicy(mesh(seed), template(id)), {}, true)
          expect(whole.sim.halt, `${name}, seed ${seed}: ${whole.sim.haltDetail}`).toBeNull()
          expect(stepped.events, `${name}, seed ${seed}`).toEqual(whole.events)
          expect(whole.sim.queued(), `${name}, seed ${seed}`).toBe(0)
          expect(whole.sim.outputCount, `${name}, seed ${seed}`).toBeGreaterThan(0)
        }
      }
    })
  }

  it('round robin gives exactly the taskmaster-next run, activation for activation: outputs, ticks and the node of each tick', () => {
    for (const [name, mesh] of MESHES) {
      for (let seed = 0; seed < 10; seed++) {
        const builtIn = traced({ ...mesh(seed), scheduler: 'taskmaster', mode: 'next' })
        const written = traced(withPolicy(mesh(seed), template('round-robin')))
        expect(activations(written.events), `${name}, seed ${seed}`).toEqual(activations(builtIn.events))
        expect(written.sim.outputs.toArray(), `${name}, seed ${seed}`).toEqual(builtIn.sim.outputs.toArray())
        expect(written.sim.tick).toBe(builtIn.sim.tick)
      }
    }
  })

  it('each picks by its own rule: longest queue first, shortest first (drained), oldest item first', () => {
    const doc = load(part3Json, 5)
    const first = (id: string) => traced(withPolicy(doc, template(id))).events.find((e) => e.type === 'schedule' && e.action === 'choose')
    expect(first('longest-queue')).toMatchObject({ node: 'a', take: 'one' })
    expect(first('shortest-queue')).toMatchObject({ node: 'a', take: 'all' })
    // With two queues, longest and shortest differ.
    const echoers = load(echoersJson, 1)
    echoers.inputs = [{ node: 'e1', values: ['Hello'] }, echoers.inputs[1]!]
    const choose = (id: string) => traced(withPolicy(echoers, template(id))).events.find((e) => e.type === 'schedule' && e.action === 'choose')
    expect(choose('longest-queue')).toMatchObject({ node: 'e2' })
    expect(choose('shortest-queue')).toMatchObject({ node: 'e1' })
  })

  it('oldest item first takes the items in the order they arrived, across the whole mesh', () => {
    for (const [name, mesh] of MESHES) {
      for (const seed of [1, 5, 9]) {
        const { sim } = traced(withPolicy(mesh(seed), template('oldest-item')))
        const data = sim.ledger!.data()
        const taken = Array.from({ length: data.items }, (_, id) => id)
          .filter((id) => data.taken[id]! >= 0)
          .sort((a, b) => data.taken[a]! - data.taken[b]!)
        const arrivals = taken.map((id) => data.arrival[id]!)
        expect(
          arrivals.every((tick, i) => i === 0 || tick >= arrivals[i - 1]!),
          `${name}, seed ${seed}: ${arrivals.join(' ')}`,
        ).toBe(true)
      }
    }
  })

  it('draws the lottery from the run: the same seed, the same run; another seed, another', () => {
    const run = (seed: number) => activations(traced(withPolicy(load(part3Json, seed), template('lottery'))).events).join()
    expect(run(3)).toBe(run(3))
    expect(new Set([1, 2, 3, 4, 5, 6].map(run)).size).toBeGreaterThan(1)
  })
})

describe('a written policy in the sandbox', () => {
  const doc = () => load(part3Json, 5)

  it('must be one plain function: not a generator, an async function, or code around one', () => {
    expect(checkPolicySource('(mesh) => mesh.tasklets[0].id')).toEqual({ ok: true })
    for (const source of ['function* (mesh) {}', 'async function (mesh) {}', '1 + 1', 'function (mesh) {}; 1', '']) {
      const check = checkPolicySource(source)
      expect(check.ok, source).toBe(false)
    }
    expect(checkPolicySource('function* (mesh) {}')).toMatchObject({ ok: false, message: NOT_A_POLICY })
    expect(() => compilePolicy('function* (mesh) {}')).toThrow(SyntaxError)
    expect(() => compilePolicy('function (mesh) { return import("x") }')).toThrow(/import\(\) is not allowed/)
  })

  it('is stopped by its meter when it loops, at the same decision every time, and the run loses nothing', () => {
    const policy = createPolicyCompiler({ meter: createMeter({ steps: 1_000, per: 'decision' }) })
    const looping = `function (mesh) { if (mesh.tick < 3) return mesh.tasklets.find((t) => t.queued > 0).id; for (;;) {} }`
    const run = () => {
      const sim = new Simulation(withPolicy(doc(), looping, 'Looper'), { policy })
      const result = sim.run()
      return { sim, result }
    }
    const { sim, result } = run()
    expect(result).toEqual({ steps: 3, stop: { reason: 'policy' } })
    expect(sim.haltDetail).toBe(`the policy "Looper" ${tooManySteps(1_000, 'decision')}`)
    const queues = sim.snapshot().nodes.map((n) => n.queue)
    expect(sim.step()).toBe(false)
    expect(sim.tick).toBe(3)
    expect(sim.snapshot().nodes.map((n) => n.queue)).toEqual(queues)
    expect(run().sim.haltDetail).toBe(sim.haltDetail)
  })

  it('is stopped by its meter even when it catches the overrun', () => {
    const policy = createPolicyCompiler({ meter: createMeter({ steps: 500, per: 'decision' }) })
    const sly = `function (mesh) { try { for (;;) {} } catch (e) { return mesh.tasklets[4].id } }`
    const sim = new Simulation(withPolicy(doc(), sly), { policy })
    expect(sim.step()).toBe(false)
    expect(sim.haltDetail).toMatch(/ran over 500 steps/)
  })

  it('says what it threw, without running its getters', () => {
    const sim = new Simulation(withPolicy(doc(), `function (mesh) { throw { get message() { for (;;) {} } } }`), { policy: compilePolicy })
    expect(sim.step()).toBe(false)
    expect(sim.haltDetail).toBe('the policy "mine" threw Error: its message is a getter, which the sandbox does not run')
    const typed = new Simulation(withPolicy(doc(), `function (mesh) { return mesh.nothing.id }`), { policy: compilePolicy })
    expect(typed.step()).toBe(false)
    expect(typed.haltDetail).toMatch(/^the policy "mine" threw TypeError: /)
  })

  it('names what it returned, read as plain data: accessors and proxies are not run outside its budget', () => {
    const cases: [string, RegExp][] = [
      [`function (mesh) { return { get run() { return 'a' } } }`, /returned \{ run: undefined \}: its run is undefined/],
      [`function (mesh) { return [mesh.tasklets[4].id] }`, /returned a list: return a tasklet's id/],
      [`function (mesh) { return () => 'a' }`, /returned a function: return a tasklet's id/],
      [`function (mesh) { return { run: 'a', take: 'both', extra: 1 } }`, /returned \{ run: "a", take: "both", … \}: take is 'one' or 'all', not "both"/],
      [`function (mesh) { return new Proxy({}, { ownKeys() { for (;;) {} } }) }`, /ran over 10,000,000 steps|threw/],
    ]
    for (const [source, message] of cases) {
      const sim = new Simulation(withPolicy(doc(), source), { policy: createPolicyCompiler({ meter: createMeter({ steps: 10_000_000, per: 'decision' }) }) })
      expect(sim.step(), source).toBe(false)
      expect(sim.haltDetail, source).toMatch(message)
    }
  })

  it('keeps nothing between decisions: the view, its draws and the policy itself are frozen', () => {
    const attempts = [
      `function f(mesh) { f.count = (f.count || 0) + 1; return 'a' }`,
      `function (mesh) { mesh.random.count = 1; return 'a' }`,
      `function (mesh) { mesh.tasklets[0].queued = 0; return 'a' }`,
      `function (mesh) { mesh.tasklets.push(1); return 'a' }`,
      `function (mesh) { Object.getOwnPropertyDescriptor(mesh.tasklets[0], 'queued').get.count = 1; return 'a' }`,
      `function (mesh) { Object.getPrototypeOf(mesh.tasklets[0]).count = 1; return 'a' }`,
      `function (mesh) { mesh.tasklets[0].constructor.count = 1; return 'a' }`,
      `function (mesh) { Object.prototype.x = 1; return 'a' }`,
      `function (mesh) { globalThis.x = 1; return 'a' }`,
    ]
    for (const source of attempts) {
      const sim = new Simulation(withPolicy(doc(), source), { policy: compilePolicy })
      expect(sim.step(), source).toBe(false)
      expect(sim.haltDetail, source).toMatch(/threw TypeError/)
    }
  })

  it('has no way out of its compartment: no host globals, no code from text', () => {
    for (const name of ['process', 'require', 'fetch', 'setTimeout', 'postMessage', 'self', 'window', 'Compartment']) {
      const sim = new Simulation(withPolicy(doc(), `function (mesh) { if (typeof ${name} !== 'undefined') throw new Error('${name} is there'); return 'a' }`), {
        policy: compilePolicy,
      })
      expect(sim.step(), `${name}: ${sim.haltDetail}`).toBe(true)
    }
    const sim = new Simulation(withPolicy(doc(), `function (mesh) { return Function('return 1')() }`), { policy: compilePolicy })
    sim.step()
    expect(sim.haltDetail).toContain(NO_CODE_FROM_TEXT)
    const ctor = new Simulation(withPolicy(doc(), `function (mesh) { return mesh.random.constructor('return process')() }`), { policy: compilePolicy })
    ctor.step()
    expect(ctor.haltDetail).toMatch(/threw/)
  })

  it("gives it Math.random from the run's generator, traced as its draws: the run replays the same", () => {
    const source = `function (mesh) { const live = mesh.tasklets.filter((t) => t.queued > 0); return live[Math.floor(Math.random() * live.length)].id }`
    const a = traced(withPolicy(doc(), source))
    const b = traced(withPolicy(doc(), source))
    expect(a.events).toEqual(b.events)
    expect(a.events.filter((e) => e.type === 'random' && e.use === 'policy')).toHaveLength(a.sim.tick)
    const timeline = new Timeline(withPolicy(doc(), source), { policy: compilePolicy, keyframeEvery: 4 })
    timeline.run()
    const end = JSON.stringify(timeline.sim.snapshot())
    timeline.seek(3)
    timeline.seek(timeline.end)
    expect(JSON.stringify(timeline.sim.snapshot())).toBe(end)
  })

  it('is not shown a draw it did not ask for when the run only looks at its next step', () => {
    const sim = new Simulation(withPolicy(doc(), template('lottery')), { policy: compilePolicy })
    const prng = sim.prng.state
    const next = sim.peekNext()
    expect(sim.prng.state).toBe(prng)
    sim.step()
    expect(sim.lastActive).toBe(next)
  })
})
