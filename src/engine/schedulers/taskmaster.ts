/**
 * The seed's taskmaster, one activation at a time:
 *
 *     while any([task.flush() for task in tasks]): pass
 *
 * A round gives every tasklet a turn, in node order. In `flush` mode a turn
 * drains the queue (items sent to itself meanwhile included); in `next`
 * mode it takes one item. Rounds repeat until one did no work.
 */
import type { SchedulerMode } from '../document'
import { Outcome } from '../tasklet'
import { type ScheduledNode, type Scheduler, type SchedulerHost, type SchedulerState, type SchedulerView } from './scheduler'

export class Taskmaster implements Scheduler {
  readonly kind = 'taskmaster'
  readonly mode: SchedulerMode
  /** Whether a turn drains the queue (flush) or takes one item (next). */
  private readonly flush: boolean
  /** Rounds begun in this call; 0 between calls. */
  private round = 0
  private index = 0
  /** The tasklet whose turn it is, once it has taken an item. */
  private turn: ScheduledNode | null = null
  /** Whether the turn goes on: flush stops at an item that was not processed. */
  private goesOn = false
  /** Whether any tasklet did work in this round (the seed's `any(...)`). */
  private worked = false
  private activated = false
  /** The round last announced in the trace (announced lazily, at its first activation). */
  private tracedRound = 0

  constructor(mode: SchedulerMode) {
    this.mode = mode
    this.flush = mode === 'flush'
  }

  /** One activation: a batch of one. */
  step(host: SchedulerHost): boolean {
    return this.run(host, 1) === 1
  }

  /**
   * Up to `max` steps in one loop, with the state in locals (the engine's hot
   * path when it runs to the end). Each round is announced in the trace at
   * its first activation.
   */
  run(host: SchedulerHost, max: number): number {
    if (max <= 0) return 0
    if (this.round === 0) this.beginCall()
    // Behaviours cannot edit the mesh, so the order holds for the whole batch.
    const order = host.order
    const count = order.length
    const flush = this.flush
    const tracing = host.tracing
    let i = this.index
    let turn = this.turn
    let goesOn = this.goesOn
    let worked = this.worked
    let round = this.round
    let n = 0
    // A limit reached in an activation (a full queue) sets host.halt: the batch ends there.
    while (n < max && host.halt === null) {
      let node = turn
      if (node === null || !(flush && goesOn && node.tasklet.items.length > 0)) {
        // The turn is over: on to the next tasklet with items, in a new round if need be.
        if (node !== null) i++
        node = null
        for (;;) {
          if (i < count) {
            const next = order[i]!
            if (next.tasklet.items.length > 0) {
              node = next
              break
            }
            i++
          } else if (worked) {
            round++
            worked = false
            i = 0
          } else break
        }
        turn = node
        if (node === null) break
        if (tracing && round !== this.tracedRound) {
          host.emit({ type: 'schedule', tick: host.tick, action: 'round', round })
          this.tracedRound = round
        }
      }
      goesOn = host.activate(node) === Outcome.Processed
      if (goesOn) worked = true
      n++
    }
    this.index = i
    this.turn = turn
    this.goesOn = goesOn
    this.worked = worked
    this.round = round
    if (n > 0) this.activated = true
    if (turn === null && i >= count && !worked) {
      // The call ended: a round did no work.
      if (this.activated) host.emit({ type: 'schedule', tick: host.tick, action: 'end' })
      this.round = 0
    }
    return n
  }

  private beginCall(): void {
    this.round = 1
    this.index = 0
    this.turn = null
    this.worked = false
    this.activated = false
    this.tracedRound = 0
  }

  atRoundEnd(host: SchedulerHost): boolean {
    if (this.round === 0) return false
    const order = host.order
    let i = this.index
    const at = order[i]
    if (at && this.turn === at) {
      if (this.flush && this.goesOn && at.tasklet.items.length > 0) return false
      i++
    }
    for (; i < order.length; i++) if (order[i]!.tasklet.items.length > 0) return false
    return true
  }

  nodesChanged(host: SchedulerHost): void {
    if (this.turn && (this.turn.removed || !host.order.includes(this.turn))) this.turn = null
    if (this.turn) this.index = host.order.indexOf(this.turn)
    else this.index = Math.min(this.index, host.order.length)
  }

  view(): SchedulerView {
    return { kind: 'taskmaster', mode: this.mode, round: this.round, position: this.turn?.id ?? null, worked: this.worked }
  }

  save(): SchedulerState {
    return {
      kind: 'taskmaster',
      round: this.round,
      index: this.index,
      turn: this.turn?.id ?? null,
      goesOn: this.goesOn,
      worked: this.worked,
      activated: this.activated,
    }
  }

  load(state: SchedulerState, byId: (id: string) => ScheduledNode | undefined): void {
    if (state.kind !== 'taskmaster') return
    this.round = state.round
    this.index = state.index
    this.turn = state.turn === null ? null : (byId(state.turn) ?? null)
    this.goesOn = state.goesOn
    this.worked = state.worked
    this.activated = state.activated
    this.tracedRound = state.round
  }
}
