/**
 * The scheduling figures of a recorded run (run-record.ts), per tasklet and
 * for the whole mesh: activations, how long items waited, turnaround from a
 * root item to a sink's output (with its lineage), starvation, queue
 * lengths, throughput and fairness. Pure: the same record gives the same
 * figures. docs/scheduling.md ("The figures") defines each one exactly.
 */
import type { ItemLedgerData } from './item-ledger'
import type { RecordedRun } from './run-record'

/** Ticks a tasklet may wait with items and not run before it counts as starved (the default of `starvationTicks`). */
export const STARVATION_TICKS = 20

export interface TaskletFigures {
  readonly node: string
  /** Items it took: ticks at which it ran. */
  readonly activations: number
  /** Ticks from arriving in its queue to being taken, over the items it took (null: it took none). */
  readonly meanWait: number | null
  readonly longestWait: number | null
  /** Its queue's length after each tick 0 … ticks: the most, and the mean. */
  readonly peakQueue: number
  readonly meanQueue: number
  /** The longest stretch of ticks it had items waiting and did not run. */
  readonly longestStarvation: number
  /** Stretches longer than the starvation threshold. */
  readonly starvedStretches: number
  /** Whether it had items waiting before some tick of the run (only those count for fairness). */
  readonly hadWork: boolean
  /** Values it output (a sink's prints), and per 100 ticks. */
  readonly outputs: number
  readonly throughput: number | null
  /** Ticks from each of its outputs' root item arriving to the output (null: no output with a root). */
  readonly meanTurnaround: number | null
  readonly longestTurnaround: number | null
}

export interface MeshFigures {
  readonly ticks: number
  /** Activations of all tasklets: the ticks. */
  readonly activations: number
  /** Items queued in the run, and how many of them were taken. */
  readonly items: number
  readonly taken: number
  readonly meanWait: number | null
  readonly longestWait: number | null
  /** All queues together, after each tick 0 … ticks. */
  readonly peakQueue: number
  readonly meanQueue: number
  /** Tasklets that starved (a stretch longer than the threshold), and the longest stretch of any. */
  readonly starvedTasklets: number
  readonly longestStarvation: number
  readonly outputs: number
  /** Outputs per 100 ticks (null before the first tick). */
  readonly throughput: number | null
  readonly meanTurnaround: number | null
  readonly longestTurnaround: number | null
  /** Jain's index over the activations of the tasklets that had work: 1 when all ran alike; null when none did. */
  readonly fairness: number | null
}

/** Per output, in order: where and when, the root item it came from and the ticks from that root's arrival (-1: it has none). */
export interface OutputTurnarounds {
  readonly count: number
  readonly tick: Int32Array
  /** The lane of the tasklet that output it. */
  readonly node: Int32Array
  /** The item it grew from: an initial input, a hand send (or -1: no item made it). */
  readonly root: Int32Array
  /** The item whose activation output it (or -1). */
  readonly item: Int32Array
  readonly turnaround: Int32Array
  /** The output with the longest turnaround (the first of equals), or -1. */
  readonly longest: number
}

export interface SchedulingFigures {
  /** The starvation threshold used: more ticks than this without running, with items waiting, is starving. */
  readonly starvationTicks: number
  readonly mesh: MeshFigures
  /** In the lanes' order. */
  readonly tasklets: readonly TaskletFigures[]
  readonly outputs: OutputTurnarounds
}

export interface FigureOptions {
  /** The starvation threshold N (STARVATION_TICKS unless set). */
  starvationTicks?: number
}

const mean = (sum: number, n: number): number | null => (n === 0 ? null : sum / n)

/** Items (or ticks) worked through between two pauses of `figureSteps`. */
const CHUNK = 1 << 16

/** The root of every item: itself when its parent is no item, else its parent's root (a parent always has a smaller id). */
function* rootsOf(ledger: ItemLedgerData): Generator<void, Int32Array> {
  const { parent, items } = ledger
  const roots = new Int32Array(items)
  for (let lo = 0; lo < items; lo += CHUNK) {
    const hi = Math.min(items, lo + CHUNK)
    for (let id = lo; id < hi; id++) {
      const p = parent[id]!
      roots[id] = p < 0 ? id : roots[p]!
    }
    yield
  }
  return roots
}

/** Items leaving a queue (taken or dropped), grouped by tick: `byTick[start[t] … start[t + 1])` are the lanes of those that left at t. */
function* departures(ledger: ItemLedgerData, ticks: number): Generator<void, { start: Int32Array; lane: Int32Array }> {
  const { taken, dropped, node, items } = ledger
  const start = new Int32Array(ticks + 2)
  for (let lo = 0; lo < items; lo += CHUNK) {
    const hi = Math.min(items, lo + CHUNK)
    for (let id = lo; id < hi; id++) {
      const t = taken[id]! >= 0 ? taken[id]! : dropped[id]!
      if (t >= 0 && t <= ticks) start[t + 1]!++
    }
    yield
  }
  for (let t = 0; t <= ticks; t++) start[t + 1]! += start[t]!
  const fill = start.slice()
  const lane = new Int32Array(start[ticks + 1]!)
  for (let lo = 0; lo < items; lo += CHUNK) {
    const hi = Math.min(items, lo + CHUNK)
    for (let id = lo; id < hi; id++) {
      const t = taken[id]! >= 0 ? taken[id]! : dropped[id]!
      if (t >= 0 && t <= ticks) lane[fill[t]!++] = node[id]!
    }
    yield
  }
  return { start, lane }
}

/**
 * The figures of a recorded run.
 * @example const figures = schedulingFigures(recordRun(timeline.history()), { starvationTicks: 20 })
 */
export function schedulingFigures(record: RecordedRun, options: FigureOptions = {}): SchedulingFigures {
  const steps = figureSteps(record, options)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * `schedulingFigures` a step at a time: it pauses after every so many
 * items or ticks, so that a page can work out the figures of a long run
 * between frames. The figures are what it returns.
 */
export function* figureSteps(record: RecordedRun, options: FigureOptions = {}): Generator<void, SchedulingFigures> {
  const starvationTicks = options.starvationTicks ?? STARVATION_TICKS
  const { lanes, ledger } = record
  const n = lanes.nodes.length
  const ticks = lanes.ticks

  const activations = new Float64Array(n)
  for (let t = 0; t < ticks; t++) activations[lanes.ran[t]!]!++
  yield

  // Waits, over the items taken.
  const waitSum = new Float64Array(n)
  const waitCount = new Float64Array(n)
  const waitMax = new Int32Array(n).fill(-1)
  for (let id = 0; id < ledger.items; id++) {
    const taken = ledger.taken[id]!
    if (taken < 0) continue
    const lane = ledger.node[id]!
    const wait = taken - ledger.arrival[id]!
    waitSum[lane]! += wait
    waitCount[lane]!++
    if (wait > waitMax[lane]!) waitMax[lane] = wait
    if ((id & (CHUNK - 1)) === 0) yield
  }

  // Queue lengths and starvation, in one sweep over the ticks: every change of a queue is an item arriving or leaving.
  const count = new Int32Array(n)
  const since = new Int32Array(n)
  const area = new Float64Array(n)
  const peak = new Int32Array(n)
  const hadWork = new Uint8Array(n)
  /** The first tick of the stretch a tasklet is waiting in (its queue not empty, and it not run since), or -1. */
  const waitingFrom = new Int32Array(n).fill(-1)
  const longestStretch = new Int32Array(n)
  const stretchesOver = new Int32Array(n)
  let total = 0
  let totalPeak = 0
  let totalSince = 0
  let totalArea = 0
  const endStretch = (lane: number, length: number) => {
    if (length > longestStretch[lane]!) longestStretch[lane] = length
    if (length > starvationTicks) stretchesOver[lane]!++
  }
  const left = yield* departures(ledger, ticks)
  // The lanes whose queue changed at the tick being swept (a lane may be listed more than once).
  const touched = new Int32Array(Math.max(1, ledger.items + left.lane.length))
  // At hand in locals: this loop goes over every tick and every item.
  const { ran: ranAt } = lanes
  const { arrival, node: nodeOf, items } = ledger
  const { start: leaving, lane: leftLane } = left
  let next = 0
  for (let t = 0; t <= ticks; t++) {
    let changed = 0
    if (t > 0) {
      // The tasklet that ran at t ends the stretch it was waiting in (ticks waitingFrom … t - 1).
      const ran = ranAt[t - 1]!
      if (waitingFrom[ran]! >= 0) endStretch(ran, t - waitingFrom[ran]!)
      waitingFrom[ran] = -1
    }
    const firstArrival = next
    while (next < items && arrival[next] === t) next++
    const from = leaving[t]!
    const to = leaving[t + 1]!
    const delta = next - firstArrival - (to - from)
    if (delta !== 0 || next > firstArrival) {
      totalArea += total * (t - totalSince)
      totalSince = t
      total += delta
    }
    for (let k = from; k < to; k++) {
      const lane = leftLane[k]!
      area[lane]! += count[lane]! * (t - since[lane]!)
      since[lane] = t
      count[lane]!--
      touched[changed++] = lane
    }
    for (let id = firstArrival; id < next; id++) {
      const lane = nodeOf[id]!
      area[lane]! += count[lane]! * (t - since[lane]!)
      since[lane] = t
      count[lane]!++
      touched[changed++] = lane
    }
    for (let k = 0; k < changed; k++) {
      const lane = touched[k]!
      const queued = count[lane]!
      if (queued > peak[lane]!) peak[lane] = queued
      if (queued === 0 && waitingFrom[lane]! >= 0) {
        // Emptied at t without running (its items dropped): t was a tick it waited.
        endStretch(lane, t - waitingFrom[lane]! + 1)
        waitingFrom[lane] = -1
      } else if (queued > 0 && waitingFrom[lane]! < 0) waitingFrom[lane] = t + 1
      if (queued > 0 && t < ticks) hadWork[lane] = 1
    }
    if (total > totalPeak) totalPeak = total
    if ((t & (CHUNK - 1)) === 0) yield
  }
  for (let lane = 0; lane < n; lane++) {
    area[lane]! += count[lane]! * (ticks + 1 - since[lane]!)
    // Still waiting at the end: the stretch so far.
    if (waitingFrom[lane]! >= 0 && waitingFrom[lane]! <= ticks) endStretch(lane, ticks - waitingFrom[lane]! + 1)
  }
  totalArea += total * (ticks + 1 - totalSince)

  // Turnarounds: from each output's root item arriving to the output.
  const roots = yield* rootsOf(ledger)
  const outputs = ledger.outputs
  const root = new Int32Array(outputs)
  const item = new Int32Array(outputs)
  const turnaround = new Int32Array(outputs)
  const outputCount = new Float64Array(n)
  const turnSum = new Float64Array(n)
  const turnCount = new Float64Array(n)
  const turnMax = new Int32Array(n).fill(-1)
  let longestOutput = -1
  for (let k = 0; k < outputs; k++) {
    const lane = ledger.outputNode[k]!
    outputCount[lane]!++
    const made = ledger.outputItem[k]!
    item[k] = made < 0 ? -1 : made
    if (made < 0) {
      root[k] = -1
      turnaround[k] = -1
      continue
    }
    const from = roots[made]!
    const ticksTaken = ledger.outputTick[k]! - ledger.arrival[from]!
    root[k] = from
    turnaround[k] = ticksTaken
    turnSum[lane]! += ticksTaken
    turnCount[lane]!++
    if (ticksTaken > turnMax[lane]!) turnMax[lane] = ticksTaken
    if (longestOutput < 0 || ticksTaken > turnaround[longestOutput]!) longestOutput = k
  }

  const per100 = (x: number): number | null => (ticks === 0 ? null : (x * 100) / ticks)
  const tasklets: TaskletFigures[] = lanes.nodes.map((node, lane) => ({
    node,
    activations: activations[lane]!,
    meanWait: mean(waitSum[lane]!, waitCount[lane]!),
    longestWait: waitCount[lane]! === 0 ? null : waitMax[lane]!,
    peakQueue: peak[lane]!,
    meanQueue: area[lane]! / (ticks + 1),
    longestStarvation: longestStretch[lane]!,
    starvedStretches: stretchesOver[lane]!,
    hadWork: hadWork[lane] === 1,
    outputs: outputCount[lane]!,
    throughput: per100(outputCount[lane]!),
    meanTurnaround: mean(turnSum[lane]!, turnCount[lane]!),
    longestTurnaround: turnCount[lane]! === 0 ? null : turnMax[lane]!,
  }))

  let waits = 0
  let taken = 0
  let turns = 0
  let turned = 0
  let sum = 0
  let squares = 0
  let working = 0
  for (let lane = 0; lane < n; lane++) {
    waits += waitSum[lane]!
    taken += waitCount[lane]!
    turns += turnSum[lane]!
    turned += turnCount[lane]!
    if (hadWork[lane] === 1) {
      const x = activations[lane]!
      working++
      sum += x
      squares += x * x
    }
  }
  const longest = (values: readonly (number | null)[]): number | null => values.reduce<number | null>((best, v) => (v !== null && (best === null || v > best) ? v : best), null)
  const mesh: MeshFigures = {
    ticks,
    activations: ticks,
    items: ledger.items,
    taken,
    meanWait: mean(waits, taken),
    longestWait: longest(tasklets.map((f) => f.longestWait)),
    peakQueue: totalPeak,
    meanQueue: totalArea / (ticks + 1),
    starvedTasklets: tasklets.filter((f) => f.longestStarvation > starvationTicks).length,
    longestStarvation: tasklets.reduce((best, f) => Math.max(best, f.longestStarvation), 0),
    outputs,
    throughput: per100(outputs),
    meanTurnaround: mean(turns, turned),
    longestTurnaround: longest(tasklets.map((f) => f.longestTurnaround)),
    fairness: squares === 0 ? null : (sum * sum) / (working * squares),
  }
  return {
    starvationTicks,
    mesh,
    tasklets,
    outputs: { count: outputs, tick: ledger.outputTick.slice(), node: ledger.outputNode.slice(), root, item, turnaround, longest: longestOutput },
  }
}

/**
 * The tasklets an item passed through, by lane, from its root item's
 * tasklet to its own: its lineage. At most `max` lanes, the last ones
 * (`cut` says whether the earliest were left out).
 */
export function lineageOf(ledger: ItemLedgerData, item: number, max = Infinity): { lanes: number[]; cut: boolean } {
  const lanes: number[] = []
  let id = item
  while (id >= 0 && id < ledger.items && lanes.length < max) {
    lanes.push(ledger.node[id]!)
    id = ledger.parent[id]!
  }
  return { lanes: lanes.reverse(), cut: id >= 0 && id < ledger.items }
}
