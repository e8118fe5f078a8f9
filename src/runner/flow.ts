/**
 * What moved since the last publish, for the canvas to animate: the items
 * each wire carried (tokens at slow speeds), a smoothed rate per wire
 * (counters and stroke weight at high speeds), the item a tasklet took and
 * the ports that dropped items. Collected from trace events; a fast run
 * without a trace is measured by how many items each node took instead.
 */
import { idRecord, pyStr, type MeshDocument, type TraceEvent } from '../engine'
import type { RunSample } from './run-sample'

export type FlowStyle = 'tokens' | 'counters'

export interface EdgeFlow {
  /** Items it carried since the last publish, as printed (the first few). */
  values: readonly string[]
  count: number
  /** Items a second, smoothed and rounded; null when the run was not traced (weight only). */
  rate: number | null
  /** Stroke weight, 0–4. */
  level: number
}

export interface FlowView {
  style: FlowStyle
  /** Changes at every publish that moved something: tokens restart on it. */
  seq: number
  /** How long a token takes along its wire, in ms. */
  duration: number
  edges: Readonly<Record<string, EdgeFlow>>
  /** Nodes that dropped items since the last publish, with the ports ('' for a full queue). */
  drops: Readonly<Record<string, readonly string[]>>
  /** The latest item a tasklet took (tokens style). */
  took: { node: string; item: string } | null
}

export const NO_FLOW: FlowView = { style: 'tokens', seq: 0, duration: 0, edges: idRecord(), drops: idRecord(), took: null }

/** Values a token shows at most per wire and tick. */
const TOKEN_VALUES = 3
/** Seconds over which rates are smoothed. */
const RATE_TAU = 0.8
/** A rate below this shows nothing. */
const RATE_FLOOR = 0.2

const keyOf = (from: string, port: string, to: string) => `${from}\u0000${port}\u0000${to}`

const edgeIndex = new WeakMap<MeshDocument['edges'], Map<string, string[]>>()
const sourceIndex = new WeakMap<MeshDocument['edges'], Map<string, string[]>>()

function edgesByKey(doc: MeshDocument): Map<string, string[]> {
  let index = edgeIndex.get(doc.edges)
  if (!index) {
    index = new Map()
    for (const e of doc.edges) {
      const key = keyOf(e.source, e.port, e.target)
      index.set(key, [...(index.get(key) ?? []), e.id])
    }
    edgeIndex.set(doc.edges, index)
  }
  return index
}

function edgesBySource(doc: MeshDocument): Map<string, string[]> {
  let index = sourceIndex.get(doc.edges)
  if (!index) {
    index = new Map()
    for (const e of doc.edges) index.set(e.source, [...(index.get(e.source) ?? []), e.id])
    sourceIndex.set(doc.edges, index)
  }
  return index
}

/** Stroke weight for a rate: a step per tenfold. */
export function levelOf(rate: number): number {
  if (rate < RATE_FLOOR) return 0
  return Math.min(4, 1 + Math.floor(Math.log10(Math.max(1, rate))))
}

/** Two significant digits, so a counter does not flicker in its last digit. */
function roundRate(rate: number): number {
  if (rate < 10) return Math.round(rate * 10) / 10
  const magnitude = 10 ** (Math.floor(Math.log10(rate)) - 1)
  return Math.round(rate / magnitude) * magnitude
}

/** A counter keeps showing its rate until the rate moves by a quarter: labels stay still enough to read, and wires re-render less. */
function closeRates(shown: number | null, rate: number | null): boolean {
  if (shown === null || rate === null) return shown === rate
  return Math.abs(rate - shown) <= 0.25 * Math.max(1, shown)
}

export class FlowCollector {
  private emits = new Map<string, { count: number; values: string[] }>()
  private drops = new Map<string, Set<string>>()
  private took: { node: string; item: string } | null = null
  private traced = true
  private rates = new Map<string, number>()
  private activations = new Map<string, number>()
  private lastPublish: number | null = null
  private seq = 0
  /** Set by `clear`: the next publish drops the item shown as taken instead of keeping it. */
  private forgot = false

  /** Takes in one trace event. */
  collect(event: TraceEvent): void {
    if (event.type === 'emit') {
      const key = keyOf(event.from, event.port, event.to)
      const entry = this.emits.get(key)
      if (entry) {
        entry.count++
        if (entry.values.length < TOKEN_VALUES) entry.values.push(pyStr(event.value))
      } else this.emits.set(key, { count: 1, values: [pyStr(event.value)] })
    } else if (event.type === 'activation') {
      this.took = { node: event.node, item: pyStr(event.item) }
    } else if (event.type === 'drop' && event.reason === 'unwired') {
      this.dropAt(event.node, event.port)
    } else if (event.type === 'overflow') {
      this.dropAt(event.node, '')
    }
  }

  /** Whether the run is traced; untraced, wires are weighed by what their source took. */
  setTraced(traced: boolean, sim: RunSample): void {
    this.traced = traced
    if (!traced) this.countActivations(sim)
  }

  /** Forgets what moved (after going back in time, or a reset). */
  clear(): void {
    this.emits.clear()
    this.drops.clear()
    this.took = null
    this.rates.clear()
    this.activations.clear()
    this.lastPublish = null
    this.forgot = true
  }

  /**
   * Forgets what moved, then takes in the events of the tick the run is now
   * at (after going back or forth in time), so that the tick looks as it
   * did when it was stepped to: the item taken, the tokens, the drops.
   */
  recall(events: Iterable<TraceEvent>): void {
    this.clear()
    for (const event of events) this.collect(event)
  }

  /** What moved since the last call, as the canvas shows it; parts that did not change are `previous`'s. */
  publish(sim: RunSample, style: FlowStyle, duration: number, now: number, previous: FlowView): FlowView {
    const doc = sim.document
    const seconds = this.lastPublish === null ? 1 / 60 : Math.max(0.001, (now - this.lastPublish) / 1000)
    this.lastPublish = now
    const counts = this.traced ? this.tracedCounts(doc) : this.untracedCounts(sim, doc)
    const moved = counts.size > 0 || this.drops.size > 0 || this.took !== null
    const decay = Math.exp(-seconds / RATE_TAU)
    const ids = new Set([...this.rates.keys(), ...counts.keys()])
    const edges = idRecord<EdgeFlow>()
    for (const id of ids) {
      const count = counts.get(id)?.count ?? 0
      const rate = (this.rates.get(id) ?? 0) * decay + (count / seconds) * (1 - decay)
      if (rate < RATE_FLOOR / 10 && count === 0) {
        this.rates.delete(id)
        continue
      }
      this.rates.set(id, rate)
      const flow: EdgeFlow =
        style === 'tokens'
          ? { values: counts.get(id)?.values ?? [], count, rate: null, level: count > 0 ? 1 : 0 }
          : { values: [], count, rate: this.traced && rate >= 1 ? roundRate(rate) : null, level: levelOf(rate) }
      if (style === 'tokens' && count === 0) continue
      if (style === 'counters' && flow.level === 0) continue
      const old = previous.edges[id]
      edges[id] = old && style === 'counters' && old.level === flow.level && closeRates(old.rate, flow.rate) ? old : flow
    }
    const drops = idRecord<readonly string[]>()
    for (const [node, ports] of this.drops) drops[node] = [...ports]
    const sameEdges = Object.keys(edges).length === Object.keys(previous.edges).length && Object.keys(edges).every((id) => edges[id] === previous.edges[id])
    const view: FlowView = {
      style,
      seq: moved ? ++this.seq : this.seq,
      duration,
      edges: sameEdges ? previous.edges : edges,
      drops: this.drops.size === 0 && Object.keys(previous.drops).length === 0 ? previous.drops : drops,
      // The item taken stays shown until another is taken or the run goes elsewhere in time.
      took: style === 'tokens' ? (this.took ?? (this.forgot ? null : previous.took)) : null,
    }
    this.emits.clear()
    this.drops.clear()
    this.took = null
    this.forgot = false
    if (view.seq === previous.seq && view.style === previous.style && view.edges === previous.edges && view.drops === previous.drops && view.took === previous.took) {
      return previous
    }
    return view
  }

  private dropAt(node: string, port: string): void {
    const ports = this.drops.get(node) ?? new Set<string>()
    ports.add(port)
    this.drops.set(node, ports)
  }

  private tracedCounts(doc: MeshDocument): Map<string, { count: number; values: string[] }> {
    const index = edgesByKey(doc)
    const counts = new Map<string, { count: number; values: string[] }>()
    for (const [key, entry] of this.emits) for (const id of index.get(key) ?? []) counts.set(id, entry)
    return counts
  }

  private untracedCounts(sim: RunSample, doc: MeshDocument): Map<string, { count: number; values: string[] }> {
    const before = this.activations
    this.countActivations(sim)
    const counts = new Map<string, { count: number; values: string[] }>()
    const bySource = edgesBySource(doc)
    for (const [node, taken] of this.activations) {
      const delta = taken - (before.get(node) ?? taken)
      if (delta > 0) for (const id of bySource.get(node) ?? []) counts.set(id, { count: delta, values: [] })
    }
    return counts
  }

  private countActivations(sim: RunSample): void {
    this.activations = new Map(sim.order.map((node) => [node.id, node.activations]))
  }
}
