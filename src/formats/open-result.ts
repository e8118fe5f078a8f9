/** What opening a shared mesh (a link or a file) comes to, with a message a person can act on. */
import { joinErrors, MAX_MESSAGE, type MeshDocument, type ParseResult } from '../engine'

import type { Recording } from './recording'

/** A file may hold a recording: the mesh, and its run as it was explored, to replay. */
export type OpenResult = { ok: true; document: MeshDocument; recording?: Recording } | { ok: false; error: string }

/** Turns parseDocument's result into an OpenResult, naming what was opened ("This link", "This file"). */
export function openResult(subject: string, parsed: ParseResult | { ok: false; errors: string[] }): OpenResult {
  if (parsed.ok) return parsed
  const lead = `${subject} cannot be opened: `
  return { ok: false, error: `${lead}${joinErrors(parsed.errors, MAX_MESSAGE - lead.length - 1)}.` }
}
