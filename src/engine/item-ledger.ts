/**
 * The item ledger: who every queued item is. Each item queued gets an id,
 * kept beside its value in the queue (a `LedgerQueue`), so that every queue
 * operation keeps the two in step however it is reached — a port, a hand
 * send, a code node's `this.send` or `sendTo`, `next`, `last`, `flush`,
 * `clear`, a restart, a deleted node. Per id the ledger keeps, in typed
 * arrays that grow (no object per item): the tasklet it was queued at, the
 * tick it arrived, the tick it was taken or dropped, and its parent — the
 * item whose activation sent it, or the root it came from (an initial input,
 * a hand send, or something else done by hand). Off unless a run asks for it
 * (`SimulationOptions.ledger`): a run without it keeps plain queues.
 */
import { Deque } from './deque'
import type { Value } from './value'

/** A parent that is no item: the item is an initial input of the document. */
export const ROOT_INPUT = -1
/** A parent that is no item: the item was sent by hand. */
export const ROOT_SEND = -2
/** A parent that is no item: sent outside any activation by something else — a close handler run by a hand action or an edit, or a coroutine starting. */
export const ROOT_OTHER = -3

/** Where a ledger stood, to put it back there with a snapshot of its run. */
export interface LedgerMark {
  items: number
  outputs: number
  lanes: number
}

/** A ledger's contents, as plain data and typed arrays (each exactly as long as its count) that cross to the page as they are. */
export interface ItemLedgerData {
  /** The tasklets, by lane: in the order the run first had them (nodes added later follow; deleted ones stay). */
  readonly nodes: readonly string[]
  /** Items queued: ids 0 … items − 1, in the order they were queued. */
  readonly items: number
  /** `node[id]`: the lane (index in `nodes`) of the tasklet the item was queued at. */
  readonly node: Int32Array
  /** `arrival[id]`: the tick it was queued at (0 for an initial input; t for an item sent during activation t). */
  readonly arrival: Int32Array
  /** `taken[id]`: the tick of the activation that took it from the queue, or -1. */
  readonly taken: Int32Array
  /** `dropped[id]`: the tick it was dropped at without being taken (a clear, a restart, its node deleted), or -1. */
  readonly dropped: Int32Array
  /** `parent[id]`: the item whose activation sent it, or ROOT_INPUT, ROOT_SEND or ROOT_OTHER. */
  readonly parent: Int32Array
  /** Outputs recorded (what sinks printed), in order. */
  readonly outputs: number
  /** `outputNode[k]`: the lane of the tasklet that output the k-th output. */
  readonly outputNode: Int32Array
  /** `outputTick[k]`: the tick of the k-th output. */
  readonly outputTick: Int32Array
  /** `outputItem[k]`: the item whose activation output it (or a ROOT_ code, for an output outside any activation). */
  readonly outputItem: Int32Array
}

const FIRST_CAPACITY = 1024

function grown(array: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity)
  next.set(array)
  return next
}

export class ItemLedger {
  /** Items queued so far: the next id. */
  items = 0
  outputs = 0
  /** The tasklets by lane. */
  readonly nodes: string[] = []
  /**
   * What an item queued now comes from: the item the current activation
   * took (set as it is taken), or a ROOT_ code (set by the run as a hand
   * action or an edit begins).
   */
  cause = ROOT_OTHER
  /** The run whose tick the ledger reads (a run hands it on to the one it restores into). */
  clock: { readonly tick: number } = { tick: 0 }
  private node = new Int32Array(FIRST_CAPACITY)
  private arrival = new Int32Array(FIRST_CAPACITY)
  private taken = new Int32Array(FIRST_CAPACITY)
  private dropped = new Int32Array(FIRST_CAPACITY)
  private parent = new Int32Array(FIRST_CAPACITY)
  private outputNode = new Int32Array(FIRST_CAPACITY)
  private outputTick = new Int32Array(FIRST_CAPACITY)
  private outputItem = new Int32Array(FIRST_CAPACITY)
  private readonly lanes = new Map<string, number>()

  /** A node's lane, given on first sight. */
  laneOf(id: string): number {
    let lane = this.lanes.get(id)
    if (lane === undefined) {
      lane = this.nodes.length
      this.nodes.push(id)
      this.lanes.set(id, lane)
    }
    return lane
  }

  /** A new, empty queue for a node, keeping this ledger. */
  queue(id: string): LedgerQueue {
    return new LedgerQueue(this, this.laneOf(id))
  }

  /** An item queued at `lane` now: its new id. */
  arrive(lane: number): number {
    const id = this.items
    if (id === this.node.length) this.grow()
    this.node[id] = lane
    this.arrival[id] = this.clock.tick
    this.taken[id] = -1
    this.dropped[id] = -1
    this.parent[id] = this.cause
    this.items = id + 1
    return id
  }

  /** An item taken by an activation: what it sends from now on is its children. */
  take(id: number): void {
    this.taken[id] = this.clock.tick
    this.cause = id
  }

  drop(id: number): void {
    this.dropped[id] = this.clock.tick
  }

  /** A node output a value (a sink printed it). */
  output(id: string): void {
    const k = this.outputs
    if (k === this.outputNode.length) {
      const capacity = k * 2
      this.outputNode = grown(this.outputNode, capacity)
      this.outputTick = grown(this.outputTick, capacity)
      this.outputItem = grown(this.outputItem, capacity)
    }
    this.outputNode[k] = this.laneOf(id)
    this.outputTick[k] = this.clock.tick
    this.outputItem[k] = this.cause
    this.outputs = k + 1
  }

  /** The tick an item arrived at. */
  arrivalOf(id: number): number {
    return this.arrival[id]!
  }

  mark(): LedgerMark {
    return { items: this.items, outputs: this.outputs, lanes: this.nodes.length }
  }

  /**
   * Back to where `mark` was, its run restored from a snapshot: what came
   * after is forgotten. The items queued then are queued again (their queues
   * reload them with `LedgerQueue.load`, which forgets that they were taken).
   */
  rewind(mark: LedgerMark): void {
    this.items = Math.min(mark.items, this.items)
    this.outputs = Math.min(mark.outputs, this.outputs)
    while (this.nodes.length > mark.lanes) this.lanes.delete(this.nodes.pop()!)
  }

  /** An item queued again by a restore: not taken or dropped (yet). */
  requeue(id: number): void {
    this.taken[id] = -1
    this.dropped[id] = -1
  }

  /** A copy of the ledger's contents. */
  data(): ItemLedgerData {
    const n = this.items
    const k = this.outputs
    return {
      nodes: [...this.nodes],
      items: n,
      node: this.node.slice(0, n),
      arrival: this.arrival.slice(0, n),
      taken: this.taken.slice(0, n),
      dropped: this.dropped.slice(0, n),
      parent: this.parent.slice(0, n),
      outputs: k,
      outputNode: this.outputNode.slice(0, k),
      outputTick: this.outputTick.slice(0, k),
      outputItem: this.outputItem.slice(0, k),
    }
  }

  private grow(): void {
    const capacity = this.node.length * 2
    this.node = grown(this.node, capacity)
    this.arrival = grown(this.arrival, capacity)
    this.taken = grown(this.taken, capacity)
    this.dropped = grown(this.dropped, capacity)
    this.parent = grown(this.parent, capacity)
  }
}

/**
 * A tasklet's queue that keeps each item's ledger id beside it: every way of
 * queuing, taking or emptying goes through these methods, so the ids cannot
 * fall out of step with the values.
 */
export class LedgerQueue extends Deque<Value> {
  readonly ledger: ItemLedger
  /** The node's lane in the ledger. */
  readonly lane: number
  private readonly ids = new Deque<number>()

  constructor(ledger: ItemLedger, lane: number) {
    super()
    this.ledger = ledger
    this.lane = lane
  }

  /** The id of the item at the head, or -1 when the queue is empty. */
  get headId(): number {
    return this.ids.length === 0 ? -1 : this.ids.at(0)!
  }

  /** The ids, head first. */
  idList(): number[] {
    return this.ids.toArray()
  }

  override push(item: Value): void {
    super.push(item)
    this.ids.push(this.ledger.arrive(this.lane))
  }

  override shift(): Value | undefined {
    if (this.length === 0) return undefined
    this.ledger.take(this.ids.shift()!)
    return super.shift()
  }

  override pop(): Value | undefined {
    if (this.length === 0) return undefined
    this.ledger.take(this.ids.pop()!)
    return super.pop()
  }

  override clear(): void {
    for (const id of this.ids) this.ledger.drop(id)
    super.clear()
    this.ids.clear()
  }

  /** An item dropped from the middle by hand: dropped now, as a clear would drop it. */
  override removeAt(index: number): Value | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined
    this.ledger.drop(this.ids.removeAt(index)!)
    return super.removeAt(index)
  }

  /** A new item at a position (its parent the ledger's cause, as for a push). */
  override insertAt(index: number, item: Value): boolean {
    if (!super.insertAt(index, item)) return false
    this.ids.insertAt(index, this.ledger.arrive(this.lane))
    return true
  }

  /** An item moved within the queue keeps its id: it is the same item, waiting elsewhere. */
  override move(from: number, to: number): boolean {
    if (!super.move(from, to)) return false
    this.ids.move(from, to)
    return true
  }

  override fresh(): LedgerQueue {
    return new LedgerQueue(this.ledger, this.lane)
  }

  /** Refills an empty queue as a snapshot had it: the same values under the same ids. */
  load(values: readonly Value[], ids: readonly number[]): void {
    if (values.length !== ids.length || this.length > 0) throw new Error('a queue reloads only when empty, with one id per value')
    for (let i = 0; i < values.length; i++) {
      super.push(values[i]!)
      this.ids.push(ids[i]!)
      this.ledger.requeue(ids[i]!)
    }
  }
}
