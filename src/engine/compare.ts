/**
 * Compare: the same mesh and seed under several schedulers, measured side by
 * side — ticks to drain, the longest queue, and the order of the outputs.
 */
import type { MeshDocument, SchedulerKind, SchedulerMode } from './document'
import { Simulation } from './simulation'
import { pyStr } from './value'

export interface RunMetrics {
  scheduler: SchedulerKind
  mode: SchedulerMode
  /** Activations until the scheduler ran out of work (or was stopped). */
  ticks: number
  stopped: 'idle' | 'budget' | 'queue-cap' | 'steps'
  longestQueue: { node: string; length: number; tick: number } | null
  /** Sink outputs in the order they arrived, as printed. */
  outputs: string[]
}

/** Tracks the longest queue seen in a run, after each activation. */
export class QueueWatch {
  longest: RunMetrics['longestQueue'] = null

  observe(sim: Simulation): void {
    for (const node of sim.order) {
      const length = node.tasklet.items.length
      if (length > (this.longest?.length ?? 0)) this.longest = { node: node.id, length, tick: sim.tick }
    }
  }
}

/** Runs the document once per scheduler (same seed), at most `maxTicks` each. */
export function compareSchedulers(
  document: MeshDocument,
  schedulers: readonly { scheduler: SchedulerKind; mode: SchedulerMode }[],
  maxTicks = 100_000,
): RunMetrics[] {
  return schedulers.map(({ scheduler, mode }) => {
    const sim = new Simulation({ ...document, scheduler, mode })
    const watch = new QueueWatch()
    watch.observe(sim)
    let stopped: RunMetrics['stopped'] = 'steps'
    while (sim.tick < maxTicks) {
      if (!sim.step()) {
        stopped = sim.halt ?? 'idle'
        break
      }
      watch.observe(sim)
      if (sim.halt) {
        stopped = sim.halt
        break
      }
    }
    return {
      scheduler,
      mode,
      ticks: sim.tick,
      stopped,
      longestQueue: watch.longest,
      outputs: sim.outputs.toArray().map((o) => pyStr(o.value)),
    }
  })
}
