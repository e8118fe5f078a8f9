/**
 * Queue lengths over ticks, for the chart: all queued items, the longest
 * queue and, for a small mesh, every node's queue. Bounded: when full, every
 * other sample goes and the spacing doubles. Going back drops later samples.
 */
import type { RunSample } from './run-sample'

/** Samples kept at most. */
export const SERIES_KEEP = 1024
/** Meshes up to this many nodes get a line per node. */
export const SERIES_NODES = 8

export class QueueSeries {
  readonly ticks: number[] = []
  readonly totals: number[] = []
  readonly longest: number[] = []
  /** Per node, aligned with `ticks`; NaN where the node was not there. */
  readonly nodes = new Map<string, number[]>()
  /** Least ticks between two samples. */
  spacing = 1
  revision = 0

  constructor(readonly capacity = SERIES_KEEP) {}

  get length(): number {
    return this.ticks.length
  }

  get lastTick(): number {
    return this.ticks.length ? this.ticks[this.ticks.length - 1]! : -1
  }

  /** Records the queues at the run's tick; skipped when too close to the last sample, unless `force`. */
  sample(sim: RunSample, force = false): void {
    const tick = sim.tick
    const last = this.lastTick
    if (tick < last || (!force && tick - last < this.spacing && this.length > 0)) return
    if (tick === last) this.pop()
    let total = 0
    let longest = 0
    for (const node of sim.order) {
      const length = node.tasklet.items.length
      total += length
      if (length > longest) longest = length
    }
    const index = this.ticks.length
    this.ticks.push(tick)
    this.totals.push(total)
    this.longest.push(longest)
    if (sim.order.length <= SERIES_NODES) {
      for (const node of sim.order) {
        let column = this.nodes.get(node.id)
        if (!column) {
          column = new Array<number>(index).fill(NaN)
          this.nodes.set(node.id, column)
        }
        column.push(node.tasklet.items.length)
      }
    }
    for (const column of this.nodes.values()) if (column.length === index) column.push(NaN)
    if (this.ticks.length > this.capacity) this.thin()
    this.revision++
  }

  /** Drops the samples after `tick`. */
  truncate(tick: number): void {
    let changed = false
    while (this.length > 0 && this.lastTick > tick) {
      this.pop()
      changed = true
    }
    if (changed) this.revision++
  }

  clear(): void {
    this.ticks.length = this.totals.length = this.longest.length = 0
    this.nodes.clear()
    this.spacing = 1
    this.revision++
  }

  private pop(): void {
    this.ticks.pop()
    this.totals.pop()
    this.longest.pop()
    for (const column of this.nodes.values()) column.pop()
  }

  /** Keeps every other sample (and the newest), and samples half as often from now on. */
  private thin(): void {
    const keep = (_: number, i: number, all: readonly number[]) => i % 2 === 0 || i === all.length - 1
    const columns = [this.ticks, this.totals, this.longest, ...this.nodes.values()]
    for (const column of columns) {
      const kept = column.filter(keep)
      column.length = 0
      column.push(...kept)
    }
    this.spacing *= 2
  }
}
