import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { embedAddress, embedSnippet } from './embed'
import { decodeLink, encodeLink } from './link'

describe('the embed snippet', () => {
  const hash = encodeLink(findDemo('part3-mesh')!.document, { tick: 12 })

  it('is an 800×450 iframe of the embed view, titled for screen readers', () => {
    const snippet = embedSnippet('https://example.org/mesh/', hash)
    expect(snippet).toMatch(/^<iframe src="https:\/\/example\.org\/mesh\/\?embed#mesh=3\.[^"]+&amp;tick=12" width="800" height="450" title="Mesh Playground"><\/iframe>$/)
  })

  it('holds an address that opens the same mesh at the same tick', () => {
    const snippet = embedSnippet('https://example.org/', hash)
    const src = snippet.match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&')
    expect(src).toBe(embedAddress('https://example.org/', hash))
    const opened = decodeLink(new URL(src).hash)
    expect(opened).toEqual(decodeLink(hash))
    expect(opened.ok && opened.tick).toBe(12)
  })

  it('cannot be broken out of by the page address', () => {
    expect(embedSnippet('https://x/"><script>', '#mesh=1.a.b')).not.toMatch(/"><script>/)
  })
})
