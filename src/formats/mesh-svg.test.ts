import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { parseDocument, type MeshDocument } from '../engine'
import { escapeXml, meshSvg } from './mesh-svg'

function doc(json: object): MeshDocument {
  const parsed = parseDocument({ format: 'mesh-playground', version: 1, ...json })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0

describe('meshSvg', () => {
  const part3 = findDemo('part3-mesh')!.document

  it('draws every node with its label and kind, and every wire with an arrow', () => {
    const svg = meshSvg(part3)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(count(svg, /<g class="node"/g)).toBe(part3.nodes.length)
    expect(count(svg, /marker-end="url\(#arrow\)"/g)).toBe(part3.edges.length)
    for (const node of part3.nodes) expect(svg).toContain(`>${node.label}</text>`)
    expect(svg).toContain('>RECYCLER</text>')
    expect(svg).toContain(`<title>${part3.title}</title>`)
  })

  it('escapes hostile labels and titles, so they stay text', () => {
    const hostile = doc({
      title: '</svg><script>alert(1)</script>',
      nodes: [{ id: 'x', kind: 'sink', label: '<img src=x onerror=alert(1)> & "quoted"' }],
    })
    const svg = meshSvg(hostile)
    expect(svg).not.toContain('<script')
    expect(svg).not.toContain('<img')
    expect(svg).toContain('>&lt;img src=x onerror=alert(1)…</text>')
    expect(svg).toContain('&lt;/svg&gt;&lt;script&gt;')
  })

  it('replaces characters XML cannot hold and shortens long text', () => {
    expect(escapeXml('a\u0001b\ud800c')).toBe('a\ufffdb\ufffdc')
    expect(escapeXml('😀 fine')).toBe('😀 fine')
    expect(escapeXml('abcdefghij', 5)).toBe('abcd…')
  })

  it('places nodes where the canvas measured them, and fits the picture around them', () => {
    const two = doc({
      nodes: [
        { id: 'a', kind: 'start', position: { x: 0, y: 0 } },
        { id: 's', kind: 'sink', position: { x: 400, y: 100 } },
      ],
      edges: [{ source: 'a', port: 'target', target: 's' }],
    })
    const svg = meshSvg(two, {
      boxes: {
        a: { x: 0, y: 0, width: 200, height: 100, ports: { target: 80 }, input: 50 },
        s: { x: 400, y: 100, width: 200, height: 60, ports: {}, input: 30 },
      },
    })
    expect(svg).toContain('width="664" height="260" viewBox="-32 -68 664 260"')
    // From the target port (200 + 5, 80) to the sink's input (400 - 6, 100 + 30).
    expect(svg).toMatch(/<path d="M205,80 C[\d.]+,80 [\d.]+,130 394,130"/)
  })

  it('shows queues and what sinks received, as the canvas does', () => {
    const svg = meshSvg(part3, {
      run: {
        queues: { a: { length: 7, head: [0, 1, 2, 3, 4, 5, 6] }, s: { length: 0, head: [] } },
        outputs: { s: [{ tick: 3, node: 's', value: '2x2' }] },
      },
    })
    expect(svg).toContain('>queue 7: 0 1 2 3 4 +2</text>')
    expect(svg).toContain('>received 1: 2x2</text>')
  })

  it('draws an empty mesh as an empty picture', () => {
    expect(meshSvg(doc({ nodes: [] }))).toContain('width="384" height="180"')
  })
})
