/**
 * Saving and opening a mesh as a `.mesh.json` file: the document as it is,
 * every field written out in a fixed order (so that saving twice gives the
 * same bytes and diffs stay small), read back through `parseDocumentText`
 * with the same checks and the same kind of messages as links.
 */
import { copyDocument, parseDocument, parseDocumentText, type MeshDocument } from '../engine'
import { isRecording, parseRecording } from './recording'
import { count } from '../engine'
import { openResult, type OpenResult } from './open-result'

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

/** Reads a saved mesh file's text; never throws, and says what is wrong with a bad file. */
export function readMeshFile(text: string): OpenResult {
  if (typeof text !== 'string') return { ok: false, error: 'This file could not be read as text.' }
  // A string's length in UTF-16 units is at most its size in UTF-8 bytes: a cheap first check.
  const tooLarge = fileTooLarge(text.length)
  if (tooLarge) return { ok: false, error: tooLarge }
  const body = text.replace(/^\uFEFF/, '')
  if (body.trim() === '') return { ok: false, error: 'This file is empty.' }
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    // parseDocumentText says where the JSON stops being JSON.
    const parsed = parseDocumentText(body)
    const only = !parsed.ok && parsed.errors.length === 1 ? parsed.errors[0]! : ''
    return only.startsWith('not valid JSON') ? { ok: false, error: `This file is ${only}.` } : openResult('This file', parsed)
  }
  if (!isRecording(data)) return openResult('This file', parseDocument(data))
  // A recording: the mesh and the run as it was explored.
  const recording = parseRecording(data)
  if (!recording.ok) return openResult('This recording', recording)
  return { ok: true, document: recording.recording.history.document, recording: recording.recording }
}
