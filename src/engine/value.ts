/**
 * Work items are plain JSON scalars, and the node kinds treat them as the
 * seed's Python did: `"2x1" + 1` raises a TypeError instead of quietly
 * becoming "2x11", and output reads as Python would print it.
 */

import { count } from './count'
export type Value = string | number | boolean | null

/** The error a behaviour raises where Python would have raised TypeError. */
export class PyTypeError extends Error {
  override name = 'TypeError'
}

export function isValue(v: unknown): v is Value {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
}

/**
 * The longest string a value may be, in characters: ten times what a
 * document allows, and far from what a page can hold in every queue and
 * keyframe. A doubler sending to itself reaches it after ~2,500 rounds.
 */
export const MAX_VALUE_LENGTH = 5_000

/** The error a node raises when it sends what a mesh cannot carry, as Python raises ValueError. */
export class PyValueError extends Error {
  override name = 'ValueError'
}

/**
 * Whether a value may go along a wire: a number (finite: JSON has no NaN or
 * Infinity, and JavaScript's 0/0 and 1/0 are where Python raises), a string
 * of at most MAX_VALUE_LENGTH characters, true, false or null. Small, for the
 * path every sent item takes.
 */
export function isSendable(v: unknown): v is Value {
  if (typeof v === 'string') return v.length <= MAX_VALUE_LENGTH
  if (typeof v === 'number') return Number.isFinite(v)
  return v === null || typeof v === 'boolean'
}

/** What a value is, in words, for a message: "an object", "NaN", "a string of 5,001 characters". Never throws. */
export function describeUnsendable(v: unknown): string {
  if (typeof v === 'string') return `a string of ${count(v.length)} characters`
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'
  if (v === undefined) return 'undefined'
  if (typeof v === 'bigint') return 'a BigInt'
  if (typeof v === 'symbol') return 'a symbol'
  if (typeof v === 'function') return 'a function'
  return Array.isArray(v) ? 'an array' : 'an object'
}

/** The error for a value `who` sent that a mesh cannot carry; it names the node and what it sent. */
export function unsendableError(who: string, v: unknown): PyValueError {
  const what = describeUnsendable(v)
  if (typeof v === 'string') return new PyValueError(`${who} sent ${what}; a value can be at most ${count(MAX_VALUE_LENGTH)} characters long`)
  if (typeof v === 'number') return new PyValueError(`${who} sent ${what}; a code node can send numbers (not NaN or Infinity), strings, true/false or null`)
  return new PyValueError(`${who} sent ${what}; a code node can send numbers, strings, true/false or null`)
}

/** Python's type name for a value: `int`, `float`, `str`, `bool`, `NoneType`. */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType'
  if (typeof v === 'string') return 'str'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float'
  return 'object'
}

function floatStr(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (n === Infinity) return 'inf'
  if (n === -Infinity) return '-inf'
  const s = String(n)
  // Python writes exponents with at least two digits: 1e-07, 1e+21.
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s
}

/** Python's `str(v)`: what `print` and `'{}'.format(v)` show. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isSafeInteger(v) ? '' + v : floatStr(v)
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (v === null || v === undefined) return 'None'
  // Never reached by what a mesh carries (see isSendable); never throws either.
  return `<${describeUnsendable(v)}>`
}

/** Characters Python's `str.isprintable()` rejects (all but the plain space), which `repr` escapes. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]/u

/** Python's `repr(v)`: strings quoted and escaped as Python 3 does. */
export function pyRepr(v: unknown): string {
  if (typeof v !== 'string') return pyStr(v)
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of v) {
    const code = ch.codePointAt(0) ?? 0
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += '\\' + quote
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch !== ' ' && UNPRINTABLE.test(ch)) {
      const hex = code.toString(16)
      out += code <= 0xff ? '\\x' + hex.padStart(2, '0') : code <= 0xffff ? '\\u' + hex.padStart(4, '0') : '\\U' + hex.padStart(8, '0')
    } else out += ch
  }
  return out + quote
}

/** How the seed's Tasklet holds one queued item, `((value,), {})`, as `print` shows it. */
export function pyItem(v: unknown): string {
  return `((${pyRepr(v)},), {})`
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  return undefined
}

/** Python's `a + b`. */
export function add(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a + b
  return addOther(a, b)
}

/** `add` for all but two numbers: kept apart so that the common case stays small. */
function addOther(a: Value, b: Value): Value {
  const x = asNumber(a)
  const y = asNumber(b)
  if (x !== undefined && y !== undefined) return x + y
  if (typeof a === 'string' && typeof b === 'string') return a + b
  if (typeof a === 'string') throw new PyTypeError(`can only concatenate str (not "${pyType(b)}") to str`)
  throw new PyTypeError(`unsupported operand type(s) for +: '${pyType(a)}' and '${pyType(b)}'`)
}

/** Python's `a % b` for a number, with the divisor's sign. */
export function mod(a: Value, b: number): number {
  if (typeof a === 'number') return ((a % b) + b) % b
  return modOther(a, b)
}

function modOther(a: Value, b: number): number {
  const x = asNumber(a)
  if (x === undefined) {
    if (typeof a === 'string') throw new PyTypeError('not all arguments converted during string formatting')
    throw new PyTypeError(`unsupported operand type(s) for %: '${pyType(a)}' and '${pyType(b)}'`)
  }
  return ((x % b) + b) % b
}

/** Python's `separator.join(parts)`: every part must already be a string. */
export function join(separator: string, parts: readonly Value[]): string {
  parts.forEach((part, i) => {
    if (typeof part !== 'string') throw new PyTypeError(`sequence item ${i}: expected str instance, ${pyType(part)} found`)
  })
  return parts.join(separator)
}

/** Templates split at their `{}` fields, kept: a node formats the same template for every item. */
const templates = new Map<string, string[]>()

/** Python's `template.format(...args)` for positional `{}` fields. */
export function format(template: string, ...args: unknown[]): string {
  let parts = templates.get(template)
  if (parts === undefined) {
    parts = template.split('{}')
    if (templates.size < 256) templates.set(template, parts)
  }
  let out = parts[0]!
  for (let i = 1; i < parts.length; i++) out += pyStr(args[i - 1]) + parts[i]!
  return out
}
