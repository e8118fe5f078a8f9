/**
 * The schema library's issues, told as people say them. valibot's own text
 * ("Invalid type: Expected 1 but received 0") is written for programmers and
 * echoes whatever was received, however long; `issueMessage` is given to
 * `safeParse` as the message of every issue a schema has no wording of its
 * own for, and `issuePath` names the field with any key cut short.
 */
import type * as v from 'valibot'

import { excerpt } from './hidden-text'

/** The longest message shown to a person, in characters. */
export const MAX_MESSAGE = 200

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  Array: 'a list',
  Object: 'an object',
}

/** What a value is, in a few words: `"ab…"`, `the number 5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (typeof value === 'string') return value === '' ? 'empty text' : `the text "${excerpt(value)}"`
  if (typeof value === 'number') return `the number ${excerpt(String(value), 16)}`
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

function expectedText(expected: string | null): string {
  if (!expected) return 'something else'
  return expected
    .split(' | ')
    .map((part) => NOUNS[part] ?? part)
    .join(' or ')
}

/** An issue as the end of a sentence about its field: "must be 1, not the number 0", "is missing". */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const input = issue.input
  const req = (issue as { requirement?: unknown }).requirement
  switch (issue.type) {
    case 'max_length':
      return typeof input === 'string' ? `is longer than ${String(req)} characters` : `has more than ${String(req)} items`
    case 'min_length':
      return typeof input === 'string' ? (req === 1 ? 'is empty' : `is shorter than ${String(req)} characters`) : `has fewer than ${String(req)} items`
    case 'max_value':
      return `is above ${String(req)}`
    case 'min_value':
      return `is below ${String(req)}`
    case 'integer':
      return 'is not a whole number'
    case 'finite':
      return 'is not a finite number'
    case 'regex':
      return `does not have the right form (${excerpt(typeof input === 'string' ? input : '', 16) || 'empty'})`
  }
  if (issue.kind !== 'schema') return 'is not allowed here'
  if (input === undefined) return 'is missing'
  if (issue.expected === 'never') return 'is one item too many'
  return `must be ${expectedText(issue.expected)}, not ${describeValue(input)}`
}

/** The field an issue is about, as `nodes[0].params.speed`, each key cut short; `document` for the whole. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = ''
  for (const item of issue.path ?? []) {
    const key = item.key
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${excerpt(String(key))}`
  }
  return out || 'document'
}

/**
 * Errors joined with "; " in at most `room` characters: as many whole ones
 * as fit, then "and N more". The first is cut short if it alone is too long.
 */
export function joinErrors(errors: readonly string[], room: number): string {
  if (errors.length === 0) return ''
  const first = errors[0]!
  // Room for "; and N more" after the first, when there are more.
  const fits = errors.length > 1 ? room - 14 : room
  let out = first.length > fits ? `${first.slice(0, Math.max(fits - 1, 1))}…` : first
  let shown = 1
  for (const error of errors.slice(1)) {
    const rest = errors.length - shown - 1
    const tail = rest > 0 ? `; and ${rest} more`.length : 0
    if (out.length + 2 + error.length + tail > room) break
    out += `; ${error}`
    shown++
  }
  const more = errors.length - shown
  return more > 0 ? `${out}; and ${more} more` : out
}
