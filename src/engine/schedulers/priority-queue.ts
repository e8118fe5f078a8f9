/**
 * A binary min-heap keyed by (priority, put order): the lowest number comes
 * out first, and equal priorities come out first-in-first-out. The seed's
 * Python 2 broke ties by comparing object ids; Python 3 cannot compare
 * tasklets at all, so semantics.md settles on put order.
 */
export interface HeapEntry<T> {
  priority: number
  seq: number
  value: T
}

export class PriorityQueue<T> {
  private heap: HeapEntry<T>[] = []
  private nextSeq = 0

  get length(): number {
    return this.heap.length
  }

  /** The put counter, saved with a run so ties replay in the same order. */
  get seq(): number {
    return this.nextSeq
  }

  put(value: T, priority: number): void {
    this.insert({ priority, seq: this.nextSeq++, value })
  }

  /** Removes and returns the entry with the lowest (priority, seq). */
  get(): HeapEntry<T> | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (top === undefined || last === undefined || heap.length === 0) return top
    heap[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r
      if (m === i) break
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
    return top
  }

  /** Every entry, lowest first, without removing any. */
  sorted(): HeapEntry<T>[] {
    return [...this.heap].sort((a, b) => (less(a, b) ? -1 : 1))
  }

  clear(): void {
    this.heap = []
  }

  /** Puts back saved entries with their own put counters. */
  load(entries: readonly HeapEntry<T>[], seq: number): void {
    this.heap = []
    for (const entry of entries) this.insert({ ...entry })
    this.nextSeq = seq
  }

  private insert(entry: HeapEntry<T>): void {
    const heap = this.heap
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!less(heap[i]!, heap[p]!)) break
      ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
      i = p
    }
  }
}

function less(a: HeapEntry<unknown>, b: HeapEntry<unknown>): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)
}
