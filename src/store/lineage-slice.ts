/**
 * The lineage slice: which story of where an item came from shows (an
 * output's, a queued item's or a trace line's), and the path it lights on
 * the canvas — the wires its emits went along and the cards it went
 * through, numbered in order — so each wire and card selects only its own
 * bit. The story itself is told by the run slice's verbs (outputLineage,
 * queuedItemLineage, takenItemLineage) from the run's record.
 */
import type { Lineage, MeshDocument, Value } from '../engine'
import type { SliceCreator } from './mesh-store'

/** What a story is of. */
export type StorySubject =
  /** What sink `node` printed at `tick`. */
  | { kind: 'output'; node: string; tick: number }
  /** The item at `index` (0 the head) of `node`'s queue after `tick`, whose value the queue showed as `value`. */
  | { kind: 'queued'; node: string; index: number; tick: number; value: Value }
  /** The item `node`'s activation at `tick` took (a trace line). */
  | { kind: 'taken'; node: string; tick: number }

/** The path a story lights: per wire id and per card id, the story's step numbers (1 the first activation) on it. */
export interface LitPath {
  readonly edges: ReadonlyMap<string, readonly number[]>
  readonly numbers: ReadonlyMap<string, readonly number[]>
}

export interface LineageSlice {
  /** The story showing, or null. */
  story: StorySubject | null
  /** The path the story showing lights on the canvas, once it is told. */
  lineageShown: LitPath | null
  /** Shows the story of `subject` (null closes it, and the canvas goes back to normal). */
  showStory(subject: StorySubject | null): void
  /** The story showing was told: its path is lit (null: it could not be). */
  lightLineage(lineage: Lineage | null): void
}

const push = (map: Map<string, number[]>, key: string, n: number) => {
  const list = map.get(key)
  if (list) list.push(n)
  else map.set(key, [n])
}

/**
 * The wires and cards of `lineage` in `document`: step i's card gets number
 * i + 1, and the wire its emit went along (by its port and target) that
 * number too; a waiting item's card the number after the last step's. A
 * card visited more than once has all its numbers.
 */
export function litPath(document: MeshDocument, lineage: Lineage): LitPath {
  const edges = new Map<string, number[]>()
  const numbers = new Map<string, number[]>()
  lineage.steps.forEach((step, i) => {
    push(numbers, step.node, i + 1)
    const emit = step.emit
    if (!emit) return
    const wire = document.edges.find((e) => e.source === step.node && e.port === emit.port && e.target === emit.to)
    if (wire) push(edges, wire.id, i + 1)
  })
  if (lineage.waiting) push(numbers, lineage.waiting.node, lineage.steps.length + 1)
  return { edges, numbers }
}

export const createLineageSlice: SliceCreator<LineageSlice> = (set, get) => ({
  story: null,
  lineageShown: null,
  showStory(subject) {
    if (subject === null && get().story === null) return
    set({ story: subject, lineageShown: null })
  },
  lightLineage(lineage) {
    if (get().story === null) return
    set({ lineageShown: lineage ? litPath(get().document, lineage) : null })
  },
})

/** "Steps 3 and 7 of the story" */
export function stepsText(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Step ${numbers[0]} of the story`
  return `Steps ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} of the story`
}
