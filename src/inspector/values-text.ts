/**
 * Work items typed as text, the way the seed feeds a tasklet `a(0)(1)(2)(3)`:
 * `0 1 2 3`. Numbers become numbers, quoted text and bare words become
 * strings, `True`/`False`/`None` (or `true`/`false`/`null`) the Python
 * constants. Spaces or commas separate items.
 */
import { count, describeUnsendable, MAX_VALUE_LENGTH, type Value } from '../engine'

export type ValuesParse = { ok: true; values: Value[] } | { ok: false; error: string }

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const KEYWORDS: Record<string, Value> = { True: true, true: true, False: false, false: false, None: null, null: null }
const SEPARATOR = /[\s,]/
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' }

/** Reads `0 1 'two words' x True None` into values; the error names the item at fault. */
export function parseValues(text: string): ValuesParse {
  const values: Value[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (SEPARATOR.test(ch)) {
      i++
      continue
    }
    if (ch === "'" || ch === '"') {
      const read = readQuoted(text, i)
      if (!read.ok) return read
      values.push(read.value)
      i = read.end
      if (i < text.length && !SEPARATOR.test(text[i]!)) {
        return { ok: false, error: `put a space after the closing ${ch} at position ${i}` }
      }
      continue
    }
    let end = i
    while (end < text.length && !SEPARATOR.test(text[end]!)) {
      if (++end - i > MAX_VALUE_LENGTH) return { ok: false, error: tooLong(i) }
    }
    const word = text.slice(i, end)
    if (word.includes("'") || word.includes('"')) return { ok: false, error: `a quote in the middle of ${word}: quote the whole item` }
    values.push(wordValue(word))
    i = end
  }
  return { ok: true, values }
}

function tooLong(start: number): string {
  return `the item at position ${start} is longer than ${count(MAX_VALUE_LENGTH)} characters, the most an item can be`
}

function wordValue(word: string): Value {
  if (Object.hasOwn(KEYWORDS, word)) return KEYWORDS[word]!
  if (NUMBER.test(word)) {
    const n = Number(word)
    if (Number.isFinite(n)) return n
  }
  return word
}

function readQuoted(text: string, start: number): { ok: true; value: string; end: number } | { ok: false; error: string } {
  const quote = text[start]!
  let out = ''
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!
    if (ch === quote) return { ok: true, value: out, end: i + 1 }
    if (out.length >= MAX_VALUE_LENGTH) return { ok: false, error: tooLong(start) }
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i]!
      out += ESCAPES[next] ?? '\\' + next
    } else out += ch
  }
  return { ok: false, error: `the text starting at position ${start} has no closing ${quote}` }
}

/** Writes values back as text that `parseValues` reads as the same values. */
export function formatValues(values: readonly Value[]): string {
  return values.map(formatValue).join(' ')
}

/** One value as `parseValues` reads it back; anything that is not a value (it never should reach here) as `<an object>`, never throwing. */
export function formatValue(value: Value): string {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') return `<${describeUnsendable(value)}>`
  const bare = value !== '' && !/[\s,'"\\]/.test(value) && wordValue(value) === value
  return bare ? value : quote(value)
}

function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = q
  for (const ch of text) {
    if (ch === '\\') out += '\\\\'
    else if (ch === q) out += '\\' + q
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else out += ch
  }
  return out + q
}
