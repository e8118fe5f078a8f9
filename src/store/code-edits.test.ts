import { describe, expect, it } from 'vitest'

import { parseDocument } from '../engine'
import { addPort, removePort, renamePort, renamePortInSource, replaceCode, setCodeSource } from './code-edits'
import { addNode, connect } from './document-edits'
import { meshDocument } from '../engine/testing'

/** A code node `c` with ports out and other, wired to two sinks. */
function codeMesh() {
  return meshDocument({
    nodes: [
      { id: 'c', kind: 'code', code: { source: 'function* () {}', ports: ['out', 'other'] } },
      { id: 's', kind: 'sink' },
      { id: 't', kind: 'sink' },
    ],
    edges: [
      { source: 'c', port: 'out', target: 's' },
      { source: 'c', port: 'other', target: 't' },
      { source: 'c', port: 'out', target: 't' },
    ],
  })
}

/** The document still passes the format's own checks. */
function expectValid(doc: object) {
  const parsed = parseDocument(JSON.parse(JSON.stringify(doc)))
  expect(parsed.ok ? [] : parsed.errors).toEqual([])
}

describe('code node edits', () => {
  it('gives a new code node the pass-through template and an out port', () => {
    const { document } = addNode(meshDocument({ nodes: [] }), 'code', { x: 0, y: 0 })
    expect(document.nodes[0]!.code?.ports).toEqual(['out'])
    expect(document.nodes[0]!.code?.source).toContain('ports.out.send(item)')
    expect(connect(document, { source: 'code', port: 'out', target: 'code' }).id).toBe('code.out-code')
  })

  it('replaces the source, and returns the same document when it is the same', () => {
    const doc = codeMesh()
    const next = setCodeSource(doc, 'c', 'function* () { yield }')
    expect(next.nodes[0]!.code).toEqual({ source: 'function* () { yield }', ports: ['out', 'other'] })
    expect(next.nodes[1]).toBe(doc.nodes[1])
    expect(setCodeSource(next, 'c', 'function* () { yield }')).toBe(next)
    expect(setCodeSource(doc, 's', 'x')).toBe(doc)
  })

  it('adds ports with fresh names and refuses bad or duplicate names', () => {
    const doc = codeMesh()
    const added = addPort(doc, 'c')
    expect(added.port).toBe('out2')
    expect(added.document.nodes[0]!.code!.ports).toEqual(['out', 'other', 'out2'])
    expect(addPort(doc, 'c', 'other').port).toBeNull()
    expect(addPort(doc, 'c', '2fast').port).toBeNull()
    expect(addPort(doc, 'c', 'big').port).toBe('big')
    expectValid(added.document)
  })

  it('refuses a ninth port', () => {
    let doc = codeMesh()
    for (let i = 0; i < 6; i++) doc = addPort(doc, 'c').document
    expect(doc.nodes[0]!.code!.ports).toHaveLength(8)
    expect(addPort(doc, 'c').port).toBeNull()
  })

  it('renames a port and carries its wires along, in their sending order', () => {
    const doc = renamePort(codeMesh(), 'c', 'out', 'small')
    expect(doc.nodes[0]!.code!.ports).toEqual(['small', 'other'])
    expect(doc.edges.map((e) => `${e.id} ${e.port}`)).toEqual(['c.small-s small', 'c.other-t other', 'c.small-t small'])
    expectValid(doc)
  })

  it('does not rename onto another port or to a bad name', () => {
    const doc = codeMesh()
    expect(renamePort(doc, 'c', 'out', 'other')).toBe(doc)
    expect(renamePort(doc, 'c', 'out', 'a b')).toBe(doc)
    expect(renamePort(doc, 'c', 'nope', 'x')).toBe(doc)
  })

  it('removes a port with its wires and keeps the others', () => {
    const doc = removePort(codeMesh(), 'c', 'out')
    expect(doc.nodes[0]!.code!.ports).toEqual(['other'])
    expect(doc.edges.map((e) => e.id)).toEqual(['c.other-t'])
    expectValid(doc)
  })

  it('replaces code and ports at once, keeping the wires of ports that stay', () => {
    const doc = replaceCode(codeMesh(), 'c', { source: 'function* () { yield }', ports: ['other', 'big'] })
    expect(doc.nodes[0]!.code).toEqual({ source: 'function* () { yield }', ports: ['other', 'big'] })
    expect(doc.edges.map((e) => e.id)).toEqual(['c.other-t'])
    expectValid(doc)
  })
})

describe('renaming a port in the code', () => {
  it('rewrites ports.name, ports["name"] and self.targets("name"), and nothing else', () => {
    const source = `function* (ports, params, self) {
  const small = 1
  ports.small.send(small); ports.smaller(2); ports['small'](3); self.targets("small"); ports . small (4)
}`
    expect(renamePortInSource(source, 'small', 'ti$1ny')).toBe(`function* (ports, params, self) {
  const small = 1
  ports.ti$1ny.send(small); ports.smaller(2); ports['ti$1ny'](3); self.targets("ti$1ny"); ports . ti$1ny (4)
}`)
  })

  it('renames in the code of the node when its port is renamed', () => {
    const doc = renamePort(codeMesh(), 'c', 'out', 'small')
    const renamed = setCodeSource(codeMesh(), 'c', 'function* (ports) { ports.out.send(1) }')
    expect(doc.nodes[0]!.code!.source).toBe('function* () {}')
    expect(renamePort(renamed, 'c', 'out', 'small').nodes[0]!.code!.source).toBe('function* (ports) { ports.small.send(1) }')
  })
})
