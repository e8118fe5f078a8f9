/**
 * Link format 4: format 3's compact object (see link-v3.ts) with the run as
 * it was explored up to the link's tick — what was done by hand at which
 * tick, and where the scheduler's calls ended — so that a link at a tick
 * lands on the run the person saw, not on a run from the mesh's own inputs:
 *
 *     { …format 3…, "x": { "e": [[tick, action], [tick, 0], …], "n": end } }
 *
 * Each entry is `[tick, action]`, or `[tick, 0]` where the scheduler's call
 * ended; an action is written as a recording writes it (formats/recording.ts),
 * an `update`'s document in format 3's compact form. `n` is the tick the
 * history reaches. The encoder writes format 4 only for a link that carries
 * a history (a link without one is format 3's, which every release since
 * lessons opens). What a link holds is untrusted: the history is read by the
 * recording's own reader (`parseRecording`), with its checks and messages.
 * Frozen like formats 1–3: a change of format is `link-v5.ts`.
 */
import * as v from 'valibot'
import type { LogEntry, TimelineHistory } from '../engine'
import type { ExpandResult } from './link-v1'
import { compactV3, expandV3, type CompactV3 } from './link-v3'

type CompactEntry = [number, unknown]
export type CompactV4 = CompactV3 & { x: { e: CompactEntry[]; n: number } }

/** The compact form of a version-3 document with its run's history (whose document it is). */
export function compactV4(history: TimelineHistory): CompactV4 {
  const entries = history.entries.map((entry: LogEntry): CompactEntry => {
    if (entry.action === null) return [entry.tick, 0]
    if (entry.action.type === 'update') return [entry.tick, { type: 'update', document: compactV3(entry.action.document) }]
    return [entry.tick, entry.action]
  })
  return { ...compactV3(history.document), x: { e: entries, n: history.end } }
}

const HistorySchema = v.object({
  x: v.object({
    e: v.array(v.tuple([v.unknown(), v.unknown()])),
    n: v.unknown(),
  }),
})

/** The history a format-4 link carries, as a recording's raw fields (`entries`, `end`), for `parseRecording` to check; its updates' documents expanded. */
export type ExpandedHistory = { ok: true; entries: { tick: unknown; action: unknown }[]; end: unknown } | { ok: false; errors: string[] }

/** Turns the compact form back into a version-3 document's JSON, for `parseDocument` to check. */
export function expandV4(data: unknown): ExpandResult {
  return expandV3(data)
}

/** The compact history of a format-4 link, turned back into a recording's entries (each update's document expanded from format 3's compact form). */
export function expandHistoryV4(data: unknown): ExpandedHistory {
  const parsed = v.safeParse(HistorySchema, data)
  if (!parsed.success) return { ok: false, errors: ['its run ("x") is not a list of entries ("e") and an end ("n")'] }
  const entries: { tick: unknown; action: unknown }[] = []
  for (const [i, [tick, action]] of parsed.output.x.e.entries()) {
    if (action === 0) {
      entries.push({ tick, action: null })
      continue
    }
    const update = typeof action === 'object' && action !== null && (action as { type?: unknown }).type === 'update'
    if (!update) {
      entries.push({ tick, action })
      continue
    }
    const expanded = expandV3((action as { document?: unknown }).document)
    if (!expanded.ok) return { ok: false, errors: expanded.errors.map((e) => `its run's entry ${i + 1} edits the mesh, but ${e}`) }
    entries.push({ tick, action: { type: 'update', document: expanded.json } })
  }
  return { ok: true, entries, end: parsed.output.x.n }
}
