/**
 * Watches after the fact: every value that passed along a wire, or entered
 * a queue, over the whole recorded run — the ticks before the watch was set
 * included. Derived by replaying the run's history (Timeline.replaying) with
 * a trace that keeps only what matches: the run does not keep values at
 * speed, and a replay is exact (docs/history.md). Made in slices
 * (`advance`), and extended when the run goes on along the same history.
 */
import type { Simulation } from './simulation'
import type { TimelineHistory, TimelineOptions } from './timeline'
import { Timeline } from './timeline'
import type { TraceEvent } from './trace'
import type { Value } from './value'

/** What a watch looks at: the values sent along one wire, or those that entered (and were taken from) one tasklet's queue. */
export type WatchTarget = { kind: 'wire'; from: string; port: string; to: string } | { kind: 'queue'; node: string }

/** Values kept, at most: past it a watch only counts. */
export const WATCH_VALUES = 100_000

/** The sparkline's buckets, at most. */
export const WATCH_BUCKETS = 200

/** Finest counts kept per tick range: doubles the range when it would need more. */
export const FINE_BUCKETS = 1024

/**
 * What an entry of a watch is: a value that passed along the wire (`passed`),
 * entered the queue (`in`: sent on a wire, by hand, as an initial input, or
 * put in or moved in from another queue by queue surgery), was taken from it
 * by an activation of its tasklet (`taken`), or by hand was dropped from it
 * or moved to another tasklet's queue (`removed`) or had its value set (`set`:
 * the new value).
 */
export type WatchEntryKind = 'passed' | 'in' | 'taken' | 'removed' | 'set'

/** Every kind of entry, once (a kind added to WatchEntryKind must be added here: the sandbox's replies are checked against this list). */
const ENTRY_KINDS: Record<WatchEntryKind, true> = { passed: true, in: true, taken: true, removed: true, set: true }
export const WATCH_ENTRY_KINDS = Object.keys(ENTRY_KINDS) as WatchEntryKind[]

/** Per-tick counts of what arrived (passed or entered), in buckets of `width` ticks from tick 0. */
export interface WatchCounts {
  readonly width: number
  readonly counts: readonly number[]
}

/** A watch as it stands: what it found so far, up to the tick its replay reached. */
export interface WatchResult {
  readonly target: WatchTarget
  /** The tick the replay reached, and the history's end it goes to. */
  readonly tick: number
  readonly end: number
  readonly done: boolean
  /** The values kept (up to WATCH_VALUES), in the order they passed: tick, value and kind at the same index. */
  readonly ticks: readonly number[]
  readonly values: readonly Value[]
  readonly kinds: readonly WatchEntryKind[]
  /** Every value that passed or entered (kept or not), and, for a queue, every item taken. */
  readonly arrived: number
  readonly taken: number
  /** Entries that passed but were not kept (past WATCH_VALUES). */
  readonly more: number
  /** The first and last tick of an entry (passed, in or taken), or null when there is none. */
  readonly first: number | null
  readonly last: number | null
  readonly counts: WatchCounts
}

/** The name of a target, as the panel titles it: "doubler.target → sink", "queue of branch". */
export function watchTitle(target: WatchTarget, label: (id: string) => string = (id) => id): string {
  return target.kind === 'wire' ? `${label(target.from)}.${target.port} → ${label(target.to)}` : `queue of ${label(target.node)}`
}

/** Whether two targets watch the same thing. */
export function sameTarget(a: WatchTarget, b: WatchTarget): boolean {
  if (a.kind === 'wire') return b.kind === 'wire' && a.from === b.from && a.port === b.port && a.to === b.to
  return b.kind === 'queue' && a.node === b.node
}

/**
 * What of one trace event a watch keeps: the kind of entry, or 'overflow'
 * (the value just sent to the watched queue did not fit: it never entered),
 * or null. Only the outer run's own events: an inner group's are not the outer wire's.
 */
export function watchMatch(target: WatchTarget, event: TraceEvent): WatchEntryKind | 'overflow' | null {
  if (target.kind === 'wire') return event.type === 'emit' && event.from === target.from && event.port === target.port && event.to === target.to ? 'passed' : null
  switch (event.type) {
    case 'emit':
      return event.to === target.node ? 'in' : null
    case 'send':
      return event.node === target.node ? 'in' : null
    case 'activation':
      return event.node === target.node ? 'taken' : null
    case 'overflow':
      return event.node === target.node ? 'overflow' : null
    case 'queue':
      // Queue surgery (Simulation.editQueue); a move within the queue passes no value.
      if (event.edit.op === 'transfer' && event.edit.to === target.node) return 'in'
      if (event.node !== target.node) return null
      return event.edit.op === 'insert' ? 'in' : event.edit.op === 'set' ? 'set' : event.edit.op === 'move' ? null : 'removed'
    default:
      return null
  }
}

/**
 * A watch being made: replays `history` to its end in slices (`advance`),
 * keeping what passed `target`. When the run goes on, `follow` extends it
 * if the new history continues the one it replays, or says it must be made again.
 * @example const w = new Watch(target, timeline.history()); while (!w.advance(10_000)); w.result()
 */
export class Watch {
  readonly target: WatchTarget
  private timeline: Timeline
  private history: TimelineHistory
  private ticks: number[] = []
  private values: Value[] = []
  private kinds: WatchEntryKind[] = []
  private arrived = 0
  private taken = 0
  private more = 0
  private first: number | null = null
  private last: number | null = null
  private width = 1
  private fine: number[] = []
  /** The replay made no progress on its last stretch: nothing more to replay. */
  private stuck = false

  constructor(target: WatchTarget, history: TimelineHistory, options: Pick<TimelineOptions, 'compile' | 'policy'> = {}) {
    this.target = target
    this.history = history
    // No keyframes: the replay only goes forward. The trace is set before the load, so that the initial inputs are heard once.
    this.timeline = new Timeline(history.document, { ...options, keyframeEvery: Number.MAX_SAFE_INTEGER })
    this.timeline.setTrace((event) => this.hear(event))
    this.timeline.load(history)
  }

  /** The tick the replay has reached. */
  get tick(): number {
    return this.timeline.tick
  }

  /** The replay's run now (the sandbox gives a code node's `Math.random` its generator). */
  get sim(): Simulation {
    return this.timeline.sim
  }

  /** The end of the history it replays. */
  get end(): number {
    return this.history.end
  }

  get done(): boolean {
    return this.stuck || this.timeline.tick >= this.history.end
  }

  /** Replays up to `maxSteps` more activations (and what was done by hand on the way); true once at the history's end. */
  advance(maxSteps: number): boolean {
    if (this.done) {
      // What was done by hand at the end tick after the last stretch (a history extended at its end).
      this.timeline.seek(this.timeline.tick, true)
      return true
    }
    const before = this.timeline.tick
    this.timeline.seek(Math.min(this.history.end, before + Math.max(1, Math.floor(maxSteps))), true)
    if (this.timeline.tick === before) this.stuck = true
    return this.done
  }

  /**
   * The run's history now: if it goes on from the one replayed (the same
   * document, the same entries so far, none new before the tick replayed,
   * an end no earlier), the watch takes it in and goes on (true); otherwise
   * it must be made again (false), as after a step back and an act, or a Reset.
   */
  follow(history: TimelineHistory): boolean {
    if (!continues(this.history, history, this.timeline.tick)) return false
    if (history.end === this.history.end && history.entries.length === this.history.entries.length) return true
    this.history = history
    this.timeline.extend(history)
    this.stuck = false
    return true
  }

  /** What the watch found so far (copies of its lists: the watch goes on). */
  result(): WatchResult {
    return {
      target: this.target,
      tick: this.timeline.tick,
      end: this.history.end,
      done: this.done,
      ticks: [...this.ticks],
      values: [...this.values],
      kinds: [...this.kinds],
      arrived: this.arrived,
      taken: this.taken,
      more: this.more,
      first: this.first,
      last: this.last,
      counts: { width: this.width, counts: [...this.fine] },
    }
  }

  private hear(event: TraceEvent): void {
    const kind = watchMatch(this.target, event)
    if (kind === null) return
    if (kind === 'overflow') return this.unqueue(event.tick)
    if (kind === 'taken') this.taken++
    else if (kind === 'in' || kind === 'passed') this.count(event.tick, 1)
    this.first ??= event.tick
    this.last = event.tick
    if (this.values.length < WATCH_VALUES) {
      this.ticks.push(event.tick)
      this.values.push(valueOf(event))
      this.kinds.push(kind)
    } else this.more++
  }

  /** The value last heard entering did not fit in the queue: it is not counted as in. */
  private unqueue(tick: number): void {
    this.count(tick, -1)
    if (this.more > 0) this.more--
    else if (this.kinds[this.kinds.length - 1] === 'in') {
      this.ticks.pop()
      this.values.pop()
      this.kinds.pop()
    }
  }

  private count(tick: number, by: number): void {
    this.arrived += by
    while (Math.floor(tick / this.width) >= FINE_BUCKETS) this.coarsen()
    const at = Math.floor(tick / this.width)
    while (this.fine.length <= at) this.fine.push(0)
    this.fine[at]! += by
  }

  /** Doubles the ticks per fine bucket: pairs merge. */
  private coarsen(): void {
    const merged: number[] = []
    for (let i = 0; i < this.fine.length; i += 2) merged.push(this.fine[i]! + (this.fine[i + 1] ?? 0))
    this.fine = merged
    this.width *= 2
  }
}

function valueOf(event: TraceEvent): Value {
  switch (event.type) {
    case 'emit':
    case 'send':
      return event.value
    case 'activation':
      return event.item
    case 'queue':
      return event.value
    default:
      return null
  }
}

/** Whether `next` goes on from `past` without changing what was replayed up to `tick` (a replay of `past` may take `next` in: Timeline.extend). */
export function continues(past: TimelineHistory, next: TimelineHistory, tick: number): boolean {
  if (next.document !== past.document || next.end < past.end || next.entries.length < past.entries.length) return false
  for (let i = 0; i < past.entries.length; i++) {
    const a = past.entries[i]!
    const b = next.entries[i]!
    if (a.tick !== b.tick || a.action !== b.action) return false
  }
  // Something done before the tick replayed rewrote what the watch has heard.
  for (let i = past.entries.length; i < next.entries.length; i++) if (next.entries[i]!.tick < tick) return false
  return true
}

/**
 * Counts per bucket for a sparkline of at most `buckets` bars over ticks
 * 0…`end`: each bar a whole number of the watch's fine buckets, so every
 * count is exact. Returns the bars and the ticks each covers.
 */
export function watchBuckets(counts: WatchCounts, end: number, buckets = WATCH_BUCKETS): { width: number; bars: number[] } {
  const fineNeeded = Math.floor(Math.max(0, end) / counts.width) + 1
  const per = Math.max(1, Math.ceil(fineNeeded / Math.max(1, buckets)))
  const bars = new Array<number>(Math.ceil(fineNeeded / per)).fill(0)
  counts.counts.forEach((n, i) => {
    const bar = Math.floor(i / per)
    if (bar < bars.length) bars[bar]! += n
  })
  return { width: counts.width * per, bars }
}
