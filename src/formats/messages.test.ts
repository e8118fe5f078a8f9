import LZString from 'lz-string'
import { describe, expect, it } from 'vitest'
import { isHiddenChar, parseDocumentText } from '../engine'
import { readMeshFile } from './file'
import fixtureFile from './fixtures/links-v1.json'
import { checkOf, decodeLink } from './link'

type Json = Record<string, unknown>
/** A change that breaks something, and the field the message must name. */
type Breakage = [field: string, change: (doc: Json) => unknown]

const LONG = `${'x'.repeat(300)}\u202e${'y'.repeat(400)}`
const WEIRD = 'a\nb\u202ec\ufeffd'
const clone = (doc: unknown): Json => structuredClone(doc) as Json
const firstNode = (doc: Json): Json => {
  const nodes = doc.nodes as Json[]
  if (!nodes[0]) nodes[0] = { id: 'a', kind: 'start' }
  return nodes[0]
}
const onNode =
  (key: string, value: unknown) =>
  (doc: Json): Json => {
    firstNode(doc)[key] = value
    return doc
  }
const set =
  (key: string, value: unknown) =>
  (doc: Json): Json => {
    if (value === undefined) delete doc[key]
    else doc[key] = value
    return doc
  }

const DOCUMENT_BREAKAGES: Breakage[] = [
  ['version', set('version', 0)],
  ['version', set('version', '1')],
  ['version', set('version', undefined)],
  ['version', set('version', null)],
  ['version', set('version', 2)],
  ['version', set('version', 1e300)],
  ['format', set('format', undefined)],
  ['format', set('format', LONG)],
  ['title', set('title', 5)],
  ['title', set('title', LONG)],
  ['nodes', set('nodes', 'x')],
  ['nodes', set('nodes', undefined)],
  ['nodes', set('nodes', {})],
  ['nodes[0]', set('nodes', [5])],
  ['nodes[0].id', onNode('id', 5)],
  ['nodes[0].id', onNode('id', '')],
  ['nodes[0].id', onNode('id', LONG)],
  ['nodes[0].kind', onNode('kind', LONG)],
  ['nodes[0].kind', onNode('kind', 3)],
  ['nodes[0].kind', onNode('kind', undefined)],
  ['nodes[0].label', onNode('label', LONG)],
  ['nodes[0].label', onNode('label', [])],
  ['nodes[0].params', onNode('params', { [LONG]: 1 })],
  ['nodes[0].params', onNode('params', { [WEIRD]: 1 })],
  ['nodes[0].params', onNode('params', { suffix: {} })],
  ['nodes[0].params', onNode('params', 'x')],
  ['nodes[0].priority', onNode('priority', 'high')],
  ['nodes[0].priority', onNode('priority', { random: [5] })],
  ['nodes[0].priority', onNode('priority', 1.5)],
  ['nodes[0].position', onNode('position', { x: 'a', y: 0 })],
  ['nodes[0].position', onNode('position', { x: 1 })],
  ['nodes[0].code', onNode('code', { source: 5, ports: [] })],
  ['nodes[0].code', onNode('code', { source: '', ports: [LONG] })],
  ['edges', set('edges', 'x')],
  ['edges[0]', (doc) => ({ ...doc, edges: [{ source: LONG, port: LONG, target: LONG }] })],
  ['edges[0]', (doc) => (firstNode(doc), { ...doc, edges: [{ source: (doc.nodes as Json[])[0]!.id, port: WEIRD, target: WEIRD }] })],
  ['edges[0]', (doc) => ({ ...doc, edges: [{ source: 'a' }] })],
  ['inputs', set('inputs', 5)],
  ['inputs[0]', (doc) => ({ ...doc, inputs: [{ node: LONG, values: [{}] }] })],
  ['inputs[0]', (doc) => ({ ...doc, inputs: [{ node: WEIRD, values: [LONG] }] })],
  ['scheduler', set('scheduler', LONG)],
  ['mode', set('mode', 7)],
  ['seed', set('seed', -1)],
  ['seed', set('seed', 'x')],
  ['seed', set('seed', 1.5)],
  ['limits', set('limits', { maxActivations: 0 })],
  ['limits', set('limits', { maxQueue: 'many' })],
  ['limits', set('limits', [])],
]

/** A hand-made link in format 1 around any compact JSON text. */
const linkOf = (json: string) => `#mesh=1.${LZString.compressToEncodedURIComponent(json)}.${checkOf(json)}`

function compactOf(link: string): Json {
  const payload = link.slice('#mesh=1.'.length).replace(/&tick=\d+$/, '')
  return JSON.parse(LZString.decompressFromEncodedURIComponent(payload.slice(0, payload.lastIndexOf('.')))) as Json
}

/** Only these nodes, so that the fixture's wires do not come first in the message. */
const nodesOnly = (n: unknown) => (c: Json) => ({ ...c, n, e: undefined, ei: undefined, i: undefined, c: undefined })

const LINK_BREAKAGES: Breakage[] = [
  ['nodes', nodesOnly('x')],
  ['nodes', nodesOnly([[LONG, LONG, 'x', 0]])],
  ['nodes', nodesOnly([[1, 0, 0, 0, 0, 0, 0, 0, 0]])],
  ['node 1', nodesOnly([[1, 99, 0, 0]])],
  ['nodes', nodesOnly([[WEIRD, 0, 0, 0, LONG]])],
  ['nodes', nodesOnly([['a', 0, 0, 0, null, null, { [LONG]: {} }]])],
  ['edges', set('e', 'x')],
  ['edge 1', (c) => ({ ...nodesOnly([[1, 0, 0, 0]])(c), e: [LONG, 0, 0] })],
  ['edge 1', (c) => ({ ...nodesOnly([[1, 0, 0, 0]])(c), e: [0, 9, 99] })],
  ['edge list', (c) => ({ ...nodesOnly([[1, 0, 0, 0]])(c), e: [0, 0] })],
  ['edge ids', set('ei', { [LONG]: 5 })],
  ['inputs', set('i', [[0, [{}]]])],
  ['input list 1', (c) => ({ ...c, i: [[999, [1]]] })],
  ['title', set('t', 5)],
  ['title', set('t', LONG)],
  ['scheduler', set('s', LONG)],
  ['mode', set('m', WEIRD)],
  ['seed', set('r', 'x')],
  ['seed', set('r', -5)],
  ['limits', set('l', [0, 'x'])],
  ['limits', set('l', [0, 0])],
  ['grid', set('g', 0)],
  ['code', set('c', [[0, 5]])],
  ['code', (c) => ({ ...nodesOnly([[1, 7, 0, 0]])(c), c: [[0, null, [LONG]]] })],
  ['code', (c) => ({ ...c, c: [[999]] })],
]

/** What every message must be: short, one line, no hidden characters, none of the schema library's own words, and naming its field. */
function expectReadable(message: string, field: string) {
  expect(message.length, message).toBeLessThanOrEqual(200)
  expect(message, message).not.toMatch(/Invalid (type|key|length|value|format|entry)|Expected|received/)
  expect(message, message).not.toMatch(/[\n\r]/)
  expect(Array.from(message).some(isHiddenChar), message).toBe(false)
  expect(message, message).toContain(field)
}

describe('messages about a broken mesh', () => {
  const fixtures = fixtureFile.fixtures

  it('name the field in a short sentence, for every fixture broken every way, as a file', () => {
    let seen = 0
    for (const fixture of fixtures) {
      for (const [field, change] of DOCUMENT_BREAKAGES) {
        const result = readMeshFile(JSON.stringify(change(clone(fixture.document))))
        if (result.ok) continue
        expectReadable(result.error, field)
        seen++
      }
    }
    // Nearly every change breaks every fixture (a few are already so, in the empty mesh).
    expect(seen).toBeGreaterThan(fixtures.length * (DOCUMENT_BREAKAGES.length - 4))
  })

  it('name the field in a short sentence, for every fixture broken every way, as a link', () => {
    let seen = 0
    for (const fixture of fixtures) {
      for (const [field, change] of LINK_BREAKAGES) {
        const result = decodeLink(linkOf(JSON.stringify(change(compactOf(fixture.link)))))
        expect(result.ok, `${fixture.name}: ${field}`).toBe(false)
        if (result.ok) continue
        expectReadable(result.error, field)
        seen++
      }
    }
    expect(seen).toBe(fixtures.length * LINK_BREAKAGES.length)
  })

  it("tells the version that is wrong or missing in words, not in the schema library's", () => {
    const part3 = fixtures[0]!.document
    expect(readMeshFile(JSON.stringify({ ...part3, version: 0 }))).toEqual({
      ok: false,
      error: 'This file cannot be opened: version: must be 3, not the number 0.',
    })
    const { version: _, ...noVersion } = part3
    expect(readMeshFile(JSON.stringify(noVersion))).toEqual({
      ok: false,
      error: 'This file cannot be opened: version: is missing; every mesh document has one (3 today).',
    })
  })

  it('quote at most a short excerpt of the text, with hidden characters shown', () => {
    const doc = { ...fixtures[0]!.document, nodes: [{ id: 'a', kind: LONG }] }
    const bad = { ...fixtures[0]!.document, nodes: [{ id: 5, kind: 'start' }] }
    expect(readMeshFile(JSON.stringify(doc)).ok).toBe(false)
    const error = (readMeshFile(JSON.stringify(bad)) as { error: string }).error
    expect(error).toBe('This file cannot be opened: nodes[0].id: must be text, not the number 5.')
    const dup = {
      ...fixtures[0]!.document,
      nodes: [
        { id: WEIRD, kind: 'start' },
        { id: WEIRD, kind: 'sink' },
      ],
      edges: [],
      inputs: [],
    }
    expect((readMeshFile(JSON.stringify(dup)) as { error: string }).error).toBe('This file cannot be opened: nodes[1].id: "a\\nb<U+202E>c<U+FEFF>d" is used by another node.')
  })

  it('say where JSON that cannot be read goes wrong, briefly', () => {
    for (const text of [`{"format": ${LONG}}`, LONG, `\ufeff${LONG}`, '{"a": 1,\n "b": }', '{"format": "mesh-playground", "nodes": [', '{} {}']) {
      const result = readMeshFile(text)
      expect(result.ok).toBe(false)
      if (!result.ok) expectReadable(result.error, 'not valid JSON')
    }
    const parsed = parseDocumentText('{"a": 1,\n "b": }')
    expect(parsed.ok ? '' : parsed.errors[0]).toBe('not valid JSON: it has an unexpected "}"')
    const cut = parseDocumentText('{"a": 1, "b": ')
    expect(cut.ok ? '' : cut.errors[0]).toBe('not valid JSON: it ends too early (was it cut off?)')
    const trailing = parseDocumentText('{"a": 1}\n}')
    expect(trailing.ok ? '' : trailing.errors[0]).toBe('not valid JSON: something unexpected at line 2, column 1, near "}"')
  })
})
