/**
 * The sandbox worker's logic, apart from the worker itself so tests run it
 * in Node: a Timeline that compiles code nodes with compileCoroutine, and
 * answers one command at a time with the view the store publishes.
 * `Math.random` is the run's seeded generator while the host runs, so code
 * that uses it replays the same.
 */
import {
  alterHistory,
  continues,
  LINEAGE_TICKS,
  PolicyStopped,
  Prng,
  RunRecorder,
  sameTarget,
  stepUntil,
  Timeline,
  Watch,
  WhatIfReplay,
  type Behaviour,
  type CodeCompiler,
  type Policy,
  type PolicyCompiler,
  type RecordedRun,
  type RunResult,
  type Simulation,
  type TimelineHistory,
  type TraceEvent,
  type WhatIfResult,
  type WhatIfSide,
} from '../engine'
import { readRun } from '../engine/run-view'
import { CompareHost } from './compare-host'
import { createCompiler, createPolicyCompiler } from './compile'
import { describeThrown, guardBehaviour } from './guard'
import {
  MAX_LINEAGE_EVENTS,
  NOT_ALLOWED,
  STOPPED_ERROR,
  TRACE_LIMIT,
  WHAT_IF_TEXT,
  type CompareCommand,
  type CompareResult,
  type LineageProgress,
  type RecordProgress,
  type SandboxCommand,
  type SandboxMessage,
  type SandboxResult,
  type WhatIfAnswer,
  type WhatIfProgress,
} from './protocol'

/** Activations a watch replays between two looks at the clock. */
const WATCH_STEPS_PER_LOOK = 2_000

/** Ticks a what-if's replays go in silence between two looks at the clock: code in the realm is slower than the page's kinds, and a request must end well within the watchdog's second. */
const WHAT_IF_STRETCH = 2_000

/** Ticks a lineage's replay goes on in silence between two looks at the clock. */
const LINEAGE_STRETCH = 2_000
/** Ticks a lineage's replay tells the events of between two looks at the clock (each from the keyframe before it, at worst). */
const LINEAGE_CHUNK = 8

export interface HostOptions {
  /** Posts a message to the page; `transfer` hands it these buffers (a record's typed arrays) instead of copying them. */
  post: (message: SandboxMessage, transfer?: Transferable[]) => void
  compile?: (source: string) => Behaviour
  /** Compiles the written policy (tests give a small meter). */
  compilePolicy?: PolicyCompiler
  now?: () => number
}

export class SandboxHost {
  private timeline: Timeline | null = null
  private stopped = new Set<string>()
  private allowed = new Set<string>()
  /** Written policies that hung the worker, by source: the tick from which they are not asked again. */
  private policiesHung = new Map<string, number>()
  private events: TraceEvent[] = []
  private dropped = 0
  private tracing = true
  /** The run's record under way (a `record` request replays a slice of it at a time), beside the run. */
  private recorder: RunRecorder | null = null
  /** The what-if under way (a `what-if` request replays a slice of it at a time), beside the run. */
  private whatIfReplay: WhatIfReplay | null = null
  /** The watches after the fact the page asked for, by key, each a replay of the run's history of its own. */
  private readonly watches = new Map<number, Watch>()
  /** The replay lineage requests read trace events from: the run's history it replays, and the furthest tick it has gone to (its keyframes are kept for the next story). */
  private lineageReplay: { timeline: Timeline; history: TimelineHistory; reached: number } | null = null
  /** The lineage ask under way: the ticks wanted (in order), how many are told, their events so far, and whether the replay has got as far as it can. */
  private lineageAsk: { wanted: number[]; told: number; events: TraceEvent[]; there: boolean } | null = null
  /** The replay a `record`, `what-if` or `watch` request is running, whose random numbers code nodes draw meanwhile (never the run's own). */
  private replaying: { readonly prng: Prng } | null = null
  private readonly compile: (source: string) => Behaviour
  private readonly compilePolicy: PolicyCompiler
  private readonly now: () => number
  /** In a careful step: each call of the written policy is announced, so the watchdog can tell it hung. */
  private careful = false
  /** Written policies compiled, by source. */
  private readonly policies = new Map<string, Policy>()

  private readonly comparison: CompareHost

  constructor(private readonly options: HostOptions) {
    this.compile = options.compile ?? createCompiler({ random: () => this.random() })
    this.compilePolicy = options.compilePolicy ?? createPolicyCompiler()
    this.now = options.now ?? (() => performance.now())
    this.comparison = new CompareHost({
      post: options.post,
      compiler: (allowed, stopped) => this.compiler(allowed, stopped),
      policies: (allowed) => (source) => {
        if (!allowed.has(source)) throw new Error(NOT_ALLOWED)
        return this.compilePolicy(source)
      },
      now: this.now,
    })
  }

  /** The random numbers of the run that is stepping (a comparison's lane, or the run), for Math.random inside user code. */
  random = (): number => (this.comparison.active ?? this.replaying ?? this.timeline?.sim)?.prng.random() ?? 0

  handle(id: number, command: SandboxCommand | CompareCommand): void {
    let result: SandboxResult | CompareResult
    // A careful step announces the policy's decisions, its reply's look at the next step too.
    this.careful = command.type === 'step' && command.careful !== undefined
    try {
      result = command.type === 'compare' || command.type === 'compare-step' || command.type === 'compare-record' ? this.comparison.handle(command) : this.run(command)
    } catch (e) {
      this.options.post({ kind: 'reply', id, ok: false, error: describeThrown(e).message })
      return
    } finally {
      this.careful = false
    }
    try {
      this.options.post({ kind: 'reply', id, ok: true, result }, transferOf(result))
    } catch (e) {
      // A value the page cannot be sent (a function, a symbol, a Proxy): say which node had it, at which tick.
      if (!(e instanceof DOMException && e.name === 'DataCloneError') && !(e instanceof TypeError && /clone/i.test(e.message))) throw e
      this.options.post({ kind: 'reply', id, ok: false, error: uncloneable(result, this.timeline?.sim) })
    }
  }

  /** Compiles a source if it is allowed and did not hang before, telling the page which node starts it so a hang before its first yield can be named. */
  private compiler(allowed: ReadonlySet<string>, stopped: ReadonlySet<string>): CodeCompiler {
    return (source) => {
      if (!allowed.has(source)) throw new Error(NOT_ALLOWED)
      if (stopped.has(source)) throw Object.assign(new Error(STOPPED_ERROR), { name: 'Stopped' })
      const post = this.options.post
      return guardBehaviour(this.compile(source), (node) => post({ kind: 'note', type: 'priming', node }))
    }
  }

  /** The run's compiler, reading which sources are allowed as they are when it compiles. */
  private compileFor = (source: string): Behaviour => this.compiler(this.allowed, this.stopped)(source)

  /**
   * The run's written policy, if it is allowed to run. In a careful step,
   * each decision is announced before and after (deciding … decided), so a
   * policy that hangs the worker is found and named as the policy; from the
   * tick it hung at, it is not asked again (the watchdog's page told us).
   */
  private policyFor = (source: string): Policy => {
    if (!this.allowed.has(source)) throw new Error(NOT_ALLOWED)
    // A compiled policy keeps nothing between calls, so one serves every run of this source (each going back in time makes a run).
    let decide = this.policies.get(source)
    if (!decide) this.policies.set(source, (decide = this.compilePolicy(source)))
    const post = this.options.post
    return (mesh) => {
      const hung = this.policiesHung.get(source)
      if (hung !== undefined && mesh.tick >= hung) throw new PolicyStopped(STOPPED_ERROR)
      if (!this.careful) return decide(mesh)
      post({ kind: 'note', type: 'deciding', tick: mesh.tick })
      try {
        return decide(mesh)
      } finally {
        post({ kind: 'note', type: 'decided' })
      }
    }
  }

  private get live(): Timeline {
    if (!this.timeline) throw new Error('the sandbox has no mesh yet (reset first)')
    return this.timeline
  }

  private run(command: SandboxCommand): SandboxResult {
    let ran: RunResult = { steps: 0, stop: null }
    let next: string | null | undefined
    let record: RecordProgress | undefined
    let whatIf: WhatIfProgress | undefined
    let watch: SandboxResult['watch']
    let lineage: LineageProgress | undefined
    switch (command.type) {
      case 'allow':
        for (const source of command.sources) this.allowed.add(source)
        break
      case 'reset':
        this.allowed = new Set(command.allowed)
        this.stopped = new Set(command.stopped)
        this.policiesHung = new Map((command.policiesHung ?? []).map((hang) => [hang.source, hang.tick]))
        this.events = []
        this.dropped = 0
        this.lineageReplay = null
        this.lineageAsk = null
        // With the item ledger always: a written policy chosen mid-run is shown how long items waited (a run cannot start one midway).
        this.timeline = new Timeline(command.document, { compile: this.compileFor, policy: this.policyFor, ledger: true, trace: this.tracing ? this.collect : undefined })
        break
      case 'trace':
        this.tracing = command.on
        this.live.setTrace(command.on ? this.collect : null)
        break
      case 'apply':
        this.live.apply(command.action)
        break
      case 'step': {
        const { steps, breakpoints, careful } = command
        // Careful: for at most its slice, naming each code node before it runs (and the policy as it decides), so the page's watchdog can tell which one hung.
        ran = careful
          ? stepUntil(this.live, { max: steps, breakpoints, deadline: this.after(careful.sliceMs), beforeStep: this.announce })
          : stepUntil(this.live, { max: steps, breakpoints })
        break
      }
      case 'run':
        ran = stepUntil(this.live, { max: command.maxSteps, breakpoints: command.breakpoints, deadline: this.after(command.sliceMs) })
        break
      case 'round':
        ran = stepUntil(this.live, { max: command.maxSteps, breakpoints: command.breakpoints, roundEnd: true })
        break
      case 'seek':
        this.live.seek(command.tick)
        break
      case 'peek':
        next = this.live.sim.peekNext()
        break
      case 'view':
        break
      case 'record':
        record = this.record(command.upTo, command.sliceMs, command.begin)
        break
      case 'what-if':
        whatIf = this.whatIf(command)
        break
      case 'watch':
        watch = this.watch(command)
        break
      case 'unwatch':
        this.watches.delete(command.key)
        break
      case 'lineage':
        lineage = this.lineage(command)
        break
    }
    const events = this.events
    const eventsDropped = this.dropped
    this.events = []
    this.dropped = 0
    const result: SandboxResult = { view: readRun(this.live), steps: ran.steps, stop: ran.stop, events, eventsDropped }
    if (next !== undefined) result.next = next
    if (record !== undefined) result.record = record
    if (whatIf !== undefined) result.whatIf = whatIf
    if (watch !== undefined) result.watch = watch
    if (lineage !== undefined) result.lineage = lineage
    return result
  }

  /**
   * A slice of a lineage ask: the trace events of its ticks from a replay of
   * the run's history up to `upTo` (kept from the last ask while the history
   * goes on from it), first on to the last tick wanted in silence, then each
   * tick's events from the keyframe before it (Timeline.eventsAt). Its code
   * draws from the replay's own generator, as the record's does.
   */
  private lineage({ ticks, upTo, sliceMs, begin }: Extract<SandboxCommand, { type: 'lineage' }>): LineageProgress {
    if (begin) {
      if (ticks.length > LINEAGE_TICKS) throw new Error(`a story is told from at most ${LINEAGE_TICKS} ticks, not ${ticks.length}`)
      this.lineageAsk = null
      const history = this.live.history(upTo)
      const kept = this.lineageReplay
      if (kept && continues(kept.history, history, kept.reached)) {
        kept.timeline.extend(history)
        kept.history = history
      } else {
        // Code starting in the replay draws from a generator of its own meanwhile: the run's must not move.
        this.replaying = { prng: new Prng(0) }
        try {
          this.lineageReplay = { timeline: Timeline.replaying(history, { compile: this.compileFor, policy: this.policyFor }), history, reached: 0 }
        } finally {
          this.replaying = null
        }
      }
      const wanted = [...new Set(ticks)].filter((t) => Number.isInteger(t) && t >= 1 && t <= history.end).sort((a, b) => a - b)
      this.lineageAsk = { wanted, told: 0, events: [], there: false }
    }
    const ask = this.lineageAsk
    const kept = this.lineageReplay
    if (!ask || !kept) throw new Error('no lineage is under way (the sandbox was restarted): ask again')
    const replay = kept.timeline
    const last = ask.wanted.at(-1) ?? 0
    const deadline = this.after(sliceMs)
    const late = () => deadline.now() >= deadline.at
    try {
      this.replaying = {
        get prng() {
          return replay.sim.prng
        },
      }
      // On to the last tick wanted, a stretch at least a request, its keyframes kept.
      while (!ask.there) {
        const before = replay.tick
        if (before < last) replay.seek(Math.min(last, before + LINEAGE_STRETCH))
        kept.reached = Math.max(kept.reached, replay.tick)
        if (replay.tick >= last || replay.tick === before) ask.there = true
        else if (late()) break
      }
      // Then each tick's events, a chunk at least a request once there.
      while (ask.there && ask.told < ask.wanted.length) {
        const chunk = ask.wanted.slice(ask.told, ask.told + LINEAGE_CHUNK)
        const found = replay.eventsAt(chunk)
        for (const tick of chunk) for (const event of found.get(tick) ?? []) if (event.type !== 'inner') ask.events.push(event)
        if (ask.events.length > MAX_LINEAGE_EVENTS) {
          this.lineageAsk = null
          throw new Error(`the chain's ticks made over ${MAX_LINEAGE_EVENTS} trace events, more than a story is sent`)
        }
        ask.told += chunk.length
        if (late()) break
      }
    } finally {
      this.replaying = null
    }
    if (!ask.there || ask.told < ask.wanted.length) return { done: false, progress: Math.min(replay.tick, last) + ask.told, goal: last + ask.wanted.length }
    this.lineageAsk = null
    return { done: true, events: ask.events }
  }

  /**
   * A slice of a what-if: begun afresh on the run's history up to `upTo`,
   * or the one under way gone on with; the answer once both replays are
   * done. Each replay's code draws from its own run's generator.
   */
  private whatIf({ alteration, upTo, sliceMs, begin }: Extract<SandboxCommand, { type: 'what-if' }>): WhatIfProgress {
    let done: boolean
    let replay = this.whatIfReplay
    try {
      if (begin) {
        this.whatIfReplay = null
        const history = this.live.history(upTo)
        const altered = alterHistory(history, alteration)
        if (!altered.ok) throw new Error(altered.error)
        this.replaying = { prng: new Prng(0) }
        const generators = new WeakMap<Timeline, { readonly prng: Prng }>()
        const enter = (run: Timeline) => {
          let generator = generators.get(run)
          if (!generator)
            generators.set(
              run,
              (generator = {
                get prng() {
                  return run.sim.prng
                },
              }),
            )
          this.replaying = generator
        }
        replay = this.whatIfReplay = new WhatIfReplay(history, altered, { compile: this.compileFor, policy: this.policyFor, enter, stretch: WHAT_IF_STRETCH })
      }
      if (!replay) throw new Error('no what-if is under way (the sandbox was restarted): ask again')
      const deadline = this.after(sliceMs)
      done = replay.advance(() => deadline.now() >= deadline.at)
    } finally {
      this.replaying = null
    }
    if (!done) return { done: false, progress: replay.progress, goal: replay.goal }
    this.whatIfReplay = null
    return { done: true, answer: answerOf(replay.result()) }
  }

  /** A slice of the watch `key`: it goes on along the run's history up to `upTo` if it can, else it is made again. */
  private watch({ key, target, upTo, sliceMs }: Extract<SandboxCommand, { type: 'watch' }>): NonNullable<SandboxResult['watch']> {
    const history = this.live.history(upTo)
    let watch = this.watches.get(key)
    let begun = false
    try {
      if (!watch || !sameTarget(watch.target, target) || !watch.follow(history)) {
        this.replaying = { prng: new Prng(0) }
        watch = new Watch(target, history, { compile: this.compileFor, policy: this.policyFor })
        this.watches.set(key, watch)
        begun = true
      }
      const replay = watch
      this.replaying = {
        get prng() {
          return replay.sim.prng
        },
      }
      const deadline = this.after(sliceMs)
      while (!replay.advance(WATCH_STEPS_PER_LOOK) && deadline.now() < deadline.at);
    } finally {
      this.replaying = null
    }
    return { key, begun, result: watch.result() }
  }

  /** A slice of the run's record: begun afresh, or the one under way gone on with; the record once it is done. */
  private record(upTo: number, sliceMs: number, begin: boolean): RecordProgress {
    let done: boolean
    let recorder = this.recorder
    try {
      if (begin) {
        // Code starting in the replay draws from a generator of its own meanwhile: the run's must not move.
        this.replaying = { prng: new Prng(0) }
        recorder = this.recorder = new RunRecorder(this.live.history(upTo), { compile: this.compileFor, policy: this.policyFor })
      }
      if (!recorder) throw new Error('no record is under way (the sandbox was restarted): ask again')
      const deadline = this.after(sliceMs)
      this.replaying = recorder.sim
      done = recorder.advance(() => deadline.now() >= deadline.at)
    } finally {
      this.replaying = null
    }
    if (!done) return { done: false, tick: recorder.tick, goal: recorder.goal }
    this.recorder = null
    return { done: true, record: recorder.result() }
  }

  /** A deadline `ms` from now, by the host's clock. */
  private after(ms: number): { at: number; now: () => number } {
    return { at: this.now() + ms, now: this.now }
  }

  /** Tells the page which code node the next step runs, at which tick, before it runs. */
  private announce = (sim: Simulation): void => {
    const next = sim.peekNext()
    // A group may run code nodes inside: if it hangs, it is the group that is stopped.
    const kind = next === null ? undefined : sim.nodes.get(next)?.kind
    if (next !== null && (kind === 'code' || kind === 'group')) this.options.post({ kind: 'note', type: 'activating', node: next, tick: sim.tick })
  }

  private collect = (event: TraceEvent): void => {
    if (this.events.length < TRACE_LIMIT) this.events.push(event)
    else this.dropped++
  }
}

/** A what-if's answer as the page is sent it: its altered history only as where each entry is (the page has the rest), each output's text cut to WHAT_IF_TEXT. */
function answerOf(result: WhatIfResult): WhatIfAnswer {
  const cut = (side: WhatIfSide): WhatIfSide => ({
    ...side,
    outputs: side.outputs.map((o) => (o.text.length > WHAT_IF_TEXT ? { ...o, text: `${o.text.slice(0, WHAT_IF_TEXT - 1)}…` } : o)),
  })
  const { history, original, altered, divergence, from } = result
  return { original: cut(original), altered: cut(altered), divergence, from, end: history.end, entries: history.entries.map((e) => ({ tick: e.tick, hand: e.action !== null })) }
}

/** What a reply hands the page rather than copies: the buffers of the records it carries (the run's, or a comparison's lanes'). */
function transferOf(result: SandboxResult | CompareResult): ArrayBuffer[] | undefined {
  if ('records' in result && result.records) return [...new Set(result.records.flatMap(buffersOf))]
  if ('record' in result && result.record?.done) return buffersOf(result.record.record)
  return undefined
}

/** The buffers under a record's typed arrays, to hand to the page rather than copy. */
function buffersOf(record: RecordedRun): ArrayBuffer[] {
  const { lanes, ledger } = record
  const arrays = [lanes.ran, lanes.queued, ledger.node, ledger.arrival, ledger.taken, ledger.dropped, ledger.parent, ledger.outputNode, ledger.outputTick, ledger.outputItem]
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]
}

/** Whether structured cloning (what postMessage does) can copy a value. */
function cloneable(value: unknown): boolean {
  try {
    structuredClone(value)
    return true
  } catch {
    return false
  }
}

/** Why a reply could not be sent: the first value in it that cannot be copied, with the code node that made it (only code makes such values) and its tick. */
export function uncloneable(result: SandboxResult | CompareResult, sim?: { nodes: ReadonlyMap<string, { label: string; kind: string }> }): string {
  const found = 'view' in result ? findUncloneable(result) : null
  const label = (node: string) => sim?.nodes.get(node)?.label ?? node
  const coded = sim ? [...sim.nodes].filter(([, node]) => node.kind === 'code').map(([id]) => id) : []
  // The node the value was found at is a code node (it sent it), or the only code node there is made it.
  const maker = found && (found.sender || coded.length === 0 || coded.includes(found.node)) ? found.node : coded.length === 1 ? coded[0]! : null
  const at = found?.tick === null || found?.tick === undefined ? '' : ` at tick ${found.tick}`
  const who = maker ? `${label(maker)}${at}` : `a code node (${coded.map(label).join(', ')})${at}`
  return `${who} made a value that cannot be copied to the page (a function, a symbol or a Proxy): send numbers, strings, booleans, null or lists of them`
}

function findUncloneable(result: SandboxResult): { node: string; tick: number | null; sender: boolean } | null {
  for (const event of result.events) {
    if (cloneable(event)) continue
    if ('from' in event) return { node: event.from, tick: event.tick, sender: true }
    if ('node' in event) return { node: event.node, tick: event.tick, sender: false }
  }
  for (const [node, outputs] of Object.entries(result.view.outputs)) {
    for (const output of outputs) if (!cloneable(output.value)) return { node: output.node ?? node, tick: output.tick, sender: false }
  }
  for (const [node, view] of Object.entries(result.view.nodes)) {
    if (!cloneable(view.head)) return { node, tick: null, sender: false }
  }
  return null
}
