import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { headersFor, parseHeadersFile, pathMatches } from './static-headers'

const HEADERS = parseHeadersFile(readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8'))
const policyOf = (path: string) =>
  headersFor(HEADERS, path)
    .filter(([name]) => name.toLowerCase() === 'content-security-policy')
    .map(([, value]) => value)

describe('public/_headers, as a static host reads it', () => {
  it('gives the sandbox worker, as the build names it, a policy of its own: nothing to connect to, scripts from this origin, eval for compiling', () => {
    const [policy, ...more] = policyOf('/assets/worker-DniZVs12.js')
    expect(more).toEqual([])
    const directives = policy!.split(';').map((d) => d.trim())
    expect(directives).toContain("default-src 'none'")
    expect(directives).toContain("script-src 'self' 'unsafe-eval'")
    expect(policy).not.toMatch(/connect-src|\*|https?:/)
  })

  it('leaves the page and its other scripts to the policy the page carries', () => {
    expect(policyOf('/')).toEqual([])
    expect(policyOf('/index.html')).toEqual([])
    expect(policyOf('/assets/index-Ct5XT7SN.js')).toEqual([])
    expect(policyOf('/assets/CodeEditor-B_LfQlY7.js')).toEqual([])
  })
})

describe('reading a _headers file', () => {
  it('takes a path on a line of its own and the indented headers under it, skipping comments', () => {
    const text = '# a comment\n/a/*\n  X-One: 1\n  # another\n  X-Two: two: with a colon\n\n/b\n  X-Three: 3\n'
    expect(parseHeadersFile(text)).toEqual([
      {
        path: '/a/*',
        headers: [
          ['X-One', '1'],
          ['X-Two', 'two: with a colon'],
        ],
      },
      { path: '/b', headers: [['X-Three', '3']] },
    ])
  })

  it('refuses a header with no path above it', () => {
    expect(() => parseHeadersFile('  X-One: 1\n')).toThrow(/not a header under a path/)
  })

  it('matches * to any characters and :name to one segment, the whole path only', () => {
    expect(pathMatches('/assets/worker-*', '/assets/worker-a_B-9.js')).toBe(true)
    expect(pathMatches('/assets/worker-*', '/assets/index-a.js')).toBe(false)
    expect(pathMatches('/assets/worker-*', '/x/assets/worker-a.js')).toBe(false)
    expect(pathMatches('/:lang/page', '/en/page')).toBe(true)
    expect(pathMatches('/:lang/page', '/en/x/page')).toBe(false)
    expect(pathMatches('/a.js', '/aXjs')).toBe(false)
  })
})
