/**
 * Conditional breakpoints: pause a run when a chosen node activates, when a
 * queue grows past N items, or when a sink receives a value whose text
 * contains a given string. Checked after every activation.
 */
import type { Simulation } from './simulation'
import { pyStr } from './value'

export type Breakpoint =
  | { id: string; kind: 'activation'; node: string; enabled: boolean }
  /** `node` null: any queue. Fires when a queue grows past `above`, not again until it has come back down. */
  | { id: string; kind: 'queue'; node: string | null; above: number; enabled: boolean }
  /** `node` null: any sink. Matches when the value as printed contains `text` (case-insensitive). */
  | { id: string; kind: 'output'; node: string | null; text: string; enabled: boolean }

export interface BreakpointHit {
  breakpoint: Breakpoint
  tick: number
  /** What happened, in words, for the run panel. */
  message: string
}

/** Watches a run for breakpoints; call `check` after each activation. */
export class BreakpointWatch {
  private seenOutputs: number
  /** Queues already past a queue breakpoint's limit (breakpoint id, node id): they fire again only after coming back down. */
  private readonly over = new Set<string>()

  constructor(
    private readonly breakpoints: readonly Breakpoint[],
    sim: Simulation,
  ) {
    this.seenOutputs = sim.outputCount
    for (const bp of breakpoints) {
      if (bp.kind !== 'queue') continue
      for (const node of sim.order) if (node.tasklet.items.length > bp.above) this.over.add(`${bp.id}\u0000${node.id}`)
    }
  }

  /** The first enabled breakpoint the latest activation met, if any. */
  check(sim: Simulation): BreakpointHit | null {
    let hit: BreakpointHit | null = null
    for (const bp of this.breakpoints) {
      if (!bp.enabled || hit) continue
      if (bp.kind === 'activation' && sim.lastActive === bp.node) {
        hit = { breakpoint: bp, tick: sim.tick, message: `${sim.label(bp.node)} activated` }
      } else if (bp.kind === 'queue') {
        const nodes = bp.node === null ? sim.order : [sim.nodes.get(bp.node)].filter((n) => n !== undefined)
        for (const node of nodes) {
          const key = `${bp.id}\u0000${node.id}`
          if (node.tasklet.items.length <= bp.above) this.over.delete(key)
          else if (!this.over.has(key)) {
            this.over.add(key)
            hit ??= { breakpoint: bp, tick: sim.tick, message: `${node.label}'s queue has ${node.tasklet.items.length} items (more than ${bp.above})` }
          }
        }
      } else if (bp.kind === 'output' && sim.outputCount > this.seenOutputs) {
        const fresh = sim.outputs.toArray().slice(-(sim.outputCount - this.seenOutputs))
        const needle = bp.text.toLowerCase()
        const match = fresh.find((o) => (bp.node === null || o.node === bp.node) && pyStr(o.value).toLowerCase().includes(needle))
        if (match) hit = { breakpoint: bp, tick: sim.tick, message: `${sim.label(match.node)} got ${pyStr(match.value)}` }
      }
    }
    this.seenOutputs = sim.outputCount
    return hit
  }
}

/** A watch for `breakpoints` from the run's current tick on, or null when none is enabled (nothing to watch for). */
export function watchFor(breakpoints: readonly Breakpoint[], sim: Simulation): BreakpointWatch | null {
  return breakpoints.some((b) => b.enabled) ? new BreakpointWatch(breakpoints, sim) : null
}
