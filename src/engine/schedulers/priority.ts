/**
 * The seed's PriorityScheduler, one activation at a time:
 *
 *     def flush(self, incremental=False):
 *         self._fill()
 *         while self._process(incremental):
 *             self._fill()
 *
 * Fill puts every tasklet with items in the priority queue, in node order,
 * at its priority evaluated then. Process takes the lowest number, runs its
 * `flush()` (or `next()` when incremental, our `next` mode) and puts it back
 * at a freshly evaluated priority if items remain. Tasklets that receive
 * items while out of the queue wait for the next fill.
 */
import type { SchedulerMode } from '../document'
import { PriorityQueue } from './priority-queue'
import { Outcome } from '../tasklet'
import { type ScheduledNode, type Scheduler, type SchedulerHost, type SchedulerState, type SchedulerView } from './scheduler'

export class PriorityScheduler implements Scheduler {
  readonly kind = 'priority'
  readonly mode: SchedulerMode
  private readonly queue = new PriorityQueue<ScheduledNode>()
  /** Between `flush()` calls this is false, and the next step fills anew. */
  private inCall = false
  /** The tasklet being executed, and the priority it was taken at. */
  private current: { node: ScheduledNode; priority: number } | null = null
  /** Whether the execution goes on: flush stops at an item that was not processed. */
  private goesOn = false
  /** Whether this process pass has results (the seed's `results` list is non-empty). */
  private passWorked = false
  private activated = false
  /** Fill-and-process passes begun in this call. */
  private pass = 0

  constructor(mode: SchedulerMode) {
    this.mode = mode
  }

  step(host: SchedulerHost): boolean {
    if (!this.inCall) {
      this.inCall = true
      this.activated = false
      this.passWorked = false
      this.fill(host)
    }
    for (;;) {
      const current = this.current
      if (current) {
        const node = current.node
        const queued = node.removed ? 0 : node.tasklet.items.length
        if (this.mode === 'flush' && this.goesOn && queued > 0) return this.take(host, node)
        this.current = null
        if (queued > 0) {
          const priority = host.priorityOf(node)
          host.emit({ type: 'schedule', tick: host.tick, action: 'put-back', node: node.id, priority })
          this.queue.put(node, priority)
        }
      }
      const entry = this.queue.get()
      if (!entry) {
        if (this.passWorked) {
          this.passWorked = false
          this.fill(host)
          if (this.queue.length > 0) continue
        }
        if (this.activated) host.emit({ type: 'schedule', tick: host.tick, action: 'end' })
        this.inCall = false
        this.pass = 0
        return false
      }
      const node = entry.value
      if (node.removed) continue
      const items = node.tasklet.items
      if (host.tracing) {
        host.emit({
          type: 'schedule',
          tick: host.tick,
          action: 'execute',
          node: node.id,
          priority: entry.priority,
          queue: items.slice(host.traceQueueItems),
          queued: items.length,
        })
      }
      this.current = { node, priority: entry.priority }
      // Incremental: `results.append(task.next())` makes any execution a result, even None.
      if (this.mode === 'next') this.passWorked = true
      if (items.length === 0) {
        this.goesOn = false
        continue
      }
      return this.take(host, node)
    }
  }

  private take(host: SchedulerHost, node: ScheduledNode): boolean {
    const outcome = host.activate(node)
    this.goesOn = outcome === Outcome.Processed
    if (this.goesOn) this.passWorked = true
    this.activated = true
    return true
  }

  private fill(host: SchedulerHost): void {
    this.pass++
    if (host.tracing) host.emit({ type: 'schedule', tick: host.tick, action: 'fill' })
    for (const node of host.order) {
      if (node.tasklet.items.length === 0) continue
      const priority = host.priorityOf(node)
      if (host.tracing) host.emit({ type: 'schedule', tick: host.tick, action: 'put', node: node.id, priority })
      this.queue.put(node, priority)
    }
  }

  /** `step`, up to `max` times, until the call ends or an activation sets `host.halt`. */
  run(host: SchedulerHost, max: number): number {
    let n = 0
    while (n < max && this.step(host)) {
      n++
      if (host.halt) break
    }
    return n
  }

  atRoundEnd(): boolean {
    if (!this.inCall) return false
    const current = this.current
    if (current && !current.node.removed && current.node.tasklet.items.length > 0) {
      // flush goes on with it, or it is put back: either way this pass goes on
      return false
    }
    return this.queue.sorted().every((e) => e.value.removed)
  }

  nodesChanged(): void {
    // Removed nodes are skipped when they come out of the queue.
  }

  view(): SchedulerView {
    return {
      kind: 'priority',
      mode: this.mode,
      pass: this.pass,
      queue: this.queue
        .sorted()
        .filter((e) => !e.value.removed)
        .map((e) => ({ node: e.value.id, priority: e.priority })),
      executing: this.current && !this.current.node.removed ? { node: this.current.node.id, priority: this.current.priority } : null,
      filled: this.inCall,
    }
  }

  save(): SchedulerState {
    return {
      kind: 'priority',
      inCall: this.inCall,
      queue: this.queue.sorted().map((e) => ({ priority: e.priority, seq: e.seq, node: e.value.id })),
      seq: this.queue.seq,
      current: this.current ? { node: this.current.node.id, priority: this.current.priority } : null,
      goesOn: this.goesOn,
      passWorked: this.passWorked,
      activated: this.activated,
      pass: this.pass,
    }
  }

  load(state: SchedulerState, byId: (id: string) => ScheduledNode | undefined): void {
    if (state.kind !== 'priority') return
    this.inCall = state.inCall
    const entries = []
    for (const e of state.queue) {
      const node = byId(e.node)
      if (node) entries.push({ priority: e.priority, seq: e.seq, value: node })
    }
    this.queue.load(entries, state.seq)
    const current = state.current && byId(state.current.node)
    this.current = current && state.current ? { node: current, priority: state.current.priority } : null
    this.goesOn = state.goesOn
    this.passWorked = state.passWorked
    this.activated = state.activated
    this.pass = state.pass
  }
}
