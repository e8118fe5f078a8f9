/**
 * Conditional breakpoints: pause a run when a chosen node activates, when a
 * queue grows past N items, or when a sink receives a value whose text
 * contains a given string. Checked after every activation.
 */
import type { Simulation } from './simulation'
import type { Timeline } from './timeline'
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

export interface RunUntilResult {
  steps: number
  /** Why it stopped: a breakpoint, no work left, a limit, or the step count. */
  reason: 'breakpoint' | 'idle' | 'steps' | 'budget' | 'queue-cap'
  hit: BreakpointHit | null
}

/** Steps a timeline until a breakpoint, the end of the run, a limit, or `maxSteps`. */
export function runUntil(timeline: Timeline, breakpoints: readonly Breakpoint[], maxSteps = Infinity): RunUntilResult {
  if (!breakpoints.some((b) => b.enabled)) {
    const result = timeline.run(maxSteps)
    return { ...result, hit: null }
  }
  const watch = new BreakpointWatch(breakpoints, timeline.sim)
  let steps = 0
  while (steps < maxSteps) {
    if (!timeline.step()) return { steps, reason: timeline.sim.halt ?? 'idle', hit: null }
    steps++
    const hit = watch.check(timeline.sim)
    if (hit) return { steps, reason: 'breakpoint', hit }
    if (timeline.sim.halt) return { steps, reason: timeline.sim.halt, hit: null }
  }
  return { steps, reason: 'steps', hit: null }
}
