/**
 * Where an output came from: the chain of items that made it, from the
 * initial input or hand send it started from, through each activation and
 * the emit that carried it on, to the sink's print — with the random draws
 * each activation made and the scheduler's decision that ran it.
 *
 * The structure comes from the item ledger the run record already keeps at
 * speed (each item's tasklet, arrival, taken tick and parent: see
 * item-ledger.ts), so nothing more is recorded while the run goes. The
 * details of each step (the values, the port, the draws, the decision) are
 * not kept for a million activations; they are derived by replay, one tick
 * in one pass along the chain's ticks from the keyframe before the first
 * (`Timeline.eventsAt`): a story costs a keyframe's stretch of steps and the
 * ticks it spans, whatever the length of the run.
 */
import type { ItemLedgerData } from './item-ledger'
import { ROOT_INPUT, ROOT_SEND } from './item-ledger'
import type { Timeline } from './timeline'
import type { SchedulerEvent, TraceEvent } from './trace'
import type { Value } from './value'

/** A story names at most this many activations (the latest ones) unless asked for more. */
export const LINEAGE_STEPS = 200

export interface LineageDraw {
  lo: number
  hi: number
  value: number
}

/** One activation along the chain: a tasklet took the item, and (but for the last) emitted the next one. */
export interface LineageStep {
  /** The ledger's id of the item taken. */
  item: number
  node: string
  /** The tick of the activation. */
  tick: number
  /** The tick the item arrived in the tasklet's queue. */
  arrived: number
  /** The item taken. */
  value: Value
  /** The random draws the tasklet made in that activation (a branch's or a recycler's). */
  draws: LineageDraw[]
  /** What the scheduler did to run it, at that tick (the priority scheduler's execute, a policy's or a person's choice…). */
  decision: SchedulerEvent | null
  /** How the next item of the chain left it: the port, the target and the value; null for the last step (it output instead). */
  emit: { port: string; to: string; value: Value } | null
}

export interface Lineage {
  /** The output's index in the ledger's outputs. */
  output: number
  /** What the chain started from: an initial input of the document, a hand send, or something else done by hand. */
  root: 'input' | 'send' | 'other'
  /** The tick the first item arrived at (0 for an initial input). */
  rootTick: number
  /** The activations, first to last; the last one output. */
  steps: LineageStep[]
  /** What was printed, and where, and when. */
  printed: { node: string; tick: number; value: Value } | null
  /** Whether the earliest activations were left out (more than `max`). */
  cut: boolean
}

/**
 * The lineage of output `output` of a run whose record's ledger is `ledger`
 * and whose history `timeline` holds (the run is left at the tick it was
 * at). Null when there is no such output, or one made outside any
 * activation.
 */
export function lineageOfOutput(timeline: Timeline, ledger: ItemLedgerData, output: number, max = LINEAGE_STEPS): Lineage | null {
  if (!Number.isInteger(output) || output < 0 || output >= ledger.outputs) return null
  const last = ledger.outputItem[output]!
  if (last < 0 || last >= ledger.items) return null
  const chain: number[] = []
  let id = last
  while (id >= 0 && id < ledger.items && chain.length < max) {
    chain.push(id)
    id = ledger.parent[id]!
  }
  const cut = id >= 0 && id < ledger.items
  chain.reverse()
  const first = chain[0]!
  const rootParent = ledger.parent[first]!
  const node = (item: number) => ledger.nodes[ledger.node[item]!]!
  // Each activation's events, replayed in one pass along the chain's ticks.
  const eventsAt = timeline.eventsAt(chain.map((item) => ledger.taken[item]!))
  const steps: LineageStep[] = []
  let printed: Lineage['printed'] = null
  for (let i = 0; i < chain.length; i++) {
    const item = chain[i]!
    const tick = ledger.taken[item]!
    const at = node(item)
    const events = eventsAt.get(tick) ?? []
    const activation = events.find((e): e is Extract<TraceEvent, { type: 'activation' }> => e.type === 'activation' && e.node === at)
    const draws = events.flatMap((e) => (e.type === 'random' && 'node' in e && e.node === at && e.use === 'behaviour' ? [{ lo: e.lo, hi: e.hi, value: e.value }] : []))
    const decision = events.find((e): e is SchedulerEvent => e.type === 'schedule' && 'node' in e && e.node === at && e.action !== 'put' && e.action !== 'put-back') ?? null
    let emit: LineageStep['emit'] = null
    const next = chain[i + 1]
    if (next !== undefined) {
      const to = node(next)
      // Which of the values this activation sent to that tasklet: the ledger numbers them in the order sent.
      let nth = 0
      for (let other = next - 1; other >= 0 && ledger.arrival[other] === ledger.arrival[next]; other--)
        if (ledger.parent[other] === item && ledger.node[other] === ledger.node[next]) nth++
      const sent = events.filter((e): e is Extract<TraceEvent, { type: 'emit' }> => e.type === 'emit' && e.from === at && e.to === to)[nth]
      if (sent) emit = { port: sent.port, to, value: sent.value }
    } else {
      const out = events.find((e): e is Extract<TraceEvent, { type: 'output' }> => e.type === 'output' && e.node === node(item))
      if (out) printed = { node: out.node, tick: out.tick, value: out.value }
    }
    steps.push({ item, node: at, tick, arrived: ledger.arrival[item]!, value: activation ? activation.item : null, draws, decision, emit })
  }
  return {
    output,
    root: cut ? 'other' : rootParent === ROOT_INPUT ? 'input' : rootParent === ROOT_SEND ? 'send' : 'other',
    rootTick: ledger.arrival[first]!,
    steps,
    printed,
    cut,
  }
}
