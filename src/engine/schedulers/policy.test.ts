import { describe, expect, it } from 'vitest'
import echoersJson from '../../demos/priority-echoers.mesh.json'
import part3Json from '../../demos/part3-mesh.mesh.json'
import { parseDocument, type MeshDocument } from '../document'
import { readRun } from '../run-view'
import { Simulation, type SimulationOptions } from '../simulation'
import { Timeline } from '../timeline'
import type { TraceEvent } from '../trace'
import { PolicyStopped, type Policy, type PolicyView } from './policy'

function load(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

/** Policies by source, as plain functions: the engine is given them compiled, as the sandbox compiles real ones. */
const POLICIES: Record<string, Policy> = {
  'round robin': (mesh) => {
    let last = -1
    let latest = -1
    for (const t of mesh.tasklets) if (t.lastRan > latest) [latest, last] = [t.lastRan, t.index]
    for (let step = 1; step <= mesh.tasklets.length; step++) {
      const next = mesh.tasklets[(last + step) % mesh.tasklets.length]!
      if (next.queued > 0) return next.id
    }
    return undefined
  },
  'round robin, draining': (mesh) => ({ run: POLICIES['round robin']!(mesh) as string, take: 'all' }),
  lottery: (mesh) => {
    let ticket = mesh.randint(
      1,
      mesh.tasklets.reduce((n, t) => n + t.queued, 0),
    )
    for (const t of mesh.tasklets) if ((ticket -= t.queued) <= 0) return t.id
    return undefined
  },
  'longest queue': (mesh) => [...mesh.tasklets].sort((a, b) => b.queued - a.queued)[0]!.id,
}

const compile = (source: string): Policy => {
  const policy = POLICIES[source]
  if (!policy) throw new SyntaxError(`no such test policy: ${source}`)
  return policy
}

function withPolicy(doc: MeshDocument, source: string, name = source): MeshDocument {
  return { ...doc, scheduler: 'policy', policy: { name, source } }
}

/** A run's activations, tick by tick, and its outputs, as it went. */
function record(doc: MeshDocument, options: SimulationOptions = {}, stepwise = false) {
  const events: TraceEvent[] = []
  const sim = new Simulation(doc, { compile: undefined, policy: compile, trace: (e) => events.push(e), ...options })
  if (stepwise) while (sim.step());
  else sim.run()
  return {
    sim,
    events,
    activations: events.filter((e) => e.type === 'activation').map((e) => `${e.tick}:${e.node}:${JSON.stringify(e.item)}`),
    outputs: sim.outputs.toArray().map((o) => `${o.tick}:${o.node}:${String(o.value)}`),
  }
}

const part3 = (seed = 5) => load(part3Json, { seed })
const echoers = (seed = 1) => load(echoersJson, { seed })

describe('PolicyScheduler', () => {
  describe('round robin written as a policy', () => {
    it('gives exactly the taskmaster-next run, activation for activation, on the Part 3 mesh and the priority echoers', () => {
      for (const [name, doc] of [
        ...Array.from({ length: 12 }, (_, seed) => [`part3 seed ${seed}`, part3(seed)] as const),
        ...Array.from({ length: 4 }, (_, seed) => [`echoers seed ${seed}`, echoers(seed)] as const),
      ]) {
        const builtIn = record({ ...doc, scheduler: 'taskmaster', mode: 'next' })
        const written = record(withPolicy(doc, 'round robin'))
        expect(written.activations, name).toEqual(builtIn.activations)
        expect(written.outputs, name).toEqual(builtIn.outputs)
        expect(written.sim.tick, name).toBe(builtIn.sim.tick)
        expect(written.activations.length, name).toBeGreaterThan(0)
      }
    })

    it("drains each queue in its turn with take: 'all', as the taskmaster's flush mode does", () => {
      for (let seed = 0; seed < 12; seed++) {
        const builtIn = record({ ...part3(seed), scheduler: 'taskmaster', mode: 'flush' })
        const written = record(withPolicy(part3(seed), 'round robin, draining'))
        expect(written.activations, `seed ${seed}`).toEqual(builtIn.activations)
        expect(written.outputs, `seed ${seed}`).toEqual(builtIn.outputs)
      }
    })
  })

  it('gives the same run stepped one activation at a time as run to the end', () => {
    for (const source of Object.keys(POLICIES)) {
      for (const doc of [part3(3), echoers(2)]) {
        const whole = record(withPolicy(doc, source))
        const stepped = record(withPolicy(doc, source), {}, true)
        expect(stepped.events, source).toEqual(whole.events)
      }
    }
  })

  it('runs untraced in batches exactly as one traced step at a time, limits and all', () => {
    const limited = { maxActivations: 40, maxQueue: 6 }
    for (const source of Object.keys(POLICIES)) {
      for (const [seed, limits] of [
        [1, undefined],
        [3, limited],
        [4, { ...limited, maxQueue: 1000 }],
      ] as const) {
        for (const mesh of [part3(seed), echoers(seed)]) {
          const doc = withPolicy({ ...mesh, ...(limits ? { limits } : {}) }, source)
          const stepped = new Simulation(doc, { policy: compile, trace: () => {} })
          const batched = new Simulation(doc, { policy: compile })
          for (const chunk of [1, 2, 1, 3, 5, 8, 13, 1000, 1]) {
            const result = batched.run(chunk)
            let steps = 0
            while (steps < chunk && stepped.step()) {
              steps++
              if (stepped.halt) break
            }
            expect(result.steps, `${source}, seed ${seed}`).toBe(steps)
            expect(batched.snapshot()).toEqual(stepped.snapshot())
            expect(batched.schedulerView()).toEqual(stepped.schedulerView())
            expect(batched.step()).toBe(stepped.step())
          }
        }
      }
    }
  })

  it('traces each decision, and each of its draws from the run', () => {
    const { events } = record(withPolicy(part3(), 'lottery'))
    const chosen = events.filter((e) => e.type === 'schedule' && e.action === 'choose')
    expect(chosen.length).toBe(events.filter((e) => e.type === 'activation').length)
    expect(chosen[0]).toEqual({ type: 'schedule', tick: 0, action: 'choose', node: 'a', take: 'one' })
    expect(events.filter((e) => e.type === 'random' && e.use === 'policy').length).toBe(chosen.length)
    expect(events.at(-1)).toMatchObject({ type: 'schedule', action: 'end' })
  })

  it('shows the policy a frozen view of what each tasklet did so far, read as it decides', () => {
    const seen: Record<string, unknown>[][] = []
    const views = new Set<PolicyView>()
    const doc = withPolicy(echoers(), 'spy')
    doc.nodes = doc.nodes.map((n) => (n.id === 'e1' ? { ...n, priority: { random: [3, 9] } } : n))
    const sim = new Simulation(doc, {
      policy: () => (mesh) => {
        views.add(mesh)
        // As a policy would copy it: its fields are own and enumerable, so JSON and spreads see them.
        seen.push(mesh.tasklets.map((t) => ({ ...t, tick: mesh.tick })))
        return mesh.tasklets.find((t) => t.queued > 0)!.id
      },
    })
    sim.run(4)
    expect(seen).toHaveLength(4)
    const [view] = [...views]
    expect(Object.isFrozen(view) && Object.isFrozen(view!.tasklets) && view!.tasklets.every(Object.isFrozen)).toBe(true)
    const keys = ['id', 'label', 'kind', 'index', 'queued', 'headAge', 'priority', 'taken', 'lastRan']
    expect(Object.keys(view!.tasklets[0]!)).toEqual(keys)
    expect(Object.keys(JSON.parse(JSON.stringify(view)) as object)).toEqual(['tick', 'tasklets'])
    const at3 = seen[3]!
    // The first with items ran each time: echoer_world, the sink, echoer_world. Its "Ola" has waited since tick 0.
    expect(at3.find((t) => t.id === 'e1')).toEqual({
      id: 'e1',
      label: 'echoer_world',
      kind: 'echoer',
      index: 1,
      queued: 1,
      headAge: 3,
      priority: { random: [3, 9] },
      taken: 2,
      lastRan: 3,
      tick: 3,
    })
    // The sink's "Bonjour, world!" was sent at tick 3: it has waited 0 ticks.
    expect(at3.find((t) => t.kind === 'sink')).toMatchObject({ index: 0, taken: 1, lastRan: 2, queued: 1, headAge: 0 })
    expect(at3.find((t) => t.id === 'e2')).toMatchObject({ taken: 0, lastRan: -1, queued: 3, headAge: 3 })
    const e1 = view!.tasklets[1]!
    expect(Object.isFrozen(e1.priority)).toBe(true)
    expect(e1.priority).not.toBe(sim.document.nodes.find((n) => n.id === 'e1')!.priority)
    // Nothing on it, its getters, its prototype or its class takes a value.
    const getter = Object.getOwnPropertyDescriptor(e1, 'queued')!.get!
    for (const target of [view, e1, getter, Object.getPrototypeOf(e1), e1.constructor, view!.random]) expect(Object.isFrozen(target)).toBe(true)
    expect(() => view!.random()).toThrow(/only .* while the policy decides/)
  })

  it("shows each head item's age from the item ledger, which a run with a policy keeps (-1 where it keeps none)", () => {
    const ages = (options: SimulationOptions) => {
      const seen: number[][] = []
      const sim = new Simulation(withPolicy(part3(), 'spy'), {
        ...options,
        policy: () => (mesh) => {
          seen.push(mesh.tasklets.map((t) => t.headAge))
          return POLICIES['round robin']!(mesh)
        },
      })
      sim.run()
      return { sim, seen }
    }
    const kept = ages({})
    expect(kept.sim.ledger).not.toBeNull()
    // start's items wait from tick 0: 0, 1, 2… as the ticks go by, until it is its turn again.
    expect(kept.seen.slice(0, 3).map((a) => a[4])).toEqual([0, 1, 2])
    expect(kept.seen.flat().some((age) => age > 2)).toBe(true)
    const none = ages({ ledger: false })
    expect(none.seen.flat().every((age) => age === -1)).toBe(true)
    expect(new Simulation(part3()).ledger).toBeNull()
  })

  describe('a decision that is not one', () => {
    const bad: [string, Policy, RegExp][] = [
      ['an empty tasklet', (mesh) => mesh.tasklets.find((t) => t.queued === 0)!.id, /the policy "bad" returned "(\w+)", but \w+'s queue is empty: choose a tasklet with items/],
      ['an unknown id', () => ({ run: 'ghost', take: 'one' }), /returned \{ run: "ghost", take: "one" \}, but no tasklet of this mesh has the id "ghost"/],
      ['a throw', () => Object.keys(null as unknown as object), /the policy "bad" threw TypeError: /],
      ['nothing', () => undefined, /returned nothing \(undefined\): return a tasklet's id/],
      ['a number', () => 42, /returned 42: return a tasklet's id/],
      ['a wrong take', () => ({ run: 'a', take: 'some' }), /returned \{ run: "a", take: "some" \}: take is 'one' or 'all', not "some"/],
      ['a run that is not an id', () => ({ run: 3 }), /returned \{ run: 3 \}: its run is 3, not a tasklet's id/],
      [
        'a stop by the meter',
        () => {
          throw new PolicyStopped('ran over 1,000 steps (loop turns and calls) in one decision: an infinite loop?')
        },
        /^the policy "bad" ran over 1,000 steps/,
      ],
    ]
    for (const [what, policy, message] of bad) {
      it(`(${what}) stops the run with a message naming it, and loses nothing: the next step asks again`, () => {
        const doc = withPolicy(part3(), 'bad')
        // The policy draws first: a refused decision gives its draws back.
        const good = new Simulation(doc, { policy: () => (mesh) => (mesh.random(), POLICIES['lottery']!(mesh)) })
        good.run(7)
        const events: TraceEvent[] = []
        const broken = new Simulation(doc, {
          trace: (e) => events.push(e),
          policy: () => (mesh) => (mesh.random(), mesh.tick < 7 ? POLICIES['lottery']!(mesh) : policy(mesh)),
        })
        expect(broken.run().steps).toBe(7)
        expect(broken.halt).toBe('policy')
        expect(broken.haltDetail).toMatch(message)
        expect(events.at(-1)).toEqual({ type: 'limit', tick: 7, reason: 'policy', detail: broken.haltDetail })
        const before = broken.snapshot()
        expect({ ...before, halt: null, haltDetail: null }).toEqual(good.snapshot())
        expect(broken.step()).toBe(false)
        expect(broken.haltDetail).toMatch(message)
        expect(broken.snapshot()).toEqual(before)
      })
    }

    it('shows the run as stopped, with why, before the step is taken', () => {
      const timeline = new Timeline(withPolicy(part3(), 'bad'), { policy: () => () => 'ghost' })
      const view = readRun(timeline)
      expect(view.status).toBe('halted')
      expect(view.halt).toBe('policy')
      expect(view.haltDetail).toMatch(/no tasklet of this mesh has the id "ghost"/)
      expect(view.nextUp).toBeNull()
      expect(timeline.step()).toBe(false)
      expect(timeline.tick).toBe(0)
    })

    it('keeps seeking back and forth exact after the run was stopped', () => {
      let calls = 0
      const policy: Policy = (mesh) => {
        calls++
        return mesh.tick >= 12 ? 'ghost' : POLICIES['lottery']!(mesh)
      }
      const timeline = new Timeline(withPolicy(part3(), 'flaky'), { policy: () => policy, keyframeEvery: 8 })
      expect(timeline.run().stop).toEqual({ reason: 'policy' })
      expect(timeline.tick).toBe(12)
      const at = (tick: number) => {
        timeline.seek(tick)
        return JSON.stringify(timeline.sim.snapshot())
      }
      const states = Array.from({ length: 13 }, (_, tick) => at(tick))
      for (const tick of [3, 11, 9, 12, 0, 7]) expect(at(tick), `tick ${tick}`).toBe(states[tick])
      expect(calls).toBeGreaterThan(20)
      timeline.seek(12)
      expect(timeline.step()).toBe(false)
      expect(timeline.sim.haltDetail).toMatch(/"ghost"/)
    })
  })

  it('does not run a policy it was given no compiler for, and says so', () => {
    const sim = new Simulation(withPolicy(part3(), 'round robin', 'Mine'))
    expect(sim.step()).toBe(false)
    expect(sim.haltDetail).toBe('the policy "Mine" cannot run: its code has not been allowed to run')
    expect(sim.schedulerView()).toMatchObject({ kind: 'policy', name: 'Mine', problem: 'its code has not been allowed to run' })
  })

  it("says where a policy's source did not compile", () => {
    const sim = new Simulation(withPolicy(part3(), 'nonsense', 'Broken'), { policy: compile })
    expect(sim.step()).toBe(false)
    expect(sim.haltDetail).toBe('the policy "Broken" cannot run: no such test policy: nonsense')
  })

  it('treats a round as one decision: a drain is one, a single item another', () => {
    const timeline = new Timeline(withPolicy(part3(), 'round robin, draining'), { policy: compile })
    const builtIn = new Timeline({ ...part3(), scheduler: 'taskmaster', mode: 'flush' })
    timeline.stepRound()
    expect(timeline.tick).toBe(4) // start drains 0, 1, 2, 3
    timeline.stepRound()
    expect(timeline.tick).toBe(8) // the branch drains 1, 2, 3, 4
    timeline.stepRound()
    expect(timeline.tick).toBe(10) // the recycler has none, so round to the doubler: 2 and 4
    for (let round = 0; round < 3; round++) builtIn.stepRound()
    expect(builtIn.tick).toBeGreaterThan(10) // the taskmaster's third round goes on past the doubler, to the tripler
  })

  it('forgets the stop a policy came to once the policy is edited: the run shows what the new one does next', () => {
    const timeline = new Timeline(withPolicy(part3(), 'ghost'), { policy: (source) => (source === 'ghost' ? () => 'ghost' : compile(source)) })
    expect(timeline.step()).toBe(false)
    expect(timeline.sim.halt).toBe('policy')
    timeline.apply({ type: 'update', document: withPolicy(part3(), 'round robin') })
    expect(timeline.sim.halt).toBeNull()
    expect(readRun(timeline)).toMatchObject({ status: 'ready', halt: null, haltDetail: null, nextUp: 'a' })
    // Back in time and forth again, the same.
    timeline.seek(0)
    expect(readRun(timeline)).toMatchObject({ status: 'ready', halt: null })
    expect(timeline.step()).toBe(true)
  })

  it('switches to and from a policy mid-run, keeping the queues', () => {
    const timeline = new Timeline(part3(), { policy: compile })
    timeline.run(6)
    const queues = timeline.sim.snapshot().nodes.map((n) => n.queue)
    timeline.apply({ type: 'update', document: withPolicy(part3(), 'longest queue') })
    expect(timeline.sim.schedulerKind).toBe('policy')
    expect(timeline.sim.snapshot().nodes.map((n) => n.queue)).toEqual(queues)
    expect(timeline.run().stop).toEqual({ reason: 'idle' })
  })
})
