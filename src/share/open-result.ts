/** What opening a shared mesh (a link or a file) comes to, with a message a person can act on. */
import type { MeshDocument, ParseResult } from '../engine'

export type OpenResult = { ok: true; document: MeshDocument } | { ok: false; error: string }

/** How many of parseDocument's errors a message lists before "and N more". */
const SHOWN_ERRORS = 3

/** Turns parseDocument's result into an OpenResult, naming what was opened ("This link", "This file"). */
export function openResult(subject: string, parsed: ParseResult): OpenResult {
  if (parsed.ok) return parsed
  return { ok: false, error: `${subject} cannot be opened: ${listErrors(parsed.errors)}.` }
}

export function listErrors(errors: readonly string[]): string {
  const shown = errors.slice(0, SHOWN_ERRORS).join('; ')
  const more = errors.length - SHOWN_ERRORS
  return more > 0 ? `${shown}; and ${more} more` : shown
}

/** A number as people write it: 100,000. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}
