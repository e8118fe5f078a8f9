/**
 * Characters that change how text reads without being seen: the bidi
 * controls of "Trojan Source" (U+202A–U+202E, U+2066–U+2069), zero-width
 * characters and marks (U+200B–U+200F), the line and paragraph separators,
 * the byte order mark, the soft hyphen, the Arabic letter mark and every
 * other Unicode format (Cf) character, C0/C1 controls other than tab and
 * line ends, and the Hangul fillers. Code hosts show them as markers; so do
 * the consent dialog, the code editor and every message that echoes text.
 */

/** The set as a regular expression's source (needs the `u` flag). */
export const HIDDEN_CHAR_SOURCE = '[\\p{Cf}\\u2028\\u2029\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u115f\\u1160\\u3164\\uffa0]'

const HIDDEN = new RegExp(HIDDEN_CHAR_SOURCE, 'u')
const HIDDEN_ALL = new RegExp(HIDDEN_CHAR_SOURCE, 'gu')

const NAMES: Record<number, string> = {
  0x00ad: 'soft hyphen',
  0x061c: 'Arabic letter mark',
  0x200b: 'zero width space',
  0x200c: 'zero width non-joiner',
  0x200d: 'zero width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero width no-break space (byte order mark)',
}

/** Whether the character (one code point) is one of the hidden set. */
export function isHiddenChar(char: string): boolean {
  return HIDDEN.test(char)
}

/** How many hidden characters the text holds. */
export function countHiddenChars(text: string): number {
  let n = 0
  HIDDEN_ALL.lastIndex = 0
  while (HIDDEN_ALL.exec(text)) n++
  return n
}

/** The marker a hidden character is shown as: `<U+202E>`. */
export function hiddenCharMarker(code: number): string {
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`
}

/** A hidden character's name, for a tooltip: "right-to-left override", or "format character U+E0001". */
export function hiddenCharName(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0')
  return NAMES[code] ?? (code < 0xa0 ? `control character U+${hex}` : `invisible character U+${hex}`)
}

export type TextPiece = { text: string; hidden?: false } | { text: string; hidden: true; code: number; from: number }

/** The text cut into plain runs and hidden characters (each with its offset in UTF-16 units), for showing them as markers. */
export function splitHidden(text: string): TextPiece[] {
  const pieces: TextPiece[] = []
  let last = 0
  for (const match of text.matchAll(HIDDEN_ALL)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) })
    pieces.push({ text: match[0], hidden: true, code: match[0].codePointAt(0)!, from: match.index })
    last = match.index + match[0].length
  }
  if (last < text.length) pieces.push({ text: text.slice(last) })
  return pieces
}

/** The text with each hidden character, and each line end, written as a marker: one visible line. */
export function showHidden(text: string): string {
  return text.replace(HIDDEN_ALL, (char) => hiddenCharMarker(char.codePointAt(0)!)).replace(/\r\n|[\r\n]/g, '\\n')
}

/**
 * A short, one-line excerpt of text someone gave, for a message: hidden
 * characters and line ends shown as markers, and at most `max` characters
 * of it (then an ellipsis).
 * @example excerpt('a'.repeat(100), 5) // 'aaaaa…'
 */
export function excerpt(text: string, max = 24): string {
  const chars = Array.from(text.length > max * 12 ? text.slice(0, max * 12) : text)
  let out = ''
  let n = 0
  for (const char of chars) {
    const shown = isHiddenChar(char) ? hiddenCharMarker(char.codePointAt(0)!) : char === '\n' || char === '\r' ? '\\n' : char
    if (n + 1 > max) return `${out}…`
    out += shown
    n++
  }
  return out
}
