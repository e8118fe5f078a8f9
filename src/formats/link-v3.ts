/**
 * Link format 3: format 2's compact object (see link-v2.ts), for document
 * version 3, with one key more:
 *
 *     { …format 2…, "ls": lesson }
 *
 * `ls` holds the document's lesson as the document format writes it
 * (docs/lessons.md), the meshes of its `update` actions whole (lz-string
 * packs what they repeat of the mesh). A mesh without a lesson is format
 * 2's object as it was. Frozen like formats 1 and 2: a change of format is
 * `link-v4.ts`.
 */
import type { MeshDocument } from '../engine'
import type { ExpandResult } from './link-v1'
import { compactV2, expandV2, type CompactV2 } from './link-v2'

export type CompactV3 = CompactV2 & { ls?: unknown }

/** The compact form of a version-3 document. */
export function compactV3(doc: MeshDocument): CompactV3 {
  const out: CompactV3 = compactV2(doc)
  if (doc.lesson) out.ls = doc.lesson
  return out
}

/** Turns the compact form back into a version-3 document's JSON, for `parseDocument` to check (the lesson is checked there). */
export function expandV3(data: unknown): ExpandResult {
  const expanded = expandV2(data)
  if (!expanded.ok) return expanded
  const json: Record<string, unknown> = { ...expanded.json, version: 3 }
  const lesson = typeof data === 'object' && data !== null && Object.hasOwn(data, 'ls') ? (data as Record<string, unknown>).ls : undefined
  if (lesson !== undefined) json.lesson = lesson
  return { ok: true, json }
}
