/**
 * A run you can step back in: the live Simulation, a log of what the user
 * did at which tick (edits, sends, tasklet actions), and keyframes every so
 * many ticks. Going back restores the nearest keyframe and replays the
 * steps and logged actions from there — exact, because the run is
 * deterministic. Acting at an earlier tick drops the later history and
 * branches from there, as typing after undo does in an editor.
 */
import { ActionLog, type LogEntry, type RunAction } from './action-log'
import type { HandPick, MeshDocument } from './document'
import { KINDS, type CodeCompiler } from './kinds'
import type { PolicyCompiler } from './schedulers'
import type { RunResult } from './run-stop'
import { Simulation } from './simulation'
import type { RunSnapshot } from './snapshot'
import { stepUntil } from './step-until'
import type { TraceEvent, TraceSink } from './trace'

/**
 * The most queued items all keyframes may hold together (each keeps a copy
 * of every queue): past it they are thinned, and a keyframe that alone
 * would pass it is not taken (going back then replays from an earlier one).
 */
export const KEYFRAME_ITEMS = 2_000_000

interface Keyframe {
  tick: number
  /** Queued items its snapshot holds. */
  items: number
  /** Log entries applied when it was taken. */
  applied: number
  document: MeshDocument
  snapshot: RunSnapshot
}

/**
 * A run's history up to a tick, to replay it elsewhere exactly (the run
 * record does, with the item ledger on): the document at tick 0 and what
 * was done to the run by hand, at which tick, ends of the scheduler's calls
 * included.
 */
export interface TimelineHistory {
  readonly document: MeshDocument
  readonly entries: readonly LogEntry[]
  /** The tick the history reaches. */
  readonly end: number
}

export interface TimelineOptions {
  trace?: TraceSink
  /** Compiles code nodes (see SimulationOptions.compile). */
  compile?: CodeCompiler
  /** Compiles the written policy (see SimulationOptions.policy). */
  policy?: PolicyCompiler
  /** Ticks between keyframes at first; doubles whenever there are more than `maxKeyframes`. */
  keyframeEvery?: number
  maxKeyframes?: number
  /** Keeps the item ledger (see SimulationOptions.ledger), exact through seeking back and forth. Off by default, but for a document with a written policy. */
  ledger?: boolean
}

export class Timeline {
  private live: Simulation
  private readonly base: MeshDocument
  private readonly log = new ActionLog()
  /** Log entries already applied to the live run. */
  private applied = 0
  private keyframes: Keyframe[] = []
  private every: number
  private readonly maxKeyframes: number
  private trace: TraceSink | null
  /** The furthest tick this branch of history has reached. */
  private furthest = 0
  private readonly compile: CodeCompiler | undefined
  private readonly policy: PolicyCompiler | undefined
  /** Whether runs keep the item ledger; left out, a run keeps one when its document has a written policy. */
  private readonly ledger: boolean | undefined

  constructor(document: MeshDocument, options: TimelineOptions = {}) {
    this.base = document
    this.trace = options.trace ?? null
    this.every = options.keyframeEvery ?? 1000
    this.maxKeyframes = options.maxKeyframes ?? 128
    this.compile = options.compile
    this.policy = options.policy
    this.ledger = options.ledger
    this.live = new Simulation(document, { trace: this.trace ?? undefined, compile: this.compile, policy: this.policy, ledger: this.ledger })
    this.keyframes.push(this.keyframe())
  }

  /** The run at the current tick. Read it; change it only through the Timeline. */
  get sim(): Simulation {
    return this.live
  }

  get tick(): number {
    return this.live.tick
  }

  /** The furthest tick of the current history (stepping forward from an earlier tick follows it). */
  get end(): number {
    return Math.max(this.furthest, this.live.tick)
  }

  /** Whether the user did anything but edit the mesh (send, next, close…) in this history, up to now. */
  get acted(): boolean {
    return this.log.acted(this.applied)
  }

  setTrace(trace: TraceSink | null): void {
    this.trace = trace
    this.live.setTrace(trace)
  }

  /**
   * One activation, after any logged actions due at this tick; false when
   * none happened: no work left (the scheduler's call ended), or a limit.
   */
  step(): boolean {
    this.catchUp()
    const end = this.due()
    if (end) {
      this.replay(end)
      return false
    }
    const stepped = this.live.step()
    if (stepped) this.afterStep()
    else if (!this.live.halt) this.callEnded()
    return stepped
  }

  /** Steps until no work is left, a limit, or `maxSteps`. */
  run(maxSteps = Infinity): RunResult {
    let steps = 0
    for (;;) {
      // Run in stretches up to the next keyframe or logged action, at full engine speed.
      this.catchUp()
      const end = this.due()
      if (end) {
        this.replay(end)
        return { steps, stop: { reason: 'idle' } }
      }
      const nextAction = this.log.at(this.applied)?.tick ?? Infinity
      const nextKeyframe = (Math.floor(this.live.tick / this.every) + 1) * this.every
      const stretch = Math.min(maxSteps - steps, nextAction - this.live.tick, nextKeyframe - this.live.tick)
      const result = this.live.run(stretch)
      steps += result.steps
      if (result.steps > 0) this.afterStep()
      if (result.stop?.reason === 'idle') this.callEnded()
      if (result.stop || steps >= maxSteps) return { steps, stop: result.stop }
    }
  }

  /**
   * Steps to the end of the scheduler's current round (taskmaster) or
   * fill-and-process pass (priority scheduler): at least one activation,
   * then on until the next one would begin a new round. At most `maxSteps`.
   */
  stepRound(maxSteps = 100_000): number {
    return stepUntil(this, { max: maxSteps, roundEnd: true }).steps
  }

  /**
   * Does something to the run at the current tick; later history is
   * dropped. An update that changes picks the run has already taken (by
   * hand: undoing the last pick, say) first takes the run back to the
   * decision of the first of them: the picks are its past, and the run is
   * what they make it.
   */
  apply(action: RunAction): void {
    if (action.type === 'update') this.rewindPicks(action.document)
    this.branch()
    this.log.add(this.live.tick, action)
    this.applied = this.log.length
    perform(this.live, action)
  }

  /**
   * Puts the run at `tick` (clamped to the history there is), exactly as it
   * was after everything done at that tick. A tick passed inside a hand
   * action (a flush of several items) lands where that action ended.
   * `heard`: the trace hears the replay too (a watch's: engine/watch.ts).
   */
  seek(tick: number, heard = false): void {
    const target = Math.max(0, Math.min(Math.floor(tick), this.end))
    if (target < this.live.tick) this.restore(this.keyframeAtOrBefore(target))
    const trace = this.trace
    // Replay in silence; the caller shows the state it lands on.
    this.live.setTrace(heard ? trace : null)
    // Everything done at a tick is done before the run stops there, or steps on.
    this.settle()
    while (this.live.tick < target && this.live.step()) {
      this.afterStep()
      this.settle()
    }
    this.live.setTrace(trace)
  }

  /**
   * The trace events of each of `ticks` as the run made them: everything
   * with that tick — the scheduler's decision and the activation, and what
   * was done by hand at it (the end of the scheduler's call too). Replayed
   * in one pass from the keyframe before the first, in silence between
   * ticks far apart; the run is put back where it was. Cheap at any ticks
   * of a long run: a keyframe's stretch of steps, and the ticks from the
   * first to the last asked for.
   */
  eventsAt(ticks: readonly number[]): Map<number, TraceEvent[]> {
    const found = new Map<number, TraceEvent[]>()
    const wanted = [...new Set(ticks)].filter((t) => Number.isInteger(t) && t >= 1 && t <= this.end).sort((a, b) => a - b)
    if (wanted.length === 0) return found
    for (const tick of wanted) found.set(tick, [])
    const collect: TraceSink = (event) => found.get(event.tick)?.push(event)
    const at = this.live.tick
    // Whether the run as it stands is past what was done at its tick, and whether that was listened to.
    let settled = true
    let heard = false
    try {
      for (const tick of wanted) {
        if (!(this.live.tick === tick - 1 && settled && heard)) {
          if (this.live.tick > tick - 1 || (this.live.tick === tick - 1 && settled)) {
            this.restore(this.keyframeAtOrBefore(tick - 1))
            settled = false
          }
          // On to tick − 1 in silence, before what was done there (a keyframe is made before it too).
          this.live.setTrace(null)
          while (this.live.tick < tick - 1) {
            this.settle()
            if (!this.live.step()) break
            this.afterStep()
          }
        }
        this.live.setTrace(collect)
        // What was done at tick − 1 (a hand activation makes tick `tick`), the step, and what was done after it.
        this.settle()
        if (this.live.tick === tick - 1 && this.live.step()) this.afterStep()
        this.settle()
        settled = true
        heard = true
      }
    } finally {
      this.live.setTrace(null)
      this.seek(at)
    }
    return found
  }

  /** The run as it was at `keyframe` (the ledger goes on with it: it forgets what came after the keyframe). */
  private restore(keyframe: Keyframe): void {
    const sim = new Simulation(keyframe.document, { compile: this.compile, policy: this.policy, ledger: this.live.ledger ?? false })
    sim.restore(keyframe.snapshot)
    this.furthest = this.end
    this.live = sim
    this.applied = keyframe.applied
  }

  /** Back, by the ticks each decision was made at, to where the run is about to make decision `changed` of the picks `document` changes, if it has made it. */
  private rewindPicks(document: MeshDocument): void {
    if (document.scheduler !== 'hand') return
    const changed = firstChangedPick(this.live.document.hand?.picks ?? [], document.hand?.picks ?? [])
    if (changed < 0) return
    for (;;) {
      const view = this.live.schedulerView()
      const tick = this.live.tick
      if (view.kind !== 'hand' || view.made <= changed || view.decidedAt < 0 || view.decidedAt >= tick) return
      this.seek(view.decidedAt)
    }
  }

  /** Back to tick 0 of the current document (what the user edited last), with no history. */
  reset(document?: MeshDocument): void {
    const doc = document ?? this.live.document ?? this.base
    this.live = new Simulation(doc, { trace: this.trace ?? undefined, compile: this.compile, policy: this.policy, ledger: this.ledger })
    this.log.clear()
    this.applied = 0
    this.furthest = 0
    this.keyframes = [this.keyframe()]
  }

  /** This history up to `upTo` (clamped to the history there is; all of it when left out): see `Timeline.replaying`. */
  history(upTo = this.end): TimelineHistory {
    const end = Math.max(0, Math.min(Math.floor(upTo), this.end))
    return { document: this.keyframes[0]!.document, entries: [...this.log].slice(0, this.log.upTo(end)), end }
  }

  /**
   * A Timeline at tick 0 of `history`, whose seek goes forward along it to
   * its end exactly as the run it came from went (the same document, hand
   * actions and edits at the same ticks, the same ends of calls).
   * @example const t = Timeline.replaying(live.history(), { ledger: true }); t.seek(t.end)
   */
  static replaying(history: TimelineHistory, options: TimelineOptions = {}): Timeline {
    const timeline = new Timeline(history.document, options)
    timeline.load(history)
    return timeline
  }

  /** Tick 0 of `history`, its actions and ends of calls ahead: seek goes forward along it to its end (see `replaying`). */
  load(history: TimelineHistory): void {
    this.reset(history.document)
    for (const entry of history.entries) {
      if (entry.action === null) this.log.callEnded(entry.tick)
      else this.log.add(entry.tick, entry.action)
    }
    this.furthest = history.end
  }

  /**
   * Takes in more of the history loaded (`load`): `history` goes on from it,
   * its entries so far the same, more after them and a later end (the
   * caller checks that); seek goes on along it.
   */
  extend(history: TimelineHistory): void {
    for (const entry of history.entries.slice(this.log.length)) {
      if (entry.action === null) this.log.callEnded(entry.tick)
      else this.log.add(entry.tick, entry.action)
    }
    this.furthest = Math.max(this.furthest, history.end)
  }

  /** Memory held by history, for the run panel: keyframes and logged actions. */
  get historySize(): { keyframes: number; actions: number; every: number; items: number } {
    return { keyframes: this.keyframes.length, actions: this.log.length, every: this.every, items: this.keyframeItems() }
  }

  /** The next logged entry, if it is due at the current tick. */
  private due(): LogEntry | undefined {
    const entry = this.log.at(this.applied)
    return entry && entry.tick <= this.live.tick ? entry : undefined
  }

  /**
   * Does what was logged at the current tick, in order: the actions, and
   * the steps that found no work, each of which ended the scheduler's call
   * (what came after began a new one). All but a step that found no work
   * and ended this history: the next step takes that one again, so that
   * stepping on from where the run ended finds no work, as it did, instead
   * of beginning a new call. That step is all it leaves due. A run stepped
   * forward to a tick calls it there to stand as it did after that tick (a
   * seek does as much).
   */
  catchUp(): void {
    for (let entry = this.due(); entry && !this.endsHistory(entry); entry = this.due()) this.replay(entry)
  }

  /** Does everything logged at the current tick, the step that ended this history too: the run as it stood after this tick. */
  private settle(): void {
    for (let entry = this.due(); entry; entry = this.due()) this.replay(entry)
  }

  /** Whether `entry`, the next one due, is the step that ended this history: no work found, and nothing logged or activated after it. */
  private endsHistory(entry: LogEntry): boolean {
    return entry.action === null && this.applied === this.log.length - 1 && this.live.tick >= this.furthest
  }

  /** Repeats a logged entry: its action, or a step that finds no work, as it did, and ends the scheduler's call. */
  private replay(entry: LogEntry): void {
    if (entry.action === null) this.live.step()
    else perform(this.live, entry.action)
    this.applied++
  }

  /** The scheduler's call just ended at the frontier of history: log it once, for replay. */
  private callEnded(): void {
    if (this.applied < this.log.length) return
    this.log.callEnded(this.live.tick)
    this.applied = this.log.length
  }

  private afterStep(): void {
    const tick = this.live.tick
    if (tick > this.furthest) this.furthest = tick
    const last = this.keyframes[this.keyframes.length - 1]!
    // A coroutine that keeps state (a code node's) is more than a snapshot
    // can hold: while one runs, going back replays from an earlier keyframe instead.
    if (tick % this.every === 0 && tick > last.tick && !this.live.order.some((n) => KINDS[n.kind].keepsState)) {
      // Counted before the copy is made: a keyframe of a million queued items is not made every thousand ticks.
      const items = this.live.queued()
      while (this.keyframes.length > 1 && this.keyframeItems() + items > KEYFRAME_ITEMS) this.thin()
      if (tick % this.every !== 0 || this.keyframeItems() + items > KEYFRAME_ITEMS) return
      this.keyframes.push(this.keyframe())
      if (this.keyframes.length > this.maxKeyframes) this.thin()
    }
  }

  private keyframeItems(): number {
    let n = 0
    for (const k of this.keyframes) n += k.items
    return n
  }

  /** Keeps memory bounded: drops every other keyframe and doubles the spacing. */
  private thin(): void {
    this.every *= 2
    this.keyframes = this.keyframes.filter((k) => k.tick % this.every === 0)
  }

  /** Drops the history after the current tick: the future of an earlier tick is rewritten. */
  private branch(): void {
    const tick = this.live.tick
    this.settle()
    this.log.truncate(this.applied)
    this.keyframes = this.keyframes.filter((k) => k.tick < tick || (k.tick === tick && k.applied <= this.applied))
    this.furthest = tick
  }

  private keyframe(): Keyframe {
    const snapshot = this.live.snapshot()
    const items = snapshot.nodes.reduce((n, node) => n + node.queue.length, 0)
    return { tick: this.live.tick, applied: this.applied, document: this.live.document, snapshot, items }
  }

  private keyframeAtOrBefore(tick: number): Keyframe {
    let found = this.keyframes[0]!
    for (const k of this.keyframes) if (k.tick <= tick) found = k
    return found
  }
}

function perform(sim: Simulation, action: RunAction): void {
  switch (action.type) {
    case 'update':
      sim.update(action.document)
      return
    case 'send':
      for (const value of action.values) sim.send(action.node, value)
      return
    case 'fail':
      sim.fail(action.node, action.error ?? 'stopped by the sandbox')
      return
    case 'queue':
      sim.editQueue(action.node, action.edit)
      return
    case 'draw':
      sim.force(action.node, action.value)
      return
    default:
      sim[action.type](action.node)
  }
}

/** The first place two lists of picks differ (one ending where the other goes on counts), or -1 when they are the same. */
export function firstChangedPick(a: readonly HandPick[], b: readonly HandPick[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i]!.run !== b[i]!.run || a[i]!.take !== b[i]!.take) return i
  return a.length === b.length ? -1 : n
}
