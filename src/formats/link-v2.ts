/**
 * Link format 2: format 1's compact object (see link-v1.ts), for document
 * version 2, with one key more:
 *
 *     { …format 1…, "gr": [[node index, inside], …] }
 *
 * `gr` holds each group node's inside as the document format writes it
 * (docs/mesh-format.md, "group"), by the group's index in `n`; groups inside
 * it are inside its inside. A mesh without groups is format 1's object as
 * it was. Frozen like format 1: a change of format is `link-v3.ts`.
 */
import * as v from 'valibot'
import type { MeshDocument } from '../engine'
import { compactV1, expandV1, type CompactV1, type ExpandResult } from './link-v1'

export type CompactV2 = CompactV1 & { gr?: [number, unknown][] }

/** The compact form of a version-2 document. */
export function compactV2(doc: MeshDocument): CompactV2 {
  const out: CompactV2 = compactV1(doc)
  const groups = doc.nodes.flatMap((node, i): [number, unknown][] => (node.group ? [[i, node.group]] : []))
  if (groups.length) out.gr = groups
  return out
}

const GroupsSchema = v.object({
  gr: v.optional(v.array(v.tuple([v.pipe(v.number(), v.integer(), v.minValue(0)), v.unknown()]))),
})

/** Turns the compact form back into a version-2 document's JSON, for `parseDocument` to check (the insides are checked there). */
export function expandV2(data: unknown): ExpandResult {
  const expanded = expandV1(data)
  if (!expanded.ok) return expanded
  const groups = v.safeParse(GroupsSchema, data)
  if (!groups.success) return { ok: false, errors: ['its groups ("gr") are not a list of [node number, inside]'] }
  const nodes = expanded.json.nodes as Record<string, unknown>[]
  for (const [index, inside] of groups.output.gr ?? []) {
    const node = nodes[index]
    if (!node) return { ok: false, errors: [`a group's inside for node ${index + 1}, but the mesh has only ${nodes.length} nodes`] }
    node.group = inside
  }
  return { ok: true, json: { ...expanded.json, version: 2 } }
}
