/**
 * What saving a mesh file needs, and the size check opening one makes
 * first, apart from the reader (file.ts), which loads with the first file
 * opened: the page saves without it.
 */
import { copyDocument, count, type MeshDocument } from '../engine'

/** The largest file opened: far above any document the format allows with sensible text. */
export const MAX_FILE_BYTES = 10_000_000
export const FILE_EXTENSION = '.mesh.json'
export const FILE_TYPE = 'application/json'

/** The document as pretty JSON, keys in the order of docs/mesh-format.md (the engine's one copy of a document). */
export function documentToJson(doc: MeshDocument): string {
  return JSON.stringify(copyDocument(doc), null, 2) + '\n'
}

/** A file name from the title: "Meshing Part 3: start…" → `meshing-part-3-start….mesh.json`. */
export function suggestedFileName(doc: MeshDocument): string {
  const slug = doc.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `${slug || 'mesh'}${FILE_EXTENSION}`
}

/** Why a file of this many bytes is not opened, or null: ask before reading a dropped file. */
export function fileTooLarge(bytes: number): string | null {
  if (bytes <= MAX_FILE_BYTES) return null
  return `This file is too large to be a mesh: ${count(bytes)} bytes, where a mesh file is at most ${count(MAX_FILE_BYTES)}.`
}
