/**
 * A run as the scheduling views read it. `RunLanes` is who ran at each tick
 * and every tasklet's queue after it: what the Lanes view (a Gantt chart of
 * the run) draws and the Compare panel stacks. Plain data and typed arrays,
 * so a record made in the sandbox worker crosses to the page as it is.
 */

export interface RunLanes {
  /** The tasklets, one lane each, in the scheduler's order (nodes added during the run follow; deleted ones stay). */
  readonly nodes: readonly string[]
  /** Ticks recorded: 1 … ticks. */
  readonly ticks: number
  /** `ran[t - 1]` is the index in `nodes` of the tasklet that took an item at tick t. */
  readonly ran: Int32Array
  /** Ticks between two queue samples: 1 is every tick; a power of two, doubled when a long run's samples would not fit. */
  readonly queueStride: number
  /** `queued[k * nodes.length + i]` is node i's queue length after tick (k + 1) · queueStride. */
  readonly queued: Uint32Array
}
