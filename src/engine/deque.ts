/**
 * A double-ended queue in fixed-size blocks, as CPython's `collections.deque`
 * (the seed's Tasklet queue) is built: O(1) push, shift and pop, and no copying
 * as it grows, however long a runaway queue gets.
 */
const SHIFT = 8
const BLOCK = 1 << SHIFT
const MASK = BLOCK - 1

export class Deque<T> implements Iterable<T> {
  private blocks: (T | undefined)[][] = [newBlock()]
  /** Where the head item sits in the first block. */
  private head = 0
  private size = 0

  constructor(items?: Iterable<T>) {
    if (items) for (const item of items) this.push(item)
  }

  get length(): number {
    return this.size
  }

  /** Appends at the tail (the seed's `append`). */
  push(item: T): void {
    const end = this.head + this.size
    const blocks = this.blocks
    const b = end >> SHIFT
    ;(b < blocks.length ? blocks[b]! : this.addBlock())[end & MASK] = item
    this.size++
  }

  private addBlock(): (T | undefined)[] {
    const block = newBlock<T>()
    this.blocks.push(block)
    return block
  }

  /** Removes and returns the head (the seed's `popleft`), or undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined
    const block = this.blocks[0]!
    const item = block[this.head]
    block[this.head] = undefined
    this.size--
    if (++this.head === BLOCK) {
      this.head = 0
      if (this.blocks.length > 1) this.blocks.shift()
    }
    if (this.size === 0) this.head = 0
    return item
  }

  /** Removes and returns the tail (the seed's `pop`), or undefined when empty. */
  pop(): T | undefined {
    if (this.size === 0) return undefined
    const end = this.head + this.size - 1
    const b = end >> SHIFT
    const block = this.blocks[b]!
    const item = block[end & MASK]
    block[end & MASK] = undefined
    this.size--
    if ((end & MASK) === 0 && b > 0) this.blocks.pop()
    if (this.size === 0) this.head = 0
    return item
  }

  /** The item at position `index` from the head, without removing it. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined
    const i = this.head + index
    return this.blocks[i >> SHIFT]![i & MASK]
  }

  clear(): void {
    this.blocks = [newBlock()]
    this.head = 0
    this.size = 0
  }

  /** The first `count` items from the head, as a new array. */
  slice(count = this.size): T[] {
    const n = Math.min(count, this.size)
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(this.at(i) as T)
    return out
  }

  toArray(): T[] {
    return this.slice()
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.size; i++) yield this.at(i) as T
  }
}

// Filled by push: V8 keeps arrays made as `new Array(n)` holey, and large ones in slow dictionary mode.
function newBlock<T>(): (T | undefined)[] {
  const block: (T | undefined)[] = []
  for (let i = 0; i < BLOCK; i++) block.push(undefined)
  return block
}
