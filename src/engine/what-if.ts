/**
 * What if: a run's history with one thing changed — a hand action skipped
 * or changed, an initial input skipped or changed, a random draw forced —
 * replayed beside the original, to see where the two part. Both are
 * replays of a `TimelineHistory` (exact, as stepping back is), traced in
 * lockstep until their trace events first differ, then run on in silence
 * to their ends. The altered history is a history like any other: keeping
 * it is restoring it (`RunMode.restore`).
 */
import type { LogEntry, RunAction } from './action-log'
import type { MeshDocument } from './document'
import type { CodeCompiler } from './kinds'
import type { PolicyCompiler } from './schedulers'
import { Timeline, type TimelineHistory } from './timeline'
import type { TraceEvent } from './trace'
import { isSendable, pyStr, type Value } from './value'

/** One change to a run's history. `entry` is an index into `history.entries`; `index` one into the initial inputs' values, in the order they are queued (see `initialInputs`). */
export type Alteration =
  | { kind: 'skip'; entry: number }
  | { kind: 'change'; entry: number; action: RunAction }
  /** An initial input changed (its value, and its tasklet if `node` is given), or skipped (value null or left out). */
  | { kind: 'input'; index: number; value?: Value | null; node?: string }
  /** The draw `node` makes for its behaviour in activation `tick` (or its next one after tick − 1) gives `value`. */
  | { kind: 'draw'; tick: number; node: string; value: number }

export type AlterResult = { ok: true; history: TimelineHistory; tick: number } | { ok: false; error: string }

/** The most ticks the altered run goes on past the original's end when the original had stopped by itself: max(end, this). */
export const WHAT_IF_MORE = 10_000

/** Ticks replayed in silence between two looks at the clock (`advance`'s `enough`). */
const STRETCH = 50_000

/** The draw each kind's behaviour makes, `randint(lo, hi)` (the 50/50s a forced draw can change). */
export const DRAW_RANGES: Readonly<Record<string, readonly [lo: number, hi: number]>> = { branch: [1, 2], recycler: [1, 2] }

/** Kinds whose behaviour draws. */
export const DRAWING_KINDS: readonly string[] = Object.keys(DRAW_RANGES)

/** One initial input: its place among all of them, the tasklet it is queued on and its value. */
export interface InitialInput {
  index: number
  node: string
  value: Value
}

/** The document's initial inputs, one value each, in the order the run queues them at tick 0. */
export function initialInputs(document: MeshDocument): InitialInput[] {
  const out: InitialInput[] = []
  for (const input of document.inputs) for (const value of input.values) out.push({ index: out.length, node: input.node, value })
  return out
}

/**
 * `history` with `alteration` made, and the tick from which the two may
 * differ; never changes `history`. A change that cannot be made (an entry
 * or input that is not there, the end of a scheduler's call, a node the
 * run does not have) is an error result saying why.
 */
export function alterHistory(history: TimelineHistory, alteration: Alteration): AlterResult {
  const entries = history.entries
  const nodes = nodesOf(history)
  switch (alteration.kind) {
    case 'skip':
    case 'change': {
      const { entry } = alteration
      if (!Number.isInteger(entry) || entry < 0 || entry >= entries.length) return fail(`There is no hand action ${entry} in this run's history (it has ${entries.length} entries).`)
      const old = entries[entry]!
      if (old.action === null) return fail(`Entry ${entry} is where the scheduler's call ended, not a hand action: it cannot be skipped or changed.`)
      if (alteration.kind === 'skip') return { ok: true, history: { ...history, entries: entries.filter((_, i) => i !== entry) }, tick: old.tick }
      const problem = actionProblem(alteration.action, nodes)
      if (problem) return fail(problem)
      const changed: LogEntry = { tick: old.tick, action: alteration.action }
      return { ok: true, history: { ...history, entries: entries.map((e, i) => (i === entry ? changed : e)) }, tick: old.tick }
    }
    case 'input': {
      const inputs = initialInputs(history.document)
      const { index, value, node } = alteration
      if (!Number.isInteger(index) || index < 0 || index >= inputs.length) return fail(`There is no initial input ${index} (the mesh has ${inputs.length}).`)
      if (value !== undefined && value !== null && !isSendable(value)) return fail('That value cannot be sent to a tasklet.')
      if (node !== undefined && !nodes.has(node)) return fail(`The mesh has no tasklet "${node}".`)
      const skip = value === undefined || value === null
      const kept = inputs.flatMap((input) => (input.index !== index ? [input] : skip ? [] : [{ ...input, value, node: node ?? input.node }]))
      const document: MeshDocument = { ...history.document, inputs: groupInputs(kept) }
      return { ok: true, history: { ...history, document }, tick: 0 }
    }
    case 'draw': {
      const { tick, node, value } = alteration
      if (!Number.isInteger(tick) || tick < 1 || tick > history.end) return fail(`Tick ${tick} is not in this run (1 to ${history.end}).`)
      if (!nodes.has(node)) return fail(`The mesh has no tasklet "${node}".`)
      if (!Number.isInteger(value) || Math.abs(value) > 1_000_000_000) return fail(`A draw gives a whole number: ${String(value)} is not one.`)
      // After everything logged at tick − 1: it takes effect in the activation that makes `tick`.
      let at = 0
      while (at < entries.length && entries[at]!.tick <= tick - 1) at++
      const draw: LogEntry = { tick: tick - 1, action: { type: 'draw', node, value } }
      return { ok: true, history: { ...history, entries: [...entries.slice(0, at), draw, ...entries.slice(at)] }, tick: tick - 1 }
    }
    default:
      return fail('That is not a change What if knows.')
  }
}

/** One printed output: its tick, its sink and its value as the seed prints it. */
export interface WhatIfOutput {
  tick: number
  node: string
  text: string
}

/** How a side of a what-if ended: at the original's end tick; stopped by itself (no work left) or at a limit; or out of the extra ticks it was given. */
export type WhatIfStop = 'end' | 'idle' | 'limit' | 'more'

export interface WhatIfSide {
  /** Its newest outputs (at most the run's output log keeps), oldest first. */
  outputs: WhatIfOutput[]
  /** All its outputs, counted. */
  outputCount: number
  /** The tick it reached. */
  end: number
  stop: WhatIfStop
}

export interface WhatIfResult {
  /** The altered history, up to where the altered run got: keep it with `RunMode.restore(history, tick)`. */
  history: TimelineHistory
  original: WhatIfSide
  altered: WhatIfSide
  /** The first tick whose trace events differ, or null when the two runs are the same throughout. */
  divergence: number | null
  /** The tick from which the histories differ. */
  from: number
}

export interface WhatIfOptions {
  compile?: CodeCompiler
  policy?: PolicyCompiler
  /** Extra ticks the altered run may go on past the original's end (max(end, WHAT_IF_MORE) unless set). */
  more?: number
  /**
   * Told which of the two runs is about to step (or seek), before it does:
   * the sandbox gives a code node's `Math.random` the generator of the run
   * it is in, so each replays as its run went.
   */
  enter?: (run: Timeline) => void
  /** Ticks replayed in silence between two looks at `advance`'s `enough` (50,000 unless set: the sandbox, whose code is slower and watched for hangs, asks for fewer). */
  stretch?: number
}

/**
 * The original and the altered run replayed a slice at a time (`advance`),
 * so that a page can do a long one without freezing; `whatIf` does it in one go.
 * @example const w = new WhatIfReplay(history, altered); while (!w.advance(() => false)); w.result()
 */
export class WhatIfReplay {
  private readonly a: Timeline
  private readonly b: Timeline
  private readonly end: number
  private readonly more: number
  private readonly from: number
  private readonly pendingA: TraceEvent[] = []
  private readonly pendingB: TraceEvent[] = []
  private divergence: number | null = null
  /** In silence to the tick before the change; traced in lockstep; in silence to the original's end; the altered run on past it; done. */
  private phase: 'before' | 'lockstep' | 'silent' | 'more' | 'done' = 'before'
  /** Whether each run got as far as it goes towards the original's end. */
  private doneA = false
  private doneB = false
  private stopB: WhatIfStop = 'end'
  private readonly altered: TimelineHistory
  private readonly enter: (run: Timeline) => void
  private readonly stretch: number

  constructor(original: TimelineHistory, altered: AlterResult & { ok: true }, options: WhatIfOptions = {}) {
    this.enter = options.enter ?? (() => {})
    this.stretch = Math.max(1, Math.floor(options.stretch ?? STRETCH))
    const timeline = (history: TimelineHistory) => Timeline.replaying(history, { compile: options.compile, policy: options.policy, keyframeEvery: Number.MAX_SAFE_INTEGER })
    this.a = timeline(original)
    this.b = timeline(altered.history)
    this.altered = altered.history
    this.end = original.end
    this.more = options.more ?? Math.max(original.end, WHAT_IF_MORE)
    this.from = altered.tick
  }

  /** The tick the replay has reached (the altered run's). */
  get tick(): number {
    return this.b.tick
  }

  /** How far both runs got together (the ticks each reached, added): it only grows, up to `goal`. */
  get progress(): number {
    return this.a.tick + this.b.tick
  }

  /** The most `progress` can reach: the original's end, and the altered run's with its extra ticks. */
  get goal(): number {
    return 2 * this.end + this.more
  }

  /** Replays on until `enough()` says so or both are done; true once the result is ready. */
  advance(enough: () => boolean): boolean {
    const { a, b, end: goal } = this
    const enter = this.enter
    for (;;) {
      if (this.phase === 'before') {
        // Up to the tick before the change the two histories are the same: replayed in silence, a stretch at a time.
        const start = Math.min(this.from - 1, goal)
        const before = a.tick
        if (start > before) {
          enter(a)
          a.seek(Math.min(start, before + this.stretch))
          enter(b)
          b.seek(a.tick)
        }
        if (start <= a.tick || a.tick === before) {
          a.setTrace((event) => this.pendingA.push(event))
          b.setTrace((event) => this.pendingB.push(event))
          this.phase = 'lockstep'
        }
      } else if (this.phase === 'lockstep') {
        for (let i = 0; i < 1024 && this.phase === 'lockstep'; i++) {
          if (!this.doneA) {
            enter(a)
            this.doneA = !stepOn(a, goal)
          }
          if (!this.doneB) {
            enter(b)
            this.doneB = !stepOn(b, goal)
          }
          this.compare()
        }
      } else if (this.phase === 'silent') {
        // A stretch at a time; a seek that stops short of its target found no more work.
        for (const [t, done] of [
          [a, 'doneA'],
          [b, 'doneB'],
        ] as const) {
          if (this[done]) continue
          const target = Math.min(goal, t.tick + this.stretch)
          enter(t)
          t.seek(target)
          if (t.tick < target || t.tick >= goal) this[done] = true
        }
        if (this.doneA && this.doneB) {
          this.stopB = stopOf(b, goal)
          // The original stopped by itself at its end: the altered run may have more to do.
          this.phase = stopOf(a, goal) === 'idle' && this.stopB === 'end' ? 'more' : 'done'
        }
      } else if (this.phase === 'more') {
        const target = goal + this.more
        enter(b)
        const result = b.run(Math.min(this.stretch, target - b.tick))
        if (result.stop !== null || b.tick >= target) {
          this.stopB = result.stop === null ? 'more' : result.stop.reason === 'idle' ? 'idle' : 'limit'
          this.phase = 'done'
        }
      }
      if (this.phase === 'done') return true
      if (enough()) return false
    }
  }

  /** The result, once `advance` has said it is done. */
  result(): WhatIfResult {
    if (this.phase !== 'done') throw new Error('the what-if is not done yet')
    const { a, b } = this
    const stopA = stopOf(a, this.end)
    return {
      history: { document: this.altered.document, entries: b.history(b.tick).entries, end: b.tick },
      original: side(a, stopA),
      altered: side(b, this.stopB),
      divergence: this.divergence,
      from: this.from,
    }
  }

  /** Compares the events both runs have made so far: the first that differ mark the divergence. */
  private compare(): void {
    const pa = this.pendingA
    const pb = this.pendingB
    const n = Math.min(pa.length, pb.length)
    for (let i = 0; i < n; i++) {
      if (!sameEvent(pa[i]!, pb[i]!)) return this.diverged(Math.min(pa[i]!.tick, pb[i]!.tick))
    }
    pa.splice(0, n)
    pb.splice(0, n)
    // One run is done and the other still makes events: they part at its next.
    if (this.doneA && pb.length > 0) return this.diverged(pb[0]!.tick)
    if (this.doneB && pa.length > 0) return this.diverged(pa[0]!.tick)
    if (this.doneA && this.doneB) {
      // The same events throughout, but what was done at the last tick (untraced there) may still differ.
      if (!sameData(held(this.a), held(this.b))) return this.diverged(Math.min(this.a.tick, this.b.tick))
      this.silence()
    }
  }

  private diverged(tick: number): void {
    this.divergence = tick
    this.silence()
  }

  private silence(): void {
    this.a.setTrace(null)
    this.b.setTrace(null)
    this.pendingA.length = 0
    this.pendingB.length = 0
    this.phase = 'silent'
  }
}

/** `alteration` made to `history`, both replayed (see WhatIfReplay), in one go. */
export function whatIf(history: TimelineHistory, alteration: Alteration, options: WhatIfOptions = {}): { ok: true; result: WhatIfResult } | { ok: false; error: string } {
  const altered = alterHistory(history, alteration)
  if (!altered.ok) return altered
  const replay = new WhatIfReplay(history, altered, options)
  while (!replay.advance(() => false));
  return { ok: true, result: replay.result() }
}

/** One step of a replay towards `goal`, with what was done at its tick; false when it got no further (its goal, or nothing more to do). */
function stepOn(t: Timeline, goal: number): boolean {
  if (t.tick >= goal) {
    // What was done at the goal tick, traced, before the run is counted done.
    t.seek(goal)
    return false
  }
  const before = t.tick
  if (t.step()) return true
  // A call ended; the next may begin (work left, or what was done by hand after it).
  return t.step() || t.tick !== before
}

/** What a run holds, less a forced draw not yet made (which alone changes nothing). */
function held(t: Timeline): unknown {
  const { forced: _forced, ...rest } = t.sim.snapshot()
  return rest
}

/** How a run that got as far as it goes towards `goal` stands: at a limit, with no work left (or waiting for a pick), or at the goal with work left. */
function stopOf(t: Timeline, goal: number): WhatIfStop {
  const sim = t.sim
  if (sim.halt || (sim.tick >= sim.limits.maxActivations && sim.queued() > 0)) return 'limit'
  return t.tick < goal || sim.queued() === 0 || sim.peekNext() === null ? 'idle' : 'end'
}

function side(t: Timeline, stop: WhatIfStop): WhatIfSide {
  const sim = t.sim
  return { outputs: sim.outputs.toArray().map((o) => ({ tick: o.tick, node: o.node, text: pyStr(o.value) })), outputCount: sim.outputCount, end: t.tick, stop }
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error }
}

/** Every node id the history's documents have. */
function nodesOf(history: TimelineHistory): Set<string> {
  const ids = new Set(history.document.nodes.map((n) => n.id))
  for (const entry of history.entries) if (entry.action?.type === 'update') for (const node of entry.action.document.nodes) ids.add(node.id)
  return ids
}

/** Why `action` cannot stand in the history, or null. */
function actionProblem(action: RunAction, nodes: Set<string>): string | null {
  if (action.type === 'update') return null
  if (!nodes.has(action.node)) return `The mesh has no tasklet "${action.node}".`
  if (action.type === 'send') {
    if (action.values.length === 0) return 'A send needs at least one value.'
    if (!action.values.every(isSendable)) return 'One of those values cannot be sent to a tasklet.'
  }
  if (action.type === 'draw' && !Number.isInteger(action.value)) return 'A draw gives a whole number.'
  return null
}

/** Inputs as the document holds them: consecutive values for the same tasklet together, in order. */
function groupInputs(inputs: readonly InitialInput[]): MeshDocument['inputs'] {
  const out: { node: string; values: Value[] }[] = []
  for (const input of inputs) {
    const last = out[out.length - 1]
    if (last && last.node === input.node) last.values.push(input.value)
    else out.push({ node: input.node, values: [input.value] })
  }
  return out
}

/** Whether two trace events are the same, field by field; a draw forced to the value the generator gave is the same draw. */
function sameEvent(x: TraceEvent, y: TraceEvent): boolean {
  if (x.type === 'random' && y.type === 'random' && ('forced' in x || 'forced' in y)) {
    const { forced: _x, ...a } = x as TraceEvent & { forced?: true }
    const { forced: _y, ...b } = y as TraceEvent & { forced?: true }
    return sameData(a, b)
  }
  return sameData(x, y)
}

/** Whether two pieces of plain trace data are the same, field by field. */
function sameData(x: unknown, y: unknown): boolean {
  if (x === y) return true
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return Number.isNaN(x) && Number.isNaN(y)
  if (Array.isArray(x) !== Array.isArray(y)) return false
  const kx = Object.keys(x)
  const ky = Object.keys(y)
  if (kx.length !== ky.length) return false
  for (const k of kx) if (!sameData((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])) return false
  return true
}

/** A hand action in words, as the trace writes it: `start ← 10, 11`, `branch: flush`, `branch's next draw gives 2 (what if)`. */
export function describeAction(action: RunAction, label: (id: string) => string): string {
  switch (action.type) {
    case 'update':
      return 'the mesh edited'
    case 'send':
      return `${label(action.node)} ← ${action.values.map((v) => pyStr(v)).join(', ')}`
    case 'fail':
      return `${label(action.node)} stopped by the sandbox`
    case 'draw':
      return `${label(action.node)}'s next draw gives ${action.value} (what if)`
    case 'next':
    case 'last':
    case 'flush':
    case 'clear':
    case 'close':
    case 'restart':
      return `${label(action.node)}: ${action.type}`
    default: {
      // An action this list does not know yet (each says what it is and where).
      const other = action as { type: string; node?: string }
      return other.node === undefined ? other.type : `${label(other.node)}: ${other.type}`
    }
  }
}
