/**
 * Where the items a mesh's nodes send go: into the target's queue (each
 * queue capped, and all of them together), dropped on an unwired port or
 * with a deleted node, or recorded as a sink's output. Counted, and traced
 * when someone listens; a queue with no room stops the run.
 */
import { count } from './count'
import type { ItemLedger } from './item-ledger'
import type { OutputLog } from './output-log'
import type { StopReason, TraceEvent } from './trace'
import type { Value } from './value'
import type { NodeRuntime } from './wiring'

/**
 * The most items all of a run's queues may hold together, whatever each
 * queue's cap: past it an item is dropped and the run stops, as at a full
 * queue. With the Timeline's keyframes (see KEYFRAME_ITEMS) it bounds the
 * memory a run holds: a mesh with `maxQueue` 10,000,000 once took 2 GB in 3 s.
 */
export const MAX_HELD_ITEMS = 1_000_000

/** What a delivery needs from the run it belongs to. */
export interface DeliveryHost {
  readonly tick: number
  readonly tracing: boolean
  /** Set once a limit stopped the run: a second full queue in the same step does not stop it again. */
  readonly halt: StopReason | null
  readonly outputs: OutputLog
  /** The run's item ledger, when it keeps one (outputs are noted there too). */
  readonly ledger: ItemLedger | null
  emit(event: TraceEvent): void
  /** Told of every output as it is made (a group's inside passes its marked outputs out this way), or null. */
  readonly outputHook: ((node: string, value: Value) => void) | null
  /** Stops the run at a limit, with why in words. */
  stop(reason: StopReason, detail: string): void
  /** Items waiting in all queues. */
  queued(): number
}

/** The run's counters besides its activations (the tick) and the items sent along wires (`emitted`). */
export interface DeliveryCounts {
  dropped: number
  overflowed: number
  outputs: number
  errors: number
}

export class Delivery {
  /** Items sent along wires (kept apart from `counts`: it changes at nearly every activation). */
  emitted = 0
  /** Drops, overflows and outputs, and (kept with them, for `stats` and `restore`) the errors the Simulation counts. */
  readonly counts: DeliveryCounts = { dropped: 0, overflowed: 0, outputs: 0, errors: 0 }
  /** The document's queue cap, kept at hand for the hot path. */
  maxQueue: number
  /** Items queued since all queues were last counted, and how many may be before they are counted again (MAX_HELD_ITEMS). */
  private pushed = 0
  private pushRoom = 0
  private readonly run: DeliveryHost

  constructor(run: DeliveryHost, maxQueue: number) {
    this.run = run
    this.maxQueue = maxQueue
  }

  /** Puts the counters back as a snapshot had them; the queues are counted again at the next item (they changed without `enqueue`). */
  restore(emitted: number, counts: DeliveryCounts): void {
    this.pushRoom = 0
    this.emitted = emitted
    Object.assign(this.counts, counts)
  }

  // deliver and enqueue run at nearly every activation: what is rare (tracing, a full queue) is kept apart, so they stay small enough to inline.

  /** A value sent along a wire, from a port (or `sendTo`'s '*') to the node at its other end. */
  deliver(from: NodeRuntime, port: string, to: NodeRuntime, value: Value): void {
    this.emitted++
    if (this.run.tracing) this.traceEmit(from, port, to, value)
    this.enqueue(to, value)
  }

  private traceEmit(from: NodeRuntime, port: string, to: NodeRuntime, value: Value): void {
    this.run.emit({ type: 'emit', tick: this.run.tick, from: from.id, port, to: to.id, value })
  }

  /** Queues a value on a node; false when it had no room (the value is dropped and the run stops). */
  enqueue(node: NodeRuntime, value: Value): boolean {
    const items = node.tasklet.items
    if (items.length >= this.maxQueue || ++this.pushed > this.pushRoom) return this.enqueueCounted(node, value)
    items.push(value)
    return true
  }

  /** `enqueue` when the node's queue is full, or when all queues are due to be counted again. */
  private enqueueCounted(node: NodeRuntime, value: Value): boolean {
    if (node.tasklet.items.length >= this.maxQueue || !this.recount()) return this.overflow(node, value)
    node.tasklet.items.push(value)
    return true
  }

  /** Whether a node's queue has room for one more item that its tasklet queues itself (a code node's `this.send`): false drops it, as `enqueue` would. */
  admit(node: NodeRuntime, value: Value): boolean {
    if (node.tasklet.items.length < this.maxQueue && (++this.pushed <= this.pushRoom || this.recount())) return true
    return this.overflow(node, value)
  }

  /**
   * Whether a node's queue has room for one more item put there by hand (a
   * queue edit's insert): false refuses the edit, with no overflow (the page
   * said why first). Counted as `admit` counts, so the cap on all queues holds.
   */
  fits(node: NodeRuntime): boolean {
    return node.tasklet.items.length < this.maxQueue && (++this.pushed <= this.pushRoom || this.recount())
  }

  /**
   * Counts the items in all queues, and whether one more fits beside them.
   * They are counted only every so many items: each item queued adds at
   * most one, so the queues cannot pass MAX_HELD_ITEMS before the next count.
   */
  private recount(): boolean {
    this.pushRoom = MAX_HELD_ITEMS - this.run.queued()
    this.pushed = 1
    return this.pushRoom > 0
  }

  /** An item that does not fit in a full queue, or in all queues together: dropped, and the run stops (once). */
  private overflow(node: NodeRuntime, value: Value): false {
    const full = node.tasklet.items.length >= this.maxQueue
    const cap = full ? this.maxQueue : MAX_HELD_ITEMS
    node.dropped++
    this.counts.overflowed++
    if (this.run.tracing) this.run.emit({ type: 'overflow', tick: this.run.tick, node: node.id, value, cap })
    if (!this.run.halt) {
      this.run.stop(
        'queue-cap',
        full ? `${node.label}'s queue is full (${cap} items); new items are dropped` : `the queues hold ${count(cap)} items in all, the most a run may hold; new items are dropped`,
      )
    }
    return false
  }

  /** A value sent along a port with no wire. */
  drop(node: NodeRuntime, port: string, value: Value): void {
    node.dropped++
    this.counts.dropped++
    if (this.run.tracing) this.run.emit({ type: 'drop', tick: this.run.tick, node: node.id, port, value, reason: 'unwired' })
  }

  /** The items queued on a node deleted from the mesh: dropped, and its queue emptied. */
  dropQueue(node: NodeRuntime): void {
    for (const value of node.tasklet.items) {
      node.dropped++
      this.counts.dropped++
      if (this.run.tracing) this.run.emit({ type: 'drop', tick: this.run.tick, node: node.id, port: '', value, reason: 'node-removed' })
    }
    node.tasklet.clear()
  }

  /** A value a node records as its output (what a sink prints). */
  output(node: NodeRuntime, value: Value): void {
    node.received++
    this.counts.outputs++
    this.run.outputs.push(this.run.tick, node.id, value)
    if (this.run.ledger !== null) this.run.ledger.output(node.id)
    if (this.run.tracing) this.run.emit({ type: 'output', tick: this.run.tick, node: node.id, value })
    if (this.run.outputHook !== null) this.run.outputHook(node.id, value)
  }
}
