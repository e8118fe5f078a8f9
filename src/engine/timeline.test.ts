import { describe, expect, it } from 'vitest'
import flushVsNextJson from '../demos/flush-vs-next.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import pingPongJson from '../demos/ping-pong.mesh.json'
import echoersJson from '../demos/priority-echoers.mesh.json'
import smartRouterJson from '../demos/smart-router.mesh.json'
import tourJson from '../demos/tasklet-tour.mesh.json'
import type { RunAction } from './action-log'
import { parseDocument, type MeshDocument } from './document'
import { Prng } from './prng'
import type { RunResult } from './run-stop'
import { Simulation } from './simulation'
import { Timeline } from './timeline'
import type { StopReason } from './trace'

function doc(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

/** What a run holds at a tick, less where the scheduler's call stands after its last tick. */
function settled(t: Timeline) {
  const { scheduler: _scheduler, ...rest } = state(t)
  return rest
}

/** Everything a user sees of a run at a tick. */
function state(t: Timeline) {
  const sim = t.sim
  return {
    tick: sim.tick,
    queues: sim.order.map((n) => [n.id, n.tasklet.items.toArray(), n.tasklet.closed, n.activations]),
    outputs: sim.outputs.toArray(),
    prng: sim.prng.state,
    scheduler: sim.schedulerView(),
    stats: { ...sim.stats },
  }
}

describe('Timeline', () => {
  it('steps back to any earlier tick and finds it exactly as it was', () => {
    for (const json of [part3Json, echoersJson]) {
      for (const mode of ['flush', 'next'] as const) {
        const t = new Timeline(doc(json, { mode }), { keyframeEvery: 3 })
        t.apply({ type: 'send', node: json === part3Json ? 'a' : 'e1', values: json === part3Json ? [10, 11, 12] : ['Hi'] })
        const seen = [state(t)]
        while (t.step()) seen.push(state(t))
        // the last step found no work and ended the scheduler's call: that is the run at the last tick now
        seen[seen.length - 1] = state(t)
        t.seek(0)
        expect(state(t)).toEqual(seen[0])
        for (let tick = seen.length - 1; tick >= 0; tick--) {
          t.seek(tick)
          expect(state(t)).toEqual(seen[tick])
        }
        t.seek(seen.length - 1)
        expect(state(t)).toEqual(seen.at(-1))
      }
    }
  })

  it("replays the user's actions at the ticks they were made", () => {
    const t = new Timeline(doc(part3Json), { keyframeEvery: 4 })
    t.run(5)
    t.apply({ type: 'send', node: 'a', values: [20] })
    t.run(3)
    t.apply({ type: 'close', node: 'd' })
    t.run()
    const end = settled(t)
    t.seek(2)
    t.seek(t.end)
    expect(settled(t)).toEqual(end)
  })

  it("replays a send made after the scheduler's call ended as the start of a new call", () => {
    // s is first in order, a second: the call ends after s's turn, so a send
    // to both is served a first if the old call went on, s first in a new call.
    const mesh = doc({
      format: 'mesh-playground',
      version: 1,
      nodes: [
        { id: 's', kind: 'sink' },
        { id: 'a', kind: 'start' },
      ],
      edges: [{ source: 'a', port: 'target', target: 's' }],
      inputs: [{ node: 'a', values: [1] }],
      mode: 'next',
    })
    const t = new Timeline(mesh, { keyframeEvery: 2 })
    const seen = [state(t)]
    const play = () => {
      while (t.step()) seen.push(state(t))
      seen[seen.length - 1] = state(t) // with the call ended
    }
    play()
    t.apply({ type: 'send', node: 'a', values: [10] })
    t.apply({ type: 'send', node: 's', values: ['by hand'] })
    seen[seen.length - 1] = state(t) // a tick shows the actions made at it
    play()
    expect(t.sim.outputs.toArray().map((o) => o.value)).toEqual([2, 'by hand', 11])
    const end = state(t)
    for (let tick = seen.length - 1; tick >= 0; tick--) {
      t.seek(tick)
      expect(state(t)).toEqual(seen[tick])
    }
    t.seek(t.end)
    expect(state(t)).toEqual(end)
    t.seek(0)
    expect(t.run().stop?.reason).toBe('idle')
    expect(state(t)).toEqual(end)
  })

  it('steps on from the tick a call ended at as the run did: the step that found no work finds none again', () => {
    // The doubler is closed with four items queued: each of its turns takes
    // one and does no work, so the call ends at tick 15 with [12] still there.
    const t = new Timeline(doc(part3Json))
    for (let i = 0; i < 8; i++) t.step()
    t.apply({ type: 'send', node: 'd', values: [10, 12] })
    t.apply({ type: 'close', node: 'd' })
    expect(t.run()).toEqual({ steps: 7, stop: { reason: 'idle' } })
    const end = state(t)
    expect(end.tick).toBe(15)
    expect(t.sim.nodes.get('d')!.tasklet.items.toArray()).toEqual([12])
    t.seek(14)
    expect(t.step()).toBe(true)
    expect(t.step()).toBe(false)
    expect(state(t)).toEqual(end)
    t.seek(14)
    expect(t.run()).toEqual({ steps: 1, stop: { reason: 'idle' } })
    expect(state(t)).toEqual(end)
  })

  it('branches when the user acts at an earlier tick, dropping the later history', () => {
    const t = new Timeline(doc(part3Json))
    t.run()
    const first = t.end
    t.seek(3)
    t.apply({ type: 'send', node: 'a', values: [101] })
    expect(t.end).toBe(3)
    t.run()
    expect(t.end).toBeGreaterThan(first)
    expect(t.sim.outputs.toArray().map((o) => o.value)).toContain('2x102')
  })

  it('follows an edit of the mesh replayed from a keyframe before it', () => {
    const base = doc(part3Json)
    const t = new Timeline(base, { keyframeEvery: 2 })
    t.run(3)
    const rewired = { ...base, edges: base.edges.map((e) => (e.source === 'b' && e.port === 'left' ? { ...e, target: 't' } : e)) }
    t.apply({ type: 'update', document: rewired })
    t.run()
    const end = settled(t)
    t.seek(1)
    expect(t.sim.document).toBe(base)
    t.seek(t.end)
    expect(settled(t)).toEqual(end)
    expect(t.sim.document).toBe(rewired)
  })

  it('keeps history bounded by thinning keyframes', () => {
    const pingPong = doc({
      format: 'mesh-playground',
      version: 1,
      nodes: [
        { id: 'a', kind: 'start' },
        { id: 'b', kind: 'start' },
      ],
      edges: [
        { source: 'a', port: 'target', target: 'b' },
        { source: 'b', port: 'target', target: 'a' },
      ],
      inputs: [{ node: 'a', values: [0] }],
      limits: { maxActivations: 100_000 },
    })
    const t = new Timeline(pingPong, { keyframeEvery: 100, maxKeyframes: 16 })
    expect(t.run().stop?.reason).toBe('budget')
    expect(t.historySize.keyframes).toBeLessThanOrEqual(16)
    t.seek(12_345)
    expect(t.sim.nodes.get('b')!.tasklet.items.toArray()).toEqual([12_345])
  })
})

describe('Timeline.stepRound', () => {
  it('steps to the end of each taskmaster round', () => {
    const t = new Timeline(doc(part3Json))
    // round 1: start takes 0..3; round 2: branch takes 1..4; round 3: doubler 2, 4 and tripler 1, 3
    expect(t.stepRound()).toBe(4)
    expect(t.sim.schedulerView()).toMatchObject({ kind: 'taskmaster', round: 1 })
    expect(t.stepRound()).toBe(4)
    expect(t.stepRound()).toBe(4)
    expect(t.stepRound()).toBe(4)
    expect(t.sim.outputs.length).toBe(4)
    expect(t.stepRound()).toBe(0)
  })

  it('steps to the end of each priority pass', () => {
    const t = new Timeline(doc(echoersJson))
    expect(t.stepRound()).toBe(6)
    expect(t.sim.schedulerView()).toMatchObject({ kind: 'priority', pass: 1 })
    expect(t.stepRound()).toBe(6)
    expect(t.sim.outputs.length).toBe(6)
  })
})

describe('Timeline replay', () => {
  /** What a run holds, as a keyframe would keep it, less what only the trace shows or the next step clears. */
  function held(sim: Simulation) {
    const { halt: _halt, haltDetail: _haltDetail, scheduler, ...rest } = sim.snapshot()
    // Whether the call has activated yet only decides whether its end is traced; a call that found nothing to do is not.
    const { activated: _activated, ...call } = scheduler
    return { ...rest, scheduler: call, view: sim.schedulerView() }
  }

  function perform(sim: Simulation, action: RunAction): void {
    if (action.type === 'send') for (const value of action.values) sim.send(action.node, value)
    else if (action.type === 'queue') sim.editQueue(action.node, action.edit)
    else if (action.type === 'draw') sim.force(action.node, action.value)
    else if (action.type !== 'update' && action.type !== 'fail') sim[action.type](action.node)
  }

  /** One thing in a run's history, a step or an action by hand, and the run just after it. */
  interface Moment {
    /** The action, or null for a step. */
    action: RunAction | null
    held: ReturnType<typeof held>
    /** For a step: whether it activated a tasklet, and the limit it stopped at. */
    stepped: boolean
    halt: StopReason | null
    /** Whether the Timeline's log holds it: every action, and a step that found no work and ended the scheduler's call (once a tick). */
    logged: boolean
  }

  /**
   * One history of a run, as the user made it at its frontier, against
   * which a Timeline is checked wherever it is in that history: `at` counts
   * the moments the Timeline has been through. A plain Simulation (`head`)
   * stands at the end of the history, to make it longer.
   */
  class History {
    readonly start: Moment
    private moments: Moment[] = []
    private at = 0
    private head: Simulation

    constructor(private readonly document: MeshDocument) {
      this.head = new Simulation(document)
      this.start = { action: null, held: held(this.head), stepped: false, halt: null, logged: false }
    }

    get now(): Moment {
      return this.at === 0 ? this.start : this.moments[this.at - 1]!
    }

    get end(): number {
      return Math.max(0, ...this.moments.map((m) => m.held.tick))
    }

    /**
     * A step from here: the Timeline does the actions logged at this tick
     * first, and the steps that found no work where the history goes on
     * after them; the step it takes is the next activation, or one that
     * found no work with nothing after it.
     */
    step(): Moment {
      for (; this.at < this.moments.length; this.at++) {
        const m = this.moments[this.at]!
        if (m.action === null && (m.stepped || !this.goesOnAfter(this.at))) break
      }
      if (this.at === this.moments.length) {
        const stepped = this.head.step()
        const halt = this.head.halt
        const last = this.moments.filter((m) => m.logged).at(-1)
        const repeated = last !== undefined && last.action === null && last.held.tick === this.head.tick
        this.moments.push({ action: null, held: held(this.head), stepped, halt, logged: !stepped && halt === null && !repeated })
      }
      return this.moments[this.at++]!
    }

    /** Steps until one finds no work or stops at a limit, or `max` activations. */
    run(max: number): RunResult {
      let steps = 0
      while (steps < max) {
        const { stepped, halt } = this.step()
        if (stepped) steps++
        if (!stepped || halt) return { steps, stop: { reason: halt ?? 'idle' } }
      }
      return { steps, stop: null }
    }

    /** Where seeking to `tick` lands: the first moment at or past it, after everything done at that tick. */
    seek(tick: number): void {
      const target = Math.max(0, Math.min(tick, this.end))
      this.at = 0
      while (this.now.held.tick < target) this.at++
      this.settle()
    }

    /** An action here, after everything done at this tick, drops the history after it, as the Timeline does. */
    act(action: RunAction): void {
      this.settle()
      if (this.at < this.moments.length) {
        this.moments.length = this.at
        this.head = new Simulation(this.document)
        for (const m of this.moments) {
          if (m.action === null) this.head.step()
          else perform(this.head, m.action)
        }
      }
      perform(this.head, action)
      this.moments.push({ action, held: held(this.head), stepped: false, halt: null, logged: true })
      this.at = this.moments.length
    }

    /** Whether anything after moment `index` is logged or activates: the history goes on. */
    private goesOnAfter(index: number): boolean {
      return this.moments.slice(index + 1).some((m) => m.logged || m.stepped)
    }

    /** Past what was done at this tick after its last activation: hand actions and the steps that found no work. */
    private settle(): void {
      while (this.at < this.moments.length && !this.moments[this.at]!.stepped) this.at++
    }
  }

  const DEMO_MESHES = [part3Json, echoersJson, pingPongJson, tourJson, flushVsNextJson, smartRouterJson]
  const HAND_ACTIONS = ['next', 'last', 'flush', 'clear', 'close', 'restart'] as const

  function randomAction(prng: Prng, nodes: readonly string[]): RunAction {
    const node = nodes[prng.randint(0, nodes.length - 1)]!
    const kind = prng.randint(0, HAND_ACTIONS.length + 1)
    // Numbers mostly; now and then a string, which a start node raises at.
    if (kind > HAND_ACTIONS.length - 1) return { type: 'send', node, values: [prng.randint(0, 9), prng.random() < 0.2 ? 'x' : prng.randint(0, 9)] }
    return { type: HAND_ACTIONS[kind]!, node }
  }

  it('seeking back and stepping on gives what the run gave from there, for random runs of the demos', () => {
    for (const json of DEMO_MESHES) {
      for (const mode of ['flush', 'next'] as const) {
        for (const seed of [1, 2]) {
          const prng = new Prng(DEMO_MESHES.indexOf(json) * 100 + (mode === 'next' ? 10 : 0) + seed)
          // Tight limits in some runs, so that the budget and full queues stop them too.
          const limits = seed === 2 ? { maxActivations: 60, maxQueue: 6 } : undefined
          const document = doc(json, limits ? { mode, limits } : { mode })
          const nodes = document.nodes.map((n) => n.id)
          const t = new Timeline(document, { keyframeEvery: 4, maxKeyframes: 6 })
          const history = new History(document)
          const where = (op: string) => `${document.title} (${mode}, seed ${seed}), after ${op} at tick ${t.tick}`
          for (let op = 0; op < 150; op++) {
            const roll = prng.random()
            let done: string
            if (roll < 0.4) {
              const expected = history.step()
              const stepped = t.step()
              done = 'a step'
              expect([stepped, t.sim.halt], where(done)).toEqual([expected.stepped, expected.halt])
            } else if (roll < 0.6) {
              const max = prng.randint(1, 20)
              const expected = history.run(max)
              done = `run(${max})`
              expect(t.run(max), where(done)).toEqual(expected)
            } else if (roll < 0.8) {
              const action = randomAction(prng, nodes)
              history.act(action)
              t.apply(action)
              done = JSON.stringify(action)
            } else {
              // Near the end of the history as often as anywhere in it: where its calls ended, and where acting branches it.
              const tick = prng.random() < 0.5 ? prng.randint(0, t.end) : Math.max(0, t.end - prng.randint(0, 3))
              history.seek(tick)
              t.seek(tick)
              done = `seek(${tick})`
            }
            expect(held(t.sim), where(done)).toEqual(history.now.held)
            expect(t.end, where(done)).toBe(history.end)
          }
        }
      }
    }
  })
})
