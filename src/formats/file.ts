/**
 * Saving and opening a mesh as a `.mesh.json` file: the document as it is,
 * every field written out in a fixed order (so that saving twice gives the
 * same bytes and diffs stay small), read back through `parseDocumentText`
 * with the same checks and the same kind of messages as links.
 */
import { parseDocument, parseDocumentText } from '../engine'
import { fileTooLarge } from './file-save'
import { isRecording, parseRecording } from './recording'
import { openResult, type OpenResult } from './open-result'

export { documentToJson, FILE_EXTENSION, FILE_TYPE, fileTooLarge, MAX_FILE_BYTES, suggestedFileName } from './file-save'

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
