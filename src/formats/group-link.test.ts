import LZString from 'lz-string'
import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, type MeshDocument } from '../engine'
import fixtures from './fixtures/links-v1.json'
import fixturesV2 from './fixtures/links-v2.json'
import { documentToJson, readMeshFile } from './file'
import { checkOf, decodeLink, encodeLink } from './link'

function load(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** A version-2 mesh: the Part 3 mesh in a group, next mode, in a group of its own with a second output. */
function twoLevels(): MeshDocument {
  const { nodes, edges } = part3Json
  const part3Inside = { nodes, edges, input: 'a', scheduler: 'priority', mode: 'next', call: 'next', outputs: [{ port: 'out', node: 's' }] }
  return load({
    format: 'mesh-playground',
    version: 2,
    title: 'Part 3, twice inside',
    nodes: [
      {
        id: 'outer',
        kind: 'group',
        label: 'outer group',
        position: { x: 10, y: 20 },
        group: {
          nodes: [
            { id: 'inner', kind: 'group', group: part3Inside },
            { id: 'e', kind: 'echoer', params: { suffix: 'hi' } },
            { id: 'sink', kind: 'sink' },
          ],
          edges: [
            { source: 'inner', port: 'out', target: 'sink' },
            { source: 'inner', port: 'out', target: 'e' },
          ],
          inputs: [{ node: 'e', values: ['x'] }],
          input: 'inner',
          outputs: [
            { port: 'done', node: 'sink' },
            { port: 'said', node: 'e' },
          ],
        },
      },
      { id: 's', kind: 'sink', position: { x: 300, y: 20 } },
    ],
    edges: [{ source: 'outer', port: 'done', target: 's' }],
    inputs: [{ node: 'outer', values: [0, 1, 2] }],
  })
}

/** A link of format 2 around any data, as encodeLink packs it. */
function linkOf(data: unknown): string {
  const json = JSON.stringify(data)
  return `#mesh=2.${LZString.compressToEncodedURIComponent(json)}.${checkOf(json)}`
}

describe('document version 2 in links and files', () => {
  it('round-trips a mesh with groups inside groups through a link, at a tick', () => {
    const doc = twoLevels()
    const link = encodeLink(doc, { tick: 5 })
    expect(link).toMatch(/^#mesh=3\./)
    expect(decodeLink(link)).toEqual({ ok: true, document: doc, tick: 5 })
  })

  it('round-trips it through a file, byte for byte on a second save', () => {
    const doc = twoLevels()
    const text = documentToJson(doc)
    expect(text).toContain('"version": 3')
    const read = readMeshFile(text)
    expect(read).toEqual({ ok: true, document: doc })
    expect(documentToJson(read.ok ? read.document : doc)).toBe(text)
  })

  it('keeps opening every version-1 link as before, now as a version-3 document', () => {
    for (const fixture of fixtures.fixtures) {
      const decoded = decodeLink(fixture.link)
      expect(decoded.ok ? decoded.document : decoded).toEqual({ ...fixture.document, version: 3 })
    }
  })

  it('keeps opening every format-2 link made once and kept (fixtures/links-v2.json) as its document, now version 3', () => {
    expect(fixturesV2.fixtures.length).toBeGreaterThan(0)
    for (const fixture of fixturesV2.fixtures) {
      expect(fixture.link).toMatch(/^#mesh=2\./)
      const decoded = decodeLink(fixture.link)
      expect(decoded.ok ? decoded.document : decoded).toEqual({ ...fixture.document, version: 3 })
    }
  })

  it('refuses a link whose groups are not where it says, with a message', () => {
    const compact = { n: [['g', 'group', 0, 0]], gr: [[3, { nodes: [] }]] }
    const bad = decodeLink(linkOf(compact))
    expect(bad.ok ? '' : bad.error).toMatch(/a group's inside for node 4, but the mesh has only 1 nodes/)
    const notList = decodeLink(linkOf({ n: [['g', 'group', 0, 0]], gr: 'constructor' }))
    expect(notList.ok ? '' : notList.error).toMatch(/its groups \("gr"\) are not a list/)
    const deep = decodeLink(linkOf({ n: [['g', 'group', 0, 0]], gr: [[0, { nodes: [{ id: 'x', kind: 'doubler', group: { nodes: [] } }] }]] }))
    expect(deep.ok ? '' : deep.error).toMatch(/nodes\[0\]\.group\.nodes\[0\]\.group: only a group node has an inside/)
  })
})
