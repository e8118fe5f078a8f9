/**
 * A run as the scheduling views read it. `RunLanes` is who ran at each tick
 * and every tasklet's queue after it: what the Lanes view (a Gantt chart of
 * the run) draws and the Compare panel stacks. Plain data and typed arrays,
 * so a record made in the sandbox worker crosses to the page as it is.
 *
 * The record is derived by replay, not kept by the live run: `recordRun`
 * replays the run's history (its document and hand actions, from the
 * Timeline) in a Timeline of its own with the item ledger on. The live run
 * keeps plain queues and its hot path stays untouched, however fast it
 * plays; the record costs its time only when someone looks at it.
 */
import type { CodeCompiler } from './kinds'
import type { ItemLedgerData } from './item-ledger'
import { LedgerQueue, ROOT_OTHER } from './item-ledger'
import type { PolicyCompiler } from './schedulers'
import { Timeline, type TimelineHistory } from './timeline'

export interface RunLanes {
  /** The tasklets, one lane each, in the scheduler's order (nodes added during the run follow; deleted ones stay). */
  readonly nodes: readonly string[]
  /** Ticks recorded: 1 … ticks. */
  readonly ticks: number
  /** `ran[t - 1]` is the index in `nodes` of the tasklet that took an item at tick t. */
  readonly ran: Int32Array
  /** Ticks between two queue samples: 1 is every tick; a power of two, doubled when a long run's samples would not fit. */
  readonly queueStride: number
  /** `queued[k * nodes.length + i]` is node i's queue length after tick (k + 1) · queueStride. */
  readonly queued: Uint32Array
}

/** A run replayed with its item ledger: the lanes, and every item's ledger entry (the ledger's lanes are the lanes' nodes). */
export interface RecordedRun {
  readonly lanes: RunLanes
  readonly ledger: ItemLedgerData
}

/** The most queue samples a record keeps (lanes × samples): past it the stride doubles. */
export const MAX_QUEUE_SAMPLES = 8 * 1024 * 1024

export interface RecordOptions {
  /** Compiles code nodes, as the run did (see SimulationOptions.compile). */
  compile?: CodeCompiler
  /** Compiles the written policy, as the run did (see SimulationOptions.policy). */
  policy?: PolicyCompiler
}

/** Every node a history's documents have, in the order a run first meets them: the lanes its ledger will have. */
function lanesOf(history: TimelineHistory): number {
  const seen = new Set(history.document.nodes.map((n) => n.id))
  for (const entry of history.entries) if (entry.action?.type === 'update') for (const node of entry.action.document.nodes) seen.add(node.id)
  return seen.size
}

/** The smallest power-of-two stride at which `ticks` ticks of `lanes` queues fit in MAX_QUEUE_SAMPLES. */
function strideFor(ticks: number, lanes: number): number {
  let stride = 1
  while (Math.floor(ticks / stride) * Math.max(1, lanes) > MAX_QUEUE_SAMPLES) stride *= 2
  return stride
}

/** Queue sample rows room is first made for, when a run's length is not known ahead (they double as they fill). */
const FIRST_ROWS = 1024

/**
 * A record taken as a run goes, with the run's item ledger: every queue's
 * length after every `stride`-th tick, and at the end who ran at each tick
 * (from the ledger). RunRecorder samples a replay with it; a comparison's
 * lane (compare.ts) samples its own run as it steps.
 */
export class RunSampler {
  readonly stride: number
  private readonly lanes: number
  /** Sample rows at most: the goal's. */
  private readonly most: number
  private queued: Uint32Array
  private samples = 0

  /**
   * For a run of at most `goal` ticks of `lanes` queues. `ahead`: room for
   * every sample is made at once (a replay knows it will reach its goal);
   * else it grows as the run does.
   */
  constructor(lanes: number, goal: number, ahead: boolean) {
    this.lanes = lanes
    this.stride = strideFor(goal, lanes)
    this.most = Math.floor(goal / this.stride)
    this.queued = new Uint32Array((ahead ? this.most : Math.min(this.most, FIRST_ROWS)) * lanes)
  }

  /** Samples the queues of `order` as they are now for every sample tick up to `tick` not yet sampled (a hand flush may pass several at once). */
  catchUp(tick: number, order: readonly { readonly tasklet: { readonly items: unknown } }[]): void {
    while ((this.samples + 1) * this.stride <= tick && this.samples < this.most) this.sample(order)
  }

  /**
   * The record of a run that is at `ticks`, with `ledger` its ledger's data
   * (a copy: the run may go on). `last`: nothing is sampled after it, so the
   * samples may be handed over as they are when they fill their buffer.
   */
  record(ledger: ItemLedgerData, ticks: number, last = false): RecordedRun {
    const ran = new Int32Array(ticks).fill(-1)
    for (let id = 0; id < ledger.items; id++) {
      const taken = ledger.taken[id]!
      if (taken > 0 && taken <= ticks) ran[taken - 1] = ledger.node[id]!
    }
    const lanes = ledger.nodes.length
    // The ledger's lanes are the nodes met, which the sampler was told of ahead: one queue sample row each.
    const rows = Math.min(this.samples, Math.floor(ticks / this.stride))
    let queued = lanes === this.lanes ? this.queued : repack(this.queued, rows, this.lanes, lanes)
    // Room left over, or a run that goes on sampling into the same buffer: a copy of the rows there are, with a buffer of its own.
    if (queued.length !== rows * lanes || (!last && queued === this.queued)) queued = queued.slice(0, rows * lanes)
    return { lanes: { nodes: ledger.nodes, ticks, ran, queueStride: this.stride, queued }, ledger }
  }

  /** Every node's queue now, at its lane. */
  private sample(order: readonly { readonly tasklet: { readonly items: unknown } }[]): void {
    const row = this.samples * this.lanes
    if (row + this.lanes > this.queued.length) {
      const grown = new Uint32Array(Math.min(this.most, Math.max(1, this.samples) * 2) * this.lanes)
      grown.set(this.queued)
      this.queued = grown
    }
    for (const node of order) {
      const queue = node.tasklet.items
      // A lane past those counted ahead (not expected): left out of the samples, kept in the ledger.
      if (queue instanceof LedgerQueue && queue.lane < this.lanes) this.queued[row + queue.lane] = queue.length
    }
    this.samples++
  }
}

/**
 * Records a run by replaying its history, a slice at a time (`advance`), so
 * that a page can record a long run without freezing.
 * @example const recorder = new RunRecorder(timeline.history()); while (!recorder.advance(() => false)); recorder.result()
 */
export class RunRecorder {
  /** The tick the record goes to: the history's end. */
  readonly goal: number
  private readonly timeline: Timeline
  private readonly sampler: RunSampler
  private done = false

  constructor(history: TimelineHistory, options: RecordOptions = {}) {
    this.goal = history.end
    // No keyframes: the replay only goes forward.
    this.timeline = Timeline.replaying(history, { compile: options.compile, policy: options.policy, ledger: true, keyframeEvery: Number.MAX_SAFE_INTEGER })
    this.sampler = new RunSampler(lanesOf(history), this.goal, true)
  }

  /** The tick the replay has reached. */
  get tick(): number {
    return this.timeline.tick
  }

  /** The replayed run (its random generator is what a code node's Math.random draws from while it replays). */
  get sim(): Timeline['sim'] {
    return this.timeline.sim
  }

  /** Replays on, sample by sample, until `enough()` says so or the goal is reached; true once the record is done. */
  advance(enough: () => boolean): boolean {
    const timeline = this.timeline
    const stride = this.sampler.stride
    while (!this.done) {
      const before = timeline.tick
      timeline.seek(Math.min(this.goal, (Math.floor(before / stride) + 1) * stride))
      this.sampler.catchUp(timeline.tick, timeline.sim.order)
      // At the goal, or stopped short of it (nothing more to replay): done.
      if (timeline.tick >= this.goal || timeline.tick === before) this.done = true
      else if (enough()) return false
    }
    return true
  }

  /** The record, once `advance` has said it is done. */
  result(): RecordedRun {
    if (!this.done) throw new Error('the record is not done yet')
    // The sampler is not used again: its samples are handed over, not copied.
    return this.sampler.record(this.timeline.sim.ledger!.data(), this.timeline.tick, true)
  }
}

/** Sample rows of `from` lanes as rows of `to` lanes (cut, or padded with zeros). */
function repack(queued: Uint32Array, samples: number, from: number, to: number): Uint32Array {
  const out = new Uint32Array(samples * to)
  const width = Math.min(from, to)
  for (let k = 0; k < samples; k++) out.set(queued.subarray(k * from, k * from + width), k * to)
  return out
}

/**
 * Replays a run's history with the item ledger on and records it, in one
 * go: who ran at each tick, every queue's length (every `queueStride`
 * ticks, so that at most MAX_QUEUE_SAMPLES are kept), and the ledger.
 */
export function recordRun(history: TimelineHistory, options: RecordOptions = {}): RecordedRun {
  const recorder = new RunRecorder(history, options)
  recorder.advance(() => false)
  return recorder.result()
}

/** The most lanes and items a record from elsewhere may have (far past anything a run makes: MAX_HELD_ITEMS and the activation budget bound them). */
const MAX_LANES = 100_000
const MAX_ITEMS = 2 ** 28

function isTyped<T extends Int32Array | Uint32Array>(value: unknown, type: { new (length: number): T }, length: number): value is T {
  return value instanceof type && value.length === length
}

/**
 * Checks a record that came from elsewhere (the sandbox worker) before the
 * page reads it: every array of the right type and length, every index in
 * range, every tick within the run. Returns the problem in words, or null.
 */
export function recordProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return 'it is not a record'
  const { lanes, ledger } = record as { lanes?: Partial<RunLanes>; ledger?: Partial<ItemLedgerData> }
  if (!lanes || !ledger) return 'it has no lanes or no ledger'
  const { nodes, ticks, ran, queueStride, queued } = lanes
  if (!Array.isArray(nodes) || nodes.length > MAX_LANES || !nodes.every((n) => typeof n === 'string' && n.length <= 200)) return 'its tasklets are not a list of ids'
  if (new Set(nodes).size !== nodes.length) return 'a tasklet has two lanes'
  const n = nodes.length
  if (!Number.isSafeInteger(ticks) || ticks! < 0) return 'its tick count is not a count'
  if (!Number.isSafeInteger(queueStride) || queueStride! < 1 || (queueStride! & (queueStride! - 1)) !== 0) return 'its queue stride is not a power of two'
  if (!isTyped(ran, Int32Array, ticks!)) return 'who ran is not one lane per tick'
  if (!isTyped(queued, Uint32Array, Math.floor(ticks! / queueStride!) * n)) return 'its queue samples are not one per lane and stride'
  for (let t = 0; t < ran.length; t++) if (ran[t]! < 0 || ran[t]! >= n) return `tick ${t + 1} ran a lane that does not exist`
  if (!Array.isArray(ledger.nodes) || ledger.nodes.length !== n || ledger.nodes.some((id, i) => id !== nodes[i])) return 'its ledger has other tasklets than its lanes'
  const items = ledger.items
  if (!Number.isSafeInteger(items) || items! < 0 || items! > MAX_ITEMS) return 'its item count is not a count'
  const outputs = ledger.outputs
  if (!Number.isSafeInteger(outputs) || outputs! < 0 || outputs! > MAX_ITEMS) return 'its output count is not a count'
  const { node, arrival, taken, dropped, parent, outputNode, outputTick, outputItem } = ledger
  if (![node, arrival, taken, dropped, parent].every((a) => isTyped(a, Int32Array, items!))) return 'its item arrays are not one entry per item'
  if (![outputNode, outputTick, outputItem].every((a) => isTyped(a, Int32Array, outputs!))) return 'its output arrays are not one entry per output'
  let lastArrival = 0
  for (let id = 0; id < items!; id++) {
    const a = arrival![id]!
    if (node![id]! < 0 || node![id]! >= n) return `item ${id} is at a lane that does not exist`
    if (a < lastArrival || a > ticks!) return `item ${id} arrived at tick ${a}, out of order or past the run`
    lastArrival = a
    const t = taken![id]!
    if (t !== -1 && (t <= a || t > ticks! || ran[t - 1] !== node![id])) return `item ${id} was taken at tick ${t}, which does not fit the run`
    const d = dropped![id]!
    if (d !== -1 && (t !== -1 || d < a || d > ticks!)) return `item ${id} was dropped at tick ${d}, which does not fit the run`
    const p = parent![id]!
    if (p < ROOT_OTHER || p >= id || (p >= 0 && taken![p] !== a)) return `item ${id} has a parent that did not send it`
  }
  for (let k = 0; k < outputs!; k++) {
    const item = outputItem![k]!
    if (outputNode![k]! < 0 || outputNode![k]! >= n) return `output ${k} is at a lane that does not exist`
    if (outputTick![k]! < 0 || outputTick![k]! > ticks!) return `output ${k} is past the run`
    if (item < ROOT_OTHER || item >= items! || (item >= 0 && taken![item] !== outputTick![k])) return `output ${k} names an item that did not make it`
  }
  return null
}
