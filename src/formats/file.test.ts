import { describe, expect, it } from 'vitest'
import { randomMesh } from '../../bench/random-mesh'
import echoersJson from '../demos/priority-echoers.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import { DEMOS } from '../demos'
import { emptyDocument, NODE_KINDS, parseDocument, type MeshDocument } from '../engine'
import { documentToJson, fileTooLarge, MAX_FILE_BYTES, readMeshFile, suggestedFileName } from './file'

function load(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function errorOf(text: string): string {
  const result = readMeshFile(text)
  if (result.ok) throw new Error('expected the file to be refused')
  return result.error
}

const part3 = load(part3Json)

/** A mesh with a node of every kind and every field of the format set to something other than its default. */
function everyField(): MeshDocument {
  const doc: MeshDocument = {
    ...emptyDocument(),
    title: 'Every field',
    nodes: NODE_KINDS.map((kind, i) => ({
      id: `n${i}-${kind}`,
      kind,
      label: `${kind} node`,
      params: {},
      priority: i % 2 ? i : { random: [-i - 1, i + 3] },
      position: { x: 10 * i + 0.5, y: 1 - 7 * i },
    })),
    scheduler: 'policy',
    mode: 'next',
    policy: { name: 'Oldest first', source: 'function (mesh) {\n  return mesh.tasklets.find((t) => t.queued > 0).id\n}' },
    seed: 99,
    limits: { maxActivations: 12_345, maxQueue: 678 },
  }
  const code = doc.nodes.find((n) => n.kind === 'code')!
  code.code = { source: 'function* (ports) { while (true) { const item = yield; ports.odd(item) } }', ports: ['odd', 'even'] }
  const parsed = parseDocument({
    ...doc,
    edges: [
      { id: 'to-odd', source: code.id, port: 'odd', target: 'n0-start' },
      { id: 'to-even', source: code.id, port: 'even', target: 'n1-branch' },
    ],
    inputs: [{ node: code.id, values: [1, 'two', true, null, 2.5] }],
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

describe('documentToJson', () => {
  it('saves a document that reads back the same', () => {
    for (const doc of [part3, load(echoersJson), randomMesh({ nodes: 40, seed: 2, labels: 'renamed' }), emptyDocument()]) {
      expect(readMeshFile(documentToJson(doc))).toEqual({ ok: true, document: doc })
    }
  })

  it('saves every field of every demo and of a mesh with every kind and field set, and opens them again the same', () => {
    const every = everyField()
    expect(every.nodes.find((n) => n.kind === 'code')!.code!.ports).toEqual(['odd', 'even'])
    for (const doc of [...DEMOS.map((demo) => demo.document), every]) {
      expect(readMeshFile(documentToJson(doc)), doc.title).toEqual({ ok: true, document: doc })
      expect(JSON.parse(documentToJson(doc)), doc.title).toEqual(JSON.parse(JSON.stringify(doc)))
    }
  })

  it('writes keys in one order whatever order the document has them in', () => {
    const shuffled = JSON.parse(JSON.stringify(part3), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as MeshDocument
    expect(Object.keys(shuffled)[0]).toBe('limits')
    expect(documentToJson(shuffled)).toBe(documentToJson(part3))
    const text = documentToJson(part3)
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"version"'))
    expect(text.indexOf('"nodes"')).toBeLessThan(text.indexOf('"edges"'))
    expect(text.indexOf('"scheduler"')).toBeLessThan(text.indexOf('"limits"'))
  })

  it('is pretty: indented, one field a line, ending in a newline', () => {
    const text = documentToJson(part3)
    expect(text.startsWith('{\n  "format": "mesh-playground",\n  "version": 3,\n')).toBe(true)
    expect(text.endsWith('}\n')).toBe(true)
  })
})

describe('suggestedFileName', () => {
  it('makes a file name from the title', () => {
    expect(suggestedFileName(part3)).toBe('meshing-part-3-start-branch-doubler-tripler-recycler-sink.mesh.json')
    expect(suggestedFileName({ ...part3, title: 'Crème brûlée: ÉCHO!' })).toBe('creme-brulee-echo.mesh.json')
  })

  it('falls back to "mesh" when the title has nothing to use', () => {
    expect(suggestedFileName({ ...part3, title: '' })).toBe('mesh.mesh.json')
    expect(suggestedFileName({ ...part3, title: '<img src=x onerror=alert(1)>' })).toBe('img-src-x-onerror-alert-1.mesh.json')
    expect(suggestedFileName({ ...part3, title: '../../etc/passwd' })).toBe('etc-passwd.mesh.json')
    expect(suggestedFileName({ ...part3, title: '😀 中文' })).toBe('mesh.mesh.json')
  })

  it('keeps the name short', () => {
    expect(suggestedFileName({ ...part3, title: 'word '.repeat(40) }).length).toBeLessThanOrEqual(60 + '.mesh.json'.length)
  })
})

describe('readMeshFile', () => {
  it('reads a file with a byte-order mark, as some editors save it', () => {
    expect(readMeshFile('\uFEFF' + documentToJson(part3))).toEqual({ ok: true, document: part3 })
  })

  it('reads the demo files and hand-written documents with defaults left out', () => {
    expect(readMeshFile(JSON.stringify(part3Json))).toEqual({ ok: true, document: part3 })
    expect(readMeshFile('{"format":"mesh-playground","version":1,"nodes":[]}')).toEqual({ ok: true, document: emptyDocument() })
  })

  it('says an empty file is empty', () => {
    expect(errorOf('')).toBe('This file is empty.')
    expect(errorOf('  \n')).toBe('This file is empty.')
  })

  it('says a file that is not JSON is not JSON', () => {
    expect(errorOf('<html><body>hello</body></html>')).toMatch(/^This file is not valid JSON: /)
    expect(errorOf(documentToJson(part3).slice(0, 200))).toMatch(/^This file is not valid JSON: /)
  })

  it('says JSON that is not a mesh document is not one', () => {
    expect(errorOf('{"name":"my-package","version":"1.0.0"}')).toBe('This file cannot be opened: format: is not "mesh-playground" — this is not a mesh document.')
    expect(errorOf('[1, 2, 3]')).toBe('This file cannot be opened: document: is not a JSON object.')
  })

  it('says a file from a newer version needs a newer version', () => {
    expect(errorOf('{"format":"mesh-playground","version":7,"nodes":[]}')).toMatch(/version: 7 is newer than this app understands/)
  })

  it('names what is wrong in a broken mesh, as links do', () => {
    const broken = { ...JSON.parse(documentToJson(part3)), edges: [{ source: 'a', port: 'target', target: 'nowhere' }] }
    expect(errorOf(JSON.stringify(broken))).toBe('This file cannot be opened: edges[0].target: no node has the id "nowhere".')
  })

  it('keeps hostile text as plain text', () => {
    const doc = { ...part3, nodes: part3.nodes.map((n) => ({ ...n, label: '<img src=x onerror=alert(1)>' })) }
    const read = readMeshFile(documentToJson(doc))
    if (!read.ok) throw new Error(read.error)
    expect(read.document.nodes.every((n) => n.label === '<img src=x onerror=alert(1)>')).toBe(true)
  })

  it('refuses a file too large to be a mesh, before parsing it', () => {
    expect(fileTooLarge(MAX_FILE_BYTES)).toBeNull()
    expect(fileTooLarge(MAX_FILE_BYTES + 1)).toBe('This file is too large to be a mesh: 10,000,001 bytes, where a mesh file is at most 10,000,000.')
    expect(errorOf(' '.repeat(MAX_FILE_BYTES + 1))).toMatch(/too large to be a mesh/)
  })
})
