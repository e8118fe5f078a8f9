/**
 * lz-string's `decompressFromEncodedURIComponent`, with a cap on the output.
 * A hand-made link of a few kilobytes can ask the stock decompressor for
 * hundreds of megabytes (each code may repeat a longer dictionary entry);
 * this port counts as it goes and stops at the cap, so a hostile link is
 * refused before it can freeze the tab. Otherwise it reads exactly as
 * lz-string 1.5 does (a test compares the two).
 */

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'
const VALUE_OF = new Map<string, number>([...URI_SAFE].map((ch, i) => [ch, i]))

export type Decompressed =
  | { ok: true; text: string }
  /** `invalid`: not lz-string's output (a stray character, or data that ends or refers nowhere). */
  | { ok: false; reason: 'invalid' | 'too-large' }

/** True when every character is one lz-string's URI-safe alphabet uses (a space stands for `+`). */
export function isUriSafe(input: string): boolean {
  for (const ch of input) if (ch !== ' ' && !VALUE_OF.has(ch)) return false
  return true
}

/** Decompresses `compressToEncodedURIComponent` output, refusing to produce more than `maxChars` characters. */
export function decompressBounded(compressed: string, maxChars: number): Decompressed {
  const input = compressed.replace(/ /g, '+')
  if (input === '' || !isUriSafe(input)) return { ok: false, reason: 'invalid' }
  const length = input.length
  const RESET = 32
  // Past the end lz-string reads zero bits; so does this.
  const valueAt = (index: number) => VALUE_OF.get(input.charAt(index)) ?? 0
  let val = valueAt(0)
  let position = RESET
  let index = 1
  const readBits = (count: number): number => {
    let bits = 0
    for (let power = 1, n = 0; n < count; n++, power *= 2) {
      const bit = val & position
      position >>= 1
      if (position === 0) {
        position = RESET
        val = valueAt(index++)
      }
      if (bit > 0) bits |= power
    }
    return bits
  }

  const dictionary: string[] = ['', '', '']
  let dictSize = 4
  let numBits = 3
  let enlargeIn = 4
  const result: string[] = []

  let c: string
  switch (readBits(2)) {
    case 0:
      c = String.fromCharCode(readBits(8))
      break
    case 1:
      c = String.fromCharCode(readBits(16))
      break
    case 2:
      return { ok: true, text: '' }
    default:
      return { ok: false, reason: 'invalid' }
  }
  dictionary[3] = c
  let w = c
  result.push(c)
  let total = 1

  for (;;) {
    if (index > length) return { ok: false, reason: 'invalid' }
    let code = readBits(numBits)
    switch (code) {
      case 0:
      case 1:
        dictionary[dictSize++] = String.fromCharCode(readBits(code === 0 ? 8 : 16))
        code = dictSize - 1
        enlargeIn--
        break
      case 2:
        return { ok: true, text: result.join('') }
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits
      numBits++
    }
    let entry: string
    const known = dictionary[code]
    if (known) entry = known
    else if (code === dictSize) entry = w + w.charAt(0)
    else return { ok: false, reason: 'invalid' }
    total += entry.length
    if (total > maxChars) return { ok: false, reason: 'too-large' }
    result.push(entry)
    dictionary[dictSize++] = w + entry.charAt(0)
    enlargeIn--
    w = entry
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits
      numBits++
    }
  }
}
