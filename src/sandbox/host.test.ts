import * as v from 'valibot'
import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, Timeline, type Breakpoint, type MeshDocument } from '../engine'
import { meshDocument } from '../engine/testing'
import { readRun } from '../engine/run-view'
import { compileCoroutine, compilePolicy } from './compile'
import { SandboxHost } from './host'
import { NOT_ALLOWED, readMessage, STOPPED_ERROR, SandboxMessageSchema } from './protocol'
import type { SandboxCommand, SandboxMessage, SandboxResult } from './protocol'

const RANDOM = `function* (ports, params, self) {
  while (true) {
    const item = yield
    ports.out.send(item + ':' + Math.floor(Math.random() * 1000))
  }
}`

function host() {
  const messages: SandboxMessage[] = []
  const sandbox = new SandboxHost({
    post: (m) => {
      // Every message fits the schema the page reads them with (anything else is dropped there).
      if (!readMessage(m)) throw new Error(`a message the page would drop: ${JSON.stringify(v.flatten(v.safeParse(SandboxMessageSchema, m).issues!))}`)
      messages.push(m)
    },
  })
  let id = 0
  const send = (command: SandboxCommand): SandboxResult => {
    sandbox.handle(++id, command)
    const reply = messages.filter((m) => m.kind === 'reply').at(-1)
    if (!reply || reply.kind !== 'reply' || !reply.ok) throw new Error(reply && reply.kind === 'reply' && !reply.ok ? reply.error : 'no reply')
    return reply.result as SandboxResult
  }
  return { sandbox, send, messages }
}

const doc = (source: string) =>
  meshDocument({
    nodes: [
      { id: 'c', kind: 'code', code: { source, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [{ source: 'c', port: 'out', target: 's' }],
    inputs: [{ node: 'c', values: ['a', 'b', 'c'] }],
  })

/** Part 3's mesh: its taskmaster rounds end at ticks 4, 8, 12 and 16; the third activates the doubler twice, then the tripler twice. */
function part3(): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

describe('the sandbox host', () => {
  it("gives code Math.random from the run's seeded generator, so going back replays the same draws", () => {
    const { send } = host()
    send({ type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [] })
    const first = send({ type: 'run', maxSteps: 100, sliceMs: 1000 }).view.outputs.s!.map((o) => o.value)
    send({ type: 'seek', tick: 1 })
    const again = send({ type: 'run', maxSteps: 100, sliceMs: 1000 }).view.outputs.s!.map((o) => o.value)
    expect(again).toEqual(first)
    expect(new Set(first).size).toBeGreaterThan(1)
    send({ type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [] })
    expect(send({ type: 'run', maxSteps: 100, sliceMs: 1000 }).view.outputs.s!.map((o) => o.value)).toEqual(first)
  })

  it('tells which code node is starting before its code runs', () => {
    const { send, messages } = host()
    send({ type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [] })
    expect(messages[0]).toEqual({ kind: 'note', type: 'priming', node: 'c' })
  })

  it('closes a node whose source hung before, without running it', () => {
    const { send, messages } = host()
    const result = send({ type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [RANDOM] })
    expect(result.view.nodes.c!.error).toBe(`Stopped: ${STOPPED_ERROR}`)
    expect(messages.filter((m) => m.kind === 'note')).toEqual([])
  })

  it('sends the trace with its replies while tracing is on', () => {
    const { send } = host()
    send({ type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [] })
    send({ type: 'trace', on: false })
    expect(send({ type: 'step', steps: 1 }).events).toEqual([])
    send({ type: 'trace', on: true })
    const events = send({ type: 'step', steps: 1 }).events
    expect(events.map((e) => e.type)).toContain('activation')
  })

  it('does not compile code it was not allowed to run, until it is', () => {
    const { send, messages } = host()
    expect(send({ type: 'reset', document: doc(RANDOM), allowed: [], stopped: [] }).view.nodes.c!.error).toBe(`Error: ${NOT_ALLOWED}`)
    expect(messages.filter((m) => m.kind === 'note')).toEqual([])
    send({ type: 'allow', sources: [RANDOM] })
    const edited = doc(`${RANDOM} `)
    send({ type: 'allow', sources: [`${RANDOM} `] })
    expect(send({ type: 'apply', action: { type: 'update', document: edited } }).view.nodes.c!.error).toBeNull()
  })

  it('stops a step round at a breakpoint on a node that runs in the middle of the round, and says so with its hit', () => {
    const { send } = host()
    send({ type: 'reset', document: part3(), allowed: [], stopped: [] })
    expect(send({ type: 'round', maxSteps: 100 }).stop).toEqual({ reason: 'round' })
    send({ type: 'round', maxSteps: 100 })
    const breakpoints: Breakpoint[] = [{ id: 'bp-1', kind: 'activation', node: 't', enabled: true }]
    const result = send({ type: 'round', maxSteps: 100, breakpoints })
    expect(result.view.tick).toBe(11)
    expect(result.stop).toMatchObject({ reason: 'breakpoint', hit: { tick: 11, message: 'tripler activated' } })
  })

  it('names each code node before a careful step runs it, and stops at the end of its slice', () => {
    let clock = 0
    const named: string[] = []
    const messages: SandboxMessage[] = []
    const post = (m: SandboxMessage) => {
      // Each code node's activation takes 10 ms by this clock: a 25 ms slice holds three.
      if (m.kind === 'note' && m.type === 'activating') {
        named.push(`${m.node}@${m.tick}`)
        clock += 10
      }
      messages.push(m)
    }
    const sandbox = new SandboxHost({ post, now: () => clock })
    sandbox.handle(1, { type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [] })
    sandbox.handle(2, { type: 'step', steps: 100, careful: { sliceMs: 25 } })
    expect(named).toEqual(['c@0', 'c@1', 'c@2'])
    expect(messages.at(-1)).toMatchObject({ kind: 'reply', id: 2, ok: true, result: { steps: 3, stop: null } })
  })

  it('answers a command it cannot carry out with an error, not silence', () => {
    const { sandbox, messages } = host()
    sandbox.handle(1, { type: 'step', steps: 1 })
    expect(messages).toEqual([{ kind: 'reply', id: 1, ok: false, error: 'the sandbox has no mesh yet (reset first)' }])
  })
})

describe('the sandbox host, with a group node', () => {
  const PASS = `function* (ports) {
  while (true) ports.out.send(yield)
}`
  /** A code node feeding Part 3's mesh inside a group (one inner step per item), the group's port out to a sink. */
  const grouped = () =>
    meshDocument({
      version: 2,
      nodes: [
        { id: 'c', kind: 'code', code: { source: PASS, ports: ['out'] } },
        { id: 'g', kind: 'group', group: { nodes: part3Json.nodes, edges: part3Json.edges, input: 'a', call: 'next', outputs: [{ port: 'out', node: 's' }] } },
        { id: 'out', kind: 'sink' },
      ],
      edges: [
        { source: 'c', port: 'out', target: 'g' },
        { source: 'g', port: 'out', target: 'out' },
      ],
      inputs: [{ node: 'c', values: [0, 1, 2] }],
    })

  it("publishes the group's inside as the page's Timeline does, at every tick, and after seeking back", () => {
    const { send } = host()
    const document = grouped()
    const first = send({ type: 'reset', document, allowed: [PASS], stopped: [] }).view
    expect(first.groups.g).toMatchObject({ tick: 0, status: 'idle' })
    const page = new Timeline(document, { compile: compileCoroutine })
    const stepped = [first.groups]
    for (let tick = 1; tick <= 6; tick++) {
      const view = send({ type: 'step', steps: 1 }).view
      page.step()
      expect(view.groups).toEqual(readRun(page).groups)
      stepped.push(view.groups)
    }
    expect(stepped.at(-1)!.g!.tick).toBeGreaterThan(0)
    for (let tick = 5; tick >= 0; tick--) expect(send({ type: 'seek', tick }).view.groups).toEqual(stepped[tick])
  })
})

describe('the sandbox host, with a written policy', () => {
  /** A lottery over the queued items, drawn with Math.random: the run's seeded generator in the sandbox. */
  const LOTTERY = `function (mesh) {
  let ticket = Math.floor(Math.random() * mesh.tasklets.reduce((n, t) => n + t.queued, 0))
  for (const t of mesh.tasklets) if ((ticket -= t.queued) < 0) return t.id
}`
  const withPolicy = (source: string) => ({ ...part3(), scheduler: 'policy' as const, policy: { name: 'Lottery', source } })
  const ticks = (result: SandboxResult) => result.events.filter((e) => e.type === 'activation').map((e) => `${e.tick}:${e.node}`)

  it('runs it as Node runs it: the same decisions, seeking back replays them, and a fresh run repeats them', () => {
    const { send } = host()
    send({ type: 'reset', document: withPolicy(LOTTERY), allowed: [LOTTERY], stopped: [] })
    const first = send({ type: 'run', maxSteps: 1000, sliceMs: 1000 })
    expect(first.stop).toEqual({ reason: 'idle' })
    const reference = new Timeline(withPolicy(LOTTERY), { policy: compilePolicy, trace: () => {} })
    const events: string[] = []
    reference.setTrace((e) => e.type === 'activation' && events.push(`${e.tick}:${e.node}`))
    reference.run()
    expect(ticks(first)).toEqual(events)
    expect(first.view.outputs).toEqual(readRun(reference).outputs)
    send({ type: 'seek', tick: 3 })
    const again = send({ type: 'run', maxSteps: 1000, sliceMs: 1000 })
    expect(ticks(again)).toEqual(events.slice(3))
    send({ type: 'reset', document: withPolicy(LOTTERY), allowed: [LOTTERY], stopped: [] })
    expect(ticks(send({ type: 'run', maxSteps: 1000, sliceMs: 1000 }))).toEqual(events)
  })

  it('does not ask a policy it was not allowed to run, and the page reads why', () => {
    const { send } = host()
    const result = send({ type: 'reset', document: withPolicy(LOTTERY), allowed: [], stopped: [] })
    expect(result.view).toMatchObject({ status: 'halted', halt: 'policy', haltDetail: 'the policy "Lottery" cannot run: its code has not been allowed to run' })
    expect(send({ type: 'step', steps: 1 }).stop).toEqual({ reason: 'policy' })
  })

  it('announces each decision in a careful step (the watchdog names a policy that hangs), and none otherwise', () => {
    const { send, messages } = host()
    send({ type: 'reset', document: withPolicy(LOTTERY), allowed: [LOTTERY], stopped: [] })
    send({ type: 'step', steps: 2 })
    expect(messages.filter((m) => m.kind === 'note')).toEqual([])
    send({ type: 'step', steps: 2, careful: { sliceMs: 1000 } })
    const notes = messages.filter((m) => m.kind === 'note').map((m) => (m.kind === 'note' && m.type === 'deciding' ? `deciding@${m.tick}` : m.kind === 'note' ? m.type : ''))
    // Each step looks at its next step (for the watchdog's note) and takes it; the reply looks at the next one.
    expect(notes).toEqual(['deciding@2', 'decided', 'deciding@2', 'decided', 'deciding@3', 'decided', 'deciding@3', 'decided', 'deciding@4', 'decided'])
  })

  it("records the run (the lanes' who-ran-when) by replaying it under the same policy, its draws and all", () => {
    const { send } = host()
    send({ type: 'reset', document: withPolicy(LOTTERY), allowed: [LOTTERY], stopped: [] })
    const ran = send({ type: 'run', maxSteps: 1000, sliceMs: 1000 })
    const result = send({ type: 'record', upTo: ran.view.tick, sliceMs: 10_000, begin: true })
    expect(result.record?.done).toBe(true)
    if (!result.record?.done) return
    const { lanes } = result.record.record
    expect(lanes.ticks).toBe(ran.view.tick)
    expect(Array.from(lanes.ran, (lane, i) => `${i + 1}:${lanes.nodes[lane]}`)).toEqual(ticks(ran))
  })

  it('does not ask a policy from the tick it hung at, and says why', () => {
    const { send } = host()
    const result = send({ type: 'reset', document: withPolicy(LOTTERY), allowed: [LOTTERY], stopped: [], policiesHung: [{ source: LOTTERY, tick: 2 }] })
    expect(result.view.status).toBe('ready')
    const ran = send({ type: 'run', maxSteps: 1000, sliceMs: 1000 })
    expect(ran).toMatchObject({ steps: 2, stop: { reason: 'policy' } })
    expect(ran.view.haltDetail).toBe(`the policy "Lottery" ${STOPPED_ERROR}`)
  })
})

describe('the sandbox host at the page boundary', () => {
  it("has the page read a stop only as one of the run's stops, and a breakpoint stop only with its hit", () => {
    const view = { tick: 1, end: 1, status: 'paused', haltDetail: null, nextUp: null, stats: {}, schedulerView: { kind: 'taskmaster' }, nodes: {}, outputs: {}, groups: {} }
    const reply = (stop: unknown, shown: object = view) => ({ kind: 'reply', id: 1, ok: true, result: { view: shown, steps: 1, stop, events: [], eventsDropped: 0 } })
    const hit = { breakpoint: { id: 'bp-1', kind: 'activation', node: 's', enabled: true }, tick: 1, message: 'sink activated' }
    expect(readMessage(reply({ reason: 'breakpoint', hit }))).not.toBeNull()
    expect(readMessage(reply({ reason: 'idle' }))).not.toBeNull()
    expect(readMessage(reply({ reason: 'breakpoint' }))).toBeNull()
    expect(readMessage(reply('idle'))).toBeNull()
    // Group insides nest at most four deep, each as a run's view is.
    const inner = (groups: object) => ({ ...view, groups })
    const deep = (levels: number): object => (levels === 0 ? {} : { g: inner(deep(levels - 1)) })
    expect(readMessage(reply({ reason: 'idle' }, inner(deep(4))))).not.toBeNull()
    expect(readMessage(reply({ reason: 'idle' }, inner(deep(5))))).toBeNull()
    expect(readMessage(reply({ reason: 'idle' }, inner({ g: { ...view, nodes: 'x', groups: {} } })))).toBeNull()
    const lane = { ticks: 0, stopped: 'steps', detail: null, lastActive: null, queues: [], errors: [], outputs: [], outputTicks: [], outputCount: 0 }
    expect(readMessage({ kind: 'reply', id: 1, ok: true, result: { lanes: [lane], done: false, steps: 0, divergence: null } })).toBeNull()
    expect(readMessage({ kind: 'reply', id: 1, ok: true, result: { lanes: [{ ...lane, stopped: { reason: 'tick' } }], done: true, steps: 0, divergence: null } })).not.toBeNull()
  })

  it('closes a node whose value could not be copied to the page, naming it and its tick, and still answers', () => {
    const messages: SandboxMessage[] = []
    // As postMessage does: the message is cloned, and a symbol cannot be. The engine refuses the value where it is sent, so the reply can be.
    const sandbox = new SandboxHost({ post: (m) => messages.push(structuredClone(m)) })
    const source = 'function* (ports) {\n  while (true) ports.out.send(Symbol(String(yield)))\n}'
    sandbox.handle(1, { type: 'reset', document: doc(source), allowed: [source], stopped: [] })
    sandbox.handle(2, { type: 'step', steps: 1 })
    const reply = messages.at(-1)
    expect(reply).toMatchObject({ kind: 'reply', id: 2, ok: true })
    const events = reply?.kind === 'reply' && reply.ok && 'events' in reply.result ? reply.result.events : []
    expect(events).toContainEqual({ type: 'error', node: 'c', tick: 1, error: 'ValueError: code sent a symbol; a code node can send numbers, strings, true/false or null' })
  })

  it("gives code none of the worker's globals and no way to the host through its arguments", () => {
    const { send } = host()
    const source = `function* (ports, params, self) {
  const reach = [typeof setTimeout, typeof postMessage, typeof process, typeof globalThis.onmessage, typeof this.fn, typeof this.args, typeof Object.getPrototypeOf(this).advance]
  while (true) { yield; ports.out.send(reach.join(',')) }
}`
    send({ type: 'reset', document: doc(source), allowed: [source], stopped: [] })
    const outputs = send({ type: 'run', maxSteps: 10, sliceMs: 1000 }).view.outputs.s!
    expect(outputs[0]!.value).toBe('undefined,undefined,undefined,undefined,undefined,undefined,undefined')
  })
})
