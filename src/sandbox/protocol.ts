/**
 * The messages between the page and the sandbox worker. Every request has
 * an id and gets exactly one reply with the same id (unless the worker hangs:
 * then the client's watchdog takes over). Besides replies the worker posts
 * `priming` notes (which code node it is about to start, so that a node
 * that hangs before its first `yield` can be named) and, in careful steps,
 * `activating` notes (which code node the next step runs, at which tick)
 * and `deciding` … `decided` around each call of the written policy.
 * A comparison of schedulers has commands of its own (CompareCommand).
 */
import {
  LANE_VIEW_OUTPUTS,
  MAX_GROUP_DEPTH,
  MAX_VALUE_LENGTH,
  OUTPUT_KEEP,
  TRACE_QUEUE_ITEMS,
  WATCH_ENTRY_KINDS,
  WATCH_VALUES,
  type Alteration,
  type Breakpoint,
  type Divergence,
  type LaneSpec,
  type LaneView,
  type MeshDocument,
  type RecordedRun,
  type RunAction,
  type RunStop,
  type TraceEvent,
  type WatchResult,
  type WatchTarget,
  type WhatIfSide,
} from '../engine'
import { FINE_BUCKETS } from '../engine/watch'
import * as v from 'valibot'

import type { RunView } from '../engine/run-view'

export type SandboxCommand =
  /**
   * A fresh run of `document`. Only sources in `allowed` are compiled (the
   * rest start closed: not allowed to run); sources in `stopped` are not
   * run again (they hung before); a written policy in `policiesHung` is
   * not asked again from the tick it hung at (its decisions stop the run).
   */
  | { type: 'reset'; document: MeshDocument; allowed: readonly string[]; stopped: readonly string[]; policiesHung?: readonly PolicyHang[] }
  /** More sources that may be compiled from now on. */
  | { type: 'allow'; sources: readonly string[] }
  | { type: 'apply'; action: RunAction }
  /**
   * Up to `steps` single steps; stops early when no work is left, a limit, or
   * a breakpoint. `careful`: for at most `sliceMs`, with an `activating` note
   * before each step of a code node (how the watchdog finds a node that hangs).
   */
  | { type: 'step'; steps: number; breakpoints?: readonly Breakpoint[]; careful?: { sliceMs: number } }
  /** Runs untraced for at most `sliceMs` or `maxSteps`, stopping at a breakpoint. */
  | { type: 'run'; maxSteps: number; sliceMs: number; breakpoints?: readonly Breakpoint[] }
  /** On to the end of the scheduler's round or pass (at most `maxSteps`), stopping at a breakpoint. */
  | { type: 'round'; maxSteps: number; breakpoints?: readonly Breakpoint[] }
  | { type: 'seek'; tick: number }
  | { type: 'view' }
  /** The node the next step would activate (nothing runs). */
  | { type: 'peek' }
  /** Traced replies carry the trace events since the last reply (at most TRACE_LIMIT). */
  | { type: 'trace'; on: boolean }
  /**
   * The run's record (engine/run-record.ts): its history up to `upTo`
   * replayed beside the run with the item ledger on, for at most `sliceMs`
   * a request. `begin` starts a new record; without it the one under way
   * goes on. The reply's `record` says how far it got, or carries it.
   */
  | { type: 'record'; upTo: number; sliceMs: number; begin: boolean }
  /**
   * What if (engine/what-if.ts): the run's history up to `upTo` with
   * `alteration` made, replayed beside the original for at most `sliceMs`
   * a request, the run left as it is. `begin` starts a new one; without it
   * the one under way goes on. The reply's `whatIf` says how far it got, or
   * carries the answer.
   */
  | { type: 'what-if'; alteration: Alteration; upTo: number; sliceMs: number; begin: boolean }
  /**
   * A watch after the fact (engine/watch.ts) on `target`, known by `key`:
   * the run's history up to `upTo` replayed for at most `sliceMs` a
   * request. The watch of that key goes on along the run's history if it
   * still continues the one it replays, else it is made again. The reply's
   * `watch` carries what it found so far.
   */
  | { type: 'watch'; key: number; target: WatchTarget; upTo: number; sliceMs: number }
  /** The watch of `key` is not wanted any more. */
  | { type: 'unwatch'; key: number }
  /**
   * The trace events of `ticks` (a story of where an item came from:
   * engine/lineage.ts), from a replay of the run's history up to `upTo`
   * beside the run, for at most `sliceMs` a request: first on to the last
   * of them (its keyframes kept for the next story, while the history goes
   * on from it), then each tick's events. `begin` starts a new ask; without
   * it the one under way goes on. The reply's `lineage` says how far it got,
   * or carries the events.
   */
  | { type: 'lineage'; ticks: readonly number[]; upTo: number; sliceMs: number; begin: boolean }

/** A written policy that hung the worker when it decided at `tick`: from that tick on it is not asked again. */
export interface PolicyHang {
  source: string
  tick: number
}

/** A node the watchdog stopped in one lane of a comparison, at the tick it hung; node null: the lane's written policy, deciding the step after that tick. */
export interface CompareFailure {
  lane: number
  node: string | null
  tick: number
}

/**
 * A comparison of schedulers (engine/compare.ts), run in a worker of its
 * own beside the run: the page's Compare panel for a mesh with code nodes.
 */
export type CompareCommand =
  /**
   * A fresh comparison: the document once per lane, under the lane's
   * scheduler (a lane's written policy is one of the sources). Only sources
   * in `allowed` are compiled; sources in `stopped` are not run again (they
   * hung before); each of `failed` is closed again in its lane when that
   * lane reaches its tick (a policy is not asked again from its tick).
   */
  | { type: 'compare'; document: MeshDocument; lanes: readonly LaneSpec[]; allowed: readonly string[]; stopped: readonly string[]; failed: readonly CompareFailure[]; maxTicks: number }
  /**
   * Every lane on by up to `steps` activations, together, none past its
   * `until` tick (when given), for at most `sliceMs` (when given).
   * `careful`: one activation of each lane in turn, with an `activating`
   * note (lane, node, tick) before each of a code node.
   */
  | { type: 'compare-step'; steps: number; sliceMs?: number; until?: readonly number[]; careful?: boolean }
  /** Every lane's record so far (engine/run-record.ts), made as the lanes ran: its typed arrays transferred. */
  | { type: 'compare-record' }

export interface CompareResult {
  lanes: LaneView[]
  /** Whether every lane has stopped. */
  done: boolean
  /** How far the lanes went together: the activations each was asked for (a lane that stopped took fewer). */
  steps: number
  /** Where the lanes' outputs first differ, so far. */
  divergence: Divergence | null
  /** compare-record's answer: each lane's record, checked (recordProblem) before the page reads it. */
  records?: RecordedRun[]
}

/** Anything the page asks of a worker: the run's commands, or a comparison's. */
export type WorkerCommand = SandboxCommand | CompareCommand

export type SandboxRequest = WorkerCommand & { id: number }

export interface SandboxResult {
  view: RunView
  /** Activations this request made. */
  steps: number
  /** Why the request's run stopped before it was done, or null. */
  stop: RunStop | null
  /** peek's answer. */
  next?: string | null
  /** Trace events since the previous reply, while tracing is on. */
  events: TraceEvent[]
  /** Events left out because there were more than TRACE_LIMIT. */
  eventsDropped: number
  /** record's answer: how far the replay got, or the record once it is done (its typed arrays transferred). */
  record?: RecordProgress
  /** what-if's answer: how far the replays got, or the answer once they are done. */
  whatIf?: WhatIfProgress
  /** watch's answer: what the watch found so far; `begun` when it was made afresh (its tick may be behind the last reply's). */
  watch?: { key: number; begun: boolean; result: WatchResult }
  /** lineage's answer: how far it got (`progress` of `goal`: the replay's tick, then the ticks told past it), or the events of the ticks asked (an inner run's left out: a story reads none). */
  lineage?: LineageProgress
}

export type LineageProgress = { done: false; progress: number; goal: number } | { done: true; events: TraceEvent[] }

/** The most trace events a lineage's answer may carry, over all its ticks (at most LINEAGE_TICKS of them). */
export const MAX_LINEAGE_EVENTS = 20_000

/** How far a what-if got (`progress` of `goal`: see WhatIfReplay), or its answer. */
export type WhatIfProgress = { done: false; progress: number; goal: number } | { done: true; answer: WhatIfAnswer }

/**
 * A what-if's answer as the worker sends it: the WhatIfResult, less the
 * altered history's document and actions, which the page has already
 * (it made the same change to the same history): its entries are only
 * where each is (`hand`: a hand action, else the end of a scheduler's call).
 */
export interface WhatIfAnswer {
  original: WhatIfSide
  altered: WhatIfSide
  divergence: number | null
  from: number
  end: number
  entries: { tick: number; hand: boolean }[]
}

/** A printed output's text in a what-if's answer is cut to this many characters (a value is at most MAX_VALUE_LENGTH; its repr a little more). */
export const WHAT_IF_TEXT = 2 * MAX_VALUE_LENGTH + 8

/** Entries a what-if's altered history may have in a reply. */
export const MAX_WHAT_IF_ENTRIES = 1_000_000

export type RecordProgress = { done: false; tick: number; goal: number } | { done: true; record: RecordedRun }

/** What the worker answers to a command: a comparison's result to a comparison's command, the run's to the run's. */
export type ResultOf<C extends WorkerCommand> = C extends CompareCommand ? CompareResult : SandboxResult

export type SandboxReply = { id: number; ok: true; result: SandboxResult | CompareResult } | { id: number; ok: false; error: string }

/** `lane`: in a comparison, the lane it is about. */
/** `ready`: the worker has locked its realm down and listens on the port (its start does not count against the watchdog). */
/** `deciding` … `decided`: in a careful step, the written policy (of a comparison's `lane`) is deciding the step after `tick` (between the two, a hang is the policy's). */
export type SandboxNote =
  | { type: 'ready' }
  | { type: 'priming'; node: string }
  | { type: 'activating'; node: string; tick: number; lane?: number }
  | { type: 'deciding'; tick: number; lane?: number }
  | { type: 'decided' }

export type SandboxMessage = ({ kind: 'reply' } & SandboxReply) | ({ kind: 'note' } & SandboxNote)

/** The error a node gets when its code hung and the watchdog stopped it (and what a written policy that hung says ever after). */
export const STOPPED_ERROR = 'ran for over 1 s (an infinite loop?)'

/** The watchdog's clock, shared by the run's client and the comparison's. */
export const WATCHDOG = {
  /** A request the worker has not answered in this long is hung: the worker is replaced. */
  timeoutMs: 1_000,
  /** A careful step may take this long past its slice. */
  stepDeadlineMs: 500,
  /** Rebuilding a run in a new worker may take this long. */
  replayTimeoutMs: 30_000,
  /** A new worker that has not said it is ready in this long (loading, locking its realm down) has failed to start. */
  startTimeoutMs: 15_000,
  /** How long each careful slice runs while looking for the node that hung. */
  carefulSliceMs: 50,
} as const
/** What a code node says when its code came from elsewhere and the person has not agreed to run it (as the engine says without a compiler). */
export const NOT_ALLOWED = 'its code has not been allowed to run'

/** Trace events one reply carries at most. */
export const TRACE_LIMIT = 5_000

/**
 * What a message from the worker must look like for the page to read it
 * (worker-channel.ts drops anything else): the page never trusts the worker
 * that runs people's code to be well behaved, only to be replaceable.
 */
const count = v.pipe(v.number(), v.integer(), v.minValue(0))
const text = v.pipe(v.string(), v.maxLength(2_000))
const nodeId = v.pipe(v.string(), v.maxLength(200))
const nodeView = v.looseObject({ queueLength: count, head: v.array(v.unknown()), closed: v.boolean(), error: v.nullable(text), activations: count, dropped: count, received: count })
/** The most wires a run's view may list: a code node has at most REWIRE_LIMITS.perNode; a mesh has at most a few hundred nodes. */
const MAX_RUN_WIRES = 100_000
const runWires = v.optional(v.nullable(v.pipe(v.array(v.strictObject({ id: text, source: nodeId, port: text, target: nodeId })), v.maxLength(MAX_RUN_WIRES))))
const runOutputs = v.record(v.string(), v.array(v.looseObject({ tick: count, node: nodeId })))
/** A group's inside as its inner run is now (InnerView), with the insides of its own groups down to `depth` more levels (groups nest MAX_GROUP_DEPTH deep). */
function innerViewSchema(depth: number): v.GenericSchema {
  return v.looseObject({
    tick: count,
    status: v.picklist(['ready', 'paused', 'idle', 'halted']),
    haltDetail: v.nullable(text),
    nextUp: v.nullable(nodeId),
    schedulerView: v.looseObject({ kind: v.string() }),
    nodes: v.record(v.string(), nodeView),
    outputs: runOutputs,
    wires: runWires,
    groups: depth > 1 ? v.record(v.string(), innerViewSchema(depth - 1)) : v.pipe(v.record(v.string(), v.unknown()), v.maxEntries(0)),
  })
}
const runView = v.looseObject({
  tick: count,
  end: count,
  status: v.picklist(['ready', 'paused', 'idle', 'halted']),
  haltDetail: v.nullable(text),
  nextUp: v.nullable(nodeId),
  stats: v.looseObject({}),
  schedulerView: v.looseObject({ kind: v.string() }),
  nodes: v.record(v.string(), nodeView),
  outputs: runOutputs,
  wires: runWires,
  groups: v.record(v.string(), innerViewSchema(MAX_GROUP_DEPTH)),
})
const runStop = v.variant('reason', [
  v.looseObject({ reason: v.picklist(['idle', 'budget', 'queue-cap', 'policy', 'pick', 'round', 'tick']) }),
  v.looseObject({
    reason: v.literal('breakpoint'),
    hit: v.looseObject({ breakpoint: v.looseObject({ id: nodeId, kind: v.picklist(['activation', 'queue', 'output']), node: v.nullable(nodeId) }), tick: count, message: text }),
  }),
])
/** A record's shape; recordProblem (engine/run-record.ts) checks its contents before the page reads it. */
const record = v.strictObject({
  lanes: v.looseObject({ nodes: v.array(nodeId), ticks: count, ran: v.instance(Int32Array), queueStride: count, queued: v.instance(Uint32Array) }),
  ledger: v.looseObject({ nodes: v.array(nodeId), items: count, outputs: count }),
})
const recordProgress = v.variant('done', [v.strictObject({ done: v.literal(false), tick: count, goal: count }), v.strictObject({ done: v.literal(true), record })])
const whatIfSide = v.strictObject({
  outputs: v.pipe(v.array(v.strictObject({ tick: count, node: nodeId, text: v.pipe(v.string(), v.maxLength(WHAT_IF_TEXT)) })), v.maxLength(OUTPUT_KEEP)),
  outputCount: count,
  end: count,
  stop: v.picklist(['end', 'idle', 'limit', 'more']),
})
const whatIfProgress = v.variant('done', [
  v.strictObject({ done: v.literal(false), progress: count, goal: count }),
  v.strictObject({
    done: v.literal(true),
    answer: v.strictObject({
      original: whatIfSide,
      altered: whatIfSide,
      divergence: v.nullable(count),
      from: count,
      end: count,
      entries: v.pipe(v.array(v.strictObject({ tick: count, hand: v.boolean() })), v.maxLength(MAX_WHAT_IF_ENTRIES)),
    }),
  }),
])
/** A value as a mesh carries it (engine/value.ts): a finite number, a string of at most MAX_VALUE_LENGTH, true/false or null. */
const value = v.union([v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.maxLength(MAX_VALUE_LENGTH)), v.boolean(), v.null()])
const queueEdit = v.variant('op', [
  v.strictObject({ op: v.literal('drop'), index: count }),
  v.strictObject({ op: v.literal('set'), index: count, value }),
  v.strictObject({ op: v.literal('move'), from: count, to: count }),
  v.strictObject({ op: v.literal('insert'), index: count, value }),
  v.strictObject({ op: v.literal('transfer'), index: count, to: nodeId, at: count }),
])
const integer = v.pipe(v.number(), v.integer())
/** A trace event of the run as the engine makes it (engine/trace.ts), every kind but an inner run's (a lineage's answer leaves them out: a story reads none). */
export const TraceEventSchema = v.union([
  v.strictObject({ type: v.literal('activation'), tick: count, node: nodeId, item: value, last: v.optional(v.literal(true)) }),
  v.strictObject({ type: v.literal('emit'), tick: count, from: nodeId, port: text, to: nodeId, value }),
  v.strictObject({ type: v.literal('drop'), tick: count, node: nodeId, port: text, value, reason: v.picklist(['unwired', 'node-removed']) }),
  v.strictObject({ type: v.literal('output'), tick: count, node: nodeId, value }),
  v.strictObject({ type: v.literal('discard'), tick: count, node: nodeId, item: value }),
  v.strictObject({ type: v.literal('close'), tick: count, node: nodeId, reason: v.picklist(['closed', 'finished', 'error']) }),
  v.strictObject({ type: v.literal('error'), tick: count, node: nodeId, error: text }),
  v.union([
    v.strictObject({
      type: v.literal('random'),
      tick: count,
      node: nodeId,
      lo: integer,
      hi: integer,
      value: integer,
      use: v.picklist(['behaviour', 'priority']),
      forced: v.optional(v.literal(true)),
    }),
    v.strictObject({ type: v.literal('random'), tick: count, lo: integer, hi: integer, value: integer, use: v.literal('policy') }),
  ]),
  v.strictObject({ type: v.literal('send'), tick: count, node: nodeId, value }),
  v.strictObject({ type: v.literal('queue'), tick: count, node: nodeId, edit: queueEdit, value, size: count, was: v.optional(value) }),
  v.strictObject({ type: v.literal('reset'), tick: count, node: nodeId, how: v.picklist(['restart', 'rescope', 'clear']) }),
  v.strictObject({ type: v.literal('wire'), tick: count, node: nodeId, port: text, target: nodeId, action: v.picklist(['connect', 'disconnect']) }),
  v.strictObject({ type: v.literal('overflow'), tick: count, node: nodeId, value, cap: count }),
  v.strictObject({ type: v.literal('limit'), tick: count, reason: v.picklist(['budget', 'queue-cap', 'policy', 'pick']), detail: text }),
  v.variant('action', [
    v.strictObject({ type: v.literal('schedule'), tick: count, action: v.literal('round'), round: count }),
    v.strictObject({ type: v.literal('schedule'), tick: count, action: v.literal('fill') }),
    v.strictObject({ type: v.literal('schedule'), tick: count, action: v.literal('put'), node: nodeId, priority: v.pipe(v.number(), v.finite()) }),
    v.strictObject({
      type: v.literal('schedule'),
      tick: count,
      action: v.literal('execute'),
      node: nodeId,
      priority: v.pipe(v.number(), v.finite()),
      queue: v.pipe(v.array(value), v.maxLength(TRACE_QUEUE_ITEMS)),
      queued: count,
    }),
    v.strictObject({ type: v.literal('schedule'), tick: count, action: v.literal('put-back'), node: nodeId, priority: v.pipe(v.number(), v.finite()) }),
    v.strictObject({ type: v.literal('schedule'), tick: count, action: v.literal('choose'), node: nodeId, take: v.picklist(['one', 'all']), by: v.optional(v.literal('hand')) }),
    v.strictObject({ type: v.literal('schedule'), tick: count, action: v.literal('end') }),
  ]),
])
const lineageProgress = v.variant('done', [
  v.strictObject({ done: v.literal(false), progress: count, goal: count }),
  v.strictObject({ done: v.literal(true), events: v.pipe(v.array(TraceEventSchema), v.maxLength(MAX_LINEAGE_EVENTS)) }),
])
const watchTarget = v.variant('kind', [v.strictObject({ kind: v.literal('wire'), from: nodeId, port: text, to: nodeId }), v.strictObject({ kind: v.literal('queue'), node: nodeId })])
const watchResult = v.strictObject({
  target: watchTarget,
  tick: count,
  end: count,
  done: v.boolean(),
  ticks: v.pipe(v.array(count), v.maxLength(WATCH_VALUES)),
  values: v.pipe(v.array(value), v.maxLength(WATCH_VALUES)),
  kinds: v.pipe(v.array(v.picklist(WATCH_ENTRY_KINDS)), v.maxLength(WATCH_VALUES)),
  arrived: count,
  taken: count,
  more: count,
  first: v.nullable(count),
  last: v.nullable(count),
  counts: v.strictObject({ width: v.pipe(count, v.minValue(1)), counts: v.pipe(v.array(count), v.maxLength(FINE_BUCKETS)) }),
})
const sandboxResult = v.looseObject({
  view: runView,
  steps: count,
  stop: v.nullable(runStop),
  next: v.optional(v.nullable(nodeId)),
  record: v.optional(recordProgress),
  whatIf: v.optional(whatIfProgress),
  watch: v.optional(v.strictObject({ key: count, begun: v.boolean(), result: watchResult })),
  lineage: v.optional(lineageProgress),
  events: v.pipe(v.array(v.looseObject({ type: v.string(), tick: count })), v.maxLength(TRACE_LIMIT)),
  eventsDropped: count,
})
/** Lanes a comparison's reply may have: far past the panel's four, so that the page's own limit is the one that counts. */
const MAX_REPLY_LANES = 64
const compareResult = v.looseObject({
  lanes: v.pipe(
    v.array(
      v.looseObject({
        ticks: count,
        stopped: v.nullable(runStop),
        detail: v.nullable(text),
        lastActive: v.nullable(nodeId),
        queues: v.array(v.unknown()),
        errors: v.array(v.looseObject({ id: nodeId, error: text })),
        outputs: v.pipe(v.array(v.string()), v.maxLength(LANE_VIEW_OUTPUTS)),
        outputTicks: v.pipe(v.array(count), v.maxLength(LANE_VIEW_OUTPUTS)),
        outputCount: count,
      }),
    ),
    v.maxLength(MAX_REPLY_LANES),
  ),
  done: v.boolean(),
  steps: count,
  divergence: v.nullable(
    v.strictObject({ index: count, at: v.pipe(v.array(v.nullable(v.strictObject({ value: v.string(), tick: count }))), v.maxLength(MAX_REPLY_LANES)), sameOutputs: v.boolean() }),
  ),
  records: v.optional(v.pipe(v.array(record), v.maxLength(MAX_REPLY_LANES))),
})
export const SandboxMessageSchema = v.variant('kind', [
  v.variant('type', [
    v.strictObject({ kind: v.literal('note'), type: v.literal('ready') }),
    v.strictObject({ kind: v.literal('note'), type: v.literal('priming'), node: nodeId }),
    v.strictObject({ kind: v.literal('note'), type: v.literal('activating'), node: nodeId, tick: count, lane: v.optional(count) }),
    v.strictObject({ kind: v.literal('note'), type: v.literal('deciding'), tick: count, lane: v.optional(count) }),
    v.strictObject({ kind: v.literal('note'), type: v.literal('decided') }),
  ]),
  v.variant('ok', [
    v.strictObject({ kind: v.literal('reply'), id: count, ok: v.literal(true), result: v.union([sandboxResult, compareResult]) }),
    v.strictObject({ kind: v.literal('reply'), id: count, ok: v.literal(false), error: text }),
  ]),
])

/** The message, if it fits the protocol; null if it does not. */
export function readMessage(data: unknown): SandboxMessage | null {
  return v.is(SandboxMessageSchema, data) ? (data as SandboxMessage) : null
}
