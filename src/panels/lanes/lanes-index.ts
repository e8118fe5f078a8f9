/**
 * Summaries of a run's lanes, so that a frame of the Lanes view costs the
 * same at any zoom over any length of run: how often each tasklet ran in
 * any range of ticks, and the longest each queue got in it.
 *
 * - Activations: a running count per tasklet at every `block`-th tick, so a
 *   range's count is one subtraction plus at most two partial blocks read
 *   tick by tick. The block grows (64, 128, …) with the run, so the counts
 *   stay under MAX_COUNTS numbers whatever the mesh's size.
 * - Queue peaks: a pyramid of maxima over the queue samples (each level
 *   the max of two of the level below, from blocks of QUEUE_BASE samples
 *   up), so a range's peak reads a few numbers per level.
 *
 * The record grows as the run plays: `sync` extends the summaries when the
 * record's arrays are the ones it has seen with more ticks in them, and
 * starts again when they are new arrays, shorter (the run went back and
 * branched) or laid out for another number of tasklets.
 */
import type { RunLanes } from '../../engine/run-record'

const FIRST_BLOCK = 64
/** The most running counts kept (blocks × tasklets): 4 M numbers, 16 MB. */
const MAX_COUNTS = 4 * 2 ** 20
/** Queue samples per block at the pyramid's first level; below it, ranges read the samples themselves. */
const QUEUE_BASE = 16

export class LanesIndex {
  private lanes: RunLanes | null = null
  private n = 0
  /** Ticks the activation counts cover. */
  private ticks = 0
  block = FIRST_BLOCK
  /** counts[r · n + i]: how often tasklet i ran in ticks 1 … r · block. */
  private counts = new Uint32Array(0)
  private blocks = 0
  /** Samples the queue pyramid covers. */
  private samples = 0
  private stride = 1
  /** levels[0][j · n + i]: tasklet i's longest queue in samples j · QUEUE_BASE …; each level after it halves. */
  private levels: Uint32Array[] = []
  private sizes: number[] = []
  /** The longest queue of the whole run. */
  queueTop = 0

  /** `maxCounts`: how many running counts to keep at most (the tests make it small). */
  constructor(private readonly maxCounts = MAX_COUNTS) {}

  /** Brings the summaries up to `lanes`. Returns whether anything changed. */
  sync(lanes: RunLanes): boolean {
    const previous = this.lanes
    if (previous === lanes && this.ticks === this.usableTicks(lanes) && this.samples === this.usableSamples(lanes)) return false
    this.lanes = lanes
    const n = lanes.nodes.length
    const ticks = this.usableTicks(lanes)
    const fresh = !previous || previous.nodes.length !== n || this.n !== n
    this.n = n
    if (fresh || previous.ran !== lanes.ran || ticks < this.ticks) this.resetCounts()
    this.extendCounts(lanes.ran, ticks)
    const samples = this.usableSamples(lanes)
    if (fresh || previous.queued !== lanes.queued || lanes.queueStride !== this.stride || samples < this.samples) this.resetQueues(lanes.queueStride)
    this.extendQueues(lanes.queued, samples)
    return true
  }

  /** The record the summaries are of. */
  get record(): RunLanes | null {
    return this.lanes
  }

  /** How often each lane in `slots` ran in ticks from + 1 … to: `out[slots[i]]` adds lane i's count (lanes whose slot is -1 are left out). */
  countInto(from: number, to: number, slots: Int32Array, out: Uint32Array): void {
    const ran = this.lanes?.ran
    if (!ran) return
    const a = Math.max(0, from)
    const b = Math.min(to, this.ticks)
    if (b <= a) return
    const n = this.n
    const block = this.block
    const ra = Math.ceil(a / block)
    const rb = Math.floor(b / block)
    if (rb <= ra) {
      for (let t = a; t < b; t++) tally(ran[t]!, n, slots, out)
      return
    }
    for (let t = a; t < ra * block; t++) tally(ran[t]!, n, slots, out)
    for (let t = rb * block; t < b; t++) tally(ran[t]!, n, slots, out)
    const low = ra * n
    const high = rb * n
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!
      if (slot >= 0) out[slot]! += this.counts[high + i]! - this.counts[low + i]!
    }
  }

  /** How often lane `lane` ran in ticks from + 1 … to. */
  count(lane: number, from: number, to: number): number {
    const slots = new Int32Array(this.n).fill(-1)
    if (lane < 0 || lane >= this.n) return 0
    slots[lane] = 0
    const out = new Uint32Array(1)
    this.countInto(from, to, slots, out)
    return out[0]!
  }

  /** The index in `nodes` of who ran at tick `tick`, or -1 (outside the run, or a value that names no lane). */
  ranAt(tick: number): number {
    if (!this.lanes || tick < 1 || tick > this.ticks) return -1
    const lane = this.lanes.ran[tick - 1]!
    return lane >= 0 && lane < this.n ? lane : -1
  }

  /** The samples that tell of ticks from + 1 … to: each sample k stands for ticks k · stride + 1 … (k + 1) · stride. */
  sampleRange(from: number, to: number): { first: number; end: number } {
    const first = Math.max(0, Math.floor(from / this.stride))
    const end = Math.min(this.samples, Math.ceil(to / this.stride))
    return { first, end: Math.max(first, end) }
  }

  /** Lane `lane`'s longest queue over ticks from + 1 … to, as sampled; 0 when no sample tells of them. */
  queuePeak(lane: number, from: number, to: number): number {
    const queued = this.lanes?.queued
    if (!queued || lane < 0 || lane >= this.n) return 0
    const { first, end } = this.sampleRange(from, to)
    return this.peak(queued, lane, first, end)
  }

  /** Lane `lane`'s queue after the sample that tells of tick `tick`, with the tick it was taken at; null when none does yet. */
  queueAt(lane: number, tick: number): { length: number; after: number } | null {
    const queued = this.lanes?.queued
    if (!queued || lane < 0 || lane >= this.n || tick < 1) return null
    const k = Math.ceil(tick / this.stride) - 1
    if (k >= this.samples) return null
    return { length: queued[k * this.n + lane]!, after: (k + 1) * this.stride }
  }

  /** Ticks between two queue samples. */
  get queueStride(): number {
    return this.stride
  }

  private usableTicks(lanes: RunLanes): number {
    return Math.max(0, Math.min(Math.floor(lanes.ticks), lanes.ran.length))
  }

  private usableSamples(lanes: RunLanes): number {
    const n = lanes.nodes.length
    const stride = lanes.queueStride >= 1 ? Math.floor(lanes.queueStride) : 1
    if (n === 0) return 0
    return Math.max(0, Math.min(Math.floor(lanes.queued.length / n), Math.floor(this.usableTicks(lanes) / stride)))
  }

  private resetCounts(): void {
    this.ticks = 0
    this.blocks = 0
    this.block = FIRST_BLOCK
    this.counts = new Uint32Array(this.n * 8)
  }

  private extendCounts(ran: Int32Array, ticks: number): void {
    const n = this.n
    // The block doubles (keeping every other running count) until the counts fit.
    while (n * (Math.floor(ticks / this.block) + 1) > this.maxCounts && this.block <= ticks) {
      const half = Math.floor(this.blocks / 2)
      for (let r = 1; r <= half; r++) this.counts.copyWithin(r * n, 2 * r * n, 2 * r * n + n)
      this.blocks = half
      this.block *= 2
      this.ticks = Math.min(this.ticks, half * this.block)
    }
    const rows = Math.floor(ticks / this.block)
    if ((rows + 1) * n > this.counts.length) {
      const grown = new Uint32Array(Math.max((rows + 1) * n, Math.min(this.maxCounts + n, this.counts.length * 2)))
      grown.set(this.counts)
      this.counts = grown
    }
    for (let r = this.blocks + 1; r <= rows; r++) {
      const row = r * n
      this.counts.copyWithin(row, row - n, row)
      for (let t = (r - 1) * this.block; t < r * this.block; t++) {
        const lane = ran[t]!
        if (lane >= 0 && lane < n) this.counts[row + lane]!++
      }
    }
    this.blocks = Math.max(this.blocks, rows)
    this.ticks = ticks
  }

  private resetQueues(stride: number): void {
    this.samples = 0
    this.stride = stride >= 1 ? Math.floor(stride) : 1
    this.levels = []
    this.sizes = []
    this.queueTop = 0
  }

  private extendQueues(queued: Uint32Array, samples: number): void {
    const n = this.n
    if (samples <= this.samples || n === 0) return
    for (let k = this.samples * n; k < samples * n; k++) if (queued[k]! > this.queueTop) this.queueTop = queued[k]!
    // Level 0: the max of each QUEUE_BASE samples; each level above, the max of two of the one below.
    let below: Uint32Array | null = null
    let belowSize = samples
    let changedFrom = this.samples
    let per = QUEUE_BASE
    for (let level = 0; ; level++) {
      const size = Math.ceil(belowSize / per)
      if (size < 2 && level > 0) break
      // A level the run has just grown into is made whole; one it had, from the first block the new samples touch.
      const from = level < this.levels.length ? Math.floor(changedFrom / per) : 0
      let values = this.levels[level]
      if (!values || values.length < size * n) {
        const grown = new Uint32Array(Math.max(size * n, (values?.length ?? 0) * 2))
        if (values) grown.set(values)
        values = grown
        this.levels[level] = values
      }
      for (let j = from; j < size; j++) {
        for (let i = 0; i < n; i++) {
          let top = 0
          const end = Math.min(belowSize, (j + 1) * per)
          for (let k = j * per; k < end; k++) {
            const v = below ? below[k * n + i]! : queued[k * n + i]!
            if (v > top) top = v
          }
          values[j * n + i] = top
        }
      }
      this.sizes[level] = size
      below = values
      belowSize = size
      changedFrom = from
      per = 2
      if (size < 2) break
    }
    this.samples = samples
  }

  /** The max of lane `lane` over samples first … end − 1. */
  private peak(queued: Uint32Array, lane: number, first: number, end: number): number {
    const n = this.n
    let top = 0
    if (end - first <= 2 * QUEUE_BASE || this.levels.length === 0) {
      for (let k = first; k < end; k++) top = Math.max(top, queued[k * n + lane]!)
      return top
    }
    let lo = Math.ceil(first / QUEUE_BASE)
    let hi = Math.floor(end / QUEUE_BASE)
    for (let k = first; k < lo * QUEUE_BASE; k++) top = Math.max(top, queued[k * n + lane]!)
    for (let k = hi * QUEUE_BASE; k < end; k++) top = Math.max(top, queued[k * n + lane]!)
    // The blocks lo … hi − 1 of level 0, read bottom up as a segment tree is; the top level, one by one.
    for (let level = 0; lo < hi; level++) {
      const values = this.levels[level]!
      if (level === this.levels.length - 1) {
        for (let j = lo; j < hi; j++) top = Math.max(top, values[j * n + lane]!)
        break
      }
      if (lo & 1) top = Math.max(top, values[lo++ * n + lane]!)
      if (hi & 1) top = Math.max(top, values[--hi * n + lane]!)
      lo >>= 1
      hi >>= 1
    }
    return top
  }
}

function tally(lane: number, n: number, slots: Int32Array, out: Uint32Array): void {
  if (lane < 0 || lane >= n) return
  const slot = slots[lane]!
  if (slot >= 0) out[slot]!++
}
