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
import type { MeshDocument } from './document'
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
  /** The ledger's id of the item the story is of: the one whose activation output, the one an activation took, or the one waiting. */
  item: number
  /** The output's index in the ledger's outputs, for an output's story; null for an item's. */
  output: number | null
  /** What the chain started from: an initial input of the document, a hand send, or something else done by hand. */
  root: 'input' | 'send' | 'other'
  /** The tick the first item arrived at (0 for an initial input). */
  rootTick: number
  /** The activations, first to last; the last one output, or took the item the story is of, or sent the one waiting. */
  steps: LineageStep[]
  /** What was printed, and where, and when. */
  printed: { node: string; tick: number; value: Value } | null
  /** The item the story is of when it was still queued at the tick asked: where, since when, and its value (undefined if the replay did not tell it). */
  waiting: { node: string; arrived: number; value: Value | undefined } | null
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
  const lineage = lineageOfItem(timeline, ledger, ledger.outputItem[output]!, { max })
  return lineage && { ...lineage, output }
}

export interface LineageOptions {
  /** At most this many activations (the latest). */
  max?: number
  /** The tick asked about: an item not taken by then is still waiting in its queue (default: the end of the record). */
  at?: number
}

/**
 * Where item `item` of the ledger came from: each activation whose emit
 * carried the chain on to it, and then its own activation (with what it
 * printed, if it did) — or, when it was not taken by tick `at`, the item
 * waiting in its queue. Null when there is no such item.
 *
 * @example lineageOfItem(timeline, ledger, queuedItems(ledger, 'd', timeline.tick)[1]!, { at: timeline.tick })
 */
export function lineageOfItem(timeline: Timeline, ledger: ItemLedgerData, item: number, options: LineageOptions = {}): Lineage | null {
  const plan = planLineage(ledger, item, options)
  return plan && tellLineage(plan, ledger, timeline.eventsAt(plan.ticks), () => timeline.history(0).document)
}

/**
 * Which ticks a story of item `item` needs the trace events of, and its
 * chain, read from the ledger alone (no replay): `tellLineage` tells it from
 * those ticks' events, wherever they were replayed (the page's Timeline,
 * or the sandbox worker's replay of its run).
 */
export interface LineagePlan {
  item: number
  /** The chain's items, first to last (the item itself last). */
  chain: number[]
  /** Whether the item was still waiting at the tick asked. */
  waits: boolean
  /** Whether the earliest activations were left out. */
  cut: boolean
  /** The ticks whose events tell the story, in the chain's order (each activation's; the send's, for a waiting item with no activation before it). */
  ticks: number[]
}

/** A story needs the events of at most this many ticks: an activation a step, and one more for a waiting item's. */
export const LINEAGE_TICKS = LINEAGE_STEPS + 1

/** The plan of the story of item `item` (see LineagePlan); null when there is no such item. */
export function planLineage(ledger: ItemLedgerData, item: number, { max = LINEAGE_STEPS, at = Infinity }: LineageOptions = {}): LineagePlan | null {
  if (!Number.isInteger(item) || item < 0 || item >= ledger.items) return null
  const takenBy = (id: number) => ledger.taken[id]! >= 0 && ledger.taken[id]! <= at
  const waits = !takenBy(item)
  const chain: number[] = []
  let id = item
  while (id >= 0 && id < ledger.items && chain.length < max + (waits ? 1 : 0)) {
    chain.push(id)
    id = ledger.parent[id]!
  }
  const cut = id >= 0 && id < ledger.items
  chain.reverse()
  const activations = waits ? chain.slice(0, -1) : chain
  // Each activation's events, replayed in one pass along the chain's ticks (and the tick a waiting item with no activation before it was sent).
  const ticks = activations.map((of) => ledger.taken[of]!)
  if (waits && activations.length === 0) ticks.push(ledger.arrival[item]!)
  return { item, chain, waits, cut, ticks }
}

/**
 * The story `plan` names, told from `eventsAt`: the trace events of the
 * plan's ticks as the run made them (Timeline.eventsAt's answer; a tick
 * missing is told as having none). `start` gives the run's document at tick
 * 0 (an initial input's value is the document's), asked only when needed.
 */
export function tellLineage(plan: LineagePlan, ledger: ItemLedgerData, eventsAt: ReadonlyMap<number, readonly TraceEvent[]>, start: () => MeshDocument): Lineage {
  const { item, chain, waits, cut } = plan
  const first = chain[0]!
  const rootParent = ledger.parent[first]!
  const node = (of: number) => ledger.nodes[ledger.node[of]!]!
  const activations = waits ? chain.slice(0, -1) : chain
  const steps: LineageStep[] = []
  let printed: Lineage['printed'] = null
  let waiting: Lineage['waiting'] = null
  for (let i = 0; i < activations.length; i++) {
    const of = activations[i]!
    const tick = ledger.taken[of]!
    const here = node(of)
    const events = eventsAt.get(tick) ?? []
    const activation = events.find((e): e is Extract<TraceEvent, { type: 'activation' }> => e.type === 'activation' && e.node === here)
    const draws = events.flatMap((e) => (e.type === 'random' && 'node' in e && e.node === here && e.use === 'behaviour' ? [{ lo: e.lo, hi: e.hi, value: e.value }] : []))
    const decision = events.find((e): e is SchedulerEvent => e.type === 'schedule' && 'node' in e && e.node === here && e.action !== 'put' && e.action !== 'put-back') ?? null
    let emit: LineageStep['emit'] = null
    const next = chain[i + 1]
    if (next !== undefined) {
      const to = node(next)
      // Which of the values this activation sent to that tasklet: the ledger numbers them in the order sent.
      const nth = earlierSiblings(ledger, next, (other) => ledger.parent[other] === of)
      const sent = events.filter((e): e is Extract<TraceEvent, { type: 'emit' }> => e.type === 'emit' && e.from === here && e.to === to)[nth]
      if (sent) emit = { port: sent.port, to, value: sent.value }
    } else {
      const out = events.find((e): e is Extract<TraceEvent, { type: 'output' }> => e.type === 'output' && e.node === here)
      if (out) printed = { node: out.node, tick: out.tick, value: out.value }
    }
    steps.push({ item: of, node: here, tick, arrived: ledger.arrival[of]!, value: activation ? activation.item : null, draws, decision, emit })
  }
  if (waits) {
    let value: Value | undefined = steps.at(-1)?.emit?.value
    if (steps.length === 0 && !cut && rootParent === ROOT_INPUT) {
      // An initial input: the nth of the document's for that tasklet.
      const nth = earlierSiblings(ledger, item, (other) => ledger.parent[other] === ROOT_INPUT)
      value = start().inputs.flatMap((input) => (input.node === node(item) ? input.values : []))[nth]
    } else if (steps.length === 0 && !cut) {
      // Queued by hand: the nth such send to that tasklet at that tick (sends are traced in the order queued; tick 0's are not replayed).
      const nth = earlierSiblings(ledger, item, (other) => ledger.parent[other]! < 0 && ledger.parent[other] !== ROOT_INPUT)
      const sends = (eventsAt.get(ledger.arrival[item]!) ?? []).filter((e): e is Extract<TraceEvent, { type: 'send' }> => e.type === 'send' && e.node === node(item))
      value = sends[nth]?.value
    }
    waiting = { node: node(item), arrived: ledger.arrival[item]!, value }
  }
  return {
    item,
    output: null,
    root: cut ? 'other' : rootParent === ROOT_INPUT ? 'input' : rootParent === ROOT_SEND ? 'send' : 'other',
    rootTick: ledger.arrival[first]!,
    steps,
    printed,
    waiting,
    cut,
  }
}

/** How many items queued just before `item`, at the same tick and tasklet, are like it (`alike`). */
function earlierSiblings(ledger: ItemLedgerData, item: number, alike: (other: number) => boolean): number {
  let nth = 0
  for (let other = item - 1; other >= 0 && ledger.arrival[other] === ledger.arrival[item]; other--) if (ledger.node[other] === ledger.node[item] && alike(other)) nth++
  return nth
}

/**
 * The ledger's ids of the items queued at tasklet `node` after tick `tick`,
 * head first: arrived by then, and not taken or dropped by then. Exact while
 * queues are first in, first out (items are numbered in the order queued); a
 * queue changed by hand out of that order is not, and a caller checks the
 * values against the queue it shows.
 */
export function queuedItems(ledger: ItemLedgerData, node: string, tick: number): number[] {
  const lane = ledger.nodes.indexOf(node)
  const ids: number[] = []
  if (lane < 0) return ids
  const gone = (at: number) => at >= 0 && at <= tick
  for (let id = 0; id < ledger.items && ledger.arrival[id]! <= tick; id++) if (ledger.node[id] === lane && !gone(ledger.taken[id]!) && !gone(ledger.dropped[id]!)) ids.push(id)
  return ids
}

/** The item the activation of tasklet `node` at `tick` took, or -1. */
export function takenItem(ledger: ItemLedgerData, node: string, tick: number): number {
  const lane = ledger.nodes.indexOf(node)
  if (lane < 0) return -1
  // Items are numbered in the order queued (their arrivals never go down), so the one taken at `tick` arrived by then: look back from the last such.
  let lo = 0
  let hi = ledger.items
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ledger.arrival[mid]! <= tick) lo = mid + 1
    else hi = mid
  }
  for (let id = lo - 1; id >= 0; id--) if (ledger.taken[id] === tick && ledger.node[id] === lane) return id
  return -1
}
