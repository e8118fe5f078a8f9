/**
 * The run's trace, kept outside React: the newest events in a fixed ring,
 * the seed's printed lines beside them (taken when the event happened, with
 * the labels of then), a gap entry where a fast run went untraced, and
 * truncation when the run goes back to an earlier tick.
 */
import { describeEvent, seedLines, type TraceEvent } from '../engine'

/** Events kept (the newest); older ones fall off the front. */
export const TRACE_KEEP = 100_000

/** Ticks a fast run made without a trace. `tick` is the last of them. */
export interface TraceGap {
  type: 'gap'
  tick: number
  from: number
}

export type TraceEntry = TraceEvent | TraceGap

export type TraceText = 'seed' | 'events'

const gapText = (gap: TraceGap) =>
  gap.from === gap.tick ? `… tick ${gap.from} ran untraced` : `… ticks ${gap.from}–${gap.tick} ran untraced (a fast run); step back to see any of them`

/** One line of the events view, for any entry. */
export function describeEntry(entry: TraceEntry, label: (id: string) => string): string {
  return entry.type === 'gap' ? gapText(entry) : describeEvent(entry, label)
}

/** A ring of `capacity` items addressed by absolute position: the first ever pushed is 0. */
class Ring<T> {
  private readonly items: (T | undefined)[] = []
  first = 0
  end = 0

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.end - this.first
  }

  /** Adds one at the end; returns the absolute position of the one that fell off the front, or -1. */
  push(item: T): number {
    this.items[this.end % this.capacity] = item
    this.end++
    if (this.end - this.first > this.capacity) return this.first++
    return -1
  }

  at(position: number): T {
    return this.items[position % this.capacity] as T
  }

  set(position: number, item: T): void {
    this.items[position % this.capacity] = item
  }

  pop(): void {
    this.end--
    this.items[this.end % this.capacity] = undefined
  }

  clear(): void {
    this.items.length = 0
    this.first = this.end = 0
  }
}

export class TraceLog {
  private readonly entries: Ring<TraceEntry>
  private readonly lines: Ring<string>
  /** For each line, the absolute position of the entry it belongs to. */
  private readonly owners: Ring<number>
  /** Changes whenever the log does, for views to know when to read it again. */
  revision = 0

  constructor(capacity = TRACE_KEEP) {
    this.entries = new Ring(capacity)
    this.lines = new Ring(capacity)
    this.owners = new Ring(capacity)
  }

  /** Entries kept. */
  get length(): number {
    return this.entries.length
  }

  /** Entries ever pushed in this history (including those that fell off). */
  get total(): number {
    return this.entries.end
  }

  /** Lines of the seed's text kept. */
  get lineCount(): number {
    return this.lines.length
  }

  /** The i-th entry kept, oldest first. */
  at(i: number): TraceEntry {
    return this.entries.at(this.entries.first + i)
  }

  /** The i-th line of the seed's text kept, oldest first. */
  lineAt(i: number): string {
    return this.lines.at(this.lines.first + i)
  }

  push(event: TraceEntry, label: (id: string) => string): void {
    const position = this.entries.end
    this.entries.push(event)
    for (const line of event.type === 'gap' ? [gapText(event)] : seedLines(event, label)) {
      this.lines.push(line)
      this.owners.push(position)
    }
    // Lines of entries that fell off go too.
    while (this.owners.length > 0 && this.owners.at(this.owners.first) < this.entries.first) {
      this.owners.first++
      this.lines.first++
    }
    this.revision++
  }

  /** Notes that ticks `from` to `to` ran untraced (merged with a gap just before). */
  gap(from: number, to: number): void {
    if (to < from) return
    const last = this.entries.length > 0 ? this.entries.at(this.entries.end - 1) : null
    if (last?.type === 'gap' && last.tick >= from - 1) {
      this.popEntry()
      this.push({ type: 'gap', from: last.from, tick: Math.max(to, last.tick) }, String)
    } else this.push({ type: 'gap', from, tick: to }, String)
  }

  /**
   * Drops what happened after `tick`: events of later ticks, and the
   * scheduler's bookkeeping that began the step after it (its events carry
   * the tick before their activation).
   */
  truncate(tick: number): void {
    let changed = false
    while (this.entries.length > 0) {
      const last = this.entries.at(this.entries.end - 1)
      if (last.type === 'gap' && last.from <= tick && last.tick > tick) {
        this.popEntry()
        this.push({ type: 'gap', from: last.from, tick }, String)
        break
      }
      if (last.tick > tick || (last.tick === tick && last.type === 'schedule')) {
        this.popEntry()
        changed = true
      } else break
    }
    if (changed) this.revision++
  }

  /** The events kept of one tick, in order (none where it ran untraced). */
  eventsAt(tick: number): TraceEvent[] {
    const events: TraceEvent[] = []
    for (let i = this.entries.end - 1; i >= this.entries.first; i--) {
      const entry = this.entries.at(i)
      if (entry.tick < tick) break
      if (entry.tick === tick && entry.type !== 'gap') events.push(entry)
    }
    return events.reverse()
  }

  clear(): void {
    this.entries.clear()
    this.lines.clear()
    this.owners.clear()
    this.revision++
  }

  /** The trace as text: the seed's printed lines, or one line per event. */
  toText(text: TraceText, label: (id: string) => string): string {
    const out: string[] = []
    if (text === 'seed') for (let i = 0; i < this.lineCount; i++) out.push(this.lineAt(i))
    else for (let i = 0; i < this.length; i++) out.push(`${this.at(i).tick}\t${describeEntry(this.at(i), label)}`)
    return out.length ? `${out.join('\n')}\n` : ''
  }

  /** One JSON object a line, as `npm run simulate` writes them (plus gap entries). */
  toJsonl(): string {
    const out: string[] = []
    for (let i = 0; i < this.length; i++) out.push(JSON.stringify(this.at(i)))
    return out.length ? `${out.join('\n')}\n` : ''
  }

  private popEntry(): void {
    const position = this.entries.end - 1
    this.entries.pop()
    while (this.owners.length > 0 && this.owners.at(this.owners.end - 1) >= position) {
      this.owners.pop()
      this.lines.pop()
    }
    this.revision++
  }
}
