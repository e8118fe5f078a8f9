/**
 * The newest sink outputs of a run, in a fixed ring of parallel arrays: a
 * sink records a value without allocating, however long the run goes.
 */
import type { Value } from './value'

export interface Output {
  tick: number
  node: string
  value: Value
}

export class OutputLog {
  readonly capacity: number
  private readonly ticks: number[] = []
  private readonly nodes: string[] = []
  private readonly values: Value[] = []
  private start = 0
  private size = 0

  constructor(capacity: number) {
    this.capacity = capacity
  }

  /** Outputs kept now (at most `capacity`, the newest). */
  get length(): number {
    return this.size
  }

  push(tick: number, node: string, value: Value): void {
    if (this.size < this.capacity) {
      const i = this.start + this.size
      if (i < this.ticks.length) {
        this.ticks[i] = tick
        this.nodes[i] = node
        this.values[i] = value
      } else {
        this.ticks.push(tick)
        this.nodes.push(node)
        this.values.push(value)
      }
      this.size++
      return
    }
    const i = this.start
    this.ticks[i] = tick
    this.nodes[i] = node
    this.values[i] = value
    this.start = (this.start + 1) % this.capacity
  }

  clear(): void {
    this.ticks.length = this.nodes.length = this.values.length = 0
    this.start = this.size = 0
  }

  /** The outputs kept, oldest first; `node` keeps only one sink's. */
  toArray(node?: string): Output[] {
    const out: Output[] = []
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.capacity
      if (node === undefined || this.nodes[i] === node) out.push({ tick: this.ticks[i]!, node: this.nodes[i]!, value: this.values[i]! })
    }
    return out
  }

  /** The newest `n` outputs kept (all of them when fewer are), oldest first. */
  newest(n: number): Output[] {
    const out: Output[] = []
    for (let k = Math.max(0, this.size - n); k < this.size; k++) {
      const i = (this.start + k) % this.capacity
      out.push({ tick: this.ticks[i]!, node: this.nodes[i]!, value: this.values[i]! })
    }
    return out
  }

  *[Symbol.iterator](): Iterator<Output> {
    yield* this.toArray()
  }
}
