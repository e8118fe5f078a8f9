import { describe, expect, it, vi } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import { CODE_TEMPLATE } from './kinds'
import { emptyDocument, parseDocument, parseDocumentText } from './document'

const base = { format: 'mesh-playground', version: 1 }
const errorsOf = (input: unknown) => {
  const result = parseDocument(input)
  return result.ok ? [] : result.errors
}

describe('parseDocument', () => {
  it('reads a valid document and fills in the defaults', () => {
    const result = parseDocument({
      ...base,
      nodes: [
        { id: 'a', kind: 'echoer' },
        { id: 's', kind: 'sink' },
      ],
      edges: [{ source: 'a', port: 'target', target: 's' }],
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.document).toMatchObject({
      scheduler: 'taskmaster',
      mode: 'flush',
      seed: 1,
      inputs: [],
      limits: { maxActivations: 1_000_000, maxQueue: 10_000 },
      nodes: [{ id: 'a', label: 'echoer', params: { suffix: 'world!' }, priority: 0 }, { id: 's' }],
      edges: [{ id: 'a.target-s', source: 'a', port: 'target', target: 's' }],
    })
  })

  it('reads the demo documents', () => {
    expect(parseDocument(part3Json).ok).toBe(true)
    expect(parseDocument(emptyDocument()).ok).toBe(true)
  })

  it('names the field at fault', () => {
    expect(errorsOf({ ...base, nodes: [{ id: 'a', kind: 'zap' }] })).toEqual([
      'nodes[0].kind: is not a node kind (start, branch, doubler, tripler, recycler, sink, echoer, code, group)',
    ])
    expect(errorsOf({ ...base, nodes: [{ id: 'a', kind: 'start' }], edges: [{ source: 'a', port: 'left', target: 'b' }] })).toEqual([
      'edges[0].port: start has no port "left" (its ports: target)',
      'edges[0].target: no node has the id "b"',
    ])
    expect(
      errorsOf({
        ...base,
        nodes: [
          { id: 'a', kind: 'start' },
          { id: 'a', kind: 'sink' },
        ],
      }),
    ).toEqual(['nodes[1].id: "a" is used by another node'])
    expect(errorsOf({ ...base, nodes: [{ id: 'a', kind: 'start', priority: { random: [5, 1] } }] })).toEqual(['nodes[0].priority.random: lo (5) is above hi (1)'])
    expect(errorsOf({ ...base, nodes: [{ id: 'a', kind: 'start', params: { suffix: 'x' } }] })).toEqual(['nodes[0].params.suffix: start has no parameter "suffix"'])
    expect(errorsOf({ ...base, nodes: [], seed: -1 })).toEqual(['seed: is below 0'])
    expect(errorsOf({ ...base, nodes: [], inputs: [{ node: 'x', values: [{}] }] })[0]).toMatch(/^inputs\[0\]\.values\[0\]: /)
  })

  it('refuses what is not a mesh document, or is newer than this app', () => {
    expect(errorsOf([])).toEqual(['document: is not a JSON object'])
    expect(errorsOf({ nodes: [] })[0]).toMatch(/^format: .*not a mesh document/)
    expect(errorsOf({ ...base, version: 9, nodes: [] })[0]).toMatch(/^version: 9 is newer than this app understands \(3\)/)
    const text = parseDocumentText('{"format": ')
    expect(text.ok ? '' : text.errors[0]).toMatch(/^not valid JSON/)
  })

  describe('edge ids', () => {
    const identical = (count: number, extra: { id?: string; source: string; port: string; target: string }[] = []) => ({
      ...base,
      nodes: [
        { id: 'a', kind: 'start' },
        { id: 's', kind: 'sink' },
      ],
      edges: [...extra, ...Array.from({ length: count }, () => ({ source: 'a', port: 'target', target: 's' }))],
    })

    it('number identical edges a.target-s, a.target-s#2… past the ids already given', () => {
      const result = parseDocument(identical(4, [{ id: 'a.target-s#2', source: 'a', port: 'target', target: 's' }]))
      expect(result.ok && result.document.edges.map((e) => e.id)).toEqual(['a.target-s#2', 'a.target-s', 'a.target-s#3', 'a.target-s#4', 'a.target-s#5'])
    })

    it('are found in linear time for 6,000 identical edges (counting id look-ups)', () => {
      const has = vi.spyOn(Set.prototype, 'has')
      try {
        const result = parseDocument(identical(6000))
        expect(result.ok && result.document.edges[5999]!.id).toBe('a.target-s#6000')
        // Each edge looks up a few ids; numbering from #2 every time would take 18 million.
        expect(has.mock.calls.length).toBeLessThan(10 * 6000)
      } finally {
        has.mockRestore()
      }
    })
  })

  it('keeps hostile text as plain text', () => {
    const result = parseDocument({ ...base, nodes: [{ id: 'a', kind: 'sink', label: '<img src=x onerror=alert(1)>' }] })
    expect(result.ok && result.document.nodes[0]!.label).toBe('<img src=x onerror=alert(1)>')
  })

  describe('code nodes', () => {
    it('get the template and an out port when they come without code', () => {
      const result = parseDocument({ ...base, nodes: [{ id: 'c', kind: 'code' }] })
      expect(result.ok && result.document.nodes[0]!.code).toEqual({ source: CODE_TEMPLATE, ports: ['out'] })
    })

    it('may be wired from the ports they declare, and only those', () => {
      const doc = {
        ...base,
        nodes: [
          { id: 'c', kind: 'code', code: { source: '', ports: ['yes', 'no'] } },
          { id: 's', kind: 'sink' },
        ],
      }
      expect(errorsOf({ ...doc, edges: [{ source: 'c', port: 'no', target: 's' }] })).toEqual([])
      expect(errorsOf({ ...doc, edges: [{ source: 'c', port: 'out', target: 's' }] })).toEqual(['edges[0].port: code has no port "out" (its ports: yes, no)'])
    })

    it('name bad ports and code on nodes of other kinds', () => {
      expect(errorsOf({ ...base, nodes: [{ id: 'c', kind: 'code', code: { source: '', ports: ['a b'] } }] })[0]).toMatch(/^nodes\[0\]\.code\.ports\[0\]: is not a port name/)
      expect(errorsOf({ ...base, nodes: [{ id: 'c', kind: 'code', code: { source: '', ports: ['x', 'x'] } }] })).toEqual(['nodes[0].code.ports: "x" is declared twice'])
      expect(errorsOf({ ...base, nodes: [{ id: 'a', kind: 'start', code: { source: '', ports: [] } }] })).toEqual(['nodes[0].code: only a code node has code'])
    })
  })
})

describe('a written policy', () => {
  const policy = { name: 'Longest queue first', source: 'function (mesh) { return mesh.tasklets[0].id }' }
  const nodes = [{ id: 'a', kind: 'start' }]

  it('is read with its name and source, and kept when the scheduler is another', () => {
    const read = parseDocument({ ...base, nodes, scheduler: 'policy', policy })
    expect(read.ok && read.document).toMatchObject({ scheduler: 'policy', policy })
    const kept = parseDocument({ ...base, nodes, scheduler: 'priority', policy })
    expect(kept.ok && kept.document.policy).toEqual(policy)
  })

  it('is required when the scheduler is "policy", and its name and source are bounded', () => {
    expect(errorsOf({ ...base, nodes, scheduler: 'policy' })).toEqual(['policy: is missing; a document whose scheduler is "policy" carries its policy ({ "name", "source" })'])
    expect(errorsOf({ ...base, nodes, scheduler: 'policy', policy: { ...policy, name: 'x'.repeat(81) } })).toEqual(['policy.name: is longer than 80 characters'])
    expect(errorsOf({ ...base, nodes, scheduler: 'policy', policy: { ...policy, source: 'x'.repeat(20_001) } })).toEqual(['policy.source: is longer than 20000 characters'])
    expect(errorsOf({ ...base, nodes, scheduler: 'policy', policy: { name: 'n' } })[0]).toMatch(/^policy\.source: /)
    expect(errorsOf({ ...base, nodes, scheduler: 'planner' })[0]).toBe('scheduler: is not a scheduler (taskmaster, priority, policy, hand)')
  })

  it('leaves a document without one as it was: no policy key', () => {
    const read = parseDocument(part3Json)
    expect(read.ok && 'policy' in read.document).toBe(false)
  })
})
