import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { CompareSession, parseDocument, recordProblem, type LaneSpec, type MeshDocument } from '../engine'
import { meshDocument } from '../engine/testing'
import { compileCoroutine, compilePolicy } from './compile'
import { SandboxHost } from './host'
import { POLICY_TEMPLATES } from './policy-templates'
import { readMessage, STOPPED_ERROR, type CompareCommand, type CompareResult, type SandboxMessage } from './protocol'

/** Sends on each item with a number drawn with Math.random (in the worker: the run's seeded generator). */
const RANDOM = `function* (ports, params, self) {
  while (true) {
    const item = yield
    ports.out.send(item + ':' + Math.floor(Math.random() * 1000))
  }
}`

const LANES: LaneSpec[] = [
  { scheduler: 'taskmaster', mode: 'flush' },
  { scheduler: 'priority', mode: 'next' },
]

/** start → code → sink, 1 2 3 queued on start. */
const doc = (source: string) =>
  meshDocument({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'c', kind: 'code', code: { source, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'c' },
      { source: 'c', port: 'out', target: 's' },
    ],
    inputs: [{ node: 'a', values: [1, 2, 3] }],
  })

function host() {
  const messages: SandboxMessage[] = []
  const sandbox = new SandboxHost({ post: (m) => messages.push(m) })
  let id = 0
  const send = (command: CompareCommand): CompareResult => {
    sandbox.handle(++id, command)
    const reply = messages.filter((m) => m.kind === 'reply').at(-1)
    if (!reply || reply.kind !== 'reply' || !reply.ok) throw new Error(reply && reply.kind === 'reply' && !reply.ok ? reply.error : 'no reply')
    return reply.result as CompareResult
  }
  return { sandbox, send, messages }
}

const begin = (source: string, more: Partial<Extract<CompareCommand, { type: 'compare' }>> = {}): CompareCommand => ({
  type: 'compare',
  document: doc(source),
  lanes: LANES,
  allowed: [source],
  stopped: [],
  failed: [],
  maxTicks: 1000,
  ...more,
})

describe('a comparison in the sandbox host', () => {
  it("runs every lane with its code compiled, and gives the code Math.random from its own lane's seeded generator", () => {
    const { send } = host()
    send(begin(RANDOM))
    const result = send({ type: 'compare-step', steps: 1000 }) as CompareResult
    expect(result.done).toBe(true)
    // On the page, the same code drawing from self.random: the lane's own generator, as Math.random is in the worker.
    const reference = new CompareSession(doc(RANDOM.replace('Math.random()', 'self.random()')), LANES, { compile: compileCoroutine })
    reference.step(1000)
    expect(result.lanes.map((lane) => lane.outputs)).toEqual(reference.view().map((lane) => lane.outputs))
    expect(result.lanes[0]!.outputs).toHaveLength(3)
  })

  it('steps the lanes together, and only code it was allowed to compile', () => {
    const { send } = host()
    const started = send(begin(RANDOM, { allowed: [] }))
    expect(started.lanes.map((lane) => lane.errors)).toEqual([
      [{ id: 'c', error: 'Error: its code has not been allowed to run' }],
      [{ id: 'c', error: 'Error: its code has not been allowed to run' }],
    ])
    const stepped = send({ type: 'compare-step', steps: 2 })
    expect(stepped.lanes.map((lane) => lane.ticks)).toEqual([2, 2])
    expect(stepped.steps).toBe(2)
  })

  it("names each lane's code node before running it, in careful steps", () => {
    const { send, messages } = host()
    send(begin(RANDOM))
    send({ type: 'compare-step', steps: 1000, careful: true })
    const notes = messages.filter((m) => m.kind === 'note' && m.type === 'activating')
    expect(notes.filter((n) => n.kind === 'note' && n.type === 'activating' && n.lane === 0)).toHaveLength(3)
    expect(notes.filter((n) => n.kind === 'note' && n.type === 'activating' && n.lane === 1)).toHaveLength(3)
    expect(notes.every((n) => n.kind === 'note' && n.type === 'activating' && n.node === 'c')).toBe(true)
  })

  it('closes a node the watchdog stopped in its lane, at its tick, and takes no lane past its `until`', () => {
    const { send } = host()
    send(begin(RANDOM, { failed: [{ lane: 1, node: 'c', tick: 2 }] }))
    const replayed = send({ type: 'compare-step', steps: 5, until: [4, 2] })
    expect(replayed.lanes.map((lane) => lane.ticks)).toEqual([4, 2])
    expect(replayed.lanes[0]!.errors).toEqual([])
    expect(replayed.lanes[1]!.errors).toEqual([{ id: 'c', error: `Stopped: ${STOPPED_ERROR}` }])
    // The rest of lane 1 runs on: start's items reach the closed node and go no further.
    const end = send({ type: 'compare-step', steps: 1000 })
    expect(end.done).toBe(true)
    expect(end.lanes[0]!.outputs).toHaveLength(3)
  })

  it('keeps a comparison apart from the run in the same worker', () => {
    const { sandbox, messages } = host()
    sandbox.handle(1, { type: 'reset', document: doc(RANDOM), allowed: [RANDOM], stopped: [] })
    sandbox.handle(2, begin(RANDOM))
    sandbox.handle(3, { type: 'compare-step', steps: 1000 })
    sandbox.handle(4, { type: 'view' })
    const reply = messages.filter((m) => m.kind === 'reply').at(-1)
    expect(reply?.kind === 'reply' && reply.ok && 'view' in reply.result ? reply.result.view.tick : null).toBe(0)
  })
})

describe('a comparison of written policies in the sandbox host', () => {
  const part3 = (): MeshDocument => {
    const parsed = parseDocument(part3Json)
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    return parsed.document
  }
  const template = (id: string) => {
    const found = POLICY_TEMPLATES.find((t) => t.id === id)!
    return { name: found.title, source: found.source }
  }
  const FOUR: LaneSpec[] = [
    { scheduler: 'taskmaster', mode: 'flush' },
    { scheduler: 'taskmaster', mode: 'next' },
    { scheduler: 'priority', mode: 'flush' },
    { scheduler: 'policy', mode: 'flush', policy: template('longest-queue') },
  ]
  const compare = (more: Partial<Extract<CompareCommand, { type: 'compare' }>> = {}): CompareCommand => ({
    type: 'compare',
    document: part3(),
    lanes: FOUR,
    allowed: [template('longest-queue').source],
    stopped: [],
    failed: [],
    maxTicks: 1000,
    ...more,
  })

  it("runs a lane under a written policy as the page runs it with the policy compiled, beside the seed's schedulers, and finds where their outputs first differ", () => {
    const { send } = host()
    send(compare())
    const result = send({ type: 'compare-step', steps: 1000 })
    expect(result.done).toBe(true)
    const reference = new CompareSession(part3(), FOUR, { policy: compilePolicy })
    reference.step(1000)
    expect(result.lanes).toEqual(reference.view())
    expect(result.divergence).toEqual(reference.divergence())
    expect(result.divergence?.index).toBe(0)
  })

  it('stops a lane whose policy it was not allowed to run, saying why, and runs the others', () => {
    const { send } = host()
    send(compare({ allowed: [] }))
    const result = send({ type: 'compare-step', steps: 1000 })
    expect(result.lanes.map((lane) => lane.stopped?.reason)).toEqual(['idle', 'idle', 'idle', 'policy'])
    expect(result.lanes[3]!.detail).toBe('the policy "Longest queue first" cannot run: its code has not been allowed to run')
  })

  it("announces each decision of a lane's policy in careful steps, with its lane, and none otherwise", () => {
    const { send, messages } = host()
    send(compare())
    send({ type: 'compare-step', steps: 2 })
    expect(messages.filter((m) => m.kind === 'note')).toEqual([])
    send({ type: 'compare-step', steps: 2, careful: true })
    const notes = messages.filter((m) => m.kind === 'note' && m.type === 'deciding')
    expect(notes.length).toBeGreaterThan(0)
    expect(notes.every((n) => n.kind === 'note' && n.type === 'deciding' && n.lane === 3)).toBe(true)
  })

  it("does not ask a lane's policy again from the tick it hung at, and the lane says why", () => {
    const { send } = host()
    send(compare({ failed: [{ lane: 3, node: null, tick: 5 }] }))
    const result = send({ type: 'compare-step', steps: 1000 })
    expect(result.lanes[3]).toMatchObject({ ticks: 5, stopped: { reason: 'policy' }, detail: `the policy "Longest queue first" ${STOPPED_ERROR}` })
    expect(result.lanes.slice(0, 3).map((lane) => lane.ticks)).toEqual([16, 16, 16])
  })

  it("sends every lane's record as the lanes made it, in a reply the page reads, its arrays handed over", () => {
    const messages: { message: SandboxMessage; transfer?: Transferable[] }[] = []
    const sandbox = new SandboxHost({ post: (message, transfer) => messages.push({ message, transfer }) })
    sandbox.handle(1, compare())
    sandbox.handle(2, { type: 'compare-step', steps: 7 })
    sandbox.handle(3, { type: 'compare-record' })
    const { message, transfer } = messages.at(-1)!
    expect(readMessage(message)).not.toBeNull()
    const result = message.kind === 'reply' && message.ok ? (message.result as CompareResult) : null
    const reference = new CompareSession(part3(), FOUR, { policy: compilePolicy })
    reference.step(7)
    expect(result?.records).toEqual(reference.records())
    expect(result?.records?.map(recordProblem)).toEqual([null, null, null, null])
    expect(transfer?.length).toBeGreaterThan(0)
    // Steps answer without records.
    sandbox.handle(4, { type: 'compare-step', steps: 1 })
    const stepped = messages.at(-1)!.message
    expect(stepped.kind === 'reply' && stepped.ok && 'records' in stepped.result).toBe(false)
  })
})
