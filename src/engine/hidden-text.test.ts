import { describe, expect, it } from 'vitest'
import { countHiddenChars, excerpt, hiddenCharMarker, showHidden, splitHidden } from './hidden-text'
import { joinErrors } from './issues'

/** Every character the consent dialog and the editor must show: bidi controls, zero-width ones, separators, BOM, soft hyphen, ALM, other Cf. */
const EVERY = [
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e],
  ...[0x2066, 0x2067, 0x2068, 0x2069],
  ...[0x200b, 0x200c, 0x200d, 0x200e, 0x200f],
  0x2028,
  0x2029,
  0xfeff,
  0x00ad,
  0x061c,
  0x2060,
  0x2064,
  0x206f,
  0xfff9,
  0xe0001,
  0xe007f,
  0x180e,
  0x0007,
  0x001b,
  0x0085,
  0x3164,
]

describe('hidden characters', () => {
  it('finds every bidi, invisible and format character, and not tabs, line ends or plain text', () => {
    for (const code of EVERY) expect(countHiddenChars(`a${String.fromCodePoint(code)}b`), code.toString(16)).toBe(1)
    expect(countHiddenChars('if (x) {\n\treturn "héllo, 世界 🙂"\r\n}')).toBe(0)
  })

  it('shows each as a marker with its code point', () => {
    expect(hiddenCharMarker(0x202e)).toBe('<U+202E>')
    expect(hiddenCharMarker(0xe0001)).toBe('<U+E0001>')
    expect(showHidden('if (x\u202e\u2066) {\n}')).toBe('if (x<U+202E><U+2066>) {\\n}')
  })

  it('cuts text into plain runs and hidden characters at their offsets', () => {
    expect(splitHidden('ab\u202ecd\u2069')).toEqual([
      { text: 'ab' },
      { text: '\u202e', hidden: true, code: 0x202e, from: 2 },
      { text: 'cd' },
      { text: '\u2069', hidden: true, code: 0x2069, from: 5 },
    ])
    expect(splitHidden('plain')).toEqual([{ text: 'plain' }])
  })

  it('keeps an excerpt short, on one line, with hidden characters shown', () => {
    expect(excerpt('a'.repeat(100), 5)).toBe('aaaaa…')
    expect(excerpt('abc', 5)).toBe('abc')
    expect(excerpt('a\nb\u202ec')).toBe('a\\nb<U+202E>c')
    expect(excerpt('🙂'.repeat(10), 3)).toBe('🙂🙂🙂…')
  })
})

describe('joinErrors', () => {
  it('lists as many whole errors as fit, then how many more', () => {
    const errors = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'd'.repeat(40)]
    expect(joinErrors(errors, 100)).toBe(`${'a'.repeat(40)}; ${'b'.repeat(40)}; and 2 more`)
    expect(joinErrors(errors.slice(0, 2), 100)).toBe(`${'a'.repeat(40)}; ${'b'.repeat(40)}`)
    expect(joinErrors(['x'.repeat(100)], 100)).toBe('x'.repeat(100))
    expect(joinErrors(['x'.repeat(200)], 100)).toBe(`${'x'.repeat(99)}…`)
    for (let room = 40; room < 200; room += 7) expect(joinErrors(errors, room).length).toBeLessThanOrEqual(room)
  })
})
