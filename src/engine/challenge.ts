/**
 * Challenges a lesson sets and the engine checks: goals about a run — the
 * outputs in an order, exactly these outputs (in order, or in any order
 * from a mesh the learner builds), the mesh drained in few activations, a
 * queue never over N, a tasklet starved or never starved, another
 * scheduler's outputs matched with fewer activations. A
 * challenge is typed data, read from untrusted input by `parseChallenge`
 * like a document; `checkChallenge` is a pure function of the run (the
 * document, its seed and its picks when scheduled by hand): it runs the
 * document from tick 0 until it stops (no work left, the end of the picks,
 * a limit) and says whether the goal is met, and how far off it is, in
 * words: "not yet: sink printed 2x2 first, at tick 9". Starvation is the
 * scheduling figures' (the run's record, replayed with its item ledger). See
 * docs/scheduling.md ("You are the scheduler, and challenges").
 */
import * as v from 'valibot'

import type { MeshDocument } from './document'
import { MODES, type SchedulerMode } from './modes'
import { excerpt } from './hidden-text'
import { issueMessage, issuePath } from './issues'
import type { CodeCompiler } from './kinds'
import type { PolicyCompiler } from './schedulers'
import { schedulingFigures } from './figures'
import { recordRun } from './run-record'
import { Timeline, type TimelineHistory } from './timeline'
import type { StopReason, TraceEvent } from './trace'
import { pyStr } from './value'

/** The schedulers a `match` challenge may name: the seed's two, built in and exact. */
export const MATCHED_SCHEDULERS = ['taskmaster', 'priority'] as const

export type Challenge =
  /** These outputs are printed in this order (each one's first print before the next's): "make the sink print 3x3 before 2x2". */
  | { kind: 'order'; outputs: string[]; node?: string }
  /** No work left after at most this many activations. */
  | { kind: 'drain'; maxActivations: number }
  /** The tasklet has items and does not run for this many ticks in a row. */
  | { kind: 'starve'; node: string; ticks: number }
  /** The same outputs, in the same order, as the scheduler prints, and no work left in fewer activations than it took (or as few, when `fewer` is false). */
  | { kind: 'match'; scheduler: (typeof MATCHED_SCHEDULERS)[number]; mode: SchedulerMode; fewer: boolean }
  /** Exactly these outputs, in this order, and nothing else, by the time no work is left. */
  | { kind: 'sequence'; outputs: string[]; node?: string }
  /** A mesh the learner builds prints exactly these outputs, in any order (each as many times as listed), and nothing else, by the time no work is left. */
  | { kind: 'produce'; outputs: string[]; node?: string }
  /** No queue (or the node's) ever holds more than `max` items, and the mesh drains. */
  | { kind: 'queue-max'; max: number; node?: string }
  /** The inverse of `starve`: the tasklet never has items and does not run for `ticks` ticks in a row, and the mesh drains. */
  | { kind: 'never-starved'; node: string; ticks: number }

export type ChallengeKind = Challenge['kind']
export const CHALLENGE_KINDS: readonly ChallengeKind[] = ['order', 'sequence', 'produce', 'drain', 'queue-max', 'starve', 'never-starved', 'match']

/** What a check says: won, and why or how far off, in a sentence ("won: …", "not yet: …"). */
export interface ChallengeResult {
  won: boolean
  detail: string
}

export interface ChallengeOptions {
  /** Ticks a run is checked for at most (CHECK_TICKS unless set): a mesh that does not stop by then has not drained. */
  maxTicks?: number
  /** Compiles code nodes, as the run does (see SimulationOptions.compile). */
  compile?: CodeCompiler
  /** Compiles a written policy (see SimulationOptions.policy). */
  policy?: PolicyCompiler
}

/** Ticks a run is checked for, unless told otherwise. */
export const CHECK_TICKS = 100_000

const Id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(64, 'is longer than 64 characters'))
const Count = (max: number) => v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(1, 'is below 1'), v.maxValue(max, `is above ${max}`))
const Printed = v.pipe(v.string(), v.maxLength(500, 'is longer than 500 characters'))

const Outputs = (least: number) =>
  v.pipe(v.array(Printed), v.minLength(least, least === 1 ? 'has no outputs' : `has fewer than ${least} outputs to order`), v.maxLength(20, 'has more than 20 outputs'))

/** A challenge as untrusted data reads (a lesson step's `challenge` in the document uses it). */
export const ChallengeSchema = v.variant(
  'kind',
  [
    v.strictObject({
      kind: v.literal('order'),
      outputs: v.pipe(v.array(Printed), v.minLength(2, 'has fewer than 2 outputs to order'), v.maxLength(20, 'has more than 20 outputs')),
      node: v.optional(Id),
    }),
    v.strictObject({ kind: v.literal('drain'), maxActivations: Count(1_000_000_000) }),
    v.strictObject({ kind: v.literal('starve'), node: Id, ticks: Count(1_000_000) }),
    v.strictObject({
      kind: v.literal('match'),
      scheduler: v.picklist(MATCHED_SCHEDULERS, `is not ${MATCHED_SCHEDULERS.join(' or ')}`),
      mode: v.picklist(MODES, `is not a mode (${MODES.join(', ')})`),
      fewer: v.optional(v.boolean(), true),
    }),
    v.strictObject({ kind: v.literal('sequence'), outputs: Outputs(1), node: v.optional(Id) }),
    v.strictObject({ kind: v.literal('produce'), outputs: Outputs(1), node: v.optional(Id) }),
    v.strictObject({
      kind: v.literal('queue-max'),
      max: v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(0, 'is below 0'), v.maxValue(1_000_000_000, 'is above 1000000000')),
      node: v.optional(Id),
    }),
    v.strictObject({ kind: v.literal('never-starved'), node: Id, ticks: Count(1_000_000) }),
  ],
  `is not a challenge (its kind is ${CHALLENGE_KINDS.slice(0, -1).join(', ')} or ${CHALLENGE_KINDS.at(-1)})`,
)

export type ChallengeParse = { ok: true; challenge: Challenge } | { ok: false; errors: string[] }

/** Reads a challenge from untrusted data (a lesson from elsewhere): every error names the field at fault. */
export function parseChallenge(input: unknown): ChallengeParse {
  const parsed = v.safeParse(ChallengeSchema, input, { message: issueMessage })
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.slice(0, 10).map((issue) => `challenge${issue.path ? `.${issuePath(issue)}` : ''}: ${issue.message}`) }
  }
  return { ok: true, challenge: copyChallenge(parsed.output) }
}

/** A copy, field by field (optional fields absent, not undefined): nothing of the input is kept. */
export function copyChallenge(c: Challenge): Challenge {
  switch (c.kind) {
    case 'order':
      return c.node === undefined ? { kind: 'order', outputs: [...c.outputs] } : { kind: 'order', outputs: [...c.outputs], node: c.node }
    case 'drain':
      return { kind: 'drain', maxActivations: c.maxActivations }
    case 'starve':
      return { kind: 'starve', node: c.node, ticks: c.ticks }
    case 'match':
      return { kind: 'match', scheduler: c.scheduler, mode: c.mode, fewer: c.fewer }
    case 'sequence':
    case 'produce':
      return c.node === undefined ? { kind: c.kind, outputs: [...c.outputs] } : { kind: c.kind, outputs: [...c.outputs], node: c.node }
    case 'queue-max':
      return c.node === undefined ? { kind: 'queue-max', max: c.max } : { kind: 'queue-max', max: c.max, node: c.node }
    case 'never-starved':
      return { kind: 'never-starved', node: c.node, ticks: c.ticks }
  }
}

/** A node's name for messages: its label in the document, or its id quoted when it has none there. */
function namer(doc: MeshDocument): (id: string) => string {
  const labels = new Map(doc.nodes.map((n) => [n.id, n.label]))
  return (id) => excerpt(labels.get(id) ?? `"${id}"`, 40)
}

/** "the priority scheduler (incremental)", "the taskmaster (flush)". */
export function schedulerName(scheduler: (typeof MATCHED_SCHEDULERS)[number], mode: SchedulerMode): string {
  if (scheduler === 'priority') return `the priority scheduler (${mode === 'next' ? 'incremental' : 'flush'})`
  return `the taskmaster (${mode})`
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/** The goal in a sentence, for the lesson panel: "Make sink print 3x3 before 2x2." */
export function describeChallenge(challenge: Challenge, doc: MeshDocument): string {
  const name = namer(doc)
  switch (challenge.kind) {
    case 'order': {
      const [first, ...rest] = challenge.outputs.map((o) => excerpt(o, 40))
      return `Make ${challenge.node ? name(challenge.node) : 'the sinks'} print ${first} before ${rest.join(', then ')}.`
    }
    case 'drain':
      return `Drain the mesh (no work left) in at most ${plural(challenge.maxActivations, 'activation')}.`
    case 'starve':
      return `Starve ${name(challenge.node)}: it has items and does not run for ${plural(challenge.ticks, 'tick')} in a row.`
    case 'match':
      return `Print what ${schedulerName(challenge.scheduler, challenge.mode)} prints, in the same order, and drain the mesh in ${challenge.fewer ? 'fewer activations than it takes' : 'as few activations as it takes, or fewer'}.`
    case 'sequence':
      return `Make ${challenge.node ? name(challenge.node) : 'the sinks'} print exactly ${listed(challenge.outputs)}, in this order, and nothing else.`
    case 'produce':
      return `Build a mesh in which ${challenge.node ? `${name(challenge.node)} prints` : 'the sinks print'} exactly ${listed(challenge.outputs)}, in any order, and nothing else.`
    case 'queue-max':
      return `Drain the mesh with ${challenge.node ? `${name(challenge.node)}'s queue` : 'every queue'} never holding more than ${plural(challenge.max, 'item')}.`
    case 'never-starved':
      return `Keep ${name(challenge.node)} fed: drain the mesh without it waiting with items for ${plural(challenge.ticks, 'tick')} in a row.`
  }
}

/** Outputs in a sentence: "2x2, 2x4 and 3x1" (the first 6, each cut to 40 characters). */
function listed(outputs: readonly string[]): string {
  const shown = outputs.slice(0, 6).map((o) => excerpt(o, 40))
  if (outputs.length > shown.length) return `${shown.join(', ')} and ${outputs.length - shown.length} more`
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`
}

/** A run of the document from tick 0 until it stops, as a check reads it. */
interface CheckedRun {
  ticks: number
  /** Why it stopped: no work left (`idle`), a limit or the end of the picks, or the check's tick limit. */
  stop: StopReason | 'idle' | 'tick'
  outputs: { tick: number; node: string; text: string }[]
  queued: number
  /** The run's history, for its record (the scheduling figures). */
  history: TimelineHistory
  /** The most items each queue held after any tick (when the check watches queues), and the first tick it did. */
  peaks: Map<string, { items: number; tick: number }> | null
}

/** Runs the document from tick 0 until it stops, or for `maxTicks`, keeping what the sinks print. */
function runToEnd(doc: MeshDocument, options: ChallengeOptions, watchQueues = false): CheckedRun {
  const outputs: CheckedRun['outputs'] = []
  const trace = (event: TraceEvent) => {
    if (event.type === 'output') outputs.push({ tick: event.tick, node: event.node, text: pyStr(event.value) })
  }
  // Forward only: no keyframes.
  const timeline = new Timeline(doc, { trace, compile: options.compile, policy: options.policy, keyframeEvery: Number.MAX_SAFE_INTEGER })
  const maxTicks = options.maxTicks ?? CHECK_TICKS
  const peaks = watchQueues ? new Map<string, { items: number; tick: number }>() : null
  const result = peaks ? runWatching(timeline, maxTicks, peaks) : timeline.run(maxTicks)
  const queued = timeline.sim.queued()
  const reason = result.stop?.reason
  const stop: CheckedRun['stop'] = reason === undefined || reason === 'breakpoint' || reason === 'round' || reason === 'tick' ? (queued > 0 ? 'tick' : 'idle') : reason
  return { ticks: timeline.tick, stop, outputs, queued, history: timeline.history(), peaks }
}

/**
 * Runs one tick at a time, keeping each queue's most items after any tick.
 * Within a tick queues only grow (the tasklet took its item first), so the
 * most after each tick is the most there was.
 */
function runWatching(timeline: Timeline, maxTicks: number, peaks: Map<string, { items: number; tick: number }>): ReturnType<Timeline['run']> {
  const look = () => {
    for (const node of timeline.sim.order) {
      const items = node.tasklet.items.length
      const peak = peaks.get(node.id)
      if (!peak || items > peak.items) peaks.set(node.id, { items, tick: timeline.tick })
    }
  }
  look()
  let steps = 0
  while (steps < maxTicks) {
    const result = timeline.run(1)
    steps += result.steps
    look()
    if (result.stop || result.steps === 0) return { steps, stop: result.stop }
  }
  return { steps, stop: null }
}

/**
 * The tasklet's longest starvation in the run, as the scheduling figures
 * count it (figures.ts): the longest stretch of ticks it had items waiting
 * and did not run.
 */
function longestStarvation(run: CheckedRun, node: string, options: ChallengeOptions): number {
  const record = recordRun(run.history, { compile: options.compile })
  const lane = record.lanes.nodes.indexOf(node)
  return lane < 0 ? 0 : (schedulingFigures(record).tasklets[lane]?.longestStarvation ?? 0)
}

/** Why a run that did not drain stopped, as the end of a sentence. */
function unfinished(run: CheckedRun): string {
  const queued = plural(run.queued, 'item')
  switch (run.stop) {
    case 'pick':
      return `${queued} still queued: your turn`
    case 'tick':
      return `still running after ${plural(run.ticks, 'tick')}`
    case 'policy':
      return `${queued} still queued: the run stopped at a decision that is not one`
    case 'budget':
      return `${queued} still queued: the activation budget is spent`
    case 'queue-cap':
      return `${queued} still queued: a queue is full`
    default:
      return `${queued} still queued`
  }
}

function checkOrder(challenge: Extract<Challenge, { kind: 'order' }>, run: CheckedRun, name: (id: string) => string): ChallengeResult {
  const who = challenge.node ? name(challenge.node) : 'the sinks'
  const printed = run.outputs.filter((o) => challenge.node === undefined || o.node === challenge.node)
  const first = (text: string) => printed.findIndex((o) => o.text === text)
  const at = challenge.outputs.map(first)
  for (let i = 0; i + 1 < at.length; i++) {
    const later = at[i + 1]!
    if (later >= 0 && (at[i]! < 0 || at[i]! > later)) {
      const o = printed[later]!
      return { won: false, detail: `not yet: ${who} printed ${excerpt(o.text, 40)} first, at tick ${o.tick}` }
    }
  }
  const missing = challenge.outputs.find((_o, i) => at[i]! < 0)
  const has = challenge.node ? 'has' : 'have'
  if (missing !== undefined) return { won: false, detail: `not yet: ${who} ${has} not printed ${excerpt(missing, 40)}${run.stop === 'idle' ? ', and no work is left' : ''}` }
  const ticks = at.map((k) => printed[k]!.tick)
  return {
    won: true,
    detail: `won: ${who} printed ${challenge.outputs.map((o, i) => `${excerpt(o, 40)} at tick ${ticks[i]}`).join(', then ')}`,
  }
}

function checkDrain(challenge: Extract<Challenge, { kind: 'drain' }>, run: CheckedRun): ChallengeResult {
  const most = challenge.maxActivations
  if (run.stop === 'idle') {
    if (run.ticks <= most) return { won: true, detail: `won: the mesh drained in ${plural(run.ticks, 'activation')} (at most ${most.toLocaleString('en')})` }
    return { won: false, detail: `not yet: the mesh drained in ${plural(run.ticks, 'activation')}, ${(run.ticks - most).toLocaleString('en')} more than ${most.toLocaleString('en')}` }
  }
  const budget = run.ticks > most ? `more than ${most.toLocaleString('en')} already` : `at most ${most.toLocaleString('en')} in all`
  return { won: false, detail: `not yet: ${plural(run.ticks, 'activation')} so far (${budget}), and ${unfinished(run)}` }
}

function checkStarve(challenge: Extract<Challenge, { kind: 'starve' }>, run: CheckedRun, doc: MeshDocument, name: (id: string) => string, options: ChallengeOptions): ChallengeResult {
  const who = name(challenge.node)
  if (!doc.nodes.some((n) => n.id === challenge.node)) return { won: false, detail: `not yet: the mesh has no tasklet ${who} to starve` }
  const ticks = longestStarvation(run, challenge.node, options)
  if (ticks >= challenge.ticks) return { won: true, detail: `won: ${who} had items and did not run for ${plural(ticks, 'tick')} in a row` }
  if (ticks === 0) return { won: false, detail: `not yet: ${who} has not yet waited with items while others ran` }
  return { won: false, detail: `not yet: ${who} waited with items for at most ${plural(ticks, 'tick')} in a row; ${challenge.ticks.toLocaleString('en')} are needed` }
}

/** Printed lines of the node (or every sink). */
const printedBy = (run: CheckedRun, node: string | undefined) => run.outputs.filter((o) => node === undefined || o.node === node)

function checkSequence(challenge: Extract<Challenge, { kind: 'sequence' }>, run: CheckedRun, name: (id: string) => string): ChallengeResult {
  const who = challenge.node ? name(challenge.node) : 'the sinks'
  const printed = printedBy(run, challenge.node)
  const want = challenge.outputs
  const n = Math.min(printed.length, want.length)
  for (let i = 0; i < n; i++) {
    const o = printed[i]!
    if (o.text !== want[i]) return { won: false, detail: `not yet: output ${i + 1} is ${excerpt(o.text, 40)} (tick ${o.tick}), where ${excerpt(want[i]!, 40)} is wanted` }
  }
  if (printed.length > want.length) {
    const o = printed[want.length]!
    return { won: false, detail: `not yet: ${who} printed ${excerpt(o.text, 40)} at tick ${o.tick}, after all ${plural(want.length, 'output')} wanted` }
  }
  if (printed.length < want.length) {
    return {
      won: false,
      detail: `not yet: ${who} printed ${printed.length} of the ${plural(want.length, 'output')}; next comes ${excerpt(want[printed.length]!, 40)}${run.stop === 'idle' ? ', and no work is left' : ` (${unfinished(run)})`}`,
    }
  }
  if (run.stop !== 'idle') return { won: false, detail: `not yet: all ${plural(want.length, 'output')} in order, but the mesh has not drained (${unfinished(run)})` }
  return { won: true, detail: `won: ${who} printed exactly the ${plural(want.length, 'output')}, in order, the last at tick ${printed.at(-1)?.tick ?? 0}` }
}

function checkProduce(challenge: Extract<Challenge, { kind: 'produce' }>, run: CheckedRun, name: (id: string) => string): ChallengeResult {
  const who = challenge.node ? name(challenge.node) : 'the sinks'
  const printed = printedBy(run, challenge.node)
  // What is still wanted, as counts: each output as many times as listed.
  const wanted = new Map<string, number>()
  for (const o of challenge.outputs) wanted.set(o, (wanted.get(o) ?? 0) + 1)
  for (const o of printed) {
    const left = wanted.get(o.text) ?? 0
    if (left === 0)
      return { won: false, detail: `not yet: ${who} printed ${excerpt(o.text, 40)} at tick ${o.tick}, which is not wanted${challenge.outputs.includes(o.text) ? ' again' : ''}` }
    wanted.set(o.text, left - 1)
  }
  const missing = [...wanted].flatMap(([text, left]) => Array<string>(left).fill(text))
  if (missing.length > 0) {
    const still = run.stop === 'idle' ? 'and no work is left' : `(${unfinished(run)})`
    return { won: false, detail: `not yet: ${printed.length} of the ${plural(challenge.outputs.length, 'output')} printed; still to come ${listed(missing)}, ${still}` }
  }
  if (run.stop !== 'idle') return { won: false, detail: `not yet: every output wanted is printed, but the mesh has not drained (${unfinished(run)})` }
  return { won: true, detail: `won: ${who} printed exactly the ${plural(challenge.outputs.length, 'output')} wanted, in ${plural(run.ticks, 'activation')}` }
}

function checkQueueMax(challenge: Extract<Challenge, { kind: 'queue-max' }>, run: CheckedRun, doc: MeshDocument, name: (id: string) => string): ChallengeResult {
  if (challenge.node !== undefined && !doc.nodes.some((n) => n.id === challenge.node)) return { won: false, detail: `not yet: the mesh has no tasklet ${name(challenge.node)}` }
  let worst: { node: string; items: number; tick: number } | null = null
  for (const [node, peak] of run.peaks ?? []) {
    if (challenge.node !== undefined && node !== challenge.node) continue
    if (!worst || peak.items > worst.items) worst = { node, ...peak }
  }
  const most = challenge.max
  if (worst && worst.items > most) {
    return {
      won: false,
      detail: `not yet: ${name(worst.node)}'s queue held ${plural(worst.items, 'item')} at tick ${worst.tick}, ${(worst.items - most).toLocaleString('en')} over ${most.toLocaleString('en')}`,
    }
  }
  const held = worst ? `${challenge.node ? `${name(worst.node)}'s queue` : 'the fullest queue'} held at most ${plural(worst.items, 'item')}` : 'no queue held anything'
  if (run.stop !== 'idle') return { won: false, detail: `not yet: ${held} so far, but the mesh has not drained (${unfinished(run)})` }
  return { won: true, detail: `won: the mesh drained, and ${held}` }
}

function checkNeverStarved(
  challenge: Extract<Challenge, { kind: 'never-starved' }>,
  run: CheckedRun,
  doc: MeshDocument,
  name: (id: string) => string,
  options: ChallengeOptions,
): ChallengeResult {
  const who = name(challenge.node)
  if (!doc.nodes.some((n) => n.id === challenge.node)) return { won: false, detail: `not yet: the mesh has no tasklet ${who} to keep fed` }
  const ticks = longestStarvation(run, challenge.node, options)
  if (ticks >= challenge.ticks) {
    return { won: false, detail: `not yet: ${who} had items and did not run for ${plural(ticks, 'tick')} in a row; keep it under ${challenge.ticks.toLocaleString('en')}` }
  }
  const waited = ticks === 0 ? 'never waited with items while others ran' : `waited with items for at most ${plural(ticks, 'tick')} in a row`
  if (run.stop !== 'idle') return { won: false, detail: `not yet: ${who} ${waited} so far, but the mesh has not drained (${unfinished(run)})` }
  return { won: true, detail: `won: the mesh drained, and ${who} ${waited}` }
}

function checkMatch(challenge: Extract<Challenge, { kind: 'match' }>, run: CheckedRun, doc: MeshDocument, options: ChallengeOptions): ChallengeResult {
  const them = schedulerName(challenge.scheduler, challenge.mode)
  const theirs = runToEnd({ ...doc, scheduler: challenge.scheduler, mode: challenge.mode }, options)
  if (theirs.stop !== 'idle') return { won: false, detail: `not yet: ${them} does not drain this mesh (${unfinished(theirs)}), so there is nothing to match` }
  const mine = run.outputs.map((o) => o.text)
  const target = theirs.outputs.map((o) => o.text)
  const n = Math.min(mine.length, target.length)
  for (let i = 0; i < n; i++) {
    if (mine[i] !== target[i]) return { won: false, detail: `not yet: your output ${i + 1} is ${excerpt(mine[i]!, 40)}, where ${them}'s is ${excerpt(target[i]!, 40)}` }
  }
  if (mine.length > target.length)
    return { won: false, detail: `not yet: you printed ${excerpt(mine[target.length]!, 40)} after all ${plural(target.length, 'output')} ${them} prints` }
  if (mine.length < target.length) {
    return { won: false, detail: `not yet: you printed ${mine.length} of the ${plural(target.length, 'output')} ${them} prints; next comes ${excerpt(target[mine.length]!, 40)}` }
  }
  if (run.stop !== 'idle') return { won: false, detail: `not yet: the same outputs, but the mesh has not drained (${unfinished(run)})` }
  const fewEnough = challenge.fewer ? run.ticks < theirs.ticks : run.ticks <= theirs.ticks
  if (fewEnough) return { won: true, detail: `won: ${them}'s ${plural(target.length, 'output')} in ${plural(run.ticks, 'activation')}; it takes ${theirs.ticks.toLocaleString('en')}` }
  return { won: false, detail: `not yet: the same outputs, but in ${plural(run.ticks, 'activation')}; ${them} takes ${theirs.ticks.toLocaleString('en')}` }
}

/**
 * Whether the run of `document` meets the challenge: the document's own
 * scheduler (its picks, by hand) from tick 0, until the run stops.
 * @example checkChallenge({ kind: 'drain', maxActivations: 20 }, doc) // { won: false, detail: 'not yet: 12 activations so far, and …' }
 */
export function checkChallenge(challenge: Challenge, document: MeshDocument, options: ChallengeOptions = {}): ChallengeResult {
  // Code the check was given no compiler for would not run as it does in the run: no verdict rather than a wrong one.
  if (!options.compile && document.nodes.some((n) => n.kind === 'code')) return { won: false, detail: 'not checked: the mesh has code nodes, and this check runs no code' }
  if (!options.policy && document.scheduler === 'policy') return { won: false, detail: 'not checked: a written policy schedules the mesh, and this check runs no code' }
  const name = namer(document)
  const run = runToEnd(document, options, challenge.kind === 'queue-max')
  switch (challenge.kind) {
    case 'order':
      return checkOrder(challenge, run, name)
    case 'drain':
      return checkDrain(challenge, run)
    case 'starve':
      return checkStarve(challenge, run, document, name, options)
    case 'match':
      return checkMatch(challenge, run, document, options)
    case 'sequence':
      return checkSequence(challenge, run, name)
    case 'produce':
      return checkProduce(challenge, run, name)
    case 'queue-max':
      return checkQueueMax(challenge, run, document, name)
    case 'never-starved':
      return checkNeverStarved(challenge, run, document, name, options)
  }
}
