/**
 * A harness for tests of the run slice's verbs, with one interface over a
 * mesh run on the page and the same mesh run in the sandbox (a fake worker)
 * with one built-in node swapped for a code node that does exactly what it
 * did; and what both must publish alike, to compare them with each other
 * and with the engine's own run of the mesh.
 */
import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, pyStr, Timeline, type MeshDocument } from '../engine'
import { readRun, type RunView } from '../engine/run-view'
import { meshDocument, pingPongDocument, runawayDocument } from '../engine/testing'
import { ManualClock } from '../runner/clock'
import { describeEntry } from '../runner/trace-log'
import type { MeshState, MeshStore } from './mesh-store'
import { requestsOut, sandboxStore } from './sandbox-testing'

// ---- The meshes: each with built-in kinds only, and its twin with one node as code -------------------------------------------

/** Code that does exactly what a built-in kind does (Part 3's doubler only ever gets whole numbers, so `+` prints them as `format` does). */
const TWIN_CODE: Readonly<Record<string, string>> = {
  doubler: `function* (ports) {
  while (true) {
    const i = yield
    ports.target.send('2x' + i)
  }
}`,
  start: `function* (ports) {
  while (true) {
    const i = yield
    ports.target.send(i + 1)
  }
}`,
}

export interface Mesh {
  document(): MeshDocument
  /** The node the sandbox's twin has as code. */
  twin: string
}

/** `document` with node `id` a code node of the same id, label and port, whose code does what its built-in kind does. */
function withCode(document: MeshDocument, id: string): MeshDocument {
  const nodes = document.nodes.map((node) => {
    if (node.id !== id) return node
    const source = TWIN_CODE[node.kind]
    if (!source) throw new Error(`no code twin for a ${node.kind}`)
    return { ...node, kind: 'code' as const, code: { source, ports: ['target'] } }
  })
  return { ...document, nodes }
}

/** The built-in mesh a run's document (with its edits) stands for: its code twin back as the kind it was. */
export function asBuiltIn(document: MeshDocument, mesh: Mesh): MeshDocument {
  const kind = mesh.document().nodes.find((n) => n.id === mesh.twin)!.kind
  const nodes = document.nodes.map((node) => {
    if (node.id !== mesh.twin) return node
    const { code: _code, ...builtIn } = node
    return { ...builtIn, kind }
  })
  return { ...document, nodes }
}

/** Part 3: start, branch, doubler, tripler, recycler, sink; branch and recycler draw from the seeded random numbers. */
export const PART3: Mesh = {
  twin: 'd',
  document() {
    const parsed = parseDocument(part3Json)
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    return parsed.document
  },
}

/** Two starts passing one item back and forth, for as long as the budget: a long run that ends at the budget. */
export const pingPong = (budget: number): Mesh => ({ twin: 'q', document: () => pingPongDocument(budget) })

/** A start that feeds itself twice: its queue doubles until the cap. */
export const RUNAWAY: Mesh = { twin: 'e', document: runawayDocument }

// ---- The harness: one interface over a run on the page and a run in the sandbox ------------------------------------------------

export type Place = 'page' | 'sandbox'

export interface Run {
  /** The mesh this run runs: the built-in one on the page, its code twin in the sandbox. */
  document: MeshDocument
  store: MeshStore
  state(): MeshState
  /** Runs a verb (and waits for its promise, if it returns one), then waits until the store has settled. */
  act(verb: (state: MeshState) => unknown): Promise<void>
  /** Lets `count` animation frames pass, `ms` apart, the store settling after each: how play moves. */
  frames(count: number, ms?: number): Promise<void>
}

/** One turn of the event loop, for the fake worker's replies (they come over a MessagePort) to land; no time passes. */
function turn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/** Runs the fast run's slices waiting on the clock until none is left, and waits until no request to the sandbox is out. */
async function waitUntilSettled(store: MeshStore, clock: ManualClock): Promise<void> {
  for (let quiet = 0, turns = 0; quiet < 3; turns++) {
    if (turns > 100_000) throw new Error('the store did not settle')
    while (clock.pendingTasks > 0) clock.runTasks()
    await turn()
    quiet = requestsOut(store) === 0 && clock.pendingTasks === 0 ? quiet + 1 : 0
  }
}

const runs: Run[] = []

/** A store running `mesh` where `place` says: on the page as it is, or in the sandbox with its twin's code allowed to run. */
export async function harness(place: Place, mesh: Mesh): Promise<Run> {
  const clock = new ManualClock()
  const document = place === 'page' ? mesh.document() : withCode(mesh.document(), mesh.twin)
  // A loaded machine must not look like a hung worker: no test here hangs.
  const store = sandboxStore(document, { clock, watchdogMs: 10_000 })
  // As code typed here is: it may run.
  store.getState().trustCode(document.nodes.flatMap((n) => (n.code ? [n.code.source] : [])))
  await waitUntilSettled(store, clock)
  const run: Run = {
    document,
    store,
    state: () => store.getState(),
    async act(verb) {
      await verb(store.getState())
      await waitUntilSettled(store, clock)
    },
    async frames(count, ms = 1000 / 60) {
      for (let i = 0; i < count; i++) {
        clock.nextFrame(ms)
        await waitUntilSettled(store, clock)
      }
    },
  }
  runs.push(run)
  return run
}

/** Ends every run made since the last call: an empty mesh runs on the page, so each sandbox's worker is let go. */
export async function endRuns(): Promise<void> {
  for (const run of runs.splice(0)) await run.act((s) => s.reset(meshDocument({ nodes: [] })))
}

// ---- What both must publish ------------------------------------------------------------------------------------------------------

/** The run view's parts both places must agree on: tick, each node's queue, outputs, status and why the run stopped, the stats, who is next. */
export function published(run: RunView) {
  const nodes = Object.fromEntries(
    Object.entries(run.nodes).map(([id, n]) => [id, { length: n.queueLength, head: n.head.map(pyStr), activations: n.activations, closed: n.closed, error: n.error }]),
  )
  const outputs = Object.fromEntries(Object.entries(run.outputs).map(([id, list]) => [id, list.map((o) => `${o.tick}: ${pyStr(o.value)}`)]))
  return { tick: run.tick, end: run.end, status: run.status, halt: run.halt, nodes, outputs, stats: run.stats, nextUp: run.nextUp }
}

/** The ticks a store's trace notes as run untraced. */
export function untraced(store: MeshStore): [number, number][] {
  const { trace } = store.getState().runLog
  const gaps: [number, number][] = []
  for (let i = 0; i < trace.length; i++) {
    const entry = trace.at(i)
    if (entry.type === 'gap') gaps.push([entry.from, entry.tick])
  }
  return gaps
}

/** The trace's lines, each with its tick, but none of the ticks in `skip` (a scheduler's event belongs to the activation after its tick). */
export function traceLines(store: MeshStore, skip: readonly [number, number][] = []): string[] {
  const { trace, label } = store.getState().runLog
  const lines: string[] = []
  for (let i = 0; i < trace.length; i++) {
    const entry = trace.at(i)
    const tick = entry.type === 'schedule' ? entry.tick + 1 : entry.tick
    if (entry.type !== 'gap' && !skip.some(([from, to]) => tick >= from && entry.tick <= to)) lines.push(`${entry.tick}\t${describeEntry(entry, label)}`)
  }
  return lines
}

/** Everything the store publishes of the run that a person would see the same on the page and in the sandbox. */
export function viewOf(store: MeshStore, skip: readonly [number, number][] = []) {
  const { run, breakpointHit, notices, player } = store.getState()
  return {
    ...published(run),
    breakpointHit: breakpointHit && { message: breakpointHit.message, tick: breakpointHit.tick },
    halted: notices.find((n) => n.key === 'run-halt')?.text ?? null,
    activity: player.activity,
    trace: traceLines(store, skip),
  }
}

/** Both stores' views, their traces compared where both have them: a fast run on the page traces its last ticks again, in the sandbox not. */
export function bothViews(page: MeshStore, sandbox: MeshStore) {
  const skip = [...untraced(page), ...untraced(sandbox)]
  return { page: viewOf(page, skip), sandbox: viewOf(sandbox, skip) }
}

/** The engine's own run of the built-in mesh, for what a store should show. */
export function reference(mesh: Mesh, drive: (timeline: Timeline) => void = () => undefined): RunView {
  const timeline = new Timeline(mesh.document())
  drive(timeline)
  return readRun(timeline)
}

/** The first tick at which `node` activates, running the built-in mesh from the start. */
export function firstActivation(mesh: Mesh, node: string): number {
  const timeline = new Timeline(mesh.document())
  while (timeline.step()) if (timeline.sim.lastActive === node) return timeline.tick
  throw new Error(`${node} never activates`)
}
