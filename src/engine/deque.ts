/**
 * A double-ended queue on a growable ring buffer: O(1) push, shift and pop.
 * The seed's `collections.deque`, which a Tasklet uses as its work queue.
 */
export class Deque<T> implements Iterable<T> {
  private buf: (T | undefined)[]
  private head = 0
  private size = 0
  private mask: number

  constructor(items?: Iterable<T>) {
    this.buf = new Array<T | undefined>(8)
    this.mask = 7
    if (items) for (const item of items) this.push(item)
  }

  get length(): number {
    return this.size
  }

  /** Appends at the tail (the seed's `append`). */
  push(item: T): void {
    if (this.size === this.buf.length) this.grow()
    this.buf[(this.head + this.size) & this.mask] = item
    this.size++
  }

  /** Removes and returns the head (the seed's `popleft`), or undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined
    const item = this.buf[this.head]
    this.buf[this.head] = undefined
    this.head = (this.head + 1) & this.mask
    this.size--
    return item
  }

  /** Removes and returns the tail (the seed's `pop`), or undefined when empty. */
  pop(): T | undefined {
    if (this.size === 0) return undefined
    const index = (this.head + this.size - 1) & this.mask
    const item = this.buf[index]
    this.buf[index] = undefined
    this.size--
    return item
  }

  /** The item at position `index` from the head, without removing it. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined
    return this.buf[(this.head + index) & this.mask]
  }

  clear(): void {
    this.buf = new Array<T | undefined>(8)
    this.mask = 7
    this.head = 0
    this.size = 0
  }

  /** The first `count` items from the head, as a new array. */
  slice(count = this.size): T[] {
    const n = Math.min(count, this.size)
    const out = new Array<T>(n)
    for (let i = 0; i < n; i++) out[i] = this.buf[(this.head + i) & this.mask] as T
    return out
  }

  toArray(): T[] {
    return this.slice()
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.size; i++) yield this.buf[(this.head + i) & this.mask] as T
  }

  private grow(): void {
    const old = this.buf
    const next = new Array<T | undefined>(old.length * 2)
    for (let i = 0; i < this.size; i++) next[i] = old[(this.head + i) & this.mask]
    this.buf = next
    this.head = 0
    this.mask = next.length - 1
  }
}
