/**
 * A double-ended queue in fixed-size blocks, as CPython's `collections.deque`
 * (the seed's Tasklet queue) is built: O(1) push, shift and pop, and no copying
 * as it grows, however long a runaway queue gets. The head and tail blocks are
 * kept at hand, as CPython keeps `leftblock` and `rightblock`.
 */
const SHIFT = 8
const BLOCK = 1 << SHIFT
const MASK = BLOCK - 1

type Block<T> = (T | undefined)[]

export class Deque<T> implements Iterable<T> {
  /** Every block, head block first; `first` and `last` are its ends. */
  private blocks: Block<T>[]
  private first: Block<T>
  private last: Block<T>
  /** Where the head item sits in `first`. */
  private head = 0
  /** Where the next pushed item goes in `last` (BLOCK when it is full). */
  private tail = 0
  private size = 0

  constructor(items?: Iterable<T>) {
    const block = newBlock<T>()
    this.blocks = [block]
    this.first = this.last = block
    if (items) for (const item of items) this.push(item)
  }

  get length(): number {
    return this.size
  }

  /** Appends at the tail (the seed's `append`). */
  push(item: T): void {
    let tail = this.tail
    if (tail === BLOCK) {
      this.last = takeBlock<T>()
      this.blocks.push(this.last)
      tail = 0
    }
    this.last[tail] = item
    this.tail = tail + 1
    this.size++
  }

  /** Removes and returns the head (the seed's `popleft`), or undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined
    const first = this.first
    const head = this.head
    const item = first[head]
    first[head] = undefined
    if (--this.size === 0) {
      // empty: start again at the top of one block (the hot case of a queue that keeps up)
      this.head = this.tail = 0
      if (first !== this.last) this.keepLast()
    } else if (head === MASK) {
      giveBlock(this.blocks.shift()!)
      this.first = this.blocks[0]!
      this.head = 0
    } else this.head = head + 1
    return item
  }

  /** Removes and returns the tail (the seed's `pop`), or undefined when empty. */
  pop(): T | undefined {
    if (this.size === 0) return undefined
    const tail = this.tail - 1
    const item = this.last[tail]
    this.last[tail] = undefined
    if (--this.size === 0) {
      this.head = this.tail = 0
      if (this.blocks.length > 1) this.keepLast()
    } else if (tail === 0) {
      giveBlock(this.blocks.pop()!)
      this.last = this.blocks[this.blocks.length - 1]!
      this.tail = BLOCK
    } else this.tail = tail
    return item
  }

  /** The item at position `index` from the head, without removing it. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined
    const i = this.head + index
    return this.blocks[i >> SHIFT]![i & MASK]
  }

  /** Puts `item` at position `index` from the head in place of what was there; false when there is no such position. */
  setAt(index: number, item: T): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return false
    this.put(index, item)
    return true
  }

  /**
   * Removes and returns the item at position `index` from the head, or
   * undefined when there is none: the items on its shorter side close up
   * (O(min(index, length − index)), for an edit by hand, not the hot path).
   */
  removeAt(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return undefined
    const item = this.at(index)
    // Deque's own shift and pop, not a subclass's: the item leaves here, and a subclass says what that means.
    if (index < this.size - 1 - index) {
      for (let i = index; i > 0; i--) this.put(i, this.at(i - 1) as T)
      Deque.prototype.shift.call(this)
    } else {
      for (let i = index; i < this.size - 1; i++) this.put(i, this.at(i + 1) as T)
      Deque.prototype.pop.call(this)
    }
    return item
  }

  /** Puts `item` at position `index` from the head (0 is the head, `length` the tail), the items from there on one further back; false when `index` is out of 0 … length. */
  insertAt(index: number, item: T): boolean {
    if (!Number.isInteger(index) || index < 0 || index > this.size) return false
    Deque.prototype.push.call(this, item)
    for (let i = this.size - 1; i > index; i--) this.put(i, this.at(i - 1) as T)
    this.put(index, item)
    return true
  }

  /** Moves the item at `from` to position `to` (both counted from the head, as it stands after the move), the items between closing up; false when either is out of range. */
  move(from: number, to: number): boolean {
    const n = this.size
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= n || to >= n) return false
    const item = this.at(from) as T
    if (from < to) for (let i = from; i < to; i++) this.put(i, this.at(i + 1) as T)
    else for (let i = from; i > to; i--) this.put(i, this.at(i - 1) as T)
    this.put(to, item)
    return true
  }

  /** A new, empty queue of the same kind (one that keeps an item ledger makes another for the same node). */
  fresh(): Deque<T> {
    return new Deque<T>()
  }

  clear(): void {
    const block = newBlock<T>()
    this.blocks = [block]
    this.first = this.last = block
    this.head = this.tail = this.size = 0
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

  private put(index: number, item: T): void {
    const i = this.head + index
    this.blocks[i >> SHIFT]![i & MASK] = item
  }

  /** Empty, with items gone from more than one block: keep just the tail block (every block is cleared by now). */
  private keepLast(): void {
    for (const block of this.blocks) if (block !== this.last) giveBlock(block)
    this.blocks = [this.last]
    this.first = this.last
  }
}

/**
 * Emptied blocks, kept for the next queue that grows (CPython's deque keeps
 * a few free blocks too): a mesh that drains one queue into another reuses
 * them instead of allocating. Every slot of a kept block is undefined.
 */
const freeBlocks: Block<unknown>[] = []
const FREE_BLOCKS_KEPT = 64

function takeBlock<T>(): Block<T> {
  return (freeBlocks.pop() as Block<T> | undefined) ?? newBlock<T>()
}

function giveBlock(block: Block<unknown>): void {
  if (freeBlocks.length < FREE_BLOCKS_KEPT) freeBlocks.push(block)
}

// Filled by push: V8 keeps arrays made as `new Array(n)` holey, and large ones in slow dictionary mode.
function newBlock<T>(): Block<T> {
  const block: Block<T> = []
  for (let i = 0; i < BLOCK; i++) block.push(undefined)
  return block
}
