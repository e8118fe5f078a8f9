import LZString from 'lz-string'
import { describe, expect, it } from 'vitest'
import { Prng } from '../engine'
import { decompressBounded, isUriSafe } from './lz'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'

function randomText(prng: Prng, length: number, chars: string): string {
  let out = ''
  for (let i = 0; i < length; i++) out += chars[prng.randint(0, chars.length - 1)]
  return out
}

describe('decompressBounded', () => {
  it('reads back what lz-string compressed, text of every kind', () => {
    const prng = new Prng(11)
    const samples = [
      'a',
      '{"n":[["a",0,0,0]]}',
      'ünïcödé — 😀 and 中文',
      JSON.stringify({ nodes: Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, x: i * 7 })) }),
      ...Array.from({ length: 200 }, () => randomText(prng, prng.randint(1, 400), 'abc{}[],:"0123456789 é😀')),
    ]
    for (const text of samples) {
      const packed = LZString.compressToEncodedURIComponent(text)
      expect(decompressBounded(packed, 1_000_000)).toEqual({ ok: true, text })
    }
  })

  it('agrees with lz-string on random input whenever it reads it', () => {
    const prng = new Prng(12)
    let read = 0
    for (let n = 0; n < 3000; n++) {
      const input = randomText(prng, prng.randint(1, 60), ALPHABET)
      const ours = decompressBounded(input, 1_000_000)
      if (ours.ok) {
        read++
        expect(ours.text).toBe(LZString.decompressFromEncodedURIComponent(input))
      }
    }
    expect(read).toBeGreaterThan(0)
  })

  it('takes a space for the + that some chat apps turn into one', () => {
    const prng = new Prng(13)
    let text = ''
    let packed = ''
    while (!packed.includes('+')) {
      text = randomText(prng, 40, 'abcdefgh{}[]')
      packed = LZString.compressToEncodedURIComponent(text)
    }
    expect(decompressBounded(packed.replace(/\+/g, ' '), 1_000)).toEqual({ ok: true, text })
  })

  it('stops at the cap instead of unpacking a bomb', () => {
    const packed = LZString.compressToEncodedURIComponent('a'.repeat(1_000_000))
    expect(packed.length).toBeLessThan(8_000)
    expect(decompressBounded(packed, 100_000)).toEqual({ ok: false, reason: 'too-large' })
    expect(decompressBounded(LZString.compressToEncodedURIComponent('a'.repeat(100_000)), 100_000).ok).toBe(true)
  })

  it('refuses characters lz-string never writes, empty input and cut-off data', () => {
    expect(decompressBounded('abc/def', 1000)).toEqual({ ok: false, reason: 'invalid' })
    expect(decompressBounded('', 1000)).toEqual({ ok: false, reason: 'invalid' })
    const packed = LZString.compressToEncodedURIComponent(JSON.stringify({ a: 'some text that is long enough to matter' }))
    expect(decompressBounded(packed.slice(0, packed.length - 5), 1000)).toEqual({ ok: false, reason: 'invalid' })
  })

  it("knows lz-string's URI-safe alphabet", () => {
    expect(isUriSafe(ALPHABET + ' ')).toBe(true)
    expect(isUriSafe('a<b')).toBe(false)
    expect(isUriSafe('%24')).toBe(false)
  })
})
